"""The conflict side of the edit session: what happens when the open meeting was saved
elsewhere (another window, another copy of the app, a CLI import) while it is open here.

Untouched here, the meeting is read again and shown afresh, the fields another window changed
marked (typing over one is a conflict, until the person chooses); with edits pending, the
conflict is shown at once, in words that name what changed, and the person chooses: their
text (:meth:`ConflictHandling.keep_mine`) or the saved meeting
(:meth:`ConflictHandling.reload_theirs`).

Kept out of :mod:`ui.editor.session` (long enough) as a base of
:class:`ui.editor.session.EditSession`, which makes the attributes declared here.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models import actions, services
from models.changes import MeetingChange, Part
from models.conflict_words import (
    FieldMark,
    PartCounts,
    conflict_parts,
    describe_conflict,
    fields_changed,
    part_counts,
)
from models.database import waiting_at_most
from models.edits import Kind, PendingEdits
from models.errors import StaleEditError, StorageError
from models.services import MeetingRecord, NotFoundError
from ui.editor.save_state import SAVE_WAIT_MS, SaveState
from ui.editor.session_journal import JournalKeeping

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtCore import SignalInstance

    from models.database import Database

log = logging.getLogger(__name__)


class ConflictHandling(JournalKeeping):
    """Reading the meeting again, naming a conflict, and the person's choice (see the module)."""

    _database: Database
    marks: set[FieldMark]
    reloaded_parts: list[str]
    actions_gone: list[tuple[int, dict[str, Any]]]
    _counts: PartCounts | None
    changed: SignalInstance
    reloaded: SignalInstance
    conflict_found: SignalInstance

    def open(self, record: MeetingRecord | None) -> None:
        raise NotImplementedError  # the session's

    def flush(self) -> bool:
        raise NotImplementedError  # the session's

    def changed_elsewhere(
        self, version: int | None = None, by: str = "", *, ours: bool = False
    ) -> str:
        """Another window, computer or program saved the open meeting (at ``version``; None:
        unknown, read it to find out), or this window did outside the session (``ours``: its
        organisation directory; nothing is then marked as another's). Untouched here, it is
        read again: ``reloaded``, then ``changed`` naming every part. With edits pending (or
        held back), the conflict is shown at once. Returns "same", "reloaded", "conflict" or
        "deleted" (gone, nothing here to keep); a read that fails changes nothing."""
        core = self._core
        if core is None or (version is not None and version <= core.version):
            return "same"
        self.collect()
        touched = bool(core.pending) or bool(self.refused) or core.conflict
        if touched:
            if self.state is not SaveState.CONFLICT:
                core.conflict = "changed"
                self._conflict("changed", by)
            return "conflict"
        try:
            record = services.meeting_record(self._database, core.meeting_id)
        except NotFoundError:
            return "deleted"
        except StorageError as error:
            log.warning("reading meeting %s again failed: %s", core.meeting_id, error.reason)
            return "same"
        if record.version == core.version:
            return "same"
        before, counts, marks = self.record, self._counts, self.marks
        self.open(record)
        self.reloaded.emit(record)  # (the editor opens it afresh: the marks are set after)
        if before is not None and not ours:
            self.reloaded_parts = conflict_parts(before, record, counts, self._counts)
            self.marks = marks | fields_changed(before, record)
        self.changed.emit(MeetingChange(record.id, frozenset(Part)))
        return "reloaded"

    def _conflict(self, what: str, by: str = "") -> None:
        self._show_conflict(self.describe_conflict(what, by))

    def _show_conflict(self, description: str) -> None:
        self._write_journal(sync=True)
        self._set_state(SaveState.CONFLICT, description)
        self.conflict_found.emit(description)

    def describe_conflict(self, what: str, by: str = "") -> str:
        """What changed underneath, from the meeting as it is now against as it was read;
        ``by``: who saved it, when known (the server says)."""
        if self._core is None or self.record is None:
            return "This meeting was changed elsewhere."
        return describe_conflict(self._database, self.record, self._counts, what, by)

    def reload_theirs(self) -> list[str]:
        """Drop my pending edits and start again from the meeting as saved; returns my unsaved
        texts, for the person to copy."""
        if self._core is None:
            return []
        self.collect()
        texts = self._core.pending.texts()
        self._core.pending = PendingEdits()
        try:
            record = services.meeting_record(self._database, self._core.meeting_id)
        except (StorageError, NotFoundError):
            self.open(None)
            self._clear_journal()
            return texts
        self.open(record)
        self._clear_journal()
        return texts

    def keep_mine(self) -> bool:
        """Overwrite knowingly: base my edits on the version there now and save them.
        Edits of an item deleted meanwhile are put back as a new item at the end; those of
        an action deleted meanwhile cannot be, and are set aside in ``actions_gone``."""
        if self._core is None:
            return True
        self.collect()
        self.actions_gone = []
        meeting_id = self._core.meeting_id
        held = any(kind is Kind.ACTION for kind, _id in self._core.pending.edits)
        try:
            now = services.meeting_record(self._database, meeting_id)
            actions_now = (
                {row.id for row in actions.list_actions_of_meeting(self._database, meeting_id)}
                if held
                else set()
            )
        except (StorageError, NotFoundError) as error:
            reason = error.reason if isinstance(error, StorageError) else "the meeting is gone"
            self._set_state(SaveState.CONFLICT, f"Your text could not be kept ({reason}).")
            return False
        existing = {item.id for item in now.agenda}
        self._core.rebase(now.version)
        self.record = now
        self.marks = set()  # typed over knowingly
        try:
            with waiting_at_most(SAVE_WAIT_MS):  # the window's own writes never wait seconds
                for (kind, target_id), changes in list(self._core.pending.edits.items()):
                    if kind is Kind.ITEM and target_id not in existing:
                        self._core.run(
                            lambda db, c=changes: services.add_agenda_item(  # type: ignore[misc]
                                db, now.id, c.get("title", ""), notes=c.get("notes", "")
                            )
                        )
                        del self._core.pending.edits[(kind, target_id)]  # once it is back
                    elif kind is Kind.ACTION and target_id not in actions_now:
                        del self._core.pending.edits[(kind, target_id)]
                        self.actions_gone.append((target_id, changes))
        except StaleEditError:  # saved elsewhere again, meanwhile: the person is asked again
            self._conflict("changed")
            return False
        except StorageError as error:  # locked by another program: kept, to be tried again
            self._write_journal(sync=True)
            self._set_state(
                SaveState.CONFLICT,
                f"Your text could not be kept yet ({error.reason}). It is still on screen;"
                " press Keep mine again.",
            )
            return False
        self._counts = self._count()
        # Out of the conflict in a way the window hears even with nothing left to save (its
        # title said "not saved" until the next edit).
        self._set_state(SaveState.PENDING if self._core.pending else SaveState.SAVED, "")
        return self.flush()

    def _count(self) -> PartCounts | None:
        """The open meeting's parts a record does not hold, counted (None: no meeting, or
        unread: a conflict then cannot name them)."""
        if self._core is None:
            return None
        try:
            return part_counts(self._database, self._core.meeting_id)
        except StorageError:
            return None
