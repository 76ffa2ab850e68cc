"""Reusable value types of the spec: logins, roles, Box field values, Entra attribute names.

Used by the spec models (`components.spec.model`) and by resolution, which validates
values mapped from Entra attributes with the same types. Each type rejects bad values
with a message and a fix (`spec_error`), which the error translation turns into
`file:line:col: path: message; hint`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from components.desired import BoxUserRole, BoxUserStatus, MembershipRole
from components.spec.addresses import address_problem
from components.spec.characters import listing, not_in_one_line

__all__ = [
    "BOX_LANGUAGES",
    "Address",
    "AppRole",
    "Binding",
    "BindingKind",
    "BoxAddress",
    "BoxGroupName",
    "BoxJobTitle",
    "BoxLanguage",
    "BoxName",
    "BoxPhone",
    "BoxSignOnUrl",
    "BoxTimezone",
    "BoxUserRole",
    "BoxUserStatus",
    "EmailAddress",
    "EntraUserAttribute",
    "GroupDescription",
    "Login",
    "MembershipRole",
    "ObjectId",
    "OneLine",
    "SpaceAmount",
    "SpecVersion",
    "Text",
    "Upn",
    "box_language_from_locale",
    "spec_error",
    "spec_errors",
    "split_binding",
]

ERROR_TYPE = "entra_box"


def spec_error(message: str, hint: str, *, at: str | None = None) -> PydanticCustomError:
    """A validation error whose message and fix reach the user verbatim.

    `at` names a field of the model raising it (or a dotted path of fields below it), for
    model-level checks that are about one field (the error is then reported at its line).
    """
    context = {"message": message, "hint": hint} | ({"at": at} if at else {})
    return PydanticCustomError(ERROR_TYPE, "{message}", context)


def spec_errors(errors: Sequence[PydanticCustomError]) -> PydanticCustomError:
    """Several `spec_error`s found by one model-level check, each reported on its own.

    A validator can raise only one error; the error translation unpacks `each` so that a
    file's problems are still all reported at once.
    """
    if len(errors) == 1:
        return errors[0]
    message = "; ".join(error.message() for error in errors)
    each = [error.context for error in errors]
    return PydanticCustomError(
        ERROR_TYPE, "{message}", {"message": message, "hint": "", "each": each}
    )


def _trimmed(value: str) -> str:
    if not value.strip():
        raise spec_error("is empty", "write a value or remove the field")
    if value != value.strip():
        raise spec_error(
            f"{value!r} has leading or trailing spaces", "remove them; names are compared exactly"
        )
    return value


def _one_line(value: str) -> str:
    found = not_in_one_line(value)
    if found:
        shown = repr(value) if len(value) <= 60 else repr(value[:57]) + "..."
        raise spec_error(
            f"{shown} contains {listing(found)}",
            "remove it: text sent to Box is one line of printable characters",
        )
    return value


# Any text that may reach Box or Entra (names, job titles, addresses, ...): as written.
OneLine = Annotated[str, AfterValidator(_one_line)]
# Names and other text compared exactly: no leading or trailing spaces either.
Text = Annotated[OneLine, AfterValidator(_trimmed)]

_EMAIL_SHAPE = r"[^@\s]+@[^@\s]+\.[^@\s]+"


def _shaped(pattern: str, problem: str, fix: str) -> Callable[[str], str]:
    """A validator: the value must match `pattern` whole, else `'<value>' <problem>` and `fix`."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise spec_error(f"{value!r} {problem}", fix)
        return value

    return check


def _address(what: str, example: str) -> Callable[[str], str]:
    """A validator: an address shaped `local@domain` that passes `address_problem`."""
    shaped = _shaped(
        _EMAIL_SHAPE, f"is not a valid {what}", f"write it as an address, e.g. {example!r}"
    )

    def check(value: str) -> str:
        problem = address_problem(shaped(value))
        if problem is not None:
            raise spec_error(*problem)
        return value

    return check


# Compared case-insensitively and emitted lower-case by resolution, not here: lowering at
# load time would silently merge two `box.users` keys that differ only in case.
Upn = Annotated[str, AfterValidator(_address("user principal name", "ada@contoso.com"))]
Login = Annotated[str, AfterValidator(_address("Box login", "ada@contoso.com"))]
EmailAddress = Annotated[str, AfterValidator(_address("email address", "it@contoso.com"))]
# Any of the three, as an entry of `provisioning.allowUnicodeLogins`.
Address = Annotated[str, AfterValidator(_address("address", "ada@contoso.com"))]

