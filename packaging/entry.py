"""The bundle's entry point (packaging/zonedesk.spec): the same `zonedesk` command as the
checkout's console script, desktop.cli.main."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
