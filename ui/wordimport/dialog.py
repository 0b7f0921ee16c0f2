"""The Import from Word dialog: the files, their state, a progress bar, and the review.

Files are read one per turn of the event loop (a zero-delay timer), so the progress bar
moves and Cancel answers between two files; each file takes a fraction of a second. A
SQLite connection belongs to the thread that opened it, and a read needs the directory of
organisations, so reading in the GUI thread in chunks is simpler and as responsive as a
worker thread here. Nothing is saved while reading: a file is saved when the secretary
imports it from the review, each in its own unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import StorageError
from models.services import ValidationError, meetings_like
from models.word_import import ReadNote
from models.word_import.store import (
    ImportState,
    NotSavedError,
    ReadOutcome,
    directory_of,
    duplicate_message,
    read_file,
    save_note,
    word_files,
)
from ui.common import dialogs
from ui.wordimport.review import Draft, ReviewPanel

if TYPE_CHECKING:
    from models.database import Database
    from models.meeting_doc import MeetingDoc

WAITING = "waiting"
CANCELLED = "cancelled"
READY = "ready"  # read with nothing guessed
_COLUMNS = ("File", "State", "Date", "Title")


@dataclass
class _Entry:
    path: Path
    state: str = WAITING
    outcome: ReadOutcome | None = None
    draft: Draft | None = None
    meeting_id: int | None = None

    @property
    def note(self) -> ReadNote | None:
        return self.outcome.note if self.outcome is not None else None

    @property
    def ready(self) -> bool:
        """Read, and every guess confirmed (a meeting already in the archive is asked
        about when it is imported)."""
        if self.note is None or self.draft is None or self.meeting_id is not None:
            return False
        if self.state not in (READY, ImportState.NEEDS_REVIEW):
            return False
        return len(self.draft.confirmed) == len(self.note.guesses)


class WordImportDialog(QDialog):
    """Add Word files or a folder, watch them read, review each, import."""

    file_read = Signal(int)  # the row of the file just read
    reading_finished = Signal()
    meetings_imported = Signal(list)  # the new meetings' ids

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from Word")
        self.resize(1100, 700)
        self._database = database
        self._entries: list[_Entry] = []
        self._next = 0
        self._cancelled = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_next)

        self.add_files_button = QPushButton("Add &files…")
        self.add_folder_button = QPushButton("Add a f&older…")
        self.progress = QProgressBar()
        self.progress.setFormat("Reading %v of %m")
        self.cancel_button = QPushButton("&Cancel reading")
        self.files = QTableWidget(0, len(_COLUMNS))
        self.files.setHorizontalHeaderLabels(list(_COLUMNS))
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.files.setAccessibleName("Files")
        self.review = ReviewPanel()
        self.import_button = QPushButton("&Import this meeting")
        self.import_all_button = QPushButton("Import &all confirmed")
        close_button = QPushButton("Close")

        self._lay_out(close_button)
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.files.itemSelectionChanged.connect(self._show_selected)
        self.review.confirmations_changed.connect(self._update_buttons)
        self.import_button.clicked.connect(self.import_selected)
        self.import_all_button.clicked.connect(self.import_all_confirmed)
        close_button.clicked.connect(self.accept)
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _lay_out(self, close_button: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(self.add_files_button)
        top.addWidget(self.add_folder_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        splitter = QSplitter()
        splitter.addWidget(self.files)
        splitter.addWidget(self.review)
        splitter.setSizes([380, 720])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for button in (self.import_button, self.import_all_button, close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- reading ----------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Queue files (a folder: its Word files) and start reading them."""
        for path in word_files(paths):
            self._entries.append(_Entry(path))
            row = self.files.rowCount()
            self.files.insertRow(row)
            for column, text in enumerate((path.name, WAITING, "", "")):
                self.files.setItem(row, column, QTableWidgetItem(text))
        self._cancelled = False
        self.progress.setRange(0, len(self._entries))
        self.progress.setValue(self._next)
        self.progress.show()
        self.cancel_button.show()
        self._timer.start()

    @property
    def reading(self) -> bool:
        return self._next < len(self._entries) and not self._cancelled

    def cancel_reading(self) -> None:
        """Stop after the file being read; the rest stay unread and nothing is saved."""
        self._cancelled = True

    def _read_next(self) -> None:
        if self._cancelled:
            for row in range(self._next, len(self._entries)):
                self._entries[row].state = CANCELLED
                self._show_row(row)
            self._next = len(self._entries)
        if self._next >= len(self._entries):
            self.progress.hide()
            self.cancel_button.hide()
            self.reading_finished.emit()
            return
        row = self._next
        entry = self._entries[row]
        try:
            directory = directory_of(self._database)
            entry.outcome = read_file(entry.path, directory, self._database)
        except StorageError as error:
            entry.outcome = ReadOutcome(entry.path, None, None, error.reason)
        note = entry.note
        if note is None:
            entry.state = ImportState.FAILED
        else:
            entry.draft = Draft.of(note)
            entry.state = ImportState.NEEDS_REVIEW if note.needs_review else READY
        self._next += 1
        self.progress.setValue(self._next)
        self._show_row(row)
        self.file_read.emit(row)
        if row == 0 or not self.files.selectedItems():
            self.files.selectRow(row)
        self._timer.start()

    # -- the table and the review --------------------------------------------------------

    def state_of(self, row: int) -> str:
        return self.files.item(row, 1).text()  # type: ignore[union-attr]  # every row is filled

    def _show_row(self, row: int) -> None:
        entry = self._entries[row]
        note = entry.note
        if entry.meeting_id is not None:
            state = f"imported as meeting {entry.meeting_id}"
        elif entry.state == ImportState.FAILED:
            state = f"failed: {entry.outcome.problem if entry.outcome else ''}"
        elif entry.state == READY:
            state = "ready to import"
        elif entry.state == ImportState.NEEDS_REVIEW and note is not None:
            state = f"needs review ({len(note.guesses)} guesses)"
        else:
            state = entry.state
        if entry.outcome is not None and entry.outcome.earlier is not None and not entry.meeting_id:
            state += f"; {duplicate_message(entry.outcome.earlier)}"
        texts = (
            entry.path.name,
            state,
            note.meeting.date.isoformat() if note else "",
            note.meeting.display_title if note else "",
        )
        for column, text in enumerate(texts):
            item = self.files.item(row, column)
            if item is not None:
                item.setText(text)
                item.setToolTip(text)
        self._update_buttons()

    def _selected_row(self) -> int | None:
        rows = {index.row() for index in self.files.selectedIndexes()}
        return next(iter(rows)) if rows else None

    def _show_selected(self) -> None:
        row = self._selected_row()
        entry = self._entries[row] if row is not None else None
        if entry is None or entry.note is None:
            reason = entry.outcome.problem if entry and entry.outcome else ""
            heading = f"{entry.path.name}: {reason or entry.state}" if entry else ""
            self.review.show_note(None, None, heading)
        else:
            self.review.show_note(entry.note, entry.draft, str(entry.path))
            earlier = entry.outcome.earlier if entry.outcome else None
            self.review.show_duplicate(duplicate_message(earlier) if earlier else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.import_button.setEnabled(row is not None and self._entries[row].note is not None)
        self.import_all_button.setEnabled(any(entry.ready for entry in self._entries))

    # -- saving --------------------------------------------------------------------------

    def import_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        entry = self._entries[row]
        if entry.note is None or entry.draft is None or entry.meeting_id is not None:
            return
        if not entry.ready:
            left = len(entry.note.guesses) - len(entry.draft.confirmed)
            dialogs.show_problem(
                self,
                "Import from Word",
                f"{entry.path.name} is not imported yet: confirm or correct every guess first"
                f" ({left} not ticked).",
            )
            return
        if self._save(row):
            self.meetings_imported.emit([entry.meeting_id])

    def import_all_confirmed(self) -> None:
        saved = [
            self._entries[row].meeting_id
            for row in range(len(self._entries))
            if self._entries[row].ready and self._save(row)
        ]
        if saved:
            self.meetings_imported.emit(saved)

    def _save(self, row: int) -> bool:
        entry = self._entries[row]
        assert entry.note is not None
        assert entry.draft is not None
        assert entry.outcome is not None
        assert entry.outcome.source is not None  # a file that was read has its checksum
        try:
            meeting = entry.draft.meeting(entry.note)
            again = entry.draft.again or self._second_copy(entry, meeting)
            if again is None:
                return False  # the secretary chose to skip it: nothing to say
            note = ReadNote(meeting, entry.note.layout)
            entry.meeting_id = save_note(
                self._database, note, entry.outcome.source, allow_duplicate=again
            )
        except (ValueError, NotSavedError, ValidationError, StorageError) as error:
            message = error.message if isinstance(error, ValidationError) else str(error)
            dialogs.show_problem(
                self, "Import from Word", f"{entry.path.name} was not imported.", message
            )
            return False
        self._show_row(row)
        return True

    def _second_copy(self, entry: _Entry, meeting: MeetingDoc) -> bool | None:
        """False when nothing like the meeting is in the archive; True when it is and the
        secretary chose a second copy; None when they chose to skip the file. The same
        rule (same board, date and title, or this very file) and question as the JSON import."""
        like = meetings_like(self._database, meeting)
        earlier = entry.outcome.earlier if entry.outcome is not None else None
        if not like and earlier is None:
            return False
        wanted = dialogs.confirm_second_copy(
            self,
            "Import from Word",
            entry.path.name,
            meeting,
            like=like,
            earlier=duplicate_message(earlier) if earlier is not None else "",
        )
        return True if wanted else None

    # -- choosing files ----------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import notes from Word", "", "Word documents (*.docx *.doc);;All files (*)"
        )
        if paths:
            self.add_paths([Path(path) for path in paths])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of Word notes")
        if folder:
            self.add_paths([Path(folder)])
