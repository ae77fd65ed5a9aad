"""``python -m skilltrack``: the same as the ``skilltrack`` command."""

import sys

from skilltrack.cli import main

sys.exit(main())
