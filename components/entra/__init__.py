"""The Entra side of entra-box: the Box enterprise app in Entra ID, with pulumi-azuread.

Called by `components.program`. Modules, one job each: `component` (`BoxEnterpriseApp`, the
ComponentResource), `lookups` (`EntraLookups`, every data-source read, batched and cached),
`principals` (UPNs and group names to object ids), `app_roles` (role by name or value),
`naming` (resource names), `box_saml` (Box's documented SAML settings), `provisioning_job`
(`provisioning.engine` and `provisioning.entraJob`), `directory_reader`
(`directory.source: entra`), `adoption` (an existing Box app this stack does not hold),
`graph` (Microsoft Graph where pulumi-azuread has no resource: dynamic providers and
read-only program reads), `spec_adapter` (what is read from the spec) and `errors`.
Tenant prerequisites and manual steps: docs/entra.md.
"""
