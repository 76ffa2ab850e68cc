"""entra-box's dynamic-provider host: what the engine runs to serve every dynamic resource.

The Pulumi engine starts `pulumi-resource-pulumi-python` for Python dynamic resources and
hands it each resource's pickled provider (`__provider`), old state included: `refresh`,
`preview --refresh` and `destroy` pass what the state backend holds. Pulumi's own host
(`python -m pulumi.dynamic`) unpickles whatever it gets, so whoever can write the state could
run code on the runner that holds the Box secret and the Entra credentials. This host serves
the same gRPC protocol, but accepts only a pickle that is a bare reference to one of
entra-box's own provider classes (`allowed.py`), checked opcode by opcode without unpickling
anything (`pickle_check.py`, `loading.py`). It also reports provider errors as their one
message (`reporting.py`) and exits as soon as the engine that started it dies
(`engine_watch.py`).

Started by the `pulumi-resource-pulumi-python` console script (pyproject.toml) or set-up's
launcher of the same name, both in the project virtualenv's `bin`, which `Pulumi.yaml` names
as the plugin's directory (docs/operating-safely.md: "Security").
"""
