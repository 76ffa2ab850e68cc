"""entra-box's dynamic-provider host as the engine meets it: one process, spoken to over gRPC.

A planted `__provider` fails the call with the refusal and runs nothing; the host exits once
the engine is gone, whether it sees its stdin close or its parent change.
"""

from __future__ import annotations

import base64
import os
import pickle
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.runtime.proto import provider_pb2

from components.provider_host.engine_watch import ENGINE_GONE_EXIT_CODE
from tests.reliability.engine_runs import survivors
from tests.support.provider_host import HOST_COMMAND, ProviderProcess, start_provider_host
from tests.support.wire import wire_struct

URN = "urn:pulumi:dev::entra-box::entra-box:box:Tenant$pulumi-python:dynamic/box:User::ann"


class _Touch:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


@pytest.fixture
def host() -> Iterator[ProviderProcess]:
    started = start_provider_host()
    yield started
    started.stop()


def test_a_planted_provider_in_old_state_fails_the_read_and_runs_nothing(
    host: ProviderProcess, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    planted = base64.b64encode(pickle.dumps(_Touch(marker))).decode()
    props = wire_struct({"login": "ann@contoso.com", "__provider": planted})

    with pytest.raises(grpc.RpcError) as refused:
        host.stub.Read(provider_pb2.ReadRequest(id="1", urn=URN, properties=props))

    assert not marker.exists()
    details = str(refused.value.details())
    assert details.startswith("entra-box refused the dynamic provider stored in the state of")
    assert URN in details
    assert "Traceback" not in details


def test_the_host_exits_when_the_engine_closes_its_end_of_stdin(host: ProviderProcess) -> None:
    assert host.process.stdin is not None
    host.process.stdin.close()  # what the kernel does when the engine dies

    assert host.process.wait(timeout=30) == ENGINE_GONE_EXIT_CODE


def test_without_a_stdin_pipe_the_host_exits_when_its_parent_dies() -> None:
    # A parent shell starts the host with stdin from /dev/null and prints its pid; the host
    # then prints its port, once it watches its parent.
    script = 'exec 0</dev/null; "$@" 2>/dev/null & echo $!; wait'
    parent = subprocess.Popen(
        ["sh", "-c", script, "sh", *HOST_COMMAND], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    host_pid = int(parent.stdout.readline())
    assert parent.stdout.readline().strip().isdigit()  # the port: the host is serving

    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()

    assert survivors({host_pid}, wait_seconds=30) == set()
