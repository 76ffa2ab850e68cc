"""Running a coroutine on an event loop of its own, for tests that drive the Pulumi SDK directly.

`asyncio.run` would leave the thread without a current loop afterwards, and the SDK's mocks
(used by later tests in the same session) ask the thread for one; a private loop, as
`pulumi.dynamic` itself uses, leaves the thread's loop alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_on_private_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to completion on a new loop, closed afterwards; return its result."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()
