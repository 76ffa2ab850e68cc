"""Policy violations from the text of a policy-gated `pulumi preview`.

The engine leaves policy results out of `pulumi preview --json` (`backend/display/json.go`
skips policy events), so `__main__.py` reads them from the gated preview's text, where
Pulumi prints each as `<pack>@v<version> [<level>]  <policy>  (<resource>)<description>`
followed by the violation's message lines. Pure; lenient: lines it does not recognise are
ignored (the full preview stays in the comment anyway).
"""

from __future__ import annotations

import re

VIOLATION = re.compile(r"\S+@v\S+ \[(?P<level>mandatory|advisory|remediate)\]\s+(?P<policy>\S+)")


def policy_violations(text: str) -> list[str]:
    """`policy <name> (<level>): <first message line>` for each violation in `text`."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines):
        match = VIOLATION.search(line)
        if match is None:
            continue
        message = lines[number + 1].strip() if number + 1 < len(lines) else ""
        label = f"policy {match['policy']} ({match['level']})"
        found.append(f"{label}: {message}" if message else label)
    return found
