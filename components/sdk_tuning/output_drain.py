"""The SDK's end-of-program wait for outstanding outputs, in time linear in their number.

Once the program's code has returned, the Python SDK's `wait_for_rpcs` waits for every
registration RPC, then for every outstanding `Output` (`SETTINGS.outputs`, about twenty per
resource). Pulumi 3.260 drains those outputs with `asyncio.wait(every outstanding output,
return_when=FIRST_COMPLETED)` in a loop (pulumi/pulumi#22411): each round hangs a
done-callback on every outstanding output, and takes it off again, to learn of one batch of
completions, so the wait costs outstanding outputs x rounds, quadratic in the number of
resources. Sampled with py-spy in a no-change preview of 10,000 users, that loop was 46 % of
the program's CPU time, and the program was the slowest of the three processes
(docs/performance.md).

`wait_for_rpcs` below keeps the SDK's behaviour (the RPCs first, in its order; then outputs,
round after round until no new ones appear; a failed output re-raised as soon as it is
reached; `ResourceRegistrationFailed` passed over so that continue-on-error runs go on) but
learns of completions from `asyncio.as_completed`: one callback per output, linear. Only its
`--debug`-only "waiting for quiescence" messages are left out.

`drain_outputs_linearly` puts it in the SDK's place only when the SDK's function is the one
it was written against (`SDK_SOURCE_SHA256`): after an SDK upgrade the program keeps the
SDK's own wait, and `tests/sdk_tuning/` fails until someone checks whether the upgrade fixed
the SDK (then delete this module) or not (then record the new digest).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import inspect
from typing import Final

import pulumi.runtime.stack as sdk_stack
from pulumi.runtime.rpc_manager import RPCManager
from pulumi.runtime.settings import SETTINGS, _get_rpc_manager

# SHA-256 of the source of `wait_for_rpcs` in pulumi 3.260.0.
SDK_SOURCE_SHA256: Final = "c92289a2f839f5221a4068c262a706a05ce2af506b5484545ac5d371b6211e48"

# The SDK's own function, whichever the program ends up using.
SDK_WAIT_FOR_RPCS: Final = sdk_stack.wait_for_rpcs


def sdk_source_digest() -> str | None:
    """The SHA-256 of the source of the installed SDK's `wait_for_rpcs`; None without source."""
    try:
        source = inspect.getsource(SDK_WAIT_FOR_RPCS)
    except (OSError, TypeError):
        # An SDK installed without its .py files: unknown, so the SDK's wait stays.
        return None
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


async def _await_rpcs(rpc_manager: RPCManager) -> None:
    """Every registration RPC; a failed one re-raised with the first unhandled error as cause."""
    while rpc_manager.rpcs:
        # Let the RPCs just queued start before waiting on the newest (the SDK's order).
        await asyncio.sleep(0)
        try:
            await rpc_manager.rpcs.pop()
        except Exception as error:
            if rpc_manager.unhandled_exception is not None:
                cause = rpc_manager.unhandled_exception.with_traceback(
                    rpc_manager.exception_traceback
                )
                raise error from cause
            raise
    if rpc_manager.unhandled_exception is not None:
        raise rpc_manager.unhandled_exception.with_traceback(rpc_manager.exception_traceback)


def _take_outstanding_outputs() -> list[asyncio.Future[object]]:
    """The outputs created so far; outputs created from now on collect for the next round."""
    with SETTINGS.lock:
        outstanding = list(SETTINGS.outputs)
        SETTINGS.outputs.clear()
    return outstanding


async def _await_outputs() -> None:
    """Every outstanding output as it completes, round after round until none are left."""
    while outstanding := _take_outstanding_outputs():
        for completion in asyncio.as_completed(outstanding):
            # The SDK's rule: the engine failed that resource and faulted its outputs on
            # purpose; a continue-on-error run must not stop for it.
            with contextlib.suppress(sdk_stack.ResourceRegistrationFailed):
                await completion


async def wait_for_rpcs(await_all_outstanding_tasks: bool = True) -> None:
    """`pulumi.runtime.stack.wait_for_rpcs`, waiting for outputs in linear time."""
    rpc_manager = _get_rpc_manager()
    while True:
        await _await_rpcs(rpc_manager)
        if await_all_outstanding_tasks:
            await _await_outputs()
        # Outputs may have started more RPCs (an `apply` creating a resource): wait again.
        if not rpc_manager.rpcs:
            return


def drain_outputs_linearly() -> bool:
    """Use the linear wait in this process; False, and the SDK's wait kept, for another SDK."""
    if sdk_source_digest() != SDK_SOURCE_SHA256:
        return False
    sdk_stack.wait_for_rpcs = wait_for_rpcs
    return True
