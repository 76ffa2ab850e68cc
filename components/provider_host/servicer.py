"""The gRPC `ResourceProvider` service for every dynamic resource, on Pulumi's public stubs.

Protocol-compatible with Pulumi's own host (`pulumi.dynamic.__main__`): Configure keeps the
stack config for the providers' `configure`; Check, Diff, Create, Read, Update and Delete
decode the properties, get the resource's provider from its `__provider` (the new inputs',
or the old state's when the new one is not known yet) and call it; outputs and inputs carry
`__provider` back; a provider's `DetailedDiffResult` (`detailed_diff.py`) also sends its
changed paths, so `--diff` shows those alone; a provider that stores its inputs once
(`stored_once.py`) has its outputs slimmed and its stored inputs merged back. Two
differences, the reasons this module exists: a provider string is loaded only through
`loading.load_provider` (entra-box's own provider classes, nothing unpickled), and a
failed call reaches the engine as `reporting.describe` of its error. Served by `__main__.main`.
"""

# The servicer's method names are fixed by the gRPC service definition.
# ruff: noqa: N802

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

import grpc
from google.protobuf import empty_pb2, struct_pb2  # type: ignore[import-untyped]
from pulumi.dynamic import Config, ConfigureRequest, ResourceProvider
from pulumi.metadata import get_project
from pulumi.runtime import Settings, configure, rpc
from pulumi.runtime.proto import plugin_pb2, provider_pb2_grpc
from pulumi.runtime.proto import provider_pb2 as proto

from components.provider_host.detailed_diff import Kind, Paths, paths_of, top_level
from components.provider_host.loading import load_provider
from components.provider_host.reporting import describe
from components.provider_host.stored_once import opted_in, slimmed, whole

PROVIDER_KEY = "__provider"
PLUGIN_VERSION = "0.1.0"
# grpc ships no type information; its servicer context is untyped here.
Context = Any
R = TypeVar("R")


def reported(method: Callable[..., R]) -> Callable[..., R]:
    """Any error of the call reaches the engine as `describe(error)`, never a raw dump."""

    @functools.wraps(method)
    def calling(self: ProviderHost, request: Any, context: Context) -> R:
        try:
            return method(self, request, context)
        except Exception as error:  # every failure must reach the engine, as one message
            context.abort(grpc.StatusCode.UNKNOWN, describe(error))
            raise AssertionError("context.abort returned") from None  # it always raises

    return calling


class ProviderHost(provider_pb2_grpc.ResourceProviderServicer):
    """Serves entra-box's dynamic providers to the engine."""

    def __init__(self) -> None:
        self._config: dict[str, Any] = {}
        self._providers: dict[str, ResourceProvider] = {}
        self._lock = threading.Lock()

    def GetPluginInfo(self, request: Any, context: Context) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version=PLUGIN_VERSION)

    def Configure(self, request: proto.ConfigureRequest, context: Context) -> Any:
        config = rpc.deserialize_properties(request.args)
        self._config = {key: rpc.unwrap_rpc_secret(value) for key, value in config.items()}
        return proto.ConfigureResponse(acceptSecrets=False)

    def Cancel(self, request: Any, context: Context) -> empty_pb2.Empty:
        return empty_pb2.Empty()

    @reported
    def Check(self, request: proto.CheckRequest, context: Context) -> proto.CheckResponse:
        olds = rpc.deserialize_properties(request.olds, True)
        news = rpc.deserialize_properties(request.news, True)
        result = self._newest(olds, news, request.urn).check(olds, news)
        inputs = {**result.inputs, PROVIDER_KEY: news[PROVIDER_KEY]}
        failures = [_failure(failure) for failure in result.failures]
        return proto.CheckResponse(inputs=_struct(inputs), failures=failures)

    @reported
    def Diff(self, request: proto.DiffRequest, context: Context) -> proto.DiffResponse:
        stored = rpc.deserialize_properties(request.olds, True)
        news = rpc.deserialize_properties(request.news, True)
        provider = self._newest(stored, news, request.urn)
        olds = _state(provider, stored, rpc.deserialize_properties(request.old_inputs, True))
        result = provider.diff(request.id, olds, news)
        fields: dict[str, Any] = {"changes": _changes(result.changes)}
        if result.replaces is not None:
            fields["replaces"] = result.replaces
        if result.delete_before_replace is not None:
            fields["deleteBeforeReplace"] = result.delete_before_replace
        paths = paths_of(result)
        if paths is not None:
            # What `pulumi preview --diff` prints: these paths, not the whole objects.
            fields["hasDetailedDiff"] = True
            fields["detailedDiff"] = _detailed(paths, result.replaces or [], stored.keys())
            fields["diffs"] = top_level(paths)
        return proto.DiffResponse(**fields)

    @reported
    def Create(self, request: proto.CreateRequest, context: Context) -> proto.CreateResponse:
        props = rpc.deserialize_properties(request.properties)
        provider = self._provider(props, request.urn)
        result = provider.create(props)
        outs = _stored(provider, {**(result.outs or {}), PROVIDER_KEY: props[PROVIDER_KEY]}, props)
        return proto.CreateResponse(id=result.id, properties=_struct(outs))

    @reported
    def Read(self, request: proto.ReadRequest, context: Context) -> proto.ReadResponse:
        stored = rpc.deserialize_properties(request.properties)
        provider = self._provider(stored, request.urn)
        inputs = rpc.deserialize_properties(request.inputs)
        props = _state(provider, stored, inputs)
        result = provider.read(request.id, props)
        fields: dict[str, Any] = {"id": result.id}
        if result.inputs is not None:  # the provider's inputs are used for later diffs
            inputs = {**result.inputs, PROVIDER_KEY: props[PROVIDER_KEY]}
            fields["inputs"] = _struct(inputs)
        outs = {**(result.outs or {}), PROVIDER_KEY: props[PROVIDER_KEY]}
        fields["properties"] = _struct(_stored(provider, outs, inputs))
        return proto.ReadResponse(**fields)

    @reported
    def Update(self, request: proto.UpdateRequest, context: Context) -> proto.UpdateResponse:
        news = rpc.deserialize_properties(request.news)
        provider = self._provider(news, request.urn)
        olds = rpc.deserialize_properties(request.olds)
        olds = _state(provider, olds, rpc.deserialize_properties(request.old_inputs))
        result = provider.update(request.id, olds, news)
        outs = _stored(provider, {**(result.outs or {}), PROVIDER_KEY: news[PROVIDER_KEY]}, news)
        return proto.UpdateResponse(properties=_struct(outs))

    @reported
    def Delete(self, request: proto.DeleteRequest, context: Context) -> empty_pb2.Empty:
        stored = rpc.deserialize_properties(request.properties)
        provider = self._provider(stored, request.urn)
        props = _state(provider, stored, rpc.deserialize_properties(request.old_inputs))
        provider.delete(request.id, props)
        return empty_pb2.Empty()

    def _newest(self, olds: dict[str, Any], news: dict[str, Any], urn: str) -> ResourceProvider:
        # A preview may not know the new provider yet; the old state's is then the one.
        unknown = news.get(PROVIDER_KEY) == rpc.UNKNOWN
        return self._provider(olds if unknown else news, urn)

    def _provider(self, props: dict[str, Any], urn: str) -> ResourceProvider:
        """The checked, configured provider of `props`; each is loaded once per process."""
        _settings_for_this_thread()
        encoded = props.get(PROVIDER_KEY)
        with self._lock:
            provider = self._providers.get(str(encoded))
            if provider is None:
                provider = load_provider(encoded, urn)  # type: ignore[arg-type]
                provider.configure(_configure_request(self._config))
                self._providers[str(encoded)] = provider
        return provider


