"""Reading published notes back from Word files into meetings (no Qt).

:func:`read_note` recognises the layout of a ``.docx`` by its shape (see
:mod:`~models.word_import.board` and :mod:`~models.word_import.transcript`) and returns a
:class:`ReadNote`: the meeting as a draft and every guess made. Saving is separate
(:mod:`~models.word_import.store`), so nothing is written before a person has reviewed it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.word_import.board import read_board_note
from models.word_import.document import NoteReadError, WordFile, read_word_file
from models.word_import.result import (
    Directory,
    Guess,
    GuessKind,
    NoteLayout,
    ReadNote,
)
from models.word_import.transcript import looks_like_transcript, read_transcript

__all__ = [
    "Directory",
    "Guess",
    "GuessKind",
    "NoteLayout",
    "NoteReadError",
    "ReadNote",
    "file_sha256",
    "read_note",
    "read_word",
]


def read_note(path: Path, directory: Directory | None = None) -> ReadNote:
    """Read the note in ``path``; NoteReadError (one plain line) when it cannot be read."""
    return read_word(read_word_file(path), path.name, directory or Directory())


def read_word(word: WordFile, file_name: str, directory: Directory) -> ReadNote:
    if looks_like_transcript(word):
        return read_transcript(word, file_name, directory)
    return read_board_note(word, file_name, directory)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