BindingKind = Literal["login", "upn"]
_BINDING_KINDS: tuple[BindingKind, ...] = ("login", "upn")
_BINDING_CHECKS = {
    None: _address("Box login", "ada@contoso.com"),
    "login": _address("Box login", "ada@contoso.com"),
    "upn": _address("user principal name", "ada@contoso.com"),
}


def split_binding(value: str) -> tuple[BindingKind | None, str]:
    """('upn', 'b@x.com') for 'upn:b@x.com', (None, 'b@x.com') for a plain login."""
    for kind in _BINDING_KINDS:
        if value.startswith(f"{kind}:"):
            return kind, value[len(kind) + 1 :]
    return None, value


def _binding(value: str) -> str:
    kind, address = split_binding(value)
    _BINDING_CHECKS[kind](address)
    return value


# Where the spec names one Box user (custodian, box.users keys, Box-only group members):
# a login, or `login:<login>` / `upn:<UPN>` to say which person an ambiguous one means.
Binding = Annotated[
    str,
    AfterValidator(_binding),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A Box login; 'login:<login>' or 'upn:<UPN>' says which person "
            "is meant when the login is also another person's UPN or mail.",
        }
    ),
]

_GUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"


_entra_object_id = _shaped(
    _GUID,
    "is not an Entra object id",
    "copy the Object ID from the user's or group's overview in the Entra admin center; "
    "it is a GUID such as '3f2504e0-4f89-41d3-9a0c-0305e82c3301'",
)

# Compared case-insensitively and emitted lower-case by resolution, as logins are.
ObjectId = Annotated[
    str,
    AfterValidator(_entra_object_id),
    WithJsonSchema({"type": "string", "pattern": f"^{_GUID}$"}),
]

# A key the spec gives a person or a Box-only group, stable across logins and names: short,
# no '@' (so it can never be mistaken for a login), compared and emitted lower-case.
_stable_id = _shaped(
    r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
    "is not a stable id",
    "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, such as an "
    "employee number 'e1042'; it must never change once deployed",
)
StableId = Annotated[
    str,
    AfterValidator(_stable_id),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"}),
]

# Entra's built-in "Default Access" app role (value msiam_access, id all zeros) grants
# sign-in only; Entra's Box provisioning skips principals that hold it.
_DEFAULT_ACCESS = {"defaultaccess", "msiamaccess", "0" * 32}


def _real_app_role(value: str) -> str:
    if re.sub(r"[\s_-]", "", value.casefold()) in _DEFAULT_ACCESS:
        raise spec_error(
            f"{value!r} cannot be used for provisioning to Box",
            "assign a real app role such as 'User'",
        )
    return value


AppRole = Annotated[str, AfterValidator(_trimmed), AfterValidator(_real_app_role)]

# Box's limits on POST /users and POST /groups.
BoxName = Annotated[Text, Field(max_length=50)]
BoxJobTitle = Annotated[OneLine, Field(max_length=100)]
BoxPhone = Annotated[OneLine, Field(max_length=100)]
BoxAddress = Annotated[OneLine, Field(max_length=255)]
GroupDescription = Annotated[OneLine, Field(max_length=255)]
# Box documents no limit on a group's name; 255, as for its description, is the emulator's.
BOX_GROUP_NAME_LIMIT = 255
BoxGroupName = Annotated[Text, Field(max_length=BOX_GROUP_NAME_LIMIT)]

# https://developer.box.com/guides/api-calls/language-codes: a modified ISO 639-1.
BOX_LANGUAGES: dict[str, str] = {
    "bn": "Bengali", "da": "Danish", "de": "German", "en": "English (US)",
    "gb": "English (UK)", "e2": "English (Canada)", "e3": "English (Australia)",
    "s2": "Spanish (Latin America)", "es": "Spanish", "fi": "Finnish", "fr": "French",
    "f2": "French (Canada)", "hi": "Hindi", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nb": "Norwegian (Bokmal)", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "zh": "Chinese (Simplified)", "zt": "Chinese (Traditional)",
}  # fmt: skip
_LOCALE_TO_BOX = {
    "en-gb": "gb", "en-ca": "e2", "en-au": "e3", "es-419": "s2", "fr-ca": "f2",
    "zh-tw": "zt", "zh-hk": "zt", "zh-hant": "zt", "zh-cn": "zh", "zh-hans": "zh",
    "no": "nb", "nb-no": "nb",
}  # fmt: skip


