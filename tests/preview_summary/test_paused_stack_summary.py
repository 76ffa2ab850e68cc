"""A paused stack's preview is summarised as paused: its changes wait, nothing is written."""

from __future__ import annotations

from tools.preview_summary.changes import AccessChanges, UserChange
from tools.preview_summary.markdown import PAUSED_NOTE, StackPreview, render_comment

WARNING = (
    "warning: provisioning paused: nothing is written to Box (provisioning.paused: true in "
    "stacks/prod.yaml)"
)


def test_the_headline_and_section_of_a_paused_stack_say_nothing_is_written() -> None:
    gain = UserChange(login="kim@contoso.example", name="Kim", how="new Box user")
    paused = StackPreview("prod", AccessChanges(gains=(gain,)), full_text=WARNING)

    comment = render_comment([paused]).splitlines()

    assert f"- `prod`: **{PAUSED_NOTE}**, 1 person gains Box access" in comment
    assert f"**{PAUSED_NOTE}**: the changes below wait until provisioning resumes." in comment


def test_a_stack_that_is_not_paused_says_nothing_of_it() -> None:
    running = StackPreview("dev", AccessChanges(), full_text="Resources: 5 unchanged")

    assert PAUSED_NOTE not in render_comment([running])
