"""Process-wide Box connections, checked once before any provider touches Box.

`BoxProvider.configure` calls `connect(settings)`, which returns a registry key; the
provider keeps only that key, never a client, token or secret, so its pickled form stays a
class reference. The first `connect` per credentials runs the "Test Connection" check of
the Box provisioning tutorial (token, enterprise, admin rights). The engine configures a
dynamic provider at its first `check`, so wrong credentials fail `pulumi preview` before
anything is changed. `register` keeps the settings without connecting, for the departures
provider, which needs Box only when someone leaves (and may run in a stack without Box).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from box_sdk_gen.box.errors import BoxAPIError, BoxSDKError
from box_sdk_gen.client import BoxClient
from box_sdk_gen.schemas.group_full import GroupFull
from box_sdk_gen.schemas.user_full import UserFull

from components.box import group_api, user_api
from components.box.errors import BoxConnectionError, box_error_code, box_error_text
from components.box.listing import Listing
from components.box.settings import BoxSettings, registry_key
from components.box.transport import build_client

ADMIN_ROLES = frozenset({"admin", "coadmin"})


class Counter:
    """A thread-safe count of uses (lookups made through one connection)."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def take(self) -> int:
        """Count one more use; the number of uses so far, this one included."""
        with self._lock:
            self._count += 1
            return self._count


@dataclass(frozen=True)
class BoxConnection:
    """A checked client for one enterprise, with the listings its reads share."""

    client: BoxClient
    enterprise_id: str
    service_account: str
    users: Listing[UserFull]
    groups: Listing[GroupFull]
    # What was in Box before this process wrote anything, for finding what a new resource
    # adopts (`adoption.py`). Never invalidated by our writes: a login or group name this
    # run creates belongs to the one resource that created it, never to another arrival.
    users_before: Listing[UserFull]
    groups_before: Listing[GroupFull]
    user_lookups: Counter = field(default_factory=Counter)
    group_lookups: Counter = field(default_factory=Counter)
    # Login -> Box user id of the people the user shards hold, as their state records them
    # (created, adopted or read by this stack). A group adding a member finds the id here
    # before asking Box (`group._ids_by_login`): the shards run first (`users_ready.py`).
    user_ids_by_login: dict[str, str] = field(default_factory=dict)


_SETTINGS: dict[str, BoxSettings] = {}
_CONNECTIONS: dict[str, BoxConnection] = {}
_LOCK = threading.Lock()


def register(settings: BoxSettings) -> str:
    """Keep `settings` for a later `connection(key)`, without any network call; the key."""
    key = registry_key(settings)
    with _LOCK:
        _SETTINGS[key] = settings
    return key


def connect(settings: BoxSettings) -> str:
    """Check the connection once per credentials and process; return its registry key."""
    key = register(settings)
    connection(key)
    return key


def connection(key: str) -> BoxConnection:
    """The checked connection for `key`, opened (and checked) on first use."""
    with _LOCK:
        if key not in _CONNECTIONS:
            if key not in _SETTINGS:
                raise BoxConnectionError(
                    "The Box provider was used before `configure` connected it; this is a "
                    "bug in components/box, please report it"
                )
            _CONNECTIONS[key] = _open(_SETTINGS[key])
        return _CONNECTIONS[key]


def forget_connections() -> None:
    """Drop every connection (tests start each case from a fresh process state)."""
    with _LOCK:
        _CONNECTIONS.clear()
        _SETTINGS.clear()


def _open(settings: BoxSettings) -> BoxConnection:
    client = build_client(settings)
    _check_token(client, settings)
    me = _service_account(client, settings)
    _check_enterprise(me, settings)
    _check_admin(me)
    return BoxConnection(
        client=client,
        enterprise_id=settings.enterprise_id,
        service_account=me.login or me.id,
        users=Listing(lambda: user_api.list_users(client)),
        groups=Listing(lambda: group_api.list_groups(client)),
        users_before=Listing(lambda: user_api.list_users(client)),
        groups_before=Listing(lambda: group_api.list_groups(client)),
    )


def _check_token(client: BoxClient, settings: BoxSettings) -> None:
    try:
        client.auth.retrieve_token(network_session=client.network_session)
    except BoxAPIError as error:
        raise BoxConnectionError(_token_problem(error, settings)) from error
    except BoxSDKError as error:
        raise BoxConnectionError(
            f"Box connection check failed: cannot reach {settings.base_url} "
            f"({error.message}); check box:baseUrl and the network"
        ) from error
    except (ValueError, TypeError) as error:
        if settings.jwt_config is None:
            raise
        # Raised by `cryptography` while reading the JWT app's private key; not chained,
        # and its text not shown, so nothing about the key reaches a log.
        raise BoxConnectionError(
            "Box connection check failed: the private key in box:jwtConfig cannot be read "
            f"with its passphrase ({type(error).__name__}); download the app's config JSON "
            "again (or generate a new key pair) and set it with "
            "`pulumi config set --secret box:jwtConfig < config.json`"
        ) from None


def _token_problem(error: BoxAPIError, settings: BoxSettings) -> str:
    code = box_error_code(error)
    said = box_error_text(error)
    if settings.jwt_config is not None and code == "invalid_grant":
        return (
            f"Box connection check failed: Box refused the app's JWT assertion ({said}). "
            "The public key (publicKeyID in box:jwtConfig) is not added to the app, or was "
            "removed, or the app is not authorized in enterprise "
            f"{settings.enterprise_id}: check Configuration > Add and Manage Public Keys in "
            "the Box Developer Console and Apps > Custom Apps Manager in the Admin Console"
        )
    if code == "invalid_client":
        return (
            f"Box connection check failed: Box rejected the app credentials ({said}). "
            "box:clientId or box:clientSecret is wrong: copy both from the Box Developer "
            "Console (your app > Configuration) and set the secret with "
            "`pulumi config set --secret box:clientSecret` (it prompts: a secret typed on "
            "the command line stays in the shell history)"
        )
    if code in ("invalid_grant", "unauthorized_client"):
        return (
            f"Box connection check failed: Box issued no token for enterprise "
            f"{settings.enterprise_id} ({said}). box:enterpriseId is wrong, or the app is "
            "not authorized in that enterprise: check the id in the Box Admin Console and "
            "authorize the app under Apps > Custom Apps Manager"
        )
    return f"Box connection check failed: Box issued no token ({said}); check the box:* config"


def _service_account(client: BoxClient, settings: BoxSettings) -> UserFull:
    try:
        return client.users.get_user_me(fields=["id", "login", "role", "enterprise"])
    except BoxSDKError as error:
        raise BoxConnectionError(
            "Box connection check failed: the token works but reading the app's service "
            f"account failed ({error.message}); check the app's scopes in the Box Developer "
            "Console"
        ) from error


def _check_enterprise(me: UserFull, settings: BoxSettings) -> None:
    actual = user_api.enterprise_of(me)
    if actual != settings.enterprise_id:
        raise BoxConnectionError(
            f"Box connection check failed: box:enterpriseId is {settings.enterprise_id} but "
            f"these credentials belong to enterprise {actual or '(none)'}; set "
            "box:enterpriseId to the enterprise the app is authorized in"
        )


def _check_admin(me: UserFull) -> None:
    role = user_api.box_values(me)["role"]
    if role not in ADMIN_ROLES:
        raise BoxConnectionError(
            f"Box connection check failed: the app's service account {me.login} has role "
            f"{role!r}, but managing users and groups needs an admin or co-admin; in the Box "
            "Admin Console make it a co-admin with the 'Manage users' and 'Manage groups' "
            "permissions, or give the app 'App + Enterprise Access'"
        )
