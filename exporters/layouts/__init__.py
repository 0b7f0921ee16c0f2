"""The house layouts, one module each, found by their :class:`~models.enums.LayoutStyle`.

A layout is a small object (see :class:`Layout`) that writes the body of a note with the
shared pieces of :class:`exporters.writer.NoteWriter`: its title block, its attendee list,
its items. To add a layout, add its value to ``LayoutStyle``, write a module here with a
class that has the three members of :class:`Layout`, and import it in :func:`layout_for`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from exporters.errors import ExportError
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


def layout_for(style: LayoutStyle) -> Layout:
    """The layout that prints ``style``.

    Its module is imported here, not with this one: an export prints one layout, and
    loading the others was a cost to each export process.
    """
    # Each import below is deferred for the reason above.
    if style is LayoutStyle.PUBLIC_NOTE:
        from exporters.layouts.public_note import PublicNote  # noqa: PLC0415

        return PublicNote()
    if style is LayoutStyle.NOTE_OF_MEETING:
        from exporters.layouts.note_of_meeting import NoteOfMeeting  # noqa: PLC0415

        return NoteOfMeeting()
    if style is LayoutStyle.PUBLIC_NOTE_OF_MEETING:
        from exporters.layouts.public_note_of_meeting import PublicNoteOfMeeting  # noqa: PLC0415

        return PublicNoteOfMeeting()
    if style is LayoutStyle.RECORD_OF_MEETING:
        from exporters.layouts.record_of_meeting import RecordOfMeeting  # noqa: PLC0415

        return RecordOfMeeting()
    if style is LayoutStyle.HEARING_TRANSCRIPT:
        from exporters.layouts.hearing_transcript import HearingTranscript  # noqa: PLC0415

        return HearingTranscript()
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
