"""`python -m components`: the spec command line (see `components.cli`)."""

from components.cli import main

raise SystemExit(main())
