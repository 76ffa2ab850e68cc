"""Peak memory of the processes one `pulumi` command starts, read from /proc (Linux).

`engine.BenchStack.pulumi` runs a `ProcessWatcher` beside every command. The engine (the
`pulumi` process) starts the Python language host, which runs the program, and the
dynamic-provider plugin (`python -m components.provider_host`, one process serving every Box
resource). `resource.getrusage(RUSAGE_CHILDREN)` would give only the largest of them, so
the watcher polls the process tree instead and keeps each process's `VmHWM` (the kernel's
own high-water mark of its resident set, so a poll that comes late still sees the peak)
and the CPU time each has used so far (user plus system; the last poll before a process
ends may miss up to one poll interval of it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

PROC = Path("/proc")
POLL_SECONDS = 0.5
ROLES = ("engine", "program", "provider")
# The dynamic-provider host: entra-box's (its launcher or console script), or Pulumi's.
PROVIDER_MARKS = ("components.provider_host", "pulumi-resource-pulumi-python", "pulumi.dynamic")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def role_of(pid: int, root: int, cmdline: str) -> str | None:
    """Which part of a Pulumi run a process is, from its command line."""
    if pid == root:
        return "engine"
    if any(mark in cmdline for mark in PROVIDER_MARKS):
        return "provider"
    if "pulumi-language-python-exec" in cmdline:
        return "program"
    return None


class ProcessWatcher:
    """Polls the process tree under `root` and keeps the peak resident set per role, in kB."""

    def __init__(self, root: int, poll_seconds: float = POLL_SECONDS) -> None:
        self.root = root
        self.peak_kb: dict[str, int] = dict.fromkeys(ROLES, 0)
        self._cpu_by_pid: dict[int, tuple[str, float]] = {}
        self._poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-rss", daemon=True)

    def __enter__(self) -> ProcessWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) per role, summed over its processes."""
        totals = dict.fromkeys(ROLES, 0.0)
        for role, seconds in self._cpu_by_pid.values():
            totals[role] += seconds
        return totals

    def poll(self) -> None:
        for pid in _descendants(self.root):
            role = role_of(pid, self.root, _read(PROC / str(pid) / "cmdline").replace("\0", " "))
            if role is not None:
                self.peak_kb[role] = max(self.peak_kb[role], _high_water_kb(pid))
                # CPU time only grows; a process already gone reads as 0 and changes nothing.
                seen = self._cpu_by_pid.get(pid, (role, 0.0))[1]
                self._cpu_by_pid[pid] = (role, max(seen, _cpu_seconds(pid)))

    def _run(self) -> None:
        while not self._stop.wait(self._poll_seconds):
            self.poll()


def _descendants(root: int) -> Iterator[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parents():
        children.setdefault(parent, []).append(pid)
    pending = [root]
    while pending:
        pid = pending.pop()
        yield pid
        pending.extend(children.get(pid, []))


def _parents() -> Iterator[tuple[int, int]]:
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if len(fields) > 1:
                yield int(entry.name), int(fields[1])


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat from field 3 (state) on: the command name (field 2) may hold spaces."""
    return _read(PROC / str(pid) / "stat").rpartition(")")[2].split()


def _cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    # utime and stime are fields 14 and 15 of stat, 11 and 12 after the command name.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if len(fields) > 12 else 0.0


def _high_water_kb(pid: int) -> int:
    for line in _read(PROC / str(pid) / "status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:  # the process ended between listing and reading
        return ""
