"""`pulumi-resource-pulumi-python` (console script) or `python -m components.provider_host`.

Starts entra-box's dynamic-provider host as the engine expects of that plugin: serve the
`ResourceProvider` service on a free local port, print the port on stdout, and run until
the engine stops it, or dies (`engine_watch`). The engine's arguments (its address, logging
flags) mean nothing here, as for Pulumi's own host.
"""

from __future__ import annotations

import sys
from concurrent import futures
from threading import Event

import grpc
from pulumi.runtime.proto import provider_pb2_grpc

from components.provider_host.engine_watch import exit_with_the_engine
from components.provider_host.servicer import ProviderHost

# As Pulumi's host: four calls at a time, messages up to 400 MB, and requests that wait for
# a worker for up to half an hour (a large `up` queues many).
WORKERS = 4
OPTIONS = [
    ("grpc.max_receive_message_length", 400 * 1024 * 1024),
    ("grpc.server_max_unrequested_time_in_server", 30 * 60),
]


def main() -> int:
    exit_with_the_engine()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=WORKERS), options=OPTIONS)
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(ProviderHost(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    try:
        Event().wait()
    except KeyboardInterrupt:
        server.stop(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
