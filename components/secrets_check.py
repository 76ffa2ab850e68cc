"""Refuse to run while a credential sits in the stack config in plaintext.

`components.program.build_stack` calls `refuse_plaintext_secrets` first, so `pulumi preview`
(and with it the pull request) fails as well as `pulumi up`, before anything is registered.
A plaintext value is committed with `stacks/Pulumi.<stack>.yaml` and kept by its history and
backups for good; the stack's secrets provider encrypts it (`pulumi config set --secret`).
The message gives the exact command, with the value read from stdin so that it stays out of
shell history (docs/operating-safely.md, "Rotating the Box client secret"). The value
itself is never shown.
"""

from __future__ import annotations

import re

import pulumi
from pulumi.runtime.config import get_config, is_config_secret

# Config keys that hold credentials; each must be stored with `--secret`.
SECRET_KEYS = ("box:clientSecret", "box:jwtConfig")


def plaintext_secrets(keys: tuple[str, ...] = SECRET_KEYS) -> list[str]:
    """The keys among `keys` that are set in the stack config but not as secrets."""
    return [key for key in keys if get_config(key) is not None and not is_config_secret(key)]


def refuse_plaintext_secrets(stack: str) -> None:
    """Stop the program with the fix when a credential is stored in plaintext."""
    found = plaintext_secrets()
    if found:
        raise pulumi.RunError("\n".join(_refusal(key, stack) for key in found))


def _refusal(key: str, stack: str) -> str:
    variable = re.sub(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", "_", key).upper()
    return (
        f"{key} is stored in plaintext in the stack config of {stack}; entra-box will not run "
        "until it is stored encrypted. Store it with the stack's secrets provider (the value "
        "from stdin, so it stays out of shell history):\n"
        f"    printf '%s' \"${variable}\" | pulumi config set --secret {key} --stack {stack}\n"
        "If the plaintext value was ever committed or pushed, also rotate it "
        '(docs/operating-safely.md: "Rotating the Box client secret").'
    )
