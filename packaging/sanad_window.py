"""The frozen app's windowed program, `Sanad`: the window, whatever words it is given."""

import sys

from advisor.cli.main import window_main

if __name__ == "__main__":
    sys.exit(window_main())
