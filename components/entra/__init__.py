"""The Entra side of entra-box: the Box enterprise app in Entra ID, with pulumi-azuread.

Called by `components.program`. Modules, one job each: `component` (`BoxEnterpriseApp`, the
ComponentResource), `lookups` (`EntraLookups`, every data-source read, batched and cached),
`principals` (UPNs and group names to object ids), `app_roles` (role by name or value),
`naming` (resource names), `box_saml` (Box's documented SAML settings), `provisioning_job`
(`provisioning.engine` and `provisioning.entraJob`), `directory_reader`
(`directory.source: entra`), `spec_adapter` (what is read from the spec) and `errors`.
"""
