"""The ``export`` and ``check`` commands: a meeting's note, read from any :class:`NoteSource`.

They read everything first and print after: a source that cannot read the file
(``models.direct_read`` on an archive it was not written for) fails before anything is
printed or written, so the caller can go the usual way through ``models.database``. Nothing
here loads SQLAlchemy: an export of an SQLite archive runs without it.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from exporters.errors import ExportError, TemplateStyleWarning
from exporters.files import is_public_note_name, suggested_file_name, write_atomically
from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode
from models.enums import Audience, LayoutStyle
from rrb_desktop.cli_guard import PROGRAM, UserError

TYPE_CHECKING = False  # typing's, without loading typing at run time (mypy takes it as True)
if TYPE_CHECKING:
    from typing import Protocol

    from exporters.prepublication import CheckedNote
    from models.meeting_doc import MeetingDoc

    class NoteSource(Protocol):
        """What the two commands read: the meeting, and the names the check needs."""

        def meeting_doc(self, meeting_id: int) -> MeetingDoc | None:
            """None when there is no such meeting."""
            ...

        def person_names(self) -> list[str]: ...

        def allowed_names(self, meeting_id: int) -> list[str]: ...


NOTE_COMMANDS = ("export", "check")


def _meeting(source: NoteSource, meeting_id: int) -> MeetingDoc:
    doc = source.meeting_doc(meeting_id)
    if doc is None:
        raise UserError(f"no meeting has the ID {meeting_id} (see {PROGRAM} list)")
    return doc


def run_note_command(source: NoteSource, args: argparse.Namespace) -> int:
    """``export`` or ``check`` (``args.command``); the exit status."""
    if args.command == "check":
        return check_command(source, args)
    export_command(source, args)
    return 0


def export_command(source: NoteSource, args: argparse.Namespace) -> None:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".json"):
        raise UserError(f"{out}: the file name must end in .docx or .json")
    doc = _meeting(source, args.meeting_id)
    try:
        if suffix == ".json":
            from models.interchange import dumps_meeting  # noqa: PLC0415 (loaded by its command only)

            write_atomically(out, dumps_meeting(doc).encode("utf-8"))
        else:
            _export_docx(source, doc, out, args)
    except ExportError as error:
        raise UserError(str(error)) from None
    print(out)


def check_command(source: NoteSource, args: argparse.Namespace) -> int:
    """Exit status 1 when the check finds something, 0 when it does not."""
    findings = _checked(source, _meeting(source, args.meeting_id), args).findings
    for finding in findings:
        print(finding.line)
    return 1 if findings else 0


def _checked(source: NoteSource, doc: MeetingDoc, args: argparse.Namespace) -> CheckedNote:
    """The public note as ``args`` would export it, and the check's findings (or UserError)."""
    # The exporter loads only for an export or a check: the other commands start without it.
    from exporters.prepublication import check_public_note  # noqa: PLC0415

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TemplateStyleWarning)
        try:
            checked = check_public_note(
                doc,
                LayoutStyle(args.style) if args.style else None,
                template=args.template,
                logo=args.logo,
                logo_alt_text=getattr(args, "logo_alt", DEFAULT_LOGO_ALT_TEXT),
                actions=ActionsMode(args.actions) if args.actions else None,
                edited_notice=args.edited_notice,
                people=source.person_names(),
                allowed=source.allowed_names(args.meeting_id),
            )
        except ExportError as error:
            raise UserError(str(error)) from None
    for warning in caught:  # one line each, not Python's file:line report
        print(f"{PROGRAM}: warning: {warning.message}", file=sys.stderr)
    return checked


def _export_docx(source: NoteSource, doc: MeetingDoc, out: Path, args: argparse.Namespace) -> None:
    """A public note is checked first, its findings printed as warnings; then it is written."""
    from exporters.built import build_any, save_note  # noqa: PLC0415 (loaded only to export)

    style = LayoutStyle(args.style) if args.style else None
    audience = Audience(args.audience)
    if is_public_note_name(out, doc, style or doc.style, audience):
        raise UserError(
            f"{out}: that is the public note's file name; save the internal record under"
            f" another (for example {suggested_file_name(doc, style or doc.style, audience)})"
        )
    if audience is Audience.PUBLIC:
        checked = _checked(source, doc, args)
        for finding in checked.findings:
            print(f"{PROGRAM}: warning: {finding.line}", file=sys.stderr)
        save_note(checked.note, out)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TemplateStyleWarning)
        note = build_any(
            doc,
            style,
            audience=audience,
            template=args.template,
            logo=args.logo,
            logo_alt_text=args.logo_alt,
            actions=ActionsMode(args.actions) if args.actions else None,
            edited_notice=args.edited_notice,
        )
        save_note(note, out)
    for warning in caught:
        print(f"{PROGRAM}: warning: {warning.message}", file=sys.stderr)
