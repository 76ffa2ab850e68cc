"""A Box already provisioned, for `make bench-100k`: the emulator's state written directly.

Provisioning 100,000 people through Box's API at the benchmark's rate takes hours, and it is
not what `bench-100k` measures. `seed_box` writes the resolved desired state (every user
with the fields the spec gives, every group with its members and roles) into an emulator
state file (`python -m emulator --state FILE`) in one SQLite transaction, through the
emulator's own record functions, as if an earlier `pulumi up` had made them. The stack's
state is then produced by the tool itself (`scenario.run_seeded`: a `pulumi up` that adopts
every account and group), never written by hand.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from components.box.user_inputs import BOX_FIELDS
from components.desired import DesiredBox, DesiredBoxUser
from emulator.config import EmulatorConfig
from emulator.records.groups import insert_group
from emulator.records.memberships import insert_membership
from emulator.records.users import insert_user
from emulator.runtime import box_timestamp
from emulator.seed import seed
from emulator.store import Store

# The Box fields a seeded account takes from the desired user (login and name are columns):
# the fields the user resource manages, so a seeded account is what an adopting `up` expects.
_SEEDED_FIELDS = tuple(key for key in BOX_FIELDS if key not in ("login", "name"))


def seed_box(state_path: Path, box: DesiredBox, config: EmulatorConfig | None = None) -> int:
    """Write `box` into a fresh emulator state file; returns the number of rows written."""
    chosen = config or EmulatorConfig(state_path=state_path)
    state_path.unlink(missing_ok=True)
    store = Store(state_path)
    now = box_timestamp(time.time())
    try:
        with store.write() as db:
            seed(store, db, chosen, now)
            ids = {
                user.login: insert_user(
                    db, "managed", user.name, user.login, _values(user, chosen), now
                )
                for user in box.users
            }
            rows = len(ids)
            for group in box.groups:
                values = {"description": group.description} if group.description else {}
                group_id = insert_group(db, group.name, values, now)
                for member in group.members:
                    insert_membership(db, ids[member.login], group_id, member.role, None, now)
                rows += 1 + len(group.members)
    finally:
        store.close()
    return rows


def _values(user: DesiredBoxUser, config: EmulatorConfig) -> dict[str, Any]:
    values = {key: getattr(user, key) for key in _SEEDED_FIELDS if getattr(user, key) is not None}
    return {**values, "enterprise_id": config.enterprise_id}
