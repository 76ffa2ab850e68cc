"""Guardrails that protect access, checked on every run however it was started.

The policy pack (`policies/`) runs only when `--policy-pack` is given; these checks run in
the program itself (`components.program`, so a plain `pulumi preview` or `up` fails them) and
in `python -m components validate`, once per cause with the spec line to fix. They are the
co-admin cap (`box-coadmin-limit`), co-admins only by name (`box-coadmins-explicit`) and no
forced deletion in production (`box-no-force-delete-in-production`); an inactive or
unmanaged transfer custodian is refused by resolution already. Their limits and levels come
from the stack's policy config file, `policies/config/<stack>.json`, which the pack reads too.
"""

from components.guardrails.config import GuardrailConfig, read_guardrail_config
from components.guardrails.rules import Breach, check_guardrails, render

__all__ = ["Breach", "GuardrailConfig", "check_guardrails", "read_guardrail_config", "render"]
