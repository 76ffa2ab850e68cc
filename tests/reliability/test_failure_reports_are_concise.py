"""A failed Box call reaches `pulumi up`'s summary as one message naming object and operation.

Pulumi's dynamic provider server printed the full traceback of whatever a provider raised;
entra-box's host reports an entra-box error as its message (`reporting.describe`). These
tests hold that message to the object and operation without the SDK's request dump, and
progress reports to a few lines however many steps a group change has.
"""

from __future__ import annotations

import pytest

from components.box.errors import PROGRESS_SHOWN, BoxRetryableError, with_progress
from components.box.user import BoxUserProvider
from components.provider_host.reporting import describe
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider, user_inputs


def test_a_user_box_keeps_refusing_fails_with_its_login_and_operation_and_no_sdk_dump(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    users = configure_provider(BoxUserProvider, **{"box:maxAttempts": "2"})
    box.inject("error", count=50, status=503, method="POST", path_prefix="/2.0/users")
    inputs = users.check({}, user_inputs("ann@contoso.com")).inputs

    with pytest.raises(BoxRetryableError) as raised:
        users.create(inputs)

    report = describe(raised.value, debug=False)  # what the host tells the engine
    assert report.startswith("create user ann@contoso.com: Box kept answering 503")
    assert "BoxAPIError" not in report and "Headers:" not in report
    assert len(report.splitlines()) < 10


def test_a_progress_report_names_the_first_steps_and_counts_the_rest() -> None:
    steps = [f"add u{n}@contoso.com as member" for n in range(PROGRESS_SHOWN + 7)]
    error = BoxRetryableError("add member u0@contoso.com: could not reach Box", delay=1.0)

    extended = with_progress(error, steps[:3], steps)

    assert "Done before the failure: add u0@contoso.com as member; add u1" in extended.message
    assert f"add u{PROGRESS_SHOWN - 1}@contoso.com as member; and 7 more" in extended.message
    assert f"u{PROGRESS_SHOWN}@" not in extended.message
    assert isinstance(extended, BoxRetryableError) and extended.delay == 1.0
