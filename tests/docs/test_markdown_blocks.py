"""How the docs tests read a page: which blocks are commands, which are skipped, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs.markdown_blocks import blocks, indented_commands, needs_a_deployed_stack

PAGE = """# A page

<!-- docs-test: given a deployed stack -->

```sh
pulumi preview --stack <stack>
```

<!-- docs-test: skip (needs a real Box tenant) -->

```bash
pulumi up --stack prod
```

1. A step:

   ```console
   $ make demo
   Box API writes during this run: 0
   ```

```text
not a command
```
"""


def write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_command_blocks_are_sh_bash_and_console_and_keep_their_skip_reason(
    tmp_path: Path,
) -> None:
    found = blocks(write(tmp_path, PAGE))

    assert [(block.language, block.is_command) for block in found] == [
        ("sh", True),
        ("bash", True),
        ("console", True),
        ("text", False),
    ]
    assert [block.skip_reason for block in found] == [None, "needs a real Box tenant", None, None]
    assert needs_a_deployed_stack(write(tmp_path, PAGE))


def test_a_console_block_runs_only_its_dollar_lines_without_the_list_indent(
    tmp_path: Path,
) -> None:
    console = blocks(write(tmp_path, PAGE))[2]

    assert console.commands() == "make demo\n"


def test_a_marker_that_is_not_a_skip_with_a_reason_is_an_error(tmp_path: Path) -> None:
    page = write(tmp_path, "<!-- docs-test: skip -->\n```sh\nmake demo\n```\n")

    with pytest.raises(AssertionError, match="skip \\(why it cannot run here\\)"):
        blocks(page)


def test_a_command_in_an_indented_code_block_is_found(tmp_path: Path) -> None:
    page = write(tmp_path, "Run:\n\n    pulumi up --yes\n\n```sh\n    pulumi preview\n```\n")

    assert indented_commands(page) == [(3, "pulumi up --yes")]
