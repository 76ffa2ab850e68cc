"""Fixtures of the reliability tests.

The Box provider fixtures (`users`, `groups`, `configure_provider`, fresh connections per
test) are the Box tests' own (tests/box/conftest.py), re-exported so that provider-level
checks here configure providers exactly as those tests and the engine do. The engine tests
use `engine_stack` / `new_engine_stack` and `box` from tests/conftest.py.

Property-based tests run under the hypothesis profile `entra-box`: 100 examples a test, no
per-example deadline (the machine is shared; an example's time is not what is tested).
`ENTRA_BOX_HYPOTHESIS_PROFILE=entra-box-thorough` runs 2,000 a test, for a long soak.
"""

import os

from hypothesis import HealthCheck, settings

from tests.box.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    configure_provider,
    fresh_connections,
    groups,
    users,
)

settings.register_profile(
    "entra-box", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "entra-box-thorough", settings.get_profile("entra-box"), max_examples=2000
)
settings.load_profile(os.environ.get("ENTRA_BOX_HYPOTHESIS_PROFILE", "entra-box"))
