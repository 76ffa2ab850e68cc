"""The pull request summary of `pulumi preview`: who gains Box access, who loses it, which groups.

`python -m tools.preview_summary DIR` (run by `.github/workflows/preview.yml`) reads, per
stack, `DIR/<stack>.json` (`pulumi preview --json`), optionally `DIR/<stack>.txt` (the
text output of the policy-gated `pulumi preview --diff`, shown collapsed as the full diff)
and `DIR/<stack>.exit` (that preview's exit code; non-zero marks the stack failed), and
prints one Markdown comment. `changes.py` reads the engine's JSON; `markdown.py` writes.
"""

from tools.preview_summary.changes import AccessChanges, access_changes
from tools.preview_summary.markdown import MARKER, StackPreview, render_comment

__all__ = ["MARKER", "AccessChanges", "StackPreview", "access_changes", "render_comment"]
