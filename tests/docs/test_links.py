"""Every relative link of the README and `docs/` leads to a file, and to a heading there.

Anchors are GitHub's: the heading lower-cased, punctuation other than `-` and `_` dropped,
spaces made `-`, and `-1`, `-2`, ... for repeats. Pages other engineers are writing on
their own branches are listed in `PENDING_PAGES` until they are merged: a link to one of
them is allowed while the file does not exist, and fails once the file exists and is no
longer pending, so the list cannot outlive its use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs.markdown_blocks import FENCE, REPO_ROOT, pages

# Written on other branches; empty this list as they are merged.
PENDING_PAGES: frozenset[str] = frozenset()
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub makes for `page`'s headings."""
    seen: dict[str, int] = {}
    found = set()
    inside = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
            continue
        heading = None if inside else HEADING.match(line)
        if not heading:
            continue
        slug = slugify(heading["text"])
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def slugify(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its words
    text = text.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def relative_links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    targets = [match["target"] for match in LINK.finditer(text)]
    return [target for target in targets if not re.match(r"^[a-z]+:", target)]


CASES = [(page, target) for page in pages() for target in relative_links(page)]


@pytest.mark.parametrize(
    ("page", "target"), CASES, ids=[f"{page.name}->{target}" for page, target in CASES]
)
def test_each_relative_link_leads_to_a_file_and_heading(page: Path, target: str) -> None:
    path_part, _, anchor = target.partition("#")
    destination = (page.parent / path_part).resolve() if path_part else page
    name = destination.relative_to(REPO_ROOT).as_posix()
    if name in PENDING_PAGES:
        assert not destination.exists(), (
            f"{name} exists now: remove it from PENDING_PAGES in tests/docs/test_links.py"
        )
        return
    assert destination.exists(), f"{page.name} links to {target}, which does not exist"
    if anchor and destination.suffix == ".md":
        assert anchor in anchors(destination), f"{page.name}: no heading #{anchor} in {name}"


def test_pending_pages_are_linked_from_the_docs() -> None:
    linked = {
        (page.parent / target.partition("#")[0]).resolve().relative_to(REPO_ROOT).as_posix()
        for page, target in CASES
        if target.partition("#")[0]
    }
    assert linked >= PENDING_PAGES


def test_each_page_of_docs_is_linked_from_the_readme() -> None:
    readme = {target.partition("#")[0] for target in relative_links(REPO_ROOT / "README.md")}
    for page in sorted((REPO_ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in readme, f"the README does not link docs/{page.name}"


def test_the_slug_rules_match_githubs() -> None:
    assert slugify("The Box side (`components/box/`)") == "the-box-side-componentsbox"
    assert slugify("Security: what is guaranteed, and what is not") == (
        "security-what-is-guaranteed-and-what-is-not"
    )
    assert slugify("`box-coadmin-limit`") == "box-coadmin-limit"
