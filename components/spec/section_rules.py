"""Rules between the sections of a spec: which settings of one section another rules out.

Called by the `Spec` model's validator (`components.spec.model`), so `validate` reports a
contradiction with file:line like any other error, and no program run ever sees one. Each
rule returns the problems it finds as `spec_error`s whose `at` is the dotted path of the
setting to change; the model reports them all at once.

- `directory.source: entra` and `provisioning.engine: entra` need `entra.manage: true`: a
  Box-only stack never talks to Entra.
- `provisioning.entraJob` configures Entra's provisioning job, which runs only with
  `engine: entra` (with `entra-box` no job is registered and Entra's own jobs are kept paused).
- With `engine: entra`, Microsoft's service writes to Box with its own attribute mappings:
  nothing would apply `box.defaults`, `box.users` or Box-only groups, so they are errors
  rather than settings that silently do nothing.
- `provisioning.paused` pauses entra-box's own writes; with `engine: entra` it is Entra's
  job that writes, paused with `entraJob.enabled: false`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import PydanticCustomError

from components.spec.types import spec_error

if TYPE_CHECKING:
    from components.spec.model import Spec


def section_problems(spec: Spec) -> list[PydanticCustomError]:
    """Every contradiction between the spec's sections (none for a consistent spec)."""
    return [
        *_entra_needed(spec),
        *_entra_job_needs_entra_engine(spec),
        *_box_unused(spec),
        *_paused_needs_entra_box_engine(spec),
    ]


def _paused_needs_entra_box_engine(spec: Spec) -> Iterator[PydanticCustomError]:
    if spec.provisioning.paused and spec.provisioning.engine == "entra":
        yield spec_error(
            "paused stops entra-box's own writes to Box, but with 'engine: entra' Entra's "
            "provisioning job writes to Box",
            "pause Entra's job with 'entraJob: {enabled: false}', and remove 'paused'",
            at="provisioning.paused",
        )


def _entra_needed(spec: Spec) -> Iterator[PydanticCustomError]:
    if spec.entra.manage:
        return
    if spec.provisioning.engine == "entra":
        yield spec_error(
            "engine 'entra' needs entra.manage: true: only a stack that manages the Box app "
            "in Entra can configure Entra's provisioning job",
            "set 'entra.manage: true' (with an application), or use 'engine: entra-box'",
            at="provisioning.engine",
        )
    if spec.directory.source == "entra":
        yield spec_error(
            "source 'entra' needs entra.manage: true: a Box-only stack does not talk to Entra",
            "set 'entra.manage: true' (with an application), or list the directory inline",
            at="directory.source",
        )


def _entra_job_needs_entra_engine(spec: Spec) -> Iterator[PydanticCustomError]:
    if spec.provisioning.entra_job is not None and spec.provisioning.engine != "entra":
        yield spec_error(
            "entraJob configures Entra's provisioning job, which runs only with "
            "'engine: entra' (with entra-box, Entra's own provisioning jobs are kept paused)",
            "remove entraJob, or set 'engine: entra'",
            at="provisioning.entraJob",
        )


def _box_unused(spec: Spec) -> Iterator[PydanticCustomError]:
    if spec.provisioning.engine != "entra":
        return
    box = spec.box
    written = [
        ("defaults", "box.defaults", bool(box.defaults.model_dump(exclude_none=True))),
        ("users", "box.users overrides", bool(box.users)),
        ("groups", "Box-only groups", bool(box.groups)),
    ]
    for field, what, is_set in written:
        if not is_set:
            continue
        yield spec_error(
            f"with engine 'entra', Entra's provisioning job writes to Box with its own "
            f"attribute mappings, and nothing would apply {what}",
            f"remove box.{field}, or use 'engine: entra-box' to have entra-box apply it",
            at=f"box.{field}",
        )
