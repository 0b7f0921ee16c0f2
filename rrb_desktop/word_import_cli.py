"""``rrb-desktop import`` for Word files: one line per file, the rest goes on after a failure.

Unlike a JSON import (all or nothing: the files were written by the app and a fault is a
fault), an archive of old notes is imported file by file: each is read, saved in its own
unit of work with its name and checksum, and reported on one line. A note with guesses is
saved as a draft and reported ``needs review``, with the guesses, for the secretary to
look at in the window.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from models.services import ValidationError
from models.word_import.store import (
    WORD_SUFFIXES,
    ImportState,
    NotSavedError,
    directory_of,
    duplicate_message,
    read_file,
    save_note,
    word_files,
)
from rrb_desktop.cli_guard import AGAIN_HINT

if TYPE_CHECKING:
    from models.database import Database

PROGRAM = "rrb-desktop"


def split_import_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(.json files, Word files and folders): each kind has its own import."""
    json_files = [p for p in paths if p.suffix.lower() == ".json" and not p.is_dir()]
    return json_files, [p for p in paths if p not in json_files]


def import_word_files(db: Database, paths: Sequence[Path], *, again: bool) -> bool:
    """Import every file (a folder: its Word files); False when any failed.

    Prints ``FILE<TAB>imported<TAB>ID<TAB>DATE<TAB>TITLE`` (``needs review`` adds the
    number of guesses of each kind) on stdout and ``rrb-desktop: FILE: failed: REASON`` on stderr.
    """
    all_ok = True
    any_file = False
    for path in word_files(paths):
        any_file = True
        if not path.exists():
            _fail(path, "no such file or folder")
            all_ok = False
            continue
        if path.suffix.lower() not in WORD_SUFFIXES:
            _fail(path, "not a Word file (.docx) or an rrb-meeting/1 file (.json)")
            all_ok = False
            continue
        outcome = read_file(path, directory_of(db), db)
        if outcome.note is None or outcome.source is None:
            _fail(path, outcome.problem)
            all_ok = False
            continue
        if outcome.earlier is not None and not again:
            _fail(path, duplicate_message(outcome.earlier) + AGAIN_HINT)
            all_ok = False
            continue
        try:
            meeting_id = save_note(db, outcome.note, outcome.source, allow_duplicate=again)
        except (NotSavedError, ValidationError) as error:
            _fail(path, str(error))
            all_ok = False
            continue
        note = outcome.note
        state = ImportState.NEEDS_REVIEW if note.needs_review else ImportState.IMPORTED
        line = f"{path}\t{state}\t{meeting_id}\t{note.meeting.date}\t{note.meeting.display_title}"
        if note.needs_review:
            kinds = Counter(guess.kind.value for guess in note.guesses)
            line += "\t" + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
        print(line)
    if not any_file:
        _fail(paths[0] if len(paths) == 1 else Path("."), "no Word files to import")
        return False
    return all_ok


def _fail(path: Path, reason: str) -> None:
    print(f"{PROGRAM}: {path}: failed: {reason}", file=sys.stderr)
