"""Sanad: `python main.py [COMMAND …]` is the same program as `advisor [COMMAND …]`."""

import sys

from advisor.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
