"""`engine_env()` keeps the engine from fetching plugins a stack does not use.

The Python host reports every resource-plugin package in the virtualenv (pulumi-azuread
among them); without PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION the engine tries to
download each missing plugin before running the program. All egress goes through a
recording proxy that refuses everything, so the tests see exactly what the engine tried.
"""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.toolchain.conftest import ScratchProject

pytestmark = pytest.mark.engine


class _RefusingProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RefusingHandler)
        self.requests: list[str] = []


class _RefusingHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request_line = self.rfile.readline().decode(errors="replace").strip()
        assert isinstance(self.server, _RefusingProxy)
        self.server.requests.append(request_line)
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture
def proxy() -> Iterator[_RefusingProxy]:
    server = _RefusingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _through(proxy: _RefusingProxy, project: ScratchProject) -> None:
    for key in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "https_proxy"):
        project.env.pop(key, None)
    project.env["HTTPS_PROXY"] = f"http://127.0.0.1:{proxy.server_address[1]}"


def test_with_engine_env_a_stack_that_does_not_use_azuread_never_fetches_its_plugin(
    scratch_project: ScratchProject, proxy: _RefusingProxy
) -> None:
    _through(proxy, scratch_project)
    scratch_project.pulumi("up", "--yes")
    assert proxy.requests == []


def test_without_it_the_engine_tries_to_download_the_azuread_plugin(
    scratch_project: ScratchProject, proxy: _RefusingProxy
) -> None:
    _through(proxy, scratch_project)
    del scratch_project.env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"]
    scratch_project.pulumi("preview")
    assert any("github.com:443" in line or "pulumi.com:443" in line for line in proxy.requests)


AZUREAD_PROGRAM = """
import pulumi_azuread as azuread

azuread.Group("admins", display_name="Box admins", security_enabled=True)
"""


def test_a_stack_that_uses_azuread_fails_naming_the_missing_plugin_instead_of_fetching_it(
    scratch_project: ScratchProject, proxy: _RefusingProxy
) -> None:
    _through(proxy, scratch_project)
    (scratch_project.directory / "__main__.py").write_text(AZUREAD_PROGRAM)
    done = scratch_project.pulumi("preview", check=False)
    assert done.returncode != 0
    assert "no resource plugin 'pulumi-resource-azuread' found" in done.stdout
    assert proxy.requests == []


def test_the_scratch_virtualenv_really_has_the_azuread_package() -> None:
    # The tests above only mean something if the host reports pulumi-azuread.
    import pulumi_azuread

    assert (Path(pulumi_azuread.__file__).parent / "pulumi-plugin.json").is_file()
