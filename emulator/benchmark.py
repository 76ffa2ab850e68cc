"""`python -m emulator.benchmark`: the emulator at enterprise scale, timed over real HTTP.

Starts `python -m emulator` in a subprocess (so that the clients here do not share its
interpreter), fills it with users, groups and memberships (10,000 / 500 / 30,000 by default)
from four client threads, then times lookups by id and by name prefix, full walks in both
paging styles and membership listings. Prints `name: value unit` lines for the project's
benchmark runner. `--state FILE` measures the durable store (an fsync per write).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import EmulatorProcess

WORKERS = 4


class Api:
    """A bearer-authenticated JSON client, one keep-alive session per thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        form = {
            "grant_type": "client_credentials",
            "client_id": DEFAULT_CLIENT_ID,
            "client_secret": DEFAULT_CLIENT_SECRET,
            "box_subject_type": "enterprise",
            "box_subject_id": DEFAULT_ENTERPRISE_ID,
        }
        token = requests.post(f"{url}/oauth2/token", data=form, timeout=30).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}
        self.session = requests.Session()

    def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        answer = self.session.request(
            method, f"{self.url}{path}", headers=self.headers, timeout=60, **kwargs
        )
        answer.raise_for_status()
        body: dict[str, Any] = answer.json()
        return body


def timed(label: str, count: int, action: Callable[[], object]) -> None:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label}_total: {elapsed:.2f} s", flush=True)
    print(f"{label}_per_request: {1000 * elapsed / max(count, 1):.2f} ms", flush=True)


def in_parallel(url: str, jobs: Sequence[Callable[[Api], Any]]) -> list[Any]:
    apis = [Api(url) for _ in range(WORKERS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        chunks = [jobs[n::WORKERS] for n in range(WORKERS)]
        results = pool.map(
            lambda pair: [job(pair[0]) for job in pair[1]], zip(apis, chunks, strict=True)
        )
        return [item for chunk in results for item in chunk]


def fill(url: str, users: int, groups: int, memberships: int) -> tuple[list[str], list[str]]:
    user_ids: list[str] = []
    group_ids: list[str] = []

    def create_users() -> None:
        jobs = [_create_user(n) for n in range(users)]
        user_ids.extend(in_parallel(url, jobs))

    def create_groups() -> None:
        group_ids.extend(in_parallel(url, [_create_group(n) for n in range(groups)]))

    timed("create_users", users, create_users)
    timed("create_groups", groups, create_groups)
    pairs = random.Random(1).sample(  # noqa: S311 - a fixed sample, not a secret
        range(users * groups), memberships
    )
    jobs = [_add_member(user_ids[p // groups], group_ids[p % groups]) for p in pairs]
    timed("create_memberships", memberships, lambda: in_parallel(url, jobs))
    return user_ids, group_ids


def read(url: str, user_ids: list[str], group_ids: list[str], lookups: int) -> None:
    api = Api(url)
    sample = random.Random(2).sample(  # noqa: S311 - a fixed sample, not a secret
        user_ids, min(lookups, len(user_ids))
    )
    timed(
        "get_user_by_id", len(sample), lambda: [api.call("GET", f"/2.0/users/{i}") for i in sample]
    )
    prefixes = [f"bench user {n:05d}"[:-1] for n in range(0, len(user_ids), 37)][:lookups]
    timed(
        "filter_users_by_prefix",
        len(prefixes),
        lambda: [api.call("GET", "/2.0/users", params={"filter_term": p}) for p in prefixes],
    )
    timed("walk_users_offset", len(user_ids) // 1000 + 1, lambda: _walk_offset(api, len(user_ids)))
    timed("walk_users_marker", len(user_ids) // 1000 + 1, lambda: _walk_marker(api))
    sample_groups = group_ids[: min(lookups, len(group_ids))]
    timed(
        "list_group_memberships",
        len(sample_groups),
        lambda: [api.call("GET", f"/2.0/groups/{g}/memberships") for g in sample_groups],
    )


def _create_user(n: int) -> Callable[[Api], str]:
    body = {"name": f"Bench User {n:05d}", "login": f"bench{n:05d}@example.com"}
    return lambda api: str(api.call("POST", "/2.0/users", json=body)["id"])


def _create_group(n: int) -> Callable[[Api], str]:
    return lambda api: str(
        api.call("POST", "/2.0/groups", json={"name": f"Bench Group {n:03d}"})["id"]
    )


def _add_member(user_id: str, group_id: str) -> Callable[[Api], Any]:
    body = {"user": {"id": user_id}, "group": {"id": group_id}}
    return lambda api: api.call("POST", "/2.0/group_memberships", json=body)


def _walk_offset(api: Api, expected: int) -> None:
    offset, seen = 0, 0
    while offset <= 10_000:
        page = api.call("GET", "/2.0/users", params={"offset": offset, "limit": 1000})
        seen += len(page["entries"])
        offset += 1000
        if offset >= page["total_count"]:
            break
    assert seen == min(expected, 11_000), seen  # noqa: S101 - a benchmark that lies is useless


def _walk_marker(api: Api) -> None:
    params: dict[str, Any] = {"usemarker": "true", "limit": 1000}
    while True:
        page = api.call("GET", "/2.0/users", params=params)
        if not page.get("next_marker"):
            return
        params["marker"] = page["next_marker"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator.benchmark")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=500)
    parser.add_argument("--memberships", type=int, default=30_000)
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--state", type=Path, help="measure the durable store in this new file")
    args = parser.parse_args(argv)
    if args.state is not None and args.state.exists():
        parser.error(f"{args.state} exists; give a new file so that the numbers are comparable")
    state = ("--state", str(args.state)) if args.state else ()
    with EmulatorProcess(*state) as emulator:
        user_ids, group_ids = fill(emulator.url, args.users, args.groups, args.memberships)
        read(emulator.url, user_ids, group_ids, args.lookups)
        log = requests.get(f"{emulator.url}/_emulator/requests?since=999999999", timeout=60)
        print(f"requests_served: {log.json()['total']} requests", flush=True)
        emulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
