"""Build ``resources/reference.docx``, the Word template every export starts from.

Run ``.venv/bin/python resources/build_reference_docx.py`` after changing a style here and
commit both files: the styles live in this script as readable XML so a review sees what
changed, and the ``.docx`` is rebuilt byte for byte the same when nothing did.

The template carries the house style (``/work/shared/house-style/HOUSE_STYLE.md``): Arial,
generous spacing, real heading styles for an accessible outline (the ``Title`` counts as
level 1 so item headings at ``Heading 2`` never skip a level), real Word lists (bullets on two
levels, numbers that the exporter restarts per list), British English proofing, A4 pages.
It starts from python-docx's built-in template, then throws away what that template brings
that is not ours (a Mac Word thumbnail, custom XML, ``stylesWithEffects``, 2013 timestamps,
"python-docx" as author).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Twips

from exporters.package import APP_PROPERTIES_XML, document_bytes

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "reference.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A fixed stamp for the template's own properties: a rebuild must not change the file.
TEMPLATE_TIMESTAMP = datetime(2025, 1, 1)

# Sizes are half-points (22 = 11pt); spacing and indents are twentieths of a point.
STYLES_XML = f"""
<w:styles xmlns:w="{W_NS}">
  <w:docDefaults>
    <w:rPrDefault>
      <w:rPr>
        <w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>
        <w:sz w:val="22"/>
        <w:szCs w:val="22"/>
        <w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>
      </w:rPr>
    </w:rPrDefault>
    <w:pPrDefault>
      <w:pPr>
        <w:spacing w:after="200" w:line="288" w:lineRule="auto"/>
      </w:pPr>
    </w:pPrDefault>
  </w:docDefaults>

  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/>
    <w:qFormat/>
    <w:rPr>
      <w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>
      <w:sz w:val="22"/>
      <w:szCs w:val="22"/>
    </w:rPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/>
    <w:uiPriority w:val="1"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/>
    <w:uiPriority w:val="99"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
    <w:tblPr>
      <w:tblInd w:w="0" w:type="dxa"/>
      <w:tblCellMar>
        <w:top w:w="0" w:type="dxa"/>
        <w:left w:w="108" w:type="dxa"/>
        <w:bottom w:w="0" w:type="dxa"/>
        <w:right w:w="108" w:type="dxa"/>
      </w:tblCellMar>
    </w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/>
    <w:uiPriority w:val="99"/>
    <w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Title">
    <w:name w:val="Title"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="10"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:spacing w:before="120" w:after="240" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="0"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:kern w:val="28"/>
      <w:sz w:val="36"/>
      <w:szCs w:val="36"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:keepLines/>
      <w:spacing w:before="240" w:after="160" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="0"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:sz w:val="32"/>
      <w:szCs w:val="32"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading2">
    <w:name w:val="heading 2"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:keepLines/>
      <w:spacing w:before="360" w:after="160" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="1"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:sz w:val="28"/>
      <w:szCs w:val="28"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading3">
    <w:name w:val="heading 3"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:keepLines/>
      <w:spacing w:before="280" w:after="120" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="2"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
      <w:sz w:val="24"/>
      <w:szCs w:val="24"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading4">
    <w:name w:val="heading 4"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="9"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:keepNext/>
      <w:keepLines/>
      <w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/>
      <w:outlineLvl w:val="3"/>
    </w:pPr>
    <w:rPr>
      <w:b/>
      <w:bCs/>
    </w:rPr>
  </w:style>

  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Masthead">
    <w:name w:val="Masthead"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="29"/>
    <w:qFormat/>
    <w:pPr>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="right"/>
    </w:pPr>
    <w:rPr>
      <w:sz w:val="18"/>
      <w:szCs w:val="18"/>
    </w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="MeetingDetails">
    <w:name w:val="Meeting Details"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="29"/>
    <w:qFormat/>
    <w:pPr>
      <w:spacing w:after="120"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Attendee">
    <w:name w:val="Attendee"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="29"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepLines/>
      <w:spacing w:after="60"/>
    </w:pPr>
  </w:style>

  <w:style w:type="paragraph" w:customStyle="1" w:styleId="EditorialNote">
    <w:name w:val="Editorial Note"/>
    <w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/>
    <w:uiPriority w:val="29"/>
    <w:qFormat/>
    <w:pPr>
      <w:keepLines/>
      <w:spacing w:before="120" w:after="240"/>
      <w:ind w:left="567" w:right="567"/>
    </w:pPr>
    <w:rPr>
      <w:i/>
      <w:iCs/>
    </w:rPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="ListBullet">
    <w:name w:val="List Bullet"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="0"/>
        <w:numId w:val="1"/>
      </w:numPr>
      <w:spacing w:after="100"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet2">
    <w:name w:val="List Bullet 2"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="1"/>
        <w:numId w:val="1"/>
      </w:numPr>
      <w:spacing w:after="100"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListNumber">
    <w:name w:val="List Number"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="0"/>
        <w:numId w:val="2"/>
      </w:numPr>
      <w:spacing w:after="100"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListNumber2">
    <w:name w:val="List Number 2"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:qFormat/>
    <w:pPr>
      <w:numPr>
        <w:ilvl w:val="1"/>
        <w:numId w:val="2"/>
      </w:numPr>
      <w:spacing w:after="100"/>
    </w:pPr>
  </w:style>

  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:pPr>
      <w:tabs>
        <w:tab w:val="center" w:pos="4513"/>
        <w:tab w:val="right" w:pos="9026"/>
      </w:tabs>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/>
    <w:basedOn w:val="Normal"/>
    <w:uiPriority w:val="99"/>
    <w:unhideWhenUsed/>
    <w:pPr>
      <w:tabs>
        <w:tab w:val="center" w:pos="4513"/>
        <w:tab w:val="right" w:pos="9026"/>
      </w:tabs>
      <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
    </w:pPr>
  </w:style>
  <w:style w:type="table" w:styleId="TableGrid">
    <w:name w:val="Table Grid"/>
    <w:basedOn w:val="TableNormal"/>
    <w:uiPriority w:val="39"/>
    <w:pPr>
      <w:spacing w:before="60" w:after="120" w:line="264" w:lineRule="auto"/>
    </w:pPr>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>
      </w:tblBorders>
    </w:tblPr>
  </w:style>
