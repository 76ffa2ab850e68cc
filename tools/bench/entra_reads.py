"""What `directory.source: entra` costs in Graph requests, under the mocks, per organisation size.

Called by `tools.bench.__main__` before the Box runs (no engine, a few seconds). The tenant is
a `FakeTenant` (tests/entra) of `users` people in assigned groups of `GROUP_SIZE`, the Graph
a fake over HTTP on port 0 (tests/entra/fake_graph.py); the program's real
`read_entra_directory` reads it with one mapped attribute outside `get_users`' set
(`jobTitle`), as a spec mapping job titles does. Figures:

- `entra_read_graph_requests_<n>`: the Graph requests the read made (member pages and the
  directly assigned users), plus, by the same model, one per `get_groups` invoke and one per
  UPN in `get_users` (the directly assigned users, still resolved by the provider);
- `entra_read_data_source_model_<n>`: what the same read costs through pulumi-azuread's data
  sources, by a cost model of terraform-provider-azuread v3.9.0: `get_groups` 1 request,
  `get_group` 2 + one per 100 members (group, owners, member pages), `get_users` one per id,
  `get_user` 2 (user and manager). A model, not a measurement: the provider is not run.
"""

from __future__ import annotations

import math
from typing import Final

from components.entra.directory_reader import read_entra_directory
from components.entra.lookups import EntraLookups
from tests.entra.fake_graph import running_fake_graph, serve_tenant
from tests.entra.fake_tenant import FakeTenant
from tests.entra.harness import run_program
from tools.bench.figures import Report

GROUP_SIZE: Final = 500
DIRECT_USERS: Final = 10
MAPPED: Final = frozenset({"jobTitle", "mail"})


def _tenant(users: int) -> tuple[FakeTenant, list[str], list[str]]:
    tenant = FakeTenant()
    people = [tenant.add_user(f"u{n}@contoso.com", f"User {n}") for n in range(users)]
    groups = []
    for start in range(DIRECT_USERS, users, GROUP_SIZE):
        name = f"Team {start // GROUP_SIZE:03d}"
        tenant.add_group(name, people[start : start + GROUP_SIZE])
        groups.append(name)
    return tenant, [p.upn for p in people[:DIRECT_USERS]], groups


def data_source_model(users: int, groups: int, extended: bool) -> int:
    """Graph requests of the same read through pulumi-azuread's data sources (see above)."""
    per_group = 1 + 2 + math.ceil(GROUP_SIZE / 100)
    return groups * per_group + users + (2 * users if extended else 0)


def measure(users: int, report: Report) -> None:
    tenant, direct, groups = _tenant(users)
    with running_fake_graph() as graph:
        serve_tenant(graph, tenant)

        def program() -> None:
            read_entra_directory(direct, groups, MAPPED, EntraLookups())

        run_program(tenant, program, config=graph.config())
        graph_calls = [r for r in graph.state.requests if "/oauth2/" not in r[1]]
    invokes = sum(1 for token, _ in tenant.calls if token.endswith("getGroups"))
    get_users = sum(
        len(a.get("userPrincipalNames") or ()) for t, a in tenant.calls if t.endswith("getUsers")
    )
    report.add(
        f"entra_read_graph_requests_{users}", len(graph_calls) + invokes + get_users, "requests"
    )
    report.add(
        f"entra_read_data_source_model_{users}",
        data_source_model(users, len(groups), extended=True),
        "requests",
    )
