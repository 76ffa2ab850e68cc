"""A local Box API emulator: a real HTTP server holding real state, faithful to Box.

The demo and every test of the Box side run against it. Start it with `python -m emulator`
(see `emulator.cli` and docs/emulator.md) or in-process with
`EmulatorServer(EmulatorConfig(...)).start()`. It knows nothing of the project that uses it.
"""

from emulator.config import EmulatorConfig, FaultConfig
from emulator.faults import ScriptedFault
from emulator.server import EmulatorServer

__all__ = ["EmulatorConfig", "EmulatorServer", "FaultConfig", "ScriptedFault"]
