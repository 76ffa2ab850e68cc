"""The providers inside the process the Pulumi engine runs for Python dynamic providers.

entra-box's host (`python -m components.provider_host`) is what the engine's
`pulumi-resource-pulumi-python` starts. These tests speak the engine's gRPC protocol to
it: Configure with the whole stack config
(namespaced keys, the secret wrapped as a secret), then Check/Create/Read/Delete with the
provider pickled into `__provider` exactly as `pulumi.dynamic.Resource` pickles it. They
prove the pickled provider loads in a fresh process, that `configure` finds the `box:*`
keys, and that the provisioning log leaves on stderr, which the engine shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from box_sdk_gen import BoxClient
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from components.box.user import BoxUserProvider
from emulator import EmulatorServer
from tests.box.conftest import box_user, stack_config, user_inputs
from tests.conftest import BOX_CLIENT_SECRET
from tests.support.provider_host import ProviderProcess, start_provider_host
from tests.support.wire import wire_struct

URN = "urn:pulumi:test::entra-box::entra-box:box:Tenant$pulumi-python:dynamic/box:User::ann"


@pytest.fixture
def provider_process() -> Iterator[ProviderProcess]:
    host = start_provider_host()
    yield host
    host.stop()


def configure(stub: provider_pb2_grpc.ResourceProviderStub, url: str, secret: str) -> None:
    config: dict[str, Any] = dict(stack_config(url))
    config["box:clientSecret"] = rpc.wrap_rpc_secret(secret)  # as the engine sends a secret
    stub.Configure(provider_pb2.ConfigureRequest(args=wire_struct(config)))


def check(stub: provider_pb2_grpc.ResourceProviderStub, news: dict[str, Any]) -> Any:
    provider = serialize_provider(BoxUserProvider())
    request = provider_pb2.CheckRequest(
        urn=URN, olds=wire_struct({}), news=wire_struct({**news, "__provider": provider})
    )
    return stub.Check(request)


def test_a_user_lives_and_leaves_the_stack_through_the_engine_protocol(
    box: EmulatorServer, box_client: BoxClient, provider_process: ProviderProcess
) -> None:
    stub = provider_process.stub
    configure(stub, box.url, BOX_CLIENT_SECRET)

    checked = check(stub, user_inputs("ann@contoso.com", name="Ann"))
    assert list(checked.failures) == []
    created = stub.Create(provider_pb2.CreateRequest(urn=URN, properties=checked.inputs))
    assert box_user(box_client, created.id).name == "Ann"
    read = stub.Read(
        provider_pb2.ReadRequest(id=created.id, urn=URN, properties=created.properties)
    )
    assert read.id == created.id
    stub.Delete(provider_pb2.DeleteRequest(id=created.id, urn=URN, properties=read.properties))

    # Leaving the stack's records changes nothing in Box: departures decide who leaves.
    status = box_user(box_client, created.id).status
    assert status is not None and status.value == "active"
    log = provider_process.stderr()
    assert f"info: box user ann@contoso.com (id {created.id}): create: created" in log
    assert "leave the stack's records: account unchanged in Box" in log
    assert BOX_CLIENT_SECRET not in log


def test_wrong_credentials_fail_at_the_first_check_without_showing_the_secret(
    box: EmulatorServer, provider_process: ProviderProcess
) -> None:
    stub = provider_process.stub
    configure(stub, box.url, "wrong-secret-value")

    with pytest.raises(grpc.RpcError) as raised:
        check(stub, user_inputs("ann@contoso.com"))

    details = str(raised.value.details())
    assert details.startswith("Box connection check failed: Box rejected the app credentials")
    assert "box:clientId or box:clientSecret is wrong" in details
    assert "Traceback" not in details
    assert "wrong-secret-value" not in details + provider_process.stderr()
    assert box.request_log.writes() == []
