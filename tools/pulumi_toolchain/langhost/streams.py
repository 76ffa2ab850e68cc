"""Relay a child process's stdout and stderr as they arrive, without threads.

Used by `plugins.py` (RunPlugin) and `dependencies.py` (InstallDependencies), whose gRPC
responses are streams of output chunks.
"""

from __future__ import annotations

import os
import selectors
import subprocess
from collections.abc import Iterator
from typing import Literal

Stream = Literal["stdout", "stderr"]
CHUNK_BYTES = 64 * 1024


def relay(process: subprocess.Popen[bytes]) -> Iterator[tuple[Stream, bytes]]:
    """Yield `(stream, chunk)` until both of `process`'s pipes are closed."""
    with selectors.DefaultSelector() as selector:
        for name, pipe in (("stdout", process.stdout), ("stderr", process.stderr)):
            if pipe is not None:
                selector.register(pipe, selectors.EVENT_READ, name)
        while selector.get_map():
            for key, _ in selector.select():
                chunk = os.read(key.fd, CHUNK_BYTES)
                if chunk:
                    yield key.data, chunk
                else:
                    selector.unregister(key.fileobj)
