"""Fixtures of the reliability tests.

The Box provider fixtures (`users`, `groups`, `configure_provider`, fresh connections per
test) are the Box tests' own (tests/box/conftest.py), re-exported so that provider-level
checks here configure providers exactly as those tests and the engine do. The engine tests
use `engine_stack` / `new_engine_stack` and `box` from tests/conftest.py.
"""

from tests.box.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    configure_provider,
    fresh_connections,
    groups,
    users,
)
