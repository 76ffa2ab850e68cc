"""Resolution: a spec and a directory in, the desired state out; pure, no I/O.

Public API: `resolve(spec, directory) -> DesiredState` (raises `components.spec.SpecError`),
the `Directory`/`DirectoryUser`/`DirectoryGroup` input models, `inline_directory(spec)` for
`source: inline` specs, and `default_max_deprovisions(managed_users)`.
"""

from components.resolve.directory import (
    Directory,
    DirectoryGroup,
    DirectoryUser,
    inline_directory,
)
from components.resolve.resolver import resolve
from components.resolve.settings import default_max_deprovisions

__all__ = [
    "Directory",
    "DirectoryGroup",
    "DirectoryUser",
    "default_max_deprovisions",
    "inline_directory",
    "resolve",
]
