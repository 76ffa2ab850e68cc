"""What the host tells the engine about a failed provider call (`reporting.describe`)."""

from __future__ import annotations

import pytest

from components.box.errors import BoxConnectionError
from components.entra.errors import UnknownAppRoleError
from components.provider_host.reporting import debugging, describe


def raised(error: Exception, cause: Exception | None = None) -> Exception:
    try:
        try:
            raise cause or RuntimeError("the SDK's page of request details")
        except Exception as inner:
            raise error from inner
    except Exception as caught:
        return caught


@pytest.mark.parametrize(
    "error",
    [
        BoxConnectionError("Box connection check failed: Box rejected the app credentials"),
        UnknownAppRoleError("Admin", "ann@contoso.com", ["User"]),
    ],
    ids=["box", "entra"],
)
def test_an_entra_box_error_is_its_message_alone(error: Exception) -> None:
    assert describe(raised(error), debug=False) == str(error)


def test_an_unexpected_error_is_its_type_and_first_line_with_the_debug_switch() -> None:
    error = raised(ValueError("no login\nsecond line"))

    described = describe(error, debug=False)

    assert described.startswith("ValueError: no login (unexpected in entra-box's providers")
    assert "second line" not in described
    assert "ENTRA_BOX_DEBUG=true shows the traceback" in described


def test_debugging_shows_the_whole_chained_traceback() -> None:
    error = raised(BoxConnectionError("Box connection check failed"))

    described = describe(error, debug=True)

    assert described.startswith("Traceback (most recent call last):")
    assert "the SDK's page of request details" in described
    assert "The above exception was the direct cause" in described


@pytest.mark.parametrize(
    ("value", "on"), [("true", True), ("1", True), ("YES", True), ("false", False), ("", False)]
)
def test_entra_box_debug_is_read_from_the_environment(value: str, on: bool) -> None:
    assert debugging({"ENTRA_BOX_DEBUG": value}) is on
