"""Entry point of `python -m emulator`; the work is in `emulator.cli`."""

from emulator.cli import main

raise SystemExit(main())
