"""What is in a stack's Box enterprise, and which of it the stack manages.

The `inventory` and `onboard` commands of `python -m components` (components/cli.py) use
this package: `stack.py` reads the stack's config and state through the `pulumi` CLI, as
`pulumi preview` would; `tenant.py` reads Box through the same checked connection the
providers use (read-only); `report.py` renders the inventory; `onboard.py` writes a spec
that adopts what Box holds without changing it.
"""
