"""Garbage-collector settings for the Pulumi program's process, applied before its first resource.

The Pulumi Python SDK gives every property of every resource an `Output` backed by four
asyncio futures and a task, all alive until the program exits: about twenty long-lived
objects per property, hundreds of thousands at 10,000 users. CPython's full collections
walk every one of them, again and again as the heap grows, and find almost nothing to
free. Measured with `make bench` (docs/performance.md): at 3,000 users full
collections took 16 s of a no-change preview's 35 s of program CPU; without them the
program's CPU time halved and its peak memory did not change. Young-generation
collections stay on, so short-lived reference cycles are still reclaimed.
"""

from __future__ import annotations

import gc

# Full collections run after this many middle-generation ones: in practice never.
NO_FULL_COLLECTIONS = 1_000_000_000


def skip_full_collections() -> None:
    """Keep the collector's young and middle generations; stop its full collections."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, NO_FULL_COLLECTIONS)