</w:styles>
"""


def _level(ilvl: int, fmt: str, text: str, style_id: str, left: int) -> str:
    """One list level: hanging indent of a quarter inch, linked to its list style."""
    font = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>' if fmt == "bullet" else ""
    return f"""
    <w:lvl w:ilvl="{ilvl}">
      <w:start w:val="1"/>
      <w:numFmt w:val="{fmt}"/>
      <w:pStyle w:val="{style_id}"/>
      <w:lvlText w:val="{text}"/>
      <w:lvlJc w:val="left"/>
      <w:pPr>
        <w:ind w:left="{left}" w:hanging="360"/>
      </w:pPr>
      {font}
    </w:lvl>"""


BULLET = "\u2022"
DASH = "\u2013"

# abstractNum 0 / num 1: bullets (a round bullet, then an en dash, as GOV.UK documents do);
# abstractNum 1 / num 2: numbers (1. then a.). The exporter gives every numbered list its
# own w:num pointing at abstractNum 1 with a startOverride, so each list restarts at 1.
NUMBERING_XML = f"""
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="0">
    <w:nsid w:val="52524201"/>
    <w:multiLevelType w:val="multilevel"/>
    <w:name w:val="RRB Bullets"/>
    {_level(0, "bullet", BULLET, "ListBullet", 720)}
    {_level(1, "bullet", DASH, "ListBullet2", 1440)}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:nsid w:val="52524202"/>
    <w:multiLevelType w:val="multilevel"/>
    <w:name w:val="RRB Numbers"/>
    {_level(0, "decimal", "%1.", "ListNumber", 720)}
    {_level(1, "lowerLetter", "%2.", "ListNumber2", 1440)}
  </w:abstractNum>
  <w:num w:numId="1">
    <w:abstractNumId w:val="0"/>
  </w:num>
  <w:num w:numId="2">
    <w:abstractNumId w:val="1"/>
  </w:num>
</w:numbering>
"""

# No rsids or document id (they would differ per build), Word 2013+ layout, British English.
SETTINGS_XML = f"""
<w:settings xmlns:w="{W_NS}">
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="720"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"
      w:val="15"/>
  </w:compat>
  <w:themeFontLang w:val="en-GB"/>
  <w:decimalSymbol w:val="."/>
  <w:listSeparator w:val=","/>
</w:settings>
"""

# Parts of python-docx's template that are not ours to ship.
_UNWANTED_RELTYPES = {
    RT.CUSTOM_XML,
    RT.THUMBNAIL,
    RT.WEB_SETTINGS,
    RT.FONT_TABLE,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}


def _replace_children(element: Any, xml: str) -> None:
    """Swap the children of a python-docx part's root (an lxml element) for ``xml``'s."""
    new_root = parse_xml(xml.strip())
    for child in list(element):
        element.remove(child)
    for child in list(new_root):
        element.append(child)


def build() -> bytes:
    """The bytes of ``reference.docx``."""
    document = docx.Document()
    package = document.part.package

    for rels in (document.part.rels, package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype in _UNWANTED_RELTYPES or rel.reltype == RT.EXTENDED_PROPERTIES:
                del rels[rel_id]
    app = Part(
        PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_PROPERTIES_XML, package
    )
    package.relate_to(app, RT.EXTENDED_PROPERTIES)

    _replace_children(document.styles.element, STYLES_XML)
    _replace_children(document.part.numbering_part.element, NUMBERING_XML)
    _replace_children(document.settings.element, SETTINGS_XML)

    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4
    for side in ("bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(1440))  # 2.54 cm, Word's own A4 default
    section.top_margin = Twips(1701)  # 3 cm: room for the three-line masthead above the text
    section.header_distance = section.footer_distance = Twips(567)  # 1 cm
    for name in ("rsidR", "rsidRPr", "rsidSect"):
        # python-docx has no API for revision ids; they would make every rebuild differ.
        section._sectPr.attrib.pop(f"{{{W_NS}}}{name}", None)

    props = document.core_properties
    props.title = "Reducing Reoffending Board note"
    props.author = props.last_modified_by = "Reducing Reoffending Board"
    props.comments = props.subject = props.keywords = props.category = ""
    props.language = "en-GB"
    props.revision = 1
    props.created = props.modified = TEMPLATE_TIMESTAMP
    return document_bytes(document, TEMPLATE_TIMESTAMP)


def main() -> int:
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
