"""Resolution: a spec and a directory in, the desired state out; pure, no I/O.

Public API: `resolve(spec, directory) -> DesiredState` (raises `components.spec.SpecError`),
the `Directory`/`DirectoryUser`/`DirectoryGroup` input models, `inline_directory(spec)` for
`source: inline` specs, `default_max_deprovisions(managed_users)`, and
`with_cross_references(error)`, which adds to a structural `SpecError` the cross-reference
problems of the file's valid parts.
"""

from components.resolve.directory import (
    Directory,
    DirectoryGroup,
    DirectoryUser,
    inline_directory,
)
from components.resolve.resolver import resolve
from components.resolve.settings import default_max_deprovisions
from components.resolve.whole_file import with_cross_references

__all__ = [
    "Directory",
    "DirectoryGroup",
    "DirectoryUser",
    "default_max_deprovisions",
    "inline_directory",
    "resolve",
    "with_cross_references",
]
