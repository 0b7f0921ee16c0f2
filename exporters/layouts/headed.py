"""The title block the 2023 and 2024 layouts share: title, board, date, venue, chair."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    title.add_text(note.display_title)
    body.paragraph(HEADING_1).add_text(single_line(meeting.board.name))
    details = body.paragraph(MEETING_DETAILS)
    note.mark(details, "details")
    add_date(details)
    times = time_range_24(meeting.start, meeting.end)
    if times:
        details.add_text(f", {times}", bold=bold)
    venue = venue_text(meeting)
    if venue:
        body.paragraph(MEETING_DETAILS).add_text(venue, bold=True)
    if meeting.chair is not None:
        body.paragraph(MEETING_DETAILS).add_text(chair_text(meeting.chair))
    note.theme(body)
