"""What the user chooses once for every export: their Word template and their logo.

Kept apart from :mod:`exporters.docx_export` so the window can read and store these choices
without loading python-docx; the exporter takes the same values as keyword arguments.
"""

from enum import StrEnum
from pathlib import Path
from typing import Final, NamedTuple, TypedDict

from models.enums import Audience

# What a screen reader says for the logo unless the user describes their own image.
DEFAULT_LOGO_ALT_TEXT: Final = "Mayor's Office for Policing and Crime (MOPAC) logo"
# Formats python-docx can size and Word can show; an SVG or a WebP would fail in one or both.
LOGO_FORMATS: Final = ("png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff")
TEMPLATE_FORMATS: Final = ("docx", "dotx")


class ExportOptions(NamedTuple):
    """The house-style choices an export takes besides the meeting, layout and audience.

    ``None`` means ours: the built-in template, the text masthead.
    """

    template: Path | None = None
    logo: Path | None = None
    logo_alt_text: str = DEFAULT_LOGO_ALT_TEXT


class ActionsMode(StrEnum):
    """How a note prints the meeting's actions (``--actions`` on the command line).

    Each layout has its own default (the 2019 record prints ``Actions:`` under each item;
    the later notes carry their next steps in prose and print none); the user may override it.
    """

    PER_ITEM = "per-item"
    SUMMARY = "summary"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "per-item": "Under each item",
            "summary": "In one list at the end",
            "none": "Not printed",
        }[self.value]


class NoteOptions(TypedDict, total=False):
    """The choices of one export besides the meeting and layout (see
    :func:`exporters.docx_export.build_note`)."""

    audience: Audience
    template: Path | None
    logo: Path | None
    logo_alt_text: str
    actions: ActionsMode | None
    edited_notice: bool
