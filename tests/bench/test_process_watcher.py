"""ProcessWatcher keeps each role's peak memory and CPU time, also after a process ended."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tools.bench.processes import ProcessWatcher

# Burns some CPU, starts a child whose command line names pulumi.dynamic (the provider's
# role), says so, then waits for stdin to close.
ENGINE_LIKE = textwrap.dedent(
    """
    import subprocess, sys, time
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()", "pulumi.dynamic"],
        stdin=subprocess.PIPE,
    )
    print("ready", flush=True)
    sys.stdin.read()
    child.communicate()
    """
)


def test_peak_memory_and_cpu_time_are_kept_per_role_after_the_processes_end() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", ENGINE_LIKE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    watcher = ProcessWatcher(process.pid)
    watcher.poll()
    process.communicate()
    watcher.poll()  # the processes are gone: nothing may be forgotten
    assert watcher.cpu_seconds["engine"] >= 0.3
    assert watcher.peak_kb["engine"] > 0
    assert watcher.peak_kb["provider"] > 0
    assert watcher.peak_kb["program"] == 0
