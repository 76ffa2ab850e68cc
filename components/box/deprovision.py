"""How a Box user leaves: the deprovision policy recorded in the user resource's state.

`BoxUserProvider.delete` calls `deprovision`, which only ever sees the resource's last
state; that is why the policy (`deprovision`, `custodian`) travels as inputs of each user.
- `disable` (default): status inactive; content, collaborations and groups kept; the
  account can be re-enabled.
- `transfer`: move everything the user owns to the custodian (resolved by login now), then
  delete the user WITHOUT force, so Box refuses if any content is left: nothing is lost.
- `delete`: force delete, content included; only when the spec chose it explicitly.
A user already gone from Box counts as deprovisioned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from box_sdk_gen.managers.transfer import TransferOwnedFolderOwnedBy
from box_sdk_gen.managers.users import UpdateUserByIdStatus
from box_sdk_gen.schemas.user_full import UserFull

from components.box import audit, user_api
from components.box.connection import BoxConnection
from components.box.errors import (
    BoxNotFoundError,
    BoxPermanentError,
    BoxProviderError,
    BoxRetryableError,
    box_call,
    with_progress,
)


def deprovision(box: BoxConnection, user_id: str, state: Mapping[str, Any]) -> None:
    """Apply the state's deprovision policy to the Box user `user_id`."""
    target = f"user {state.get('login') or '?'} (id {user_id})"
    mode = state.get("deprovision") or "disable"
    if mode == "disable":
        _disable(box, user_id, target)
    elif mode == "transfer":
        _transfer_then_delete(box, user_id, target, str(state.get("custodian") or ""))
    elif mode == "delete":
        _force_delete(box, user_id, target)
    else:
        raise BoxPermanentError(
            f"deprovision {target}: unknown policy {mode!r} in state; nothing was changed. "
            "Set provisioning.deprovision to disable, transfer or delete and run `pulumi up`"
        )


def _disable(box: BoxConnection, user_id: str, target: str) -> None:
    operation = "deprovision (disable)"
    outcome = "status set to inactive; content kept; re-enable by setting status active"
    with audit.box_write(target, operation, outcome, missing_ok=True):
        box.client.users.update_user_by_id(user_id, status=UpdateUserByIdStatus.INACTIVE)


def _force_delete(box: BoxConnection, user_id: str, target: str) -> None:
    operation = "deprovision (delete)"
    outcome = "deleted with force, content included, as the spec's policy says"
    with audit.box_write(target, operation, outcome, missing_ok=True):
        box.client.users.delete_user_by_id(user_id, notify=False, force=True)


def _transfer_then_delete(box: BoxConnection, user_id: str, target: str, login: str) -> None:
    custodian = _custodian(box, login, user_id, target)
    if not _move_content(box, user_id, target, custodian):
        return
    operation = "deprovision (transfer): delete user without force"
    try:
        with box_call(target, operation):
            box.client.users.delete_user_by_id(user_id, notify=False, force=False)
    except BoxNotFoundError:
        audit.report(target, operation, "already gone from Box")
        return
    except BoxProviderError as error:
        audit.report_failure(target, operation, error)
        raise _refusal(error, target, login) from error
    audit.report(target, operation, f"deleted; their content is kept by {login}")


def _custodian(box: BoxConnection, login: str, user_id: str, target: str) -> UserFull:
    where = f"deprovision (transfer) {target}"
    custodian = user_api.find_user(box.client, login) if login else None
    if custodian is None or user_api.enterprise_of(custodian) != box.enterprise_id:
        raise BoxPermanentError(
            f"{where}: custodian {login or '(none)'} is not a user of this Box enterprise; "
            "nothing was changed. Set provisioning.custodian to an existing Box user's login"
        )
    if custodian.id == user_id:
        raise BoxPermanentError(
            f"{where}: the custodian {login} is the user being removed; nothing was changed. "
            "Choose another provisioning.custodian"
        )
    return custodian


def _move_content(box: BoxConnection, user_id: str, target: str, custodian: UserFull) -> bool:
    """Move the user's content to the custodian; False if the user is already gone."""
    operation = f"deprovision (transfer): move owned content to {custodian.login}"
    try:
        with box_call(target, operation):
            folder = box.client.transfer.transfer_owned_folder(
                user_id, TransferOwnedFolderOwnedBy(id=custodian.id), notify=False
            )
    except BoxNotFoundError:
        audit.report(target, operation, "already gone from Box")
        return False
    except BoxProviderError as error:
        audit.report_failure(target, operation, error)
        raise
    audit.report(target, operation, f"moved into their folder {folder.name!r} (id {folder.id})")
    return True


def _refusal(error: BoxProviderError, target: str, custodian: str) -> BoxProviderError:
    done = [f"moved {target}'s content to {custodian}"]
    if isinstance(error, BoxRetryableError):
        return with_progress(error, done, ["delete the user"])
    return BoxPermanentError(
        f"deprovision (transfer) {target}: Box still reports content owned by the user after "
        f"the transfer to {custodian} and refused to delete them ({error.message}); the user "
        "was NOT deleted and nothing was lost. Move what remains in the Box Admin Console "
        "(Users and Groups > the user > Transfer content) and re-run `pulumi up`",
        code=error.code,
        status=error.status,
    )
