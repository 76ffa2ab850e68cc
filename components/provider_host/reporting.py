"""What the engine shows when a provider call fails: the error's one message, unless debugging.

`servicer.ProviderHost` reports every failed call with `describe`. entra-box's own errors
(a class defined under `components`, such as the Box providers' `BoxProviderError` and the
Entra side's errors, or a `pulumi.RunError`) already name the object, what went wrong and
what to do, so they are shown alone: Pulumi's host showed the whole chained traceback,
90 lines for a wrong client secret, which buried the message in the terminal and in the PR
summary. Anything else is unexpected (a bug), shown as its type and first line. With
`ENTRA_BOX_DEBUG=true` the engine gets the full traceback, causes included.
"""

from __future__ import annotations

import os
import traceback

import pulumi

DEBUG_VARIABLE = "ENTRA_BOX_DEBUG"
_OURS = "components."


def debugging(environ: dict[str, str] | None = None) -> bool:
    """`ENTRA_BOX_DEBUG` is set to a true value (1, true, yes, on)."""
    value = (environ if environ is not None else os.environ).get(DEBUG_VARIABLE, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def describe(error: BaseException, *, debug: bool | None = None) -> str:
    """The text the engine shows for `error`."""
    if debugging() if debug is None else debug:
        return "".join(traceback.format_exception(error))
    if is_ours(error):
        return str(error)
    first_line = (str(error).splitlines() or [""])[0]
    return (
        f"{type(error).__name__}: {first_line} (unexpected in entra-box's providers; "
        f"{DEBUG_VARIABLE}=true shows the traceback for a bug report)"
    )


def is_ours(error: BaseException) -> bool:
    """Raised on purpose with a message for the user, by entra-box or as a `pulumi.RunError`."""
    return isinstance(error, pulumi.RunError) or type(error).__module__.startswith(_OURS)
