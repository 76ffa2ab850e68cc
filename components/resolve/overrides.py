"""`box.users` overrides, each bound to the one Box user its key names (see `bindings`).

Called by `users` once every in-scope user's login is known. Two keys that name the same
person (`Ada@x.com` and `ada@x.com`, or a login and the `upn:` of its owner) are an error,
as is a key that names nobody in scope: its override would apply to nobody.
"""

from __future__ import annotations

from components.resolve.bindings import People, Site, bind, not_in_scope_hint
from components.resolve.issues import IssueLog
from components.spec.model import BoxUserOverride, Spec


def bind_overrides(spec: Spec, people: People, log: IssueLog) -> dict[str, BoxUserOverride]:
    """Each override by the lower-case login of the in-scope user it applies to."""
    bound: dict[str, tuple[str, BoxUserOverride]] = {}
    for written, override in spec.box.users.items():
        path = ("box", "users", written)
        login = bind(written, Site(path, at_key=True), people, log)
        if login is None:
            continue
        if login in bound:
            log.add(
                path,
                f"{written!r} and {bound[login][0]!r} name the same Box user ({login!r})",
                "logins are compared regardless of case; merge the two entries",
                at_key=True,
            )
        elif login not in people.owner_of:
            log.add(
                path,
                f"{written!r} is not a Box user in scope, so this override applies to nobody",
                not_in_scope_hint(written, people, log, "remove this entry"),
                at_key=True,
            )
        else:
            bound[login] = (written, override)
    return {login: override for login, (_, override) in bound.items()}
