"""Every read of the live Entra directory, through pulumi-azuread's data sources.

The only module that calls pulumi-azuread invokes. `components.entra.principals`, the
`BoxEnterpriseApp` component and `components.entra.directory_reader` go through one
`EntraLookups` per program run, which batches and caches. Invokes are called synchronously
(a plain call returning the result): the program gets real values while it runs, so it can
fail with a clear error, and resources are registered from plain values, never inside
`apply`. Under `pulumi.runtime.Mocks` the same calls reach the mocks' `call`.

Batching, as pulumi-azuread 6.11 implements the data sources (hashicorp/terraform-provider-
azuread, internal/services/users/users_data_source.go): `get_users` takes many UPNs or object
ids in one invoke, but the provider still sends one Graph request per id, and it returns only
the basic attributes in `BASIC_USER_ATTRIBUTES`; `get_user` returns every attribute for one
user. `get_group` returns the object ids of a group's direct members in one invoke.

Also read here, before anything is registered: the deploying identity (`get_client_config`:
tenant id for the federation metadata URL, object id for owners), and an existing Box app
and its service principal (`get_application`, `get_service_principal`), for
`components.entra.adoption` and the preview's app-role check. A lookup that finds nothing is
`None`; any other failure is an `EntraLookupError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

import pulumi_azuread as azuread

from components.entra.errors import EntraLookupError

T = TypeVar("T")

DEFAULT_BATCH_SIZE: Final = 500


@dataclass(frozen=True)
class EntraUser:
    """One Entra user: its object id and its attributes under Graph's names."""

    object_id: str
    attributes: Mapping[str, Any]

    @property
    def upn(self) -> str:
        return str(self.attributes["userPrincipalName"]).lower()


@dataclass(frozen=True)
class EntraGroupRef:
    """One Entra group as a name lookup returns it."""

    object_id: str
    display_name: str


@dataclass(frozen=True)
class ClientConfig:
    """Who deploys: the tenant and the deploying principal's object id."""

    tenant_id: str
    object_id: str


@dataclass(frozen=True)
class ExistingApplication:
    """An application already in the tenant, as `get_application` reads it."""

    object_id: str
    client_id: str
    display_name: str
    identifier_uris: tuple[str, ...]
    web_redirect_uris: tuple[str, ...]


@dataclass(frozen=True)
class ExistingServicePrincipal:
    """An application's service principal as `get_service_principal` reads it."""

    object_id: str
    tags: tuple[str, ...]
    # pulumi-azuread's `GetServicePrincipalAppRoleResult`s, read by `app_roles.app_role_id`.
    app_roles: tuple[Any, ...]


@dataclass(frozen=True)
class GalleryTemplate:
    """The Entra gallery application template an app is instantiated from."""

    template_id: str
    display_name: str
    single_sign_on_modes: tuple[str, ...]
    provisioning_types: tuple[str, ...]


def graph_attribute_name(python_name: str) -> str:
    """`job_title` -> `jobTitle`, `onpremises_sam_account_name` -> `onPremisesSamAccountName`."""
    head, *rest = python_name.replace("onpremises", "on_premises").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


# What `get_users` returns per user (pulumi-azuread names); every other attribute needs
# `get_user`.
_USERS_RESULT_FIELDS: Final = (
    "account_enabled",
    "display_name",
    "employee_id",
    "mail",
    "mail_nickname",
    "onpremises_immutable_id",
    "onpremises_sam_account_name",
    "onpremises_user_principal_name",
    "usage_location",
    "user_principal_name",
)
BASIC_USER_ATTRIBUTES: Final = frozenset(
    graph_attribute_name(name) for name in _USERS_RESULT_FIELDS
)


def _attributes(result: Any, python_names: Iterable[str]) -> dict[str, Any]:
    values = {graph_attribute_name(name): getattr(result, name, None) for name in python_names}
    # The provider reports an unset attribute as "" (Go's zero value); unset reads as absent.
    return {name: value for name, value in values.items() if value not in ("", None)}


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


# How pulumi-azuread's application and service-principal data sources say "none matched"
# (terraform-provider-azuread v3.9.0, application_data_source.go, service_principal_data_source.go).
_NOT_FOUND_MARKERS: Final = ("not found", "no applications found", "no service principal")


def _is_not_found(error: BaseException) -> bool:
    text = str(error).lower()
    return any(marker in text for marker in _NOT_FOUND_MARKERS)


def _invoke(what: str, call: Callable[[], T]) -> T:
    try:
        return call()
    except Exception as cause:  # invokes fail with a bare Exception carrying the provider's text
        raise EntraLookupError(what, cause) from cause


