"""The journal side of the edit session: what it keeps beside the database so that a kill,
a crash or a forced close takes nothing typed (see :mod:`models.journal`), and how it takes
back what a session that is gone left there.

Kept out of :mod:`ui.editor.session` (long enough) as a base of
:class:`ui.editor.session.EditSession`, which makes the attributes declared here. Text held on
screen that is no edit (a date that does not exist, an action's cell refused by a rule) is
journaled beside the edits until it is fixed or given up (``PendingEdits.held``); so is the
text of a table cell's open editor (an action's description being typed), which is saved as
an operation only when the cell is left (:meth:`JournalKeeping.cell_typed`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.edits import EditCore, Kind, PendingEdits, Target
from models.journal import Journal, JournalEntry
from models.services import MeetingRecord, NotFoundError
from ui.common.meeting_label import meeting_label
from ui.editor.save_state import SaveState

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance

log = logging.getLogger(__name__)


class JournalKeeping:
    """Writing, clearing and taking back the session's journal (see the module)."""

    _core: EditCore | None
    record: MeetingRecord | None
    journal: Journal | None
    _journal_timer: QTimer
    state: SaveState
    refused: dict[str, str]
    edited: SignalInstance
    problem_changed: SignalInstance
    _open_cell: tuple[Target, str, str] | None = None
    """The text typed in a table cell's open editor, not saved until the cell is left: its
    row, its field and the text (None: no cell holds unsaved text)."""

    def collect(self) -> None:
        raise NotImplementedError  # the session's collectors

    def _set_state(self, state: SaveState, message: str) -> None:
        raise NotImplementedError  # the session's

    def cell_typed(self, target: Target, field: str, text: str) -> None:
        """A key in a table cell's open editor (an action's description): the cell saves its
        text as an operation when it is left, so until then it is no edit, but it is typing
        all the same. The journal keeps it as the notes' typing is kept (at most
        ``JOURNAL_MS`` after a key, the timer not restarted by the next one, so continuous
        typing is journaled too), and the meeting is not "saved" meanwhile."""
        if self._core is None:
            return
        self._open_cell = (target, field, text)
        if self.journal is not None and not self._journal_timer.isActive():
            self._journal_timer.start()
        if self.state is SaveState.SAVED:
            self._set_state(SaveState.PENDING, "")
        self.edited.emit(self._core.meeting_id)

    def cell_closed(self) -> None:
        """The open cell's text was saved (or refused and kept in its cell, or given up with
        Escape): no longer typing; "saved" again if nothing else waits."""
        if self._open_cell is None:
            return
        self._open_cell = None
        if self._core is None:
            return
        self._keep_journal()
        if self.state is SaveState.PENDING and not self._core.pending and not self.refused:
            self._set_state(SaveState.SAVED, "")
            # Told as the end of a problem is (nothing reached the database to say it): the
            # title said "saving…" over text given up with Escape.
            self.problem_changed.emit()

    def _journaled(self) -> PendingEdits:
        """What the journal keeps: the pending edits and held text, and the open cell's."""
        assert self._core is not None
        if self._open_cell is None:
            return self._core.pending
        target, field, text = self._open_cell
        pending = self._core.pending.copy()
        pending.hold_text(target, field, text)
        return pending

    def touch(self) -> None:
        raise NotImplementedError  # the session's timers

    def _replace_held(self, kind: Kind, texts: dict[int, dict[str, str]]) -> None:
        assert self._core is not None
        held = self._core.pending.held
        now = {(kind, row_id): dict(typed) for row_id, typed in texts.items() if typed}
        before = {target: typed for target, typed in held.items() if target[0] is kind}
        if before == now:
            return
        for target in before:
            del held[target]
        held.update(now)
        self._keep_journal()

    def keep_text(self, target: Target, field: str, text: str | None) -> None:
        """Text typed in ``field`` of ``target`` that is not a value yet, kept on screen
        (None: it is no longer); the journal keeps it with the edits (see the module)."""
        if self._core is not None:
            self._core.pending.hold_text(target, field, text)

    def restore(self, entry: JournalEntry) -> None:
        """Take back the edits a session left in its journal (the meeting must be open):
        based on the version they were typed on, so a change since is a conflict."""
        if self._core is None or self._core.meeting_id != entry.meeting_id:
            raise NotFoundError(f"meeting {entry.meeting_id} is not open")
        self._core.version = entry.version
        for target, changes in entry.pending.edits.items():
            self._core.edit(target, **changes)
        for target, texts in entry.pending.held.items():
            for field, text in texts.items():
                self._core.pending.hold_text(target, field, text)
        self.touch()

    def _write_journal(self, *, sync: bool = False) -> None:
        """Keep the unsaved edits beside the database: a small atomic write, not synced to
        disk (a killed process's writes are in the system's cache already; a power cut may
        take the last second, as it would take the typing itself). ``sync``: on disk before
        going on (a save failed, or the meeting changed underneath: the journal may stay)."""
        self._journal_timer.stop()
        if self.journal is None or self._core is None or self.record is None:
            return
        self.collect()
        pending = self._journaled()
        if not pending.keeps_anything():
            return
        label = meeting_label(self.record)
        try:
            self.journal.write(
                JournalEntry(self._core.meeting_id, self._core.version, label, pending),
                sync=sync,
            )
        except OSError:
            log.exception("the journal of unsaved edits could not be written")

    def _keep_journal(self) -> None:
        """The journal as the session is now: written (at once) while anything is pending or
        held, removed once nothing is."""
        if self._core is not None and self._journaled().keeps_anything():
            self._write_journal()
        else:
            self._clear_journal()

    def _clear_journal(self) -> None:
        """Saved or given up: this session's journal goes (never another copy's)."""
        if self.journal is not None:
            try:
                self.journal.clear()
            except OSError:
                log.exception("the journal of unsaved edits could not be removed")