def _settings_for_this_thread() -> None:
    # As Pulumi's host does, so that `pulumi.log` and `pulumi.Config` work in the providers.
    configure(
        Settings(
            project=os.environ.get("PULUMI_PROJECT", "project"),
            stack="stack",
            organization="organization",
        )
    )


def _configure_request(config: dict[str, Any]) -> ConfigureRequest:
    return ConfigureRequest(config=Config(raw_config=config, project_name=get_project()))


def _failure(failure: Any) -> proto.CheckFailure:
    return proto.CheckFailure(property=failure.property, reason=failure.reason)


def _changes(changes: bool | None) -> Any:
    if changes is None:
        return proto.DiffResponse.DIFF_UNKNOWN
    return proto.DiffResponse.DIFF_SOME if changes else proto.DiffResponse.DIFF_NONE


_KINDS: dict[tuple[Kind, bool], Any] = {
    (Kind.ADD, False): proto.PropertyDiff.ADD,
    (Kind.ADD, True): proto.PropertyDiff.ADD_REPLACE,
    (Kind.DELETE, False): proto.PropertyDiff.DELETE,
    (Kind.DELETE, True): proto.PropertyDiff.DELETE_REPLACE,
    (Kind.UPDATE, False): proto.PropertyDiff.UPDATE,
    (Kind.UPDATE, True): proto.PropertyDiff.UPDATE_REPLACE,
}


def _detailed(
    paths: Paths, replaces: list[str], stored: Collection[str]
) -> dict[str, proto.PropertyDiff]:
    # The engine shows a path's old value from the stored outputs, or with `inputDiff` from
    # the stored inputs: those for a key the outputs do not hold (`stored_once.py`). A path
    # under a replacing key is marked as replacing.
    replacing = set(replaces)
    diffs = {}
    for each, kind in paths.items():
        key = top_level({each: kind})[0]
        diffs[each] = proto.PropertyDiff(
            kind=_KINDS[kind, key in replacing], inputDiff=key not in stored
        )
    return diffs


def _state(
    provider: ResourceProvider, stored: dict[str, Any], inputs: dict[str, Any]
) -> dict[str, Any]:
    """What the provider wrote as its state: for one that stores inputs once, made whole."""
    return whole(stored, inputs) if opted_in(provider) else stored


def _stored(
    provider: ResourceProvider, outputs: dict[str, Any], inputs: Mapping[str, Any]
) -> dict[str, Any]:
    """The outputs to store: for one that stores inputs once, without what `inputs` hold."""
    return slimmed(outputs, inputs, provider) if opted_in(provider) else outputs


def _struct(props: dict[str, Any]) -> struct_pb2.Struct:
    return asyncio.run(rpc.serialize_properties(props, {}))
