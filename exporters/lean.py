"""A note on our own template, written straight into the package: no python-docx, no lxml.

An export on our template (``resources/reference.docx``) without a logo changes four parts
of the template's package: the document's body, the lists it starts, the page header (the
masthead, and on an internal record its mark) and the document properties. Everything else
is the template as python-docx would save it. :mod:`exporters.reference_parts` records, when
the app is built, what python-docx makes of the template around those four
(``resources/reference_recording.py``, a Python module: its compiled form loads faster than
importing ``json`` and parsing would); here the note's body, written as XML text by the same
layouts (:mod:`exporters.writer`), goes between them, and the package is zipped as
:func:`exporters.package.document_bytes` zips it. A command-line export on our template thus
starts without importing python-docx or lxml, which were most of its time.

The result is the python-docx export's, byte for byte: ``tests/unit/test_lean_export.py``
holds the two to it for every layout and audience, and to the recording being up to date.
"""

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple

from exporters.facts import PageFacts, StyleFacts, TemplateFacts
from exporters.layouts import layout_for, refuse_dropping, write_note
from exporters.numbering import ListNumbering, NumberingRef
from exporters.options import ActionsMode
from exporters.package_zip import zip_entries
from exporters.text import text_xml
from exporters.writer import NoteWriter
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc

# Where the recording holds the values a note puts into its properties.
TITLE: Final = "\ue000title\ue000"
SUBJECT: Final = "\ue000subject\ue000"
AUTHOR: Final = "\ue000author\ue000"
CREATED: Final = datetime(1901, 2, 3)  # a date no meeting has, as python-docx writes it
CREATED_TEXT: Final = "1901-02-03T00:00:00Z"
BODY: Final = "\ue000body\ue000"
LISTS: Final = "\ue000lists\ue000"


class NumberingFacts(NamedTuple):
    style_numbering: dict[str, NumberingRef | None]
    abstract_ids: dict[int, int | None]
    last_num_id: int


class Recording(NamedTuple):
    """What :mod:`exporters.reference_parts` recorded of our template (see the module)."""

    template: TemplateFacts
    numbering_facts: NumberingFacts
    styles: StyleFacts
    page: PageFacts
    entries: tuple[tuple[str, str], ...]  # every part, in the zip's order
    document_name: str
    document: dict[str, str]  # "plain" / "sections" (the body's last section) -> the XML
    numbering_name: str
    numbering: str
    core_name: str
    core: str
    header_name: str
    header: dict[str, str]  # by audience


class LeanNote(NamedTuple):
    """A note on our template: the written body, and the package around it."""

    writer: NoteWriter
    recording: Recording

    def package(self) -> bytes:
        writer = self.writer
        recording = self.recording
        values = writer.properties()
        entries: dict[str, bytes] = {}
        for name, recorded_content in recording.entries:
            entries[name] = self._part(name, recorded_content).encode("utf-8")
        return zip_entries(entries, values.created)

    def _part(self, name: str, recorded_content: str) -> str:
        """A part of the package: as recorded, or with this note's content in it."""
        writer = self.writer
        recording = self.recording
        if name == recording.document_name:
            section = "sections" if writer.sections_ended else "plain"
            return recording.document[section].replace(BODY, writer.body_sink.xml())
        if name == recording.numbering_name:
            return recording.numbering.replace(LISTS, "".join(writer.numbering.additions))
        if name == recording.core_name:
            values = writer.properties()
            return (
                recording.core.replace(TITLE, text_xml(values.title))
                .replace(SUBJECT, text_xml(values.subject))
                .replace(AUTHOR, text_xml(values.author))
                .replace(CREATED_TEXT, values.created.strftime("%Y-%m-%dT%H:%M:%SZ"))
            )
        if name == recording.header_name:
            return recording.header[writer.audience.value]
        return recorded_content

    def page(self) -> PageFacts:
        return self.recording.page

    def styles(self, used: Iterable[str | None]) -> StyleFacts:
        return self.recording.styles


