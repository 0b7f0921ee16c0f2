"""Names the app suggests for the files it writes."""

from __future__ import annotations

import re

from models.services import MeetingRecord

# Characters Windows, macOS or OneDrive refuse in a file name (and control characters).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(name: str) -> str:
    """``name`` with characters no file system takes replaced, so a title override like
    "Note 1/2" still gives a file the save dialog accepts."""

    def replace(match: re.Match[str]) -> str:
        # "1/2" reads as "1-2"; a colon or quotes next to a space just go
        before, after = name[match.start() - 1 : match.start()], name[match.end() : match.end() + 1]
        return "-" if before.isalnum() and after.isalnum() else " "

    cleaned = _UNSAFE.sub(replace, name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(". ")
    return cleaned or "meeting"


def export_file_name(record: MeetingRecord) -> str:
    """``2024-02-29 RRB Public Note.docx``: sorts by date in a folder, and says what it is."""
    board = record.board.abbreviation or record.board.name
    return safe_file_name(f"{record.date.isoformat()} {board} {record.display_title}") + ".docx"
