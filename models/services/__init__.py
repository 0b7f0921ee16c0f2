"""Every read and every edit of the record, as units of work.

The window, the command line and the tests all come through here, so a rule (an end time
after the start, an organisation named once whatever its case) holds everywhere. Functions
return plain frozen values, never live ORM rows: the caller may keep them as long as it
likes without a session. The parts: :mod:`.common` (errors, values, helpers inside a unit
of work), :mod:`.meetings`, :mod:`.agenda` and :mod:`.boards`; callers use this package.

The package loads its parts, and SQLAlchemy with them, when a function is first asked for
(``__getattr__``): the errors and values load at once, from modules without SQLAlchemy, so
the window's first screen can name them before SQLAlchemy loads (``rrb_desktop.app``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from models.errors import NotFoundError, StaleEditError, ValidationError
from models.meeting_doc import BoardRef
from models.service_values import (
    AgendaItemRow,
    MeetingGroup,
    MeetingRecord,
    MeetingSummary,
    OrganisationRow,
)

if TYPE_CHECKING:
    from models.services.agenda import (
        RemovedAgendaItem,
        add_agenda_item,
        agenda_titles,
        delete_agenda_item,
        move_agenda_item,
        restore_agenda_item,
        update_agenda_item,
    )
    from models.services.boards import (
        DEFAULT_BOARD,
        BoardRow,
        create_board,
        list_boards,
        list_organisations,
        venues_used,
    )
    from models.services.common import (
        find_organisation,
        load_meeting,
        load_whole_meeting,
        mark_edited,
        renumber,
    )
    from models.services.meetings import (
        EDITABLE_DETAILS,
        already_there,
        create_meeting,
        delete_meeting,
        import_meeting,
        import_meetings,
        like_meetings,
        list_meetings,
        meeting_count,
        meeting_doc,
        meeting_groups,
        meeting_record,
        meeting_summary,
        meeting_version,
        meetings_like,
        newest_meeting,
        newest_meeting_on,
        update_meeting,
    )

__all__ = [
    "DEFAULT_BOARD",
    "EDITABLE_DETAILS",
    "AgendaItemRow",
    "BoardRef",
    "BoardRow",
    "MeetingGroup",
    "MeetingRecord",
    "MeetingSummary",
    "NotFoundError",
    "OrganisationRow",
    "RemovedAgendaItem",
    "StaleEditError",
    "ValidationError",
    "add_agenda_item",
    "agenda_titles",
    "already_there",
    "create_board",
    "create_meeting",
    "delete_agenda_item",
    "delete_meeting",
    "find_organisation",
    "import_meeting",
    "import_meetings",
    "like_meetings",
    "list_boards",
    "list_meetings",
    "list_organisations",
    "load_meeting",
    "load_whole_meeting",
    "mark_edited",
    "meeting_count",
    "meeting_doc",
    "meeting_groups",
    "meeting_record",
    "meeting_summary",
    "meeting_version",
    "meetings_like",
    "move_agenda_item",
    "newest_meeting",
    "newest_meeting_on",
    "renumber",
    "restore_agenda_item",
    "update_agenda_item",
    "update_meeting",
    "venues_used",
]  # fmt: skip


_PARTS = ("agenda", "boards", "common", "meetings")


def __getattr__(name: str) -> object:
    """A function (or constant) of the services, its part loaded on first use."""
    if name in __all__:
        for part in _PARTS:
            module = importlib.import_module(f"{__name__}.{part}")
            if hasattr(module, name):
                value: object = getattr(module, name)
                globals()[name] = value  # asked for once: later uses find it here
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
