"""The real pack process, spoken to over the analyzer protocol as the Pulumi engine does.

`python policies` (what the engine's Python language host runs) serves the analyzer gRPC
API; these tests read the policies it announces, configure it as `--policy-pack-config`
would (enforcement overrides, thresholds) and analyze resources, so they prove what no
direct validator call can: that `__main__.py` builds the pack from `policies.pack`, and that
configured levels and values reach the policies.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, json_format, struct_pb2  # type: ignore[import-untyped]
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from policies.pack import PACK_ENFORCEMENT, PACK_NAME, POLICIES
from policies.reading import APP_ROLE_ASSIGNMENT, BOX_USER, SERVICE_PRINCIPAL
from tests.policies.support import UNKNOWN, urn

PACK_DIR = Path(__file__).resolve().parents[2] / "policies"
LEVELS = {
    "advisory": analyzer_pb2.ADVISORY,
    "mandatory": analyzer_pb2.MANDATORY,
    "disabled": analyzer_pb2.DISABLED,
}


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # As the engine does: the pack directory as the program, another working directory.
    process = subprocess.Popen(
        [sys.executable, str(PACK_DIR)],
        cwd=tmp_path_factory.mktemp("engine-cwd"),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().strip())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield analyzer_pb2_grpc.AnalyzerStub(channel)
    finally:
        process.terminate()
        process.wait(timeout=30)


def struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(dict(values))
    return message


def configure(analyzer: Any, config: Mapping[str, Any]) -> None:
    """What `--policy-pack-config` sends: every policy, with a level and its properties."""
    policy_config = {}
    for policy in POLICIES:
        given = dict(config.get(policy.name, {}))
        level = given.pop("enforcementLevel", (policy.enforcement_level or PACK_ENFORCEMENT).value)
        policy_config[policy.name] = analyzer_pb2.PolicyConfig(
            enforcementLevel=LEVELS[level], properties=struct(given)
        )
    analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=policy_config))


def stack_resource(resource_type: str, name: str, props: Mapping[str, Any]) -> Any:
    return analyzer_pb2.AnalyzerResource(
        type=resource_type, name=name, urn=urn(resource_type, name), properties=struct(props)
    )


def coadmin(login: str) -> Any:
    props = {"login": login, "name": "A", "status": "active", "role": "coadmin"}
    return stack_resource(BOX_USER, login, {**props, "role_explicit": True})


def diagnostics(response: Any) -> list[tuple[str, int, str]]:
    return [(d.policyName, d.enforcementLevel, d.message) for d in response.diagnostics]


def test_the_pack_announces_exactly_the_policies_of_policies_pack(analyzer: Any) -> None:
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())

    assert info.name == PACK_NAME
    announced = {
        p.name: (p.description, p.enforcementLevel, json_format.MessageToDict(p.configSchema))
        for p in info.policies
    }
    expected = {
        p.name: (
            p.description,
            LEVELS[(p.enforcement_level or PACK_ENFORCEMENT).value],
            {"properties": p.config_schema.properties} if p.config_schema else {},
        )
        for p in POLICIES
    }
    assert json.loads(json.dumps(announced)) == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    ("config", "level"),
    [
        ({}, analyzer_pb2.MANDATORY),
        ({"enforcementLevel": "advisory"}, analyzer_pb2.ADVISORY),
        ({"maxCoadmins": 3}, None),
        ({"enforcementLevel": "disabled"}, None),
    ],
    ids=["default-mandatory", "advisory-override", "threshold-raised", "disabled"],
)
def test_a_stacks_policy_config_sets_the_level_and_the_threshold(
    analyzer: Any, config: dict[str, Any], level: int | None
) -> None:
    configure(analyzer, {"box-coadmin-limit": config})
    three = [coadmin(f"admin{n}@contoso.com") for n in range(3)]

    response = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=three))

    found = [(lvl, msg) for name, lvl, msg in diagnostics(response) if name == "box-coadmin-limit"]
    if level is None:
        assert found == []
    else:
        assert [lvl for lvl, _ in found] == [level]
        assert "3 Box users are co-admins" in found[0][1]
        assert "more than the 2 this stack allows" in found[0][1]


def test_a_resource_violation_reaches_the_engine_with_its_message(analyzer: Any) -> None:
    configure(analyzer, {})
    props = {"appRoleId": "00000000-0000-0000-0000-000000000000"}
    request = analyzer_pb2.AnalyzeRequest(
        type=APP_ROLE_ASSIGNMENT,
        name="assignment-group-sales",
        urn=urn(APP_ROLE_ASSIGNMENT, "assignment-group-sales"),
        properties=struct(props),
    )

    found = diagnostics(analyzer.Analyze(request))

    assert [(name, level) for name, level, _ in found] == [
        ("box-app-no-default-access-role", analyzer_pb2.MANDATORY)
    ]
    assert "uses the Default Access role" in found[0][2]


def test_values_unknown_during_a_preview_give_no_diagnostic_at_all(analyzer: Any) -> None:
    configure(analyzer, {})
    sp_keys = (
        "appRoleAssignmentRequired",
        "preferredSingleSignOnMode",
        "notificationEmailAddresses",
    )
    sp = analyzer_pb2.AnalyzeRequest(
        type=SERVICE_PRINCIPAL,
        name="sp",
        urn=urn(SERVICE_PRINCIPAL, "sp"),
        properties=struct(dict.fromkeys(sp_keys, UNKNOWN)),
    )
    user_props = {"login": "a@contoso.com", "role": UNKNOWN, "deprovision": UNKNOWN}
    users = [stack_resource(BOX_USER, "a@contoso.com", user_props)]

    assert diagnostics(analyzer.Analyze(sp)) == []
    stack = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=users))
    assert diagnostics(stack) == []


def test_a_misspelt_config_key_is_reported_instead_of_ignored(analyzer: Any) -> None:
    configure(analyzer, {"box-coadmin-limit": {"maxCoAdmins": 1}})
    three = [coadmin(f"admin{n}@contoso.com") for n in range(3)]

    response = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=three))

    messages = [msg for name, _, msg in diagnostics(response) if name == "box-coadmin-limit"]
    assert any("policy config key(s) maxCoAdmins are not this policy's" in m for m in messages)
    assert any("Remediation: use maxCoadmins in the stack's policy config" in m for m in messages)
