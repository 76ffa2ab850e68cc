"""entra-box's fallback Python language host for the Pulumi engine.

Installed as `.venv/bin/pulumi-language-python` by `tools.pulumi_toolchain` only when the
Go module proxy does not serve Pulumi's own host (`sdk/python/cmd/pulumi-language-python`)
at the SDK's version. It runs programs with Pulumi's own `pulumi-language-python-exec`, so
program behaviour is Pulumi's; it reproduces the host's RPCs the engine relies on
(`server.py`), one module per job.
"""
