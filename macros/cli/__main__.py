"""`python -m macros.cli`: the same as the `mentor` command."""

import sys

from .commands import entry_point

sys.exit(entry_point())
