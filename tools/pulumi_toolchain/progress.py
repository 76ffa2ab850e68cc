"""Progress lines for set-up: one prefix, flushed at once, and a heartbeat for long steps.

Used by the acquisition strategies; the Go build takes minutes, so silence would look like
a hang.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PREFIX = "[pulumi-toolchain]"


def say(message: str) -> None:
    """Print one progress line at once (set-up output is often piped)."""
    print(f"{PREFIX} {message}", file=sys.stderr, flush=True)


@contextmanager
def heartbeat(label: str, detail: Callable[[], str], every: float = 20.0) -> Iterator[None]:
    """Say `label: <elapsed>s <detail()>` every `every` seconds while the block runs."""
    stop = threading.Event()
    started = time.monotonic()

    def beat() -> None:
        while not stop.wait(every):
            say(f"{label}: {time.monotonic() - started:.0f}s {detail()}".rstrip())

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
