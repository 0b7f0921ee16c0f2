"""``python -m rrb_desktop``: the same as the ``rrb-desktop`` command."""

from rrb_desktop.launch import main

main()  # ends the process itself (rrb_desktop.launch.end_process)
