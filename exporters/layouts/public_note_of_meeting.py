"""2023, the Public Note of Meeting: ``28 February 2023``, attendees by abbreviation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.layouts.dates import add_long_date
from exporters.layouts.headed import write_title_block
from exporters.options import ActionsMode
from models.enums import LayoutStyle

if TYPE_CHECKING:
    from exporters.body import Sink
    from exporters.writer import NoteWriter


class PublicNoteOfMeeting:
    style = LayoutStyle.PUBLIC_NOTE_OF_MEETING
    default_actions = ActionsMode.NONE  # "An action was taken to ..." is in the prose

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        day = note.meeting.date
        write_title_block(note, body, lambda details: add_long_date(details, day), bold=None)
        note.attendees_in_columns(body, colon=":", abbreviations_only=True)
        note.headed_items(body, "{number}. {title}")
