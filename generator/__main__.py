"""``python -m generator`` is the same as the ``govpub`` command."""

import sys

from .cli import main

sys.exit(main())
