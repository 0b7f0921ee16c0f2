"""2025, the Public Note: ``Board (RRB) | Public Note``, items as ``Agenda Item 1 | Title``;
a hybrid meeting's details line ends ``Hybrid Meeting``, with no address (as published)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.formatting import mode_or_venue, time_range_12
from exporters.layouts.dates import add_ordinal_date
from exporters.options import ActionsMode
from exporters.text import single_line
from exporters.writer import MEETING_DETAILS, TITLE
from models.enums import LayoutStyle

if TYPE_CHECKING:
    from exporters.body import Sink
    from exporters.writer import NoteWriter


class PublicNote:
    style = LayoutStyle.PUBLIC_NOTE
    default_actions = ActionsMode.NONE  # the next steps are in the notes' prose

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        meeting = note.meeting
        board = single_line(meeting.board.name)
        abbreviation = single_line(meeting.board.abbreviation)
        board_label = f"{board} ({abbreviation})" if abbreviation else board
        title = body.paragraph(TITLE)
        note.mark(title, "title")
        title.add_text(f"{board_label} | {note.display_title}")
        details = body.paragraph(MEETING_DETAILS)
        note.mark(details, "details")
        add_ordinal_date(details, meeting.date, with_year=False)
        rest = [time_range_12(meeting.start, meeting.end), mode_or_venue(meeting)]
        details.add_text("".join(f", {part}" for part in rest if part))
        note.theme(body)
        note.attendees_in_columns(body, colon=":", abbreviations_only=False)
        note.headed_items(body, "Agenda Item {number} | {title}")
