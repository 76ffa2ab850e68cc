"""The Entra side of entra-box: the Box enterprise app in Entra ID, with pulumi-azuread.

Public API: `BoxEnterpriseApp` / `BoxEnterpriseAppArgs` (the component), `EntraLookups` (the
batched, cached data-source reads one program run shares), `read_entra_directory` (the
`directory.source: entra` reader), `EntraJobSettings` / `entra_job_settings` (the proposed
`provisioning.entraJob` settings and their adapter) and the errors in
`components.entra.errors`. Called by `components.program`.
"""
