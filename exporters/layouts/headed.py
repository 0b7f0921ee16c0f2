"""The title block the 2023 and 2024 layouts share: title, board, date, venue, chair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.body import add_text
from exporters.formatting import chair_text, time_range_24, venue_text
from exporters.text import single_line
from exporters.writer import HEADING_1, MEETING_DETAILS, TITLE

if TYPE_CHECKING:
    from collections.abc import Callable

    from exporters.body import Para, Sink
    from exporters.writer import NoteWriter


def write_title_block(
    note: NoteWriter, body: Sink, add_date: Callable[[Para], None], *, bold: bool | None
) -> None:
    """``Note of Meeting`` / board / date and times / venue / chair / theme."""
    meeting = note.meeting
    title = body.paragraph(TITLE)
    note.mark(title, "title")
    add_text(title, note.display_title)
    add_text(body.paragraph(HEADING_1), single_line(meeting.board.name))
    details = body.paragraph(MEETING_DETAILS)
    note.mark(details, "details")
    add_date(details)
    times = time_range_24(meeting.start, meeting.end)
    if times:
        add_text(details, f", {times}", bold=bold)
    venue = venue_text(meeting)
    if venue:
        add_text(body.paragraph(MEETING_DETAILS), venue, bold=True)
    if meeting.chair is not None:
        add_text(body.paragraph(MEETING_DETAILS), chair_text(meeting.chair))
    note.theme(body)
