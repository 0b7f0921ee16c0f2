"""The house layouts, one module each, found by their :class:`~models.enums.LayoutStyle`.

A layout is a small object (see :class:`Layout`) that writes the body of a note with the
shared pieces of :class:`exporters.writer.NoteWriter`: its title block, its attendee list,
its items. To add a layout, add its value to ``LayoutStyle``, write a module here with a
class that has the three members of :class:`Layout`, and list an instance in ``_LAYOUTS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

from exporters.errors import ExportError
from exporters.layouts.hearing_transcript import HearingTranscript
from exporters.layouts.note_of_meeting import NoteOfMeeting
from exporters.layouts.public_note import PublicNote
from exporters.layouts.public_note_of_meeting import PublicNoteOfMeeting
from exporters.layouts.record_of_meeting import RecordOfMeeting
from models.enums import LayoutStyle

if TYPE_CHECKING:
    from exporters.body import Sink
    from exporters.options import ActionsMode
    from exporters.writer import NoteWriter
    from models.meeting_doc import MeetingDoc


class Layout(Protocol):
    """What the exporter needs of a layout."""

    @property
    def style(self) -> LayoutStyle:
        """The ``LayoutStyle`` this layout prints."""

    @property
    def default_actions(self) -> ActionsMode:
        """How its published notes print actions, unless the user chooses otherwise."""

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        """Title block, attendees and items, into ``body`` (the next-meeting line follows)."""


_LAYOUTS: Final[tuple[Layout, ...]] = (
    PublicNote(),
    NoteOfMeeting(),
    PublicNoteOfMeeting(),
    RecordOfMeeting(),
    HearingTranscript(),
)


def layout_for(style: LayoutStyle) -> Layout:
    """The layout that prints ``style``."""
    for layout in _LAYOUTS:
        if layout.style is style:
            return layout
    raise LookupError(f"no layout prints {style}")  # a LayoutStyle without a module: a bug


def write_note(note: NoteWriter, layout: Layout) -> None:
    """The whole body of a note: ``layout``'s part, then what every layout ends with."""
    body = note.body()
    layout.write_body(note, body)
    note.actions_summary(body)
    note.edited_sentence(body)
    note.next_meeting(body)


def refuse_dropping(meeting: MeetingDoc, layout: LayoutStyle) -> None:
    """Refuse a layout that has no place for part of the meeting, rather than drop it.

    A board layout prints no members or turns; the transcript layout no attendees or chair
    (a hearing's panel is its members).
    """
    turns = sum(len(item.turns) for item in meeting.agenda)
    if layout.is_transcript:
        lost = [(len(meeting.attendees), "attendees"), (int(meeting.chair is not None), "chair")]
        other = meeting.style if not meeting.style.is_transcript else LayoutStyle.PUBLIC_NOTE
    else:
        lost = [(len(meeting.members), "members"), (turns, "turns")]
        other = LayoutStyle.HEARING_TRANSCRIPT
    missing = [f"{count} {what}" if what != "chair" else "a chair" for count, what in lost if count]
    if missing:
        raise ExportError(
            f"The {layout.short_label} layout has no place for the meeting's"
            f" {' and '.join(missing)}: export it in the {other.short_label} layout."
        )
