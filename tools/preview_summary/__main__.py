"""`python -m tools.preview_summary DIR [--output FILE] [--title TEXT]`: the PR comment.

Exit code 0 when the comment was written (whatever the previews found), 2 when DIR holds no
`<stack>.json`. A JSON file that is empty or not JSON (the preview died before printing)
makes that stack a failed one, with the reason in its problems.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tools.preview_summary.changes import AccessChanges, access_changes
from tools.preview_summary.markdown import StackPreview, render_comment
from tools.preview_summary.policy_text import policy_violations


def read_stack(json_file: Path) -> StackPreview:
    """One stack's files: `<stack>.json`, and if present `<stack>.txt` and `<stack>.exit`."""
    stack = json_file.stem
    text_file, exit_file = json_file.with_suffix(".txt"), json_file.with_suffix(".exit")
    passed = not exit_file.exists() or exit_file.read_text().strip() == "0"
    try:
        changes = access_changes(json.loads(json_file.read_text()))
    except json.JSONDecodeError:
        problem = f"error: `pulumi preview --json` printed no JSON for {stack}; see its log"
        changes, passed = AccessChanges(problems=(problem,)), False
    full_text = text_file.read_text() if text_file.exists() else ""
    problems = (*policy_violations(full_text), *changes.problems)
    return StackPreview(stack, replace(changes, problems=problems), passed, full_text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.preview_summary",
        description="Summarise each stack's pulumi preview as a pull request comment.",
    )
    parser.add_argument("directory", type=Path, help="holds <stack>.json, .txt and .exit files")
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--title", default="Access changes")
    args = parser.parse_args(argv)
    files = sorted(args.directory.glob("*.json"))
    if not files:
        print(f"preview_summary: no <stack>.json in {args.directory}", file=sys.stderr)
        return 2
    comment = render_comment([read_stack(file) for file in files], args.title)
    if args.output is None:
        sys.stdout.write(comment)
    else:
        args.output.write_text(comment)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
