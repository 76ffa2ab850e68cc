"""Microsoft Graph where pulumi-azuread has no resource, as small dynamic providers.

`settings` (credentials from stack config), `client` (one HTTP client per process, errors
that name the missing permission), `synchronization` (pure choices: which template, which
secrets entra-box owns) and `resources` (the dynamic providers and their resources). Used
by `components.entra.component`; every provider class is listed in
`components/provider_host/allowed.py`.
"""
