"""``python -m rrb_desktop``: the same as the ``rrb-desktop`` command."""

import sys

from rrb_desktop.launch import main

sys.exit(main())
