"""The pre-publication check: what a public note would publish that it should not.

Run before every public export (the dialog shows the findings before the file is written; the
command line prints them), on the note exactly as it would be saved: the same layout,
template, logo and actions. Kinds of finding:

- ``name``, ``email``, ``phone``: personal data in the printed text (:mod:`personal_data`);
  a transcript may name its members and the speakers of its hearing, and no one else;
- ``accessibility``: the file breaks an accessibility rule (:mod:`accessibility`);
- ``edited``: confidential items were left out and the note does not say it was edited;
- ``template``: the template's own header or footer text, printed on every page, listed so
  "internal draft" in a footer is seen before it is published;
- ``empty``: an agenda item with actions but no notes, in a layout that leaves actions to
  the notes' prose: it would print its heading and nothing else, and its actions nowhere.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from exporters.accessibility import accessibility_problems
from exporters.built import BuiltNote, build_any
from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode
from exporters.personal_data import NameFinder
from exporters.writer import NoteWriter
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc


class Finding(NamedTuple):
    """One thing to look at before publishing; ``where`` is like ``item 2`` or ``title``."""

    kind: str
    where: str
    text: str

    @property
    def line(self) -> str:
        """``KIND<TAB>WHERE<TAB>TEXT``, as the command line prints it."""
        return f"{self.kind}\t{self.where}\t{' '.join(self.text.split())}"


class CheckedNote(NamedTuple):
    """The public note as it would be saved, and what the check found in it."""

    note: BuiltNote
    findings: tuple[Finding, ...]


def check_public_note(
    meeting: MeetingDoc,
    style: LayoutStyle | None = None,
    *,
    template: Path | None = None,
    logo: Path | None = None,
    logo_alt_text: str = DEFAULT_LOGO_ALT_TEXT,
    actions: ActionsMode | None = None,
    edited_notice: bool = True,
    people: Iterable[str] = (),
    allowed: Iterable[str] = (),
) -> CheckedNote:
    """Build the public note and check it; raises ExportError as an export would."""
    note = build_any(
        meeting,
        style,
        audience=Audience.PUBLIC,
        template=template,
        logo=logo,
        logo_alt_text=logo_alt_text,
        actions=actions,
        edited_notice=edited_notice,
    )
    organisations = [meeting.board.name, meeting.board.abbreviation]
    for org in meeting.organisations:
        organisations += [org.name, org.abbreviation]
    if note.writer.style.is_transcript:  # a public hearing's panel and speakers are named in it
        from exporters.layouts.hearing_transcript import hearing_names  # noqa: PLC0415 (a transcript's layout, loaded by its export already)

        allowed = [*allowed, *hearing_names(meeting)]
    present = [attendee.name for attendee in meeting.attendees if attendee.name]
    finder = NameFinder.build(people, organisations, allowed, present)
    return CheckedNote(note, tuple(findings_in(note, finder)))


def findings_in(note: BuiltNote, finder: NameFinder) -> list[Finding]:
    """Every finding in a built note, in the order a reader meets them."""
    writer = note.writer
    findings: list[Finding] = []
    starts = {id(paragraph): where for paragraph, where in writer.regions}
    where = "title"
    places: list[str] = []
    texts: list[str] = []
    paragraphs = list(writer.body_sink.paragraphs())
    for paragraph in paragraphs:
        where = starts.get(id(paragraph), where)
        places.append(where)
        texts.append(paragraph.text)
    seen: set[tuple[str, str, str]] = set()
    for where, found_in_paragraph in zip(places, finder.find_each(texts), strict=True):
        for found in found_in_paragraph:
            key = (found.kind, where, found.text)
            if key not in seen:
                seen.add(key)
                findings.append(Finding(found.kind, where, found.text))
    page = note.page()
    findings += _template_text(page.texts, finder)
    findings += _empty_items(writer)
    if writer.edited and not writer.edited_notice:
        findings.append(
            Finding(
                "edited",
                "note",
                "confidential items were left out but the note does not say it was edited",
            )
        )
    properties = writer.properties()
    style_ids = [paragraph.style_id for paragraph in paragraphs]
    problems = accessibility_problems(
        title=properties.title,
        language=properties.language,
        paragraph_styles=style_ids,
        styles=note.styles(style_ids),
        page=page,
        tables=writer.body_sink.tables(),
    )
    findings += [Finding("accessibility", place, problem) for place, problem in problems]
    return findings


def _empty_items(note: NoteWriter) -> list[Finding]:
    """Items whose actions print nowhere: no notes to say them in, and a layout that leaves
    actions to the notes' prose. (An item with no notes and no actions is not asked about:
    the published notes print "AOB and Close" with nothing under it.) A transcript's items
    are its speakers' words, so it is not asked."""
    if note.style.is_transcript or note.actions is not ActionsMode.NONE:
        return []
    findings = []
    for number, item in enumerate(note.items(), start=1):
        if item.notes.strip() or not note.printed_actions(item.actions):
            continue
        title = " ".join(item.title.split())
        findings.append(
            Finding(
                "empty",
                f"item {number}",
                f"{title!r} prints only its heading: its actions are not printed and it has "
                f'no notes to say them in (write them into the notes, or set Actions to "'
                f'{ActionsMode.PER_ITEM.label}")',
            )
        )
    return findings


def _template_text(texts: tuple[tuple[str, str], ...], finder: NameFinder) -> list[Finding]:
    """The template's own header and footer text, and what the check finds in it."""
    findings = []
    found_each = finder.find_each([text for _, text in texts])
    for (where, text), found in zip(texts, found_each, strict=True):
        findings.append(Finding("template", where, text))
        findings += [Finding(f.kind, where, f.text) for f in found]
    return findings