def box_language_from_locale(value: str) -> str | None:
    """Box's code for a language or locale tag (`en-GB` -> `gb`); None when Box has none."""
    tag = value.strip().replace("_", "-").casefold()
    if tag in _LOCALE_TO_BOX:
        return _LOCALE_TO_BOX[tag]
    if tag in BOX_LANGUAGES:
        return tag
    primary = tag.split("-", 1)[0]
    return _LOCALE_TO_BOX.get(primary, primary if primary in BOX_LANGUAGES else None)


def _box_language(value: object) -> object:
    if not isinstance(value, str) or value in BOX_LANGUAGES:
        return value
    code = box_language_from_locale(value)
    hint = (
        f"write {code!r}, Box's code for {BOX_LANGUAGES[code]}"
        if code
        else "use one of Box's codes: " + ", ".join(BOX_LANGUAGES)
    )
    raise spec_error(f"{value!r} is not a Box language code", hint)


BoxLanguage = Annotated[
    str,
    BeforeValidator(_box_language),
    WithJsonSchema({"enum": list(BOX_LANGUAGES), "description": "A Box language code."}),
]


_BOX_SIGN_ON_URL = r"https://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.account\.box\.com/?"


_box_sign_on_url = _shaped(
    _BOX_SIGN_ON_URL,
    "is not Box's sign-on URL",
    "write https://<your Box subdomain>.account.box.com, e.g. "
    "'https://contoso.account.box.com' (Box gives you the subdomain)",
)

# Where Box's SP-initiated sign-in starts; the Entra tutorial for Box documents this shape.
BoxSignOnUrl = Annotated[
    str,
    AfterValidator(_box_sign_on_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": f"^{_BOX_SIGN_ON_URL}$"}),
]


_TIMEZONE = re.compile(r"^(UTC|GMT|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$")


def _iana_timezone(value: str) -> str:
    # The format only: the machine's time zone database varies, a spec's validity must not.
    if not _TIMEZONE.match(value):
        raise spec_error(
            f"{value!r} is not an IANA time zone name",
            "write it as Area/Location, e.g. 'Europe/Paris' or 'America/New_York'",
        )
    return value


BoxTimezone = Annotated[str, AfterValidator(_iana_timezone)]

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
_UNIT_POWERS = {"b": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def _parse_size(value: object) -> object:
    if not isinstance(value, str):
        return value
    if value.strip().casefold() == "unlimited":
        return -1
    match = _SIZE.match(value)
    if match is None:
        raise spec_error(
            f"{value!r} is not a storage size",
            "write a number of bytes, -1 or 'unlimited', or a size such as '50 GB'",
        )
    power = _UNIT_POWERS[match.group(2)[0].casefold()]
    return int(Decimal(match.group(1)) * 1024**power)


# Box reads an amount from this many bytes up back as unlimited (-1), so a larger one would
# differ from Box on every run; it is also far below 2**53, the most Pulumi carries exactly.
BOX_UNLIMITED_SPACE = 999_999_999_999_999


def _settable_space(value: int) -> int:
    if value >= BOX_UNLIMITED_SPACE:
        amount = f"{value} bytes" if value < 10**20 else "this amount"
        raise spec_error(
            f"{amount} is more than Box can set "
            f"(it reads {BOX_UNLIMITED_SPACE} and above as unlimited)",
            "write 'unlimited' for no limit, or a smaller size",
        )
    return value


SpaceAmount = Annotated[
    int,
    BeforeValidator(_parse_size),
    Field(ge=-1),
    AfterValidator(_settable_space),
    WithJsonSchema(
        {
            "description": "Bytes (-1 or 'unlimited' for no limit), or a size such as "
            "'50 GB' (binary units: 1 GB = 1024^3 bytes).",
            "anyOf": [
                {"type": "integer", "minimum": -1, "maximum": BOX_UNLIMITED_SPACE - 1},
                {"type": "string", "pattern": "^(unlimited|\\d+(\\.\\d+)?\\s*[KMGT]?i?B)$"},
            ],
        }
    ),
]


def _supported_version(value: int) -> int:
    if value != 1:
        raise spec_error(
            f"unsupported spec version {value}",
            "this entra-box reads version 1 specs; write 'version: 1'",
        )
    return value


SpecVersion = Annotated[
    int, AfterValidator(_supported_version), WithJsonSchema({"type": "integer", "const": 1})
]

# Entra (Microsoft Graph) user attributes a spec may state inline and map to Box fields.
EntraUserAttribute = Literal[
    "userPrincipalName", "displayName", "givenName", "surname", "mail", "mailNickname",
    "jobTitle", "department", "companyName", "employeeId", "employeeType",
    "officeLocation", "streetAddress", "city", "state", "postalCode", "country",
    "usageLocation", "preferredLanguage", "mobilePhone", "faxNumber",
]  # fmt: skip
