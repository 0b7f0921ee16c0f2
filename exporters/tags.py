"""The WordprocessingML tags the exporter asks of many elements, each worked out once.

python-docx's ``qn`` builds a tag's Clark name (``{namespace}p``) on every call, and the
writer, the preview and the checks ask for these of thousands of elements: one module holds
them for all (each module keeps its own few that no other asks for).
"""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import qn

BOLD: Final = qn("w:b")
BR: Final = qn("w:br")
ITALIC: Final = qn("w:i")
ILVL: Final = qn("w:ilvl")
NAME: Final = qn("w:name")
NUM_ID: Final = qn("w:numId")
NUM_PR: Final = qn("w:numPr")
P: Final = qn("w:p")
P_PR: Final = qn("w:pPr")
P_STYLE: Final = qn("w:pStyle")
R: Final = qn("w:r")
R_PR: Final = qn("w:rPr")
STYLE: Final = qn("w:style")
STYLE_ID: Final = qn("w:styleId")
T: Final = qn("w:t")
TAB: Final = qn("w:tab")
TBL: Final = qn("w:tbl")
TYPE: Final = qn("w:type")
VAL: Final = qn("w:val")
VERT_ALIGN: Final = qn("w:vertAlign")
