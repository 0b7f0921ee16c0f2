"""A note built for export, whichever way it was built, and the choice of way.

On our own template and without a logo, a note is written straight into the package's XML
(:mod:`exporters.lean`): an export then needs neither python-docx nor lxml, which were most
of a command-line export's time. A user's template or a logo needs python-docx to read and
change the template (:mod:`exporters.docx_export`). Both give the same bytes for the same
note (the golden export tests and ``tests/unit/test_lean_export.py`` hold them to it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Unpack

from exporters.files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from exporters.facts import PageFacts, StyleFacts
    from exporters.options import NoteOptions
    from exporters.writer import NoteWriter
    from models.enums import LayoutStyle
    from models.meeting_doc import MeetingDoc


class BuiltNote(Protocol):
    """A note ready to be saved, and what the pre-publication check reads of it."""

    @property
    def writer(self) -> NoteWriter:
        """The written note: its paragraphs, where each part starts, its choices."""
        ...

    def package(self) -> bytes:
        """The ``.docx`` file's bytes."""
        ...

    def page(self) -> PageFacts: ...

    def styles(self, used: Iterable[str | None]) -> StyleFacts:
        """The template's styles, with the problems of those ``used`` (ids)."""
        ...


def build_any(
    meeting: MeetingDoc, style: LayoutStyle | None = None, **options: Unpack[NoteOptions]
) -> BuiltNote:
    """The note as :func:`exporters.docx_export.build_note` builds it, without python-docx
    when neither a template nor a logo needs it."""
    if options.get("template") is None and options.get("logo") is None:
        from exporters.lean import build_lean_note, recorded  # noqa: PLC0415 (no python-docx)

        try:
            recorded()
        # A damaged installation: the recording missing, unreadable, or not a whole recording.
        except (ImportError, SyntaxError, OSError, ValueError, KeyError, TypeError, AttributeError):
            import logging  # noqa: PLC0415 (an export otherwise starts without it)

            logging.getLogger(__name__).exception("the built-in template's recording is unreadable")
        else:
            return build_lean_note(
                meeting,
                style,
                audience=options.get("audience"),
                actions=options.get("actions"),
                edited_notice=options.get("edited_notice", True),
            )
    from exporters.docx_export import build_note  # noqa: PLC0415 (loads python-docx)

    return build_note(meeting, style, **options)


def save_note(note: BuiltNote, path: Path) -> None:
    """Save ``note`` at ``path`` all at once, or not at all (see
    :func:`exporters.files.write_atomically`)."""
    write_atomically(path, note.package())
