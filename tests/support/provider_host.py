"""entra-box's dynamic-provider host as its own process, spoken to as the engine does.

Used by the provider-process tests (tests/box, tests/security): `start_provider_host()`
runs `python -m components.provider_host` (what the `pulumi-resource-pulumi-python`
launchers run) with stdin a pipe held by the test, as the engine holds it, reads the port
it prints and connects a `ResourceProviderStub`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

import grpc
from pulumi.runtime.proto import provider_pb2_grpc

HOST_COMMAND = (sys.executable, "-m", "components.provider_host")


@dataclass
class ProviderProcess:
    """A running host, its gRPC stub and channel."""

    process: subprocess.Popen[str]
    stub: provider_pb2_grpc.ResourceProviderStub
    channel: grpc.Channel

    def stderr(self) -> str:
        """Stop the host; what it wrote to stderr (the provisioning log)."""
        self.process.terminate()
        _, err = self.process.communicate(timeout=30)
        return err

    def stop(self) -> None:
        self.channel.close()
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)


def start_provider_host(extra_env: dict[str, str] | None = None) -> ProviderProcess:
    env = {**os.environ, "PULUMI_PROJECT": "entra-box", **(extra_env or {})}
    process = subprocess.Popen(
        list(HOST_COMMAND),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    port = process.stdout.readline().strip()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    return ProviderProcess(process, provider_pb2_grpc.ResourceProviderStub(channel), channel)
