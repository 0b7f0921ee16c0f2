"""2024, the Note of Meeting: bold ordinal date, ``Attendees`` in columns, ``1. Title``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.layouts.dates import add_ordinal_date
from exporters.layouts.headed import write_title_block
from exporters.options import ActionsMode
from models.enums import LayoutStyle

if TYPE_CHECKING:
    from exporters.body import Sink
    from exporters.writer import NoteWriter


class NoteOfMeeting:
    style = LayoutStyle.NOTE_OF_MEETING
    default_actions = ActionsMode.NONE  # the 2024 next steps are prose bullets in item 5

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        day = note.meeting.date
        write_title_block(
            note,
            body,
            lambda details: add_ordinal_date(details, day, with_year=True, bold=True),
            bold=True,
        )
        note.attendees_in_columns(body, colon="", abbreviations_only=False)
        note.headed_items(body, "{number}. {title}")
