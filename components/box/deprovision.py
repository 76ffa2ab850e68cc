"""How a Box user leaves: the deprovision policy of the spec in force, applied to one account.

Called by the departures resource (`departures.py`), the only code that deprovisions, with
the policy of the run's own spec (never one recorded by an earlier run):
- `disable` (default): status inactive; content, collaborations and groups kept; the
  account can be re-enabled.
- `transfer`: move everything the user owns to the custodian, then delete the user WITHOUT
  force, so Box refuses if any content is left: nothing is lost. The move is not repeated
  blindly: when its answer is lost, the custodian's root is read to see whether it happened,
  so a retry never leaves a second, empty "… Files and Folders (2)" behind.
- `delete`: force delete, content included; only when the spec chose it explicitly.
A user already gone from Box counts as deprovisioned.
"""

from __future__ import annotations

from box_sdk_gen.client import BoxClient
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
from components.box.transport import without_retries

# Box names the folder a transfer creates "<source name>'s Files and Folders" (then " (2)"…).
TRANSFER_FOLDER_SUFFIX = "'s Files and Folders"
TRANSFER_ATTEMPTS = 3


def deprovision(
    box: BoxConnection, user_id: str, login: str, mode: str, custodian: str | None
) -> None:
    """Apply the policy `mode` (disable, transfer or delete) to the Box user `user_id`."""
    target = f"user {login} (id {user_id})"
    if mode == "disable":
        disable(box, user_id, target)
    elif mode == "transfer":
        _transfer_then_delete(box, user_id, target, custodian or "")
    elif mode == "delete":
        _force_delete(box, user_id, target)
    else:
        raise BoxPermanentError(
            f"deprovision {target}: unknown policy {mode!r}; nothing was changed. "
            "Set provisioning.deprovision to disable, transfer or delete and run `pulumi up`"
        )


def disable(box: BoxConnection, user_id: str, target: str) -> None:
    """Set the user inactive; content, collaborations and groups stay."""
    operation = "deprovision (disable)"
    outcome = "status set to inactive; content kept; re-enable by setting status active"
    with audit.box_write(target, operation, outcome, missing_ok=True):
        box.client.users.update_user_by_id(user_id, status=UpdateUserByIdStatus.INACTIVE)


def custodian_problem(box: BoxConnection, login: str | None) -> str | None:
    """Why content cannot be transferred to `login` now (None when it can)."""
    custodian = user_api.find_user(box.client, login) if login else None
    if custodian is None or user_api.enterprise_of(custodian) != box.enterprise_id:
        return f"custodian {login or '(none)'} is not a user of this Box enterprise"
    status = user_api.box_values(custodian)["status"]
    if status != "active":
        return f"custodian {login} is {status} in Box and could not open what they receive"
    return None


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
    problem = custodian_problem(box, login)
    if problem is not None:
        raise BoxPermanentError(
            f"{where}: {problem}; nothing was changed. Set provisioning.custodian to the "
            "login of an active user of this Box enterprise"
        )
    custodian = user_api.find_user(box.client, login)
    if custodian is None or custodian.id == user_id:
        raise BoxPermanentError(
            f"{where}: the custodian {login} is the user being removed; nothing was changed. "
            "Choose another provisioning.custodian"
        )
    return custodian


def _move_content(box: BoxConnection, user_id: str, target: str, custodian: UserFull) -> bool:
    """Move the user's content to the custodian; False if the user is already gone."""
    operation = f"deprovision (transfer): move owned content to {custodian.login}"
    source = user_api.fetch_user(box.client, user_id)
    if source is None:
        audit.report(target, operation, "already gone from Box")
        return False
    folder_id, name = _transfer_once(box, source, custodian, target, operation)
    audit.report(target, operation, f"moved into their folder {name!r} (id {folder_id})")
    return True


def _transfer_once(
    box: BoxConnection, source: UserFull, custodian: UserFull, target: str, operation: str
) -> tuple[str, str]:
    """(id, name) of the folder one transfer made; retried only when Box shows no move."""
    single = without_retries(box.client)
    before = _transfer_folders(box.client, custodian.id, source.name or "")
    attempt = 0
    while True:
        attempt += 1
        try:
            with box_call(target, operation):
                folder = single.transfer.transfer_owned_folder(
                    source.id, TransferOwnedFolderOwnedBy(id=custodian.id), notify=False
                )
            return folder.id, folder.name or ""
        except BoxRetryableError as error:
            # The answer was lost or Box failed: it may have moved everything anyway.
            made = _transfer_folders(box.client, custodian.id, source.name or "") - before
            if made:
                return min(made)
            if attempt >= TRANSFER_ATTEMPTS:
                audit.report_failure(target, operation, error)
                raise
        except BoxProviderError as error:
            audit.report_failure(target, operation, error)
            raise


def _transfer_folders(client: BoxClient, owner_id: str, source_name: str) -> set[tuple[str, str]]:
    """(id, name) of the folders a transfer from `source_name` made in the owner's root."""
    prefix = f"{source_name}{TRANSFER_FOLDER_SUFFIX}"
    as_owner = client.with_as_user_header(owner_id)
    found: set[tuple[str, str]] = set()
    with box_call(f"user id {owner_id}", "list root folder"):
        offset = 0
        while True:
            page = as_owner.folders.get_folder_items("0", limit=1000, offset=offset)
            entries = page.entries or []
            for item in entries:
                name = getattr(item, "name", None) or ""
                if getattr(item, "type", None) and name.startswith(prefix):
                    found.add((item.id, name))
            offset += len(entries)
            if not entries or offset >= (page.total_count or 0):
                return found


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