@dataclass
class EntraLookups:
    """Batched, cached pulumi-azuread lookups for one program run."""

    batch_size: int = DEFAULT_BATCH_SIZE
    _by_upn: dict[str, EntraUser] = field(default_factory=dict)
    _by_id: dict[str, EntraUser] = field(default_factory=dict)
    _missing_ids: set[str] = field(default_factory=set)

    def gallery_template(self, display_name: str) -> GalleryTemplate:
        """The gallery template named exactly `display_name` (e.g. `Box`)."""
        found = _invoke(
            f"the gallery application template {display_name!r}",
            lambda: azuread.get_application_template(display_name=display_name),
        )
        return GalleryTemplate(
            template_id=found.template_id,
            display_name=found.display_name,
            single_sign_on_modes=tuple(found.supported_single_sign_on_modes or ()),
            provisioning_types=tuple(found.supported_provisioning_types or ()),
        )

    def client_config(self) -> ClientConfig:
        """The tenant id and the deploying principal's object id."""
        found = _invoke("the deploying identity", azuread.get_client_config)
        return ClientConfig(tenant_id=found.tenant_id, object_id=found.object_id)

    def application(
        self, *, identifier_uri: str | None = None, display_name: str | None = None
    ) -> ExistingApplication | None:
        """The one application with this identifier URI or display name; None when none has.

        Several applications matching is an error (the provider refuses to pick one).
        """
        what = f"the application with identifier URI {identifier_uri!r}"
        if display_name is not None:
            what = f"the application named {display_name!r}"
        try:
            found = azuread.get_application(
                identifier_uri=identifier_uri, display_name=display_name
            )
        except Exception as cause:  # invokes fail with a bare Exception carrying the text
            if _is_not_found(cause):
                return None
            raise EntraLookupError(what, cause) from cause
        web_uris = [uri for web in found.webs or () for uri in web.redirect_uris or ()]
        return ExistingApplication(
            object_id=found.object_id,
            client_id=found.client_id,
            display_name=found.display_name,
            identifier_uris=tuple(found.identifier_uris or ()),
            web_redirect_uris=tuple(web_uris),
        )

    def service_principal(self, client_id: str) -> ExistingServicePrincipal | None:
        """The service principal of the application `client_id`; None while it has none."""
        try:
            found = azuread.get_service_principal(client_id=client_id)
        except Exception as cause:  # as above
            if _is_not_found(cause):
                return None
            raise EntraLookupError(f"the service principal of {client_id}", cause) from cause
        return ExistingServicePrincipal(
            object_id=found.object_id,
            tags=tuple(found.tags or ()),
            app_roles=tuple(found.app_roles or ()),
        )

    def users_by_upn(self, upns: Iterable[str]) -> dict[str, EntraUser]:
        """Users keyed by lower-case UPN; a UPN that matches nobody is simply absent."""
        wanted = sorted({upn.lower() for upn in upns} - self._by_upn.keys())
        for chunk in _chunks(wanted, self.batch_size):
            self._remember(self._get_users(upns=chunk))
        keys = (upn.lower() for upn in upns)
        return {key: self._by_upn[key] for key in keys if key in self._by_upn}

    def users_by_object_id(self, object_ids: Iterable[str]) -> dict[str, EntraUser]:
        """Users keyed by object id; ids of non-users (groups, devices...) are absent."""
        ids = list(dict.fromkeys(object_ids))
        wanted = [oid for oid in ids if oid not in self._by_id and oid not in self._missing_ids]
        for chunk in _chunks(wanted, self.batch_size):
            found = self._get_users(object_ids=chunk)
            self._remember(found)
            self._missing_ids.update(set(chunk) - {user.object_id for user in found})
        return {oid: self._by_id[oid] for oid in ids if oid in self._by_id}

    def user_details(self, object_id: str) -> dict[str, Any]:
        """Every attribute pulumi-azuread reads for one user (one invoke per call)."""
        found = _invoke(
            f"the attributes of user {object_id}", lambda: azuread.get_user(object_id=object_id)
        )
        result_type = type(found)
        names = [
            name for name in dir(result_type) if isinstance(getattr(result_type, name), property)
        ]
        return _attributes(found, (name for name in names if name not in ("id", "object_id")))

    def groups_named(self, display_name: str) -> list[EntraGroupRef]:
        """Every group whose display name is `display_name` (compared case-insensitively)."""
        found = _invoke(
            f"groups named {display_name!r}",
            lambda: azuread.get_groups(display_name_prefix=display_name),
        )
        pairs = zip(found.object_ids or (), found.display_names or (), strict=True)
        wanted = display_name.casefold()
        return [EntraGroupRef(oid, name) for oid, name in pairs if name.casefold() == wanted]

    def group_member_ids(self, group: EntraGroupRef) -> tuple[str, ...]:
        """Object ids of the group's direct members (users, groups, service principals...)."""
        found = _invoke(
            f"the members of group {group.display_name!r}",
            lambda: azuread.get_group(object_id=group.object_id, include_transitive_members=False),
        )
        return tuple(found.members or ())

    def _get_users(
        self, upns: list[str] | None = None, object_ids: list[str] | None = None
    ) -> list[EntraUser]:
        count = len(upns or object_ids or ())
        found = _invoke(
            f"{count} user(s)",
            lambda: azuread.get_users(
                ignore_missing=True, user_principal_names=upns, object_ids=object_ids
            ),
        )
        users = found.users or ()
        return [
            EntraUser(user.object_id, _attributes(user, _USERS_RESULT_FIELDS)) for user in users
        ]

    def _remember(self, users: Iterable[EntraUser]) -> None:
        for user in users:
            self._by_upn[user.upn] = user
            self._by_id[user.object_id] = user