def build_lean_note(
    meeting: MeetingDoc,
    style: LayoutStyle | None = None,
    *,
    audience: Audience | None = None,
    actions: ActionsMode | None = None,
    edited_notice: bool = True,
) -> LeanNote:
    """The note :func:`exporters.docx_export.build_note` builds on our template, no logo."""
    refuse_dropping(meeting, style if style is not None else meeting.style)
    layout = layout_for(style if style is not None else meeting.style)
    recording = recorded()
    numbering = recording.numbering_facts
    note = NoteWriter(
        recording.template,
        meeting,
        style=layout.style,
        audience=audience if audience is not None else Audience.PUBLIC,
        numbering=ListNumbering(
            numbering.style_numbering.__getitem__,
            numbering.abstract_ids,
            numbering.last_num_id,
            reference=None,  # our own list styles are lists: nothing to copy
        ),
        actions=actions if actions is not None else layout.default_actions,
        edited_notice=edited_notice,
    )
    write_note(note, layout)
    return LeanNote(note, recording)


@cache
def recorded() -> Recording:
    """The recording shipped in ``resources`` (read once per process)."""
    # Imported here, not with this module: the recorder imports this module to write it, and
    # a recording that is missing or damaged falls back to python-docx (exporters.built).
    from resources.reference_recording import RECORDING  # noqa: PLC0415 (may be missing)

    return recording_from(RECORDING)


def recording_from(data: dict[str, Any]) -> Recording:
    """The recording in ``data``; raises ``ValueError`` (or the ``KeyError``, ``TypeError``
    or ``AttributeError`` of a missing or mistyped value) when it is not a whole recording,
    so that a damaged installation exports with python-docx rather than a broken file."""
    recording = _recording(data)
    _check_whole(recording)
    return recording


def _check_whole(recording: Recording) -> None:
    """Every part a note writes is in the package, and holds the places its values go."""
    names = {name for name, _ in recording.entries}
    if not all(isinstance(name, str) and isinstance(part, str) for name, part in recording.entries):
        raise ValueError("the recording's parts are not all text")
    document, header = recording.document, recording.header
    parts: list[tuple[str, list[object], tuple[str, ...]]] = [
        (recording.document_name, [document.get("plain"), document.get("sections")], (BODY,)),
        (recording.numbering_name, [recording.numbering], (LISTS,)),
        (recording.core_name, [recording.core], (TITLE, SUBJECT, AUTHOR, CREATED_TEXT)),
        (recording.header_name, [header.get(audience.value) for audience in Audience], ()),
    ]
    for name, contents, places in parts:
        if name not in names:
            raise ValueError(f"the recording has no part {name!r}")
        for content in contents:
            if not isinstance(content, str) or not all(p in content for p in places):
                raise ValueError(f"the recording's part {name!r} is incomplete")


def _recording(data: dict[str, Any]) -> Recording:
    numbering = data["numbering_facts"]
    styles = data["styles"]
    page = data["page"]
    return Recording(
        template=TemplateFacts(**data["template"]),
        numbering_facts=NumberingFacts(
            style_numbering={
                name: None if ref is None else NumberingRef(*ref)
                for name, ref in numbering["style_numbering"].items()
            },
            abstract_ids={int(k): v for k, v in numbering["abstract_ids"].items()},
            last_num_id=numbering["last_num_id"],
        ),
        styles=StyleFacts(
            names=styles["names"],
            default=styles["default"],
            problems={name: tuple(found) for name, found in styles["problems"].items()},
        ),
        page=PageFacts(
            texts=tuple((where, text) for where, text in page["texts"]),
            images_without_alt=tuple(page["images_without_alt"]),
        ),
        entries=tuple((name, content) for name, content in data["entries"]),
        document_name=data["document_name"],
        document=data["document"],
        numbering_name=data["numbering_name"],
        numbering=data["numbering"],
        core_name=data["core_name"],
        core=data["core"],
        header_name=data["header_name"],
        header=data["header"],
    )
