"""``python -m convviz`` runs the command line."""

from convviz.cli import main

raise SystemExit(main())
