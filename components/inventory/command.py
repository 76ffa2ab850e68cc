"""The `inventory` and `onboard` commands: connect as the stack does, read Box, print.

`components.cli` hands the parsed arguments here. Errors a person can fix (pulumi cannot
read the stack, a `box:*` setting is missing, the connection check fails) are raised as
`AdminCommandError` with the message only, so the command line prints one line, no traceback.
"""

from __future__ import annotations

from pathlib import Path

from components.box.connection import BoxConnection, connect, connection
from components.box.errors import BoxConfigError, BoxProviderError
from components.box.settings import settings_from_config
from components.inventory.onboard import spec_from_tenant
from components.inventory.report import build_inventory, render_json, render_table
from components.inventory.stack import StackReadError, managed_objects, stack_config
from components.inventory.tenant import read_tenant


class AdminCommandError(Exception):
    """A problem the person running the command can fix; the message says how."""


def inventory(stack: str, project_dir: Path, *, as_json: bool) -> str:
    """The stack's Box enterprise: a table, or JSON with `users` and `groups`."""
    box = _connect(stack, project_dir)
    try:
        managed = managed_objects(stack, project_dir)
        tenant = read_tenant(box)
    except (StackReadError, BoxProviderError) as error:
        raise AdminCommandError(str(error)) from None
    built = build_inventory(stack, tenant, managed)
    return render_json(built) if as_json else render_table(built)


def onboard(stack: str, project_dir: Path) -> tuple[str, str]:
    """The spec adopting the stack's Box enterprise as it is, and a one-line summary."""
    box = _connect(stack, project_dir)
    try:
        onboarding = spec_from_tenant(read_tenant(box))
    except BoxProviderError as error:
        raise AdminCommandError(str(error)) from None
    summary = (
        f"onboard: {onboarding.users} users and {onboarding.groups} groups written; "
        f"{len(onboarding.left_out)} left out (see the file's header)"
    )
    return onboarding.render(), summary


def _connect(stack: str, project_dir: Path) -> BoxConnection:
    try:
        settings = settings_from_config(stack_config(stack, project_dir))
        return connection(connect(settings))
    except (StackReadError, BoxConfigError, BoxProviderError) as error:
        raise AdminCommandError(str(error)) from None
