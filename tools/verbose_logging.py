"""Settings that make Pulumi, its plugins or gRPC log verbosely, and with that log secrets.

`tools.ci_pulumi` refuses to run any of its commands while one of them is set. The engine
decrypts `box:clientSecret` and hands it to the providers in their `Configure` call, so:
`-v=N`/`--verbose` (log files in the temp directory, mode 0644, or with `--logtostderr` the
job log) and `--logflow` (the same in every plugin) record it; `--tracing` and
`--otel-traces` record every gRPC payload; `PULUMI_DEBUG_GRPC` writes every gRPC call to a
file; `TF_LOG*` makes the Terraform-bridged pulumi-azuread log its HTTP exchanges with
Entra, credentials included; `GRPC_TRACE` makes gRPC itself trace its traffic. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

VERBOSE_FLAGS = ("--verbose", "--logtostderr", "--logflow", "--tracing", "--otel-traces")
_SHORT_VERBOSE = re.compile(r"-v(=?\d*)?")
_HARMLESS_TF_LOG = frozenset({"", "off", "error", "warn"})


def verbose_flags(args: Iterable[str]) -> list[str]:
    """The arguments of a `pulumi` command line that turn verbose logging or tracing on."""
    found = []
    for arg in args:
        name = arg.split("=", 1)[0]
        if name in VERBOSE_FLAGS or _SHORT_VERBOSE.fullmatch(arg):
            found.append(arg)
    return found


def verbose_environment(environ: Mapping[str, str]) -> list[str]:
    """`NAME=value` of each environment variable that turns verbose logging on."""
    found = []
    for name, value in sorted(environ.items()):
        if _is_verbose(name, value.strip()):
            found.append(f"{name}={value}")
    return found


def _is_verbose(name: str, value: str) -> bool:
    if name in ("PULUMI_DEBUG_GRPC", "GRPC_TRACE"):
        return bool(value)
    if name.startswith("TF_LOG"):  # TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK..., TF_LOG_PATH
        return value.lower() not in _HARMLESS_TF_LOG
    return False


def refusal(settings: Iterable[str]) -> str:
    """The message that names the settings at fault and why they are refused."""
    return (
        f"refusing to run with verbose engine logging ({', '.join(settings)}): Pulumi's "
        "verbose logs and traces, PULUMI_DEBUG_GRPC, TF_LOG and GRPC_TRACE write the "
        "decrypted box:clientSecret and the Entra credentials to log files and the job log. "
        "Unset them; to debug the engine, reproduce the problem on a stack with throwaway "
        "credentials (docs/operating-safely.md: Security)."
    )
