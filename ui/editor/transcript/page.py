"""The Transcript tab: the Members panel above the turns editor, shown for a hearing.

The meeting editor adds it as a tab (Ctrl+4) and shows it only while the meeting's layout is
the hearing transcript; the turns are those of the agenda item selected in the Agenda tab
(a hearing usually has one untitled item, made with its first turn).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

from models.meeting_doc import MemberDoc
from ui.common.layout import vbox
from ui.editor.transcript.members_panel import MembersPanel
from ui.editor.transcript.turns_editor import TurnsEditor

if TYPE_CHECKING:
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession


class TranscriptPage(QWidget):
    """Members and turns of the open hearing."""

    transcript_changed = Signal()
    """Members or turns were added, removed, moved or pasted (the archive may refresh)."""

    def __init__(self, session: EditSession, history: UndoHistory) -> None:
        super().__init__()
        self.members = MembersPanel(session, history)
        self.turns = TurnsEditor(session, history, self.member_docs)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.members)
        splitter.addWidget(self.turns)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.setLayout(vbox(splitter, margins=8))
        # Ctrl+Enter and Ctrl+Shift+Enter start a turn from the members too.
        self.addAction(self.turns.new_turn_action)
        self.addAction(self.turns.editorial_action)
        self.members.members_changed.connect(self._members_changed)
        self.members.members_changed.connect(self.transcript_changed)
        self.turns.turns_changed.connect(self.transcript_changed)

    def menu_actions(self) -> list[QAction]:
        """The entries the window lists (in the Agenda menu), so F1 shows their keys."""
        turns, members = self.turns, self.members
        return [
            turns.new_turn_action,
            turns.editorial_action,
            turns.delete_action,
            turns.move_up_action,
            turns.move_down_action,
            members.delete_action,
            members.move_up_action,
            members.move_down_action,
        ]

    def load(self, meeting_id: int | None, item_id: int | None) -> None:
        """Show the members of ``meeting_id`` and the turns of its item ``item_id``."""
        self.members.load(meeting_id)
        self.turns.load(meeting_id, item_id)

    def show_item(self, meeting_id: int | None, item_id: int | None) -> None:
        """Another agenda item was selected: its turns."""
        self.turns.load(meeting_id, item_id)

    def member_docs(self) -> list[MemberDoc]:
        """The members as values, for the speaker completion."""
        return [
            MemberDoc(
                row.name,
                row.role,
                row.organisation.abbreviation if row.organisation is not None else None,
                row.chair,
            )
            for row in self.members.members()
        ]

    def _members_changed(self) -> None:
        """A member renamed or removed changes who the turns are linked to: reread them."""
        self.turns.load(self.turns.meeting_id, self.turns.item_id)
