"""Record what python-docx makes of our template, for :mod:`exporters.lean`.

``python -m exporters.reference_parts`` writes ``resources/reference_parts.json``: every part
of the package an export on our template (no logo) saves, as python-docx saves it, with
markers where a note puts its own content (the body, its lists, the properties; the page
header by audience), and the values the layouts and the check read of the template. It runs
the same code as a python-docx export (:func:`exporters.docx_export.prepared_template`), so
the two ways of exporting cannot drift apart unnoticed: ``tests/unit/test_lean_export.py``
fails when the recording is not what this module records now.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any, Final

from docx.oxml.ns import qn

from exporters.docx_export import (
    WRITTEN_STYLES,
    Masthead,
    prepared_template,
    write_properties,
)
from exporters.docx_styles import page_facts, style_facts
from exporters.lean import AUTHOR, BODY, CREATED, LISTS, RECORDING, SUBJECT, TITLE
from exporters.options import DEFAULT_LOGO_ALT_TEXT
from exporters.package import _entries, replace_app_properties
from exporters.package_zip import zip_order
from exporters.template import make_continuous, numbering_ids, set_columns, style_numbering
from exporters.template import template_facts as read_template_facts
from exporters.writer import LIST_BULLET, LIST_NUMBER, NoteProperties
from models.enums import Audience

DOCUMENT: Final = "word/document.xml"
NUMBERING: Final = "word/numbering.xml"
CORE: Final = "docProps/core.xml"
OUTPUT: Final = Path(__file__).resolve().parents[1] / "resources" / RECORDING


def record() -> dict[str, Any]:
    """The recording, as JSON values (see the module's docstring)."""
    packages: dict[Audience, dict[str, str]] = {}
    sections_document = ""
    data: dict[str, Any] = {}
    for audience in Audience:
        document, _ = prepared_template(
            None, Masthead(None, DEFAULT_LOGO_ALT_TEXT), internal=audience is Audience.INTERNAL
        )
        facts = read_template_facts(document, WRITTEN_STYLES)
        abstract_ids, last_num_id = numbering_ids(document)
        data["template"] = {
            "style_ids": facts.style_ids,
            "table_style_id": facts.table_style_id,
            "text_width": facts.text_width,
            "sections": facts.sections,
        }
        data["numbering_facts"] = {
            "style_numbering": {
                name: None if ref is None else [ref.num_id, ref.ilvl]
                for name in (*LIST_BULLET, *LIST_NUMBER)
                for ref in [style_numbering(document, name)]
            },
            "abstract_ids": {str(num): abstract for num, abstract in abstract_ids.items()},
            "last_num_id": last_num_id,
        }
        styles = style_facts(document)
        data["styles"] = {
            "names": styles.names,
            "default": styles.default,
            "problems": {name: list(found) for name, found in styles.problems.items()},
        }
        page = page_facts(document)
        data["page"] = {"texts": [list(t) for t in page.texts], "images": []}
        data["page"]["images_without_alt"] = list(page.images_without_alt)
        del data["page"]["images"]
        write_properties(
            document, NoteProperties(TITLE, SUBJECT, AUTHOR, CREATED.replace(tzinfo=UTC))
        )
        replace_app_properties(document)
        body: Any = document.element.body
        if len(body) != 1 or body[0].tag != qn("w:sectPr"):
            raise AssertionError("our template's body holds more than its section settings")
        body.text = BODY
        numbering: Any = document.part.numbering_part.element
        if numbering.find(qn("w:numIdMacAtCleanup")) is not None or not len(numbering):
            raise AssertionError("our template's lists are not as the lean export expects")
        numbering[-1].tail = LISTS
        packages[audience] = _texts(_entries(document))
        make_continuous(body[0])
        set_columns(body[0], 1)
        sections_document = _texts(_entries(document))[DOCUMENT]
    public, internal = packages[Audience.PUBLIC], packages[Audience.INTERNAL]
    differing = [name for name in public if public[name] != internal.get(name)]
    if len(differing) != 1 or not differing[0].startswith("word/header"):
        raise AssertionError(f"the audiences differ in {differing}, not only the page header")
    header = differing[0]
    data.update(
        entries=[[name, public[name]] for name in zip_order(public)],
        document_name=DOCUMENT,
        document={"plain": public[DOCUMENT], "sections": sections_document},
        numbering_name=NUMBERING,
        numbering=public[NUMBERING],
        core_name=CORE,
        core=public[CORE],
        header_name=header,
        header={audience.value: packages[audience][header] for audience in Audience},
    )
    return data


def recording_text() -> str:
    """The recording as the file holds it."""
    return json.dumps(record(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _texts(entries: dict[str, bytes]) -> dict[str, str]:
    """Every part as text (our template's parts are all XML)."""
    return {name: blob.decode("utf-8") for name, blob in entries.items()}


if __name__ == "__main__":
    OUTPUT.write_text(recording_text(), encoding="utf-8")
    print(OUTPUT)
