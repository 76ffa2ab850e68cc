"""The program's wait for outstanding outputs behaves as the SDK's own, and replaces it only for
the SDK it was written against (components/sdk_tuning/output_drain.py).

The behaviour tests run every scenario against both waits, the SDK's and ours, through the
SDK's public `Output` and its RPC manager, so a difference between them fails here. How much
faster ours is at 10,000 users is the benchmark's business (`make bench`), not a timed test's.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterator

import pulumi
import pulumi.runtime.stack as sdk_stack
import pytest
from pulumi.runtime import settings

from components.sdk_tuning import output_drain
from components.sdk_tuning.output_drain import (
    SDK_SOURCE_SHA256,
    SDK_WAIT_FOR_RPCS,
    drain_outputs_linearly,
    sdk_source_digest,
    wait_for_rpcs,
)
from tests.support.event_loop import run_on_private_loop
from tests.support.sdk_tuning import sdk_tuning_undone

Wait = Callable[..., Awaitable[None]]
WAITS = pytest.mark.parametrize("wait", [SDK_WAIT_FOR_RPCS, wait_for_rpcs], ids=["sdk", "ours"])


class ProgramError(Exception):
    """A program's own error inside an `apply`."""


@pytest.fixture(autouse=True)
def fresh_sdk_settings() -> Iterator[None]:
    """A settings bag of its own for each test: no outputs or RPCs left over from another."""
    settings.configure(settings.Settings(project="drain", stack="test", dry_run=True))
    yield
    settings.configure(settings.Settings(project="drain", stack="test", dry_run=True))


@pytest.fixture
def sdk_function_restored() -> Iterator[None]:
    with sdk_tuning_undone():
        yield


async def _after(ticks: int, value: str) -> str:
    for _ in range(ticks):
        await asyncio.sleep(0)
    return value


def _output(value: Awaitable[str]) -> pulumi.Output[str]:
    return pulumi.Output.from_input(value)


def _later(ticks: int, value: str) -> pulumi.Output[str]:
    """An output that resolves to `value` after `ticks` turns of the event loop."""
    return _output(_after(ticks, value))


def test_the_installed_sdk_is_the_one_the_drain_was_written_for() -> None:
    assert sdk_source_digest() == SDK_SOURCE_SHA256, (
        "pulumi's wait_for_rpcs changed: check whether the new SDK drains outputs in linear "
        "time (then delete components/sdk_tuning/output_drain.py) or not (then compare the "
        "new function with ours and record its digest)"
    )


@pytest.mark.usefixtures("sdk_function_restored")
def test_the_linear_wait_takes_the_sdks_place() -> None:
    assert drain_outputs_linearly() is True

    assert sdk_stack.wait_for_rpcs is wait_for_rpcs


@pytest.mark.usefixtures("sdk_function_restored")
def test_another_sdk_keeps_its_own_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output_drain, "SDK_SOURCE_SHA256", "0" * 64)

    assert drain_outputs_linearly() is False

    assert sdk_stack.wait_for_rpcs is SDK_WAIT_FOR_RPCS


@pytest.mark.usefixtures("sdk_function_restored")
def test_an_sdk_without_source_keeps_its_own_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_source(_: object) -> str:
        raise OSError("could not get source code")

    monkeypatch.setattr(inspect, "getsource", no_source)

    assert drain_outputs_linearly() is False

    assert sdk_stack.wait_for_rpcs is SDK_WAIT_FOR_RPCS


@WAITS
def test_outputs_created_while_waiting_are_waited_for(wait: Wait) -> None:
    seen: list[str] = []

    def create_another(name: str) -> None:
        # An output nobody awaits, created while the wait runs: a second round's work.
        _later(3, name).apply(seen.append)

    async def program() -> None:
        for index in range(50):
            _later(index % 7, f"user-{index}").apply(create_another)
        await wait()

    run_on_private_loop(program())

    assert sorted(seen) == sorted(f"user-{index}" for index in range(50))


@WAITS
def test_a_failed_output_is_raised(wait: Wait) -> None:
    def fail(name: str) -> str:
        raise ProgramError(name)

    async def program() -> None:
        _later(5, "fine")
        _later(2, "ada").apply(fail)
        await wait()

    with pytest.raises(ProgramError, match="ada"):
        run_on_private_loop(program())


@WAITS
def test_outputs_of_a_resource_the_engine_failed_are_passed_over(wait: Wait) -> None:
    seen: list[str] = []

    async def failed_registration() -> str:
        await asyncio.sleep(0)
        raise sdk_stack.ResourceRegistrationFailed("box:User ada")

    async def program() -> None:
        _output(failed_registration())
        _later(4, "grace").apply(seen.append)
        await wait()

    run_on_private_loop(program())

    assert seen == ["grace"]


@WAITS
def test_rpcs_are_waited_for_including_those_an_output_starts(wait: Wait) -> None:
    finished: list[str] = []
    started: list[asyncio.Future[object]] = []

    async def register(name: str) -> str:
        await _after(3, name)
        finished.append(name)
        return name

    def start_rpc(name: str) -> None:
        rpc = settings._get_rpc_manager().do_rpc("register resource", register)
        started.append(asyncio.ensure_future(rpc(name)))

    async def program() -> None:
        start_rpc("first")
        _later(6, "second").apply(start_rpc)
        await wait()

    run_on_private_loop(program())

    assert finished == ["first", "second"]


@WAITS
def test_a_failed_rpc_is_raised(wait: Wait) -> None:
    started: list[asyncio.Future[object]] = []

    async def register() -> None:
        await asyncio.sleep(0)
        raise ProgramError("register box:Group sales")

    async def program() -> None:
        rpc = settings._get_rpc_manager().do_rpc("register", register)
        started.append(asyncio.ensure_future(rpc()))
        await asyncio.sleep(0)  # the RPC starts, as the SDK's registrations have when it waits
        await wait()

    with pytest.raises(ProgramError, match="sales"):
        run_on_private_loop(program())
