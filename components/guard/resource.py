"""The `guard:DeprovisionGuard` dynamic resource: the mass-deprovision guard in the engine.

`components.program` registers one per stack (`deprovision-guard`) and makes every Box user
and group (and the Entra app) depend on it, so nothing changes before it passes. The engine
calls the provider's `check` with the previous run's inputs during `pulumi preview` and
again before any step of `pulumi up`; a failed check stops the run before the first Box
write and before the end-of-run deletes. `check` records only the managed users, groups and
limit: the acknowledgement is never stored, so it holds for the run that gave it. The
provider talks to nothing; its create, update, read and delete only keep the inputs.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pydantic import ValidationError

from components.guard.plan import GuardInputs, plan_deprovisions
from components.guard.verdict import acknowledgement_note, guard_failure

GUARD_NAME = "deprovision-guard"
ACKNOWLEDGED = "acknowledged"
_ENGINE_KEYS = ("__provider",)


class DeprovisionGuardProvider(ResourceProvider):
    """Fails `check` when a run would deprovision more Box users than the stack allows."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        try:
            old, new = _previous(_olds), _guard_inputs(news)
        except ValidationError as error:
            return CheckResult(_recorded(news), [CheckFailure("", _invalid(error))])
        acknowledged = _count(news.get(ACKNOWLEDGED))
        plan = plan_deprovisions(old, new)
        failure = guard_failure(plan, new.limit, acknowledged)
        if failure is not None:
            return CheckResult(new.model_dump(), [CheckFailure("", failure)])
        note = acknowledgement_note(plan, new.limit, acknowledged)
        if note is not None:
            pulumi.log.warn(f"deprovision guard: {note}")
        return CheckResult(new.model_dump(), [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        changed = _recorded(_olds) != _recorded(_news)
        return DiffResult(changes=changed, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(GUARD_NAME, _recorded(props))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(_recorded(_news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        recorded = _recorded(props)
        return ReadResult(id_, recorded, recorded)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


class DeprovisionGuard(Resource, module="guard", name="DeprovisionGuard"):
    """The stack's mass-deprovision guard (`pulumi-python:dynamic/guard:DeprovisionGuard`)."""

    def __init__(
        self,
        resource_name: str,
        inputs: GuardInputs,
        acknowledged: int | None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {**inputs.model_dump(), ACKNOWLEDGED: acknowledged}
        super().__init__(DeprovisionGuardProvider(), resource_name, props, opts)


def _recorded(props: dict[str, Any]) -> dict[str, Any]:
    keys = (*_ENGINE_KEYS, ACKNOWLEDGED)
    return {key: value for key, value in props.items() if key not in keys}


def _guard_inputs(props: dict[str, Any]) -> GuardInputs:
    return GuardInputs.model_validate(_recorded(props))


def _previous(olds: dict[str, Any]) -> GuardInputs | None:
    # No recorded inputs: the guard is new in this stack, so there is no previous run.
    recorded = _recorded(olds)
    return GuardInputs.model_validate(recorded) if recorded else None


def _count(value: Any) -> int | None:
    # The engine carries numbers as floats; the program only ever sends whole counts.
    return None if value is None else int(value)


def _invalid(error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or '(inputs)'}: {problem['msg']}"
        for problem in error.errors(include_url=False, include_input=False)
    )
    return f"the deprovision guard's inputs are invalid ({problems}); this is a bug in entra-box"
