"""Markdown for a pull request comment: each stack's access changes, its full preview below.

Pure: `StackPreview`s in, one comment body out. Called by `__main__.py`. The comment starts
with a hidden marker (`MARKER`) so the workflow updates its own earlier comment instead of
adding one per push. GitHub refuses comments over 65,536 characters, so each full preview
is cut to a share of `MAX_COMMENT_CHARS` with a pointer to the workflow log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tools.preview_summary.changes import AccessChanges, GroupChange, UserChange

MARKER = "<!-- entra-box:preview-summary -->"
# What the program warns in every preview of a stack whose spec says `provisioning.paused`
# (components/program.py); such a preview's changes are recorded, not written to Box.
PAUSED_NOTE = "provisioning paused: nothing is written to Box"
MAX_COMMENT_CHARS = 60_000
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class StackPreview:
    """One stack's preview: its changes, whether the gated preview passed, its text output."""

    stack: str
    changes: AccessChanges
    passed: bool = True
    full_text: str = ""


def render_comment(previews: Sequence[StackPreview], title: str = "Access changes") -> str:
    """The whole comment: a headline per stack, then each stack's section."""
    budget = max(MAX_COMMENT_CHARS // max(len(previews), 1) - 4_000, 1_000)
    lines = [MARKER, f"## {title}", ""]
    lines += [f"- {_headline(preview)}" for preview in previews]
    for preview in previews:
        lines += ["", *render_stack(preview, budget)]
    return "\n".join(lines).rstrip() + "\n"


def render_stack(preview: StackPreview, full_text_budget: int = 20_000) -> list[str]:
    """One stack's section: gains, losses, other user changes, groups, Entra, problems."""
    changes = preview.changes
    lines = [f"### `{preview.stack}`", ""]
    if not preview.passed:
        lines += ["**The preview failed** (policy violation or error): see the problems below.", ""]
    if _paused(preview):
        lines += [f"**{PAUSED_NOTE}**: the changes below wait until provisioning resumes.", ""]
    if changes.empty and preview.passed:
        lines += ["No changes: Box and Entra already match the spec.", ""]
    lines += _users("Gain Box access", changes.gains)
    lines += _users("Lose Box access", changes.losses)
    lines += _users("Other user changes", changes.user_updates)
    lines += _section(
        "Re-keyed (the same Box account; nothing deprovisioned)",
        [f"`{entry}`" for entry in changes.rekeyed],
    )
    lines += _section("Groups", [_group(group) for group in changes.groups])
    lines += _section(
        "Entra app assignments",
        [f"{'added' if a.added else 'removed'}: {a.principal}" for a in changes.assignments],
    )
    lines += _section("Other resources", list(changes.other))
    lines += _section("Problems", list(changes.problems))
    lines += _full_text(preview, full_text_budget)
    return lines


def _headline(preview: StackPreview) -> str:
    changes = preview.changes
    parts = [
        _count(len(changes.gains), "person gains Box access", "people gain Box access"),
        _count(len(changes.losses), "person loses Box access", "people lose Box access"),
        _count(len(changes.groups), "group changes", "groups change"),
        _count(len(changes.assignments), "Entra assignment changes", "Entra assignments change"),
    ]
    said = [part for part in parts if part]
    if not said and not changes.empty:
        said = ["other changes only"]
    elif not said and preview.passed:
        said = ["no changes"]
    if not preview.passed:
        said.append("**preview failed**")
    if _paused(preview):
        said.insert(0, f"**{PAUSED_NOTE}**")
    return f"`{preview.stack}`: {', '.join(said)}"


def _paused(preview: StackPreview) -> bool:
    return PAUSED_NOTE in preview.full_text


def _count(number: int, one: str, many: str) -> str:
    if number == 0:
        return ""
    return f"{number} {one if number == 1 else many}"


def _users(title: str, users: Iterable[UserChange]) -> list[str]:
    return _section(title, [_user(user) for user in users])


def _user(user: UserChange) -> str:
    name = f" ({user.name})" if user.name else ""
    return f"`{user.login}`{name}: {user.how}"


def _group(group: GroupChange) -> str:
    parts: list[str] = []
    if group.renamed_from:
        parts.append(f"renamed from `{group.renamed_from}`")
    if group.kind == "new":
        parts.append(f"new group; members: {_logins(group.added) or 'none'}")
    elif group.kind == "adopted":
        parts.append(f"adopts the existing group (Box id {group.adopts}): {_adoption(group)}")
    elif group.kind == "removed":
        members = f": {_logins(group.removed)}" if group.removed else ""
        parts.append(f"removed from Box; its members keep their accounts{members}")
    else:
        parts += [f"+ {_logins(group.added)}"] if group.added else []
        parts += [f"- {_logins(group.removed)}"] if group.removed else []
        parts += [f"role {change}" for change in group.role_changes]
        parts += ["description changed"] if group.description_changed else []
        kept = group.description_kept
        parts += [f"description no longer managed: Box keeps {kept!r}"] if kept else []
    return f"`{group.name}`: {'; '.join(parts) or 'no membership change'}"


def _adoption(group: GroupChange) -> str:
    parts = [f"adds {_logins(group.added)}"] if group.added else []
    parts += (
        [f"removes {_logins(group.removed)} (they lose the group's access)"]
        if group.removed
        else []
    )
    parts += [f"role {change}" for change in group.role_changes]
    parts += ["changes the description"] if group.description_changed else []
    return ", ".join(parts) or "no changes"


def _logins(entries: Sequence[str]) -> str:
    return ", ".join(f"`{entry}`" for entry in entries)


def _section(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return [f"**{title}** ({len(items)})", "", *(f"- {item}" for item in items), ""]


def _full_text(preview: StackPreview, budget: int) -> list[str]:
    text = _ANSI.sub("", preview.full_text).strip()
    if not text:
        return []
    if len(text) > budget:
        text = text[:budget] + "\n... (cut here; the workflow log has the whole preview)"
    fence = "~~~~" if "```" in text else "```"
    return [
        "<details>",
        f"<summary>Full preview of <code>{preview.stack}</code></summary>",
        "",
        f"{fence}diff",
        text,
        fence,
        "</details>",
    ]
