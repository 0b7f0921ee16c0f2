"""2019, the Record of Meeting: organisations run on, the agenda in a two-column table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.formatting import long_date
from exporters.options import ActionsMode
from exporters.text import single_line
from exporters.writer import MEETING_DETAILS, TITLE
from models.enums import LayoutStyle

if TYPE_CHECKING:
    from exporters.body import Sink
    from exporters.writer import NoteWriter


class RecordOfMeeting:
    style = LayoutStyle.RECORD_OF_MEETING
    default_actions = ActionsMode.PER_ITEM  # each cell ends with its "Actions:"

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        """``Reducing Reoffending Board 13 May 2019`` above ``Record of Meeting``."""
        details = body.paragraph(MEETING_DETAILS)
        note.mark(details, "title")
        board = single_line(note.meeting.board.name)
        details.add_text(f"{board} {long_date(note.meeting.date)}", bold=True)
        body.paragraph(TITLE).add_text(note.display_title)
        note.theme(body)
        note.attendees_run_on(body, "Organisations in Attendance")
        note.agenda_table()
