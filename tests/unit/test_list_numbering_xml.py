"""exporters.template: a numbered list's new ``w:num`` is the XML a parsed one was.

Each numbered list gets a ``w:num`` of its own; it is now built element by element rather than
parsed from text. Whatever prefix a template's numbering part gives the Word namespace, the
part must come out as it did when the element was parsed (which declared ``w`` on it).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from exporters.template import ListNumbering, reference_bytes

if TYPE_CHECKING:
    from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def template_calling_w(tmp_path: Path, prefix: str) -> Path:
    """Our template, its numbering part calling the Word namespace ``prefix`` ("" for the
    default namespace, its attributes then ``x:``, as an unprefixed one has no namespace)."""
    with zipfile.ZipFile(io.BytesIO(reference_bytes())) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    xml = entries["word/numbering.xml"].decode()
    if prefix != "w":
        tag = f"{prefix}:" if prefix else ""
        names = f'xmlns:{prefix}="{W}"' if prefix else f'xmlns="{W}"'
        xml = xml.replace("<w:", f"<{tag}").replace("</w:", f"</{tag}").replace(" w:", " x:")
        xml = xml.replace(f'xmlns:w="{W}"', f'{names} xmlns:x="{W}"' if prefix != "x" else names)
    entries["word/numbering.xml"] = xml.encode()
    path = tmp_path / f"template-{prefix or 'default'}.docx"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("prefix", ["w", "x", "", "y"])
@pytest.mark.parametrize("restart", [True, False])
def test_a_new_list_is_the_xml_a_parsed_one_was(tmp_path: Path, prefix: str, restart: bool) -> None:
    document = docx.Document(str(template_calling_w(tmp_path, prefix)))
    numbering = ListNumbering(document)
    if restart:
        ref = numbering.restart("List Number", 0, 3)
        num_id = ref.num_id
        override = (
            f'<w:lvlOverride w:ilvl="{ref.ilvl}"><w:startOverride w:val="3"/></w:lvlOverride>'
        )
    else:
        num_id = numbering.import_reference_num(1)  # a copy of our bullets' list: no override
        override = ""
    root: Any = document.part.numbering_part.element
    built = next(n for n in root.iter(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract = built.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_xml = etree.tostring(root)
    parsed = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}">'
        f'<w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
    )
    built.addprevious(parsed)
    root.remove(built)
    assert new_xml == etree.tostring(root)
