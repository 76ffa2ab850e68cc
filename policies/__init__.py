"""The entra-box CrossGuard policy pack: guardrails every preview and deploy runs.

`__main__.py` builds the pack from `pack.POLICIES`; one module per family of policies
(`entra_app`, `entra_assignments`, `box_deprovision`, `box_coadmins`), each a set of pure
validator functions plus their `Policy` objects; `reading`, `box_users`, `production`,
`settings` and `violations` are what they share. Config per stack: `config/<stack>.json`.
"""
