"""The house layouts, one module each, found by their :class:`~models.enums.LayoutStyle`.

A layout is a small object (see :class:`Layout`) that writes the body of a note with the
shared pieces of :class:`exporters.writer.NoteWriter`: its title block, its attendee list,
its items. To add a layout, add its value to ``LayoutStyle``, write a module here with a
class that has the three members of :class:`Layout`, and list an instance in ``_LAYOUTS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

from exporters.layouts.hearing_transcript import HearingTranscript
from exporters.layouts.note_of_meeting import NoteOfMeeting
from exporters.layouts.public_note import PublicNote
from exporters.layouts.public_note_of_meeting import PublicNoteOfMeeting
from exporters.layouts.record_of_meeting import RecordOfMeeting

if TYPE_CHECKING:
    from exporters.options import ActionsMode
    from exporters.writer import NoteWriter, Sink
    from models.enums import LayoutStyle


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
