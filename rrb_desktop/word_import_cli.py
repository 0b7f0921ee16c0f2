"""``rrb-desktop import`` for Word files: one line per file, the rest goes on after a failure.

Unlike a JSON import (all or nothing: the files were written by the app and a fault is a
fault), an archive of old notes is imported file by file: each is read, saved in its own
unit of work with its name and checksum, and reported on one line. A note read with
guesses is not saved, as in the window: its line says ``needs review`` and every guess
follows in plain words, for the secretary to check in **File > Import from Word**.
Nothing it would create (an organisation, a board) reaches the directory before then, so
a second review of the file flags the same names again. ``--accept-guesses`` saves such a
note as a draft all the same, for someone who will check the meetings in the editor.
"""

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from models.database import Database
from models.services import ValidationError, meetings_like
from models.word_import import ReadNote
from models.word_import.store import (
    WORD_SUFFIXES,
    ImportState,
    NotSavedError,
    directory_of,
    duplicate_message,
    not_imported_again,
    read_file,
    save_note,
    word_files,
)
from rrb_desktop.cli_guard import AGAIN_HINT, COPY_HINT, PROGRAM, USAGE_ERROR

NEEDS_REVIEW_STATUS = 1
NOT_SAVED = "-"  # the ID column of a note that needs review and was not saved


class WordImportEnd(NamedTuple):
    status: int  # the exit status (see import_word_files)
    saved: int  # meetings saved: none, and a new archive is not worth keeping


def split_import_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(.json files, Word files and folders): each kind has its own import."""
    json_files = [p for p in paths if p.suffix.lower() == ".json" and not p.is_dir()]
    return json_files, [p for p in paths if p not in json_files]


def import_word_files(
    db: Database, paths: Sequence[Path], *, again: bool, accept_guesses: bool = False
) -> WordImportEnd:
    """Import every file (a folder: its Word files); the exit status: 2 when any failed or
    was refused (a file imported before, a meeting the archive holds already: same board,
    date and title; ``again`` imports both), else 1 when any needs review and was not saved,
    else 0; and how many were saved.

    Prints ``FILE<TAB>imported<TAB>ID<TAB>DATE<TAB>TITLE`` on stdout; ``needs review`` (ID
    ``-`` when not saved) adds the number of guesses of each kind, and each guess follows
    on its own line, indented. Failures go to stderr as ``rrb-desktop: FILE: failed: REASON``.
    """
    failed = False
    held_back = 0
    saved = 0
    any_file = False
    for path in word_files(paths):
        any_file = True
        if not path.exists():
            _fail(path, "no such file or folder")
            failed = True
            continue
        if path.suffix.lower() not in WORD_SUFFIXES:
            _fail(path, "not a Word file (.docx) or an rrb-meeting/1 file (.json)")
            failed = True
            continue
        outcome = read_file(path, directory_of(db), db)
        if outcome.note is None or outcome.source is None:
            _fail(path, outcome.problem)
            failed = True
            continue
        if outcome.earlier is not None and not again:
            _fail(path, duplicate_message(outcome.earlier) + AGAIN_HINT)
            failed = True
            continue
        note = outcome.note
        like = [] if again else meetings_like(db, note.meeting)
        if like:  # skipped, and said so: a status of 2, as for a file imported before
            print(f"{PROGRAM}: {path}: {not_imported_again(like)}{COPY_HINT}", file=sys.stderr)
            failed = True
            continue
        if note.needs_review and not accept_guesses:
            _report(path, note, NOT_SAVED)
            held_back += 1
            continue
        try:
            meeting_id = save_note(db, note, outcome.source, allow_duplicate=again)
        except (NotSavedError, ValidationError) as error:
            _fail(path, str(error))
            failed = True
            continue
        saved += 1
        _report(path, note, str(meeting_id))
    if not any_file:
        _fail(paths[0] if len(paths) == 1 else Path("."), "no Word files to import")
        return WordImportEnd(USAGE_ERROR, saved)
    if held_back:
        files = "1 file needs" if held_back == 1 else f"{held_back} files need"
        print(
            f"{PROGRAM}: {files} review and {'was' if held_back == 1 else 'were'} not imported:"
            " check the guesses in File > Import from Word, or import with --accept-guesses",
            file=sys.stderr,
        )
    if failed:
        return WordImportEnd(USAGE_ERROR, saved)
    return WordImportEnd(NEEDS_REVIEW_STATUS if held_back else 0, saved)


def _report(path: Path, note: ReadNote, meeting_id: str) -> None:
    state = ImportState.NEEDS_REVIEW if note.needs_review else ImportState.IMPORTED
    line = f"{path}\t{state}\t{meeting_id}\t{note.meeting.date}\t{note.meeting.display_title}"
    if note.needs_review:
        kinds = Counter(guess.kind.value for guess in note.guesses)
        line += "\t" + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    print(line)
    for guess in note.guesses:
        print(f"  {guess}")


def _fail(path: Path, reason: str) -> None:
    print(f"{PROGRAM}: {path}: failed: {reason}", file=sys.stderr)
