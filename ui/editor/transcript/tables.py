"""The rows the Transcript tab shows: the members (name, role, organisation, co-chair) and
the turns (speaker and the start of the words).

Like the other tables of the editor the models hold frozen rows from the services and never
write: an edited member cell is reported through ``cell_edited`` and the panel saves it
through the edit session, then shows the rows read back.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ui.common.item_models import RowsTableModel, holds_row

if TYPE_CHECKING:
    from models.transcript_edits import MemberRow, TurnRow

Index = QModelIndex | QPersistentModelIndex

_PREVIEW: Final = 90  # characters of a turn's words shown in its line


class MemberColumn(IntEnum):
    NAME = 0
    ROLE = 1
    ORGANISATION = 2
    CHAIR = 3


_MEMBER_HEADERS = {
    MemberColumn.NAME: "Name",
    MemberColumn.ROLE: "Role",
    MemberColumn.ORGANISATION: "Organisation",
    MemberColumn.CHAIR: "Co-chair",
}
MEMBER_FIELDS: Final = {
    MemberColumn.NAME: "name",
    MemberColumn.ROLE: "role",
    MemberColumn.ORGANISATION: "organisation",
}


class MembersTableModel(RowsTableModel):
    """The hearing's panel, in the printed order."""

    columns = MemberColumn
    cell_edited = Signal(int, str, str)
    """(member ID, field, the text typed): the panel saves it."""
    chair_toggled = Signal(int)
    """The co-chair box of a member was clicked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        member: MemberRow = self._rows[index.row()]
        column = MemberColumn(index.column())
        if column is MemberColumn.CHAIR:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if member.chair else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "co-chair" if member.chair else "member"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _member_text(member, column)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _MEMBER_HEADERS[MemberColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if MemberColumn(index.column()) is MemberColumn.CHAIR:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not holds_row(index, len(self._rows)):
            return False
        member: MemberRow = self._rows[index.row()]
        column = MemberColumn(index.column())
        if column is MemberColumn.CHAIR and role == Qt.ItemDataRole.CheckStateRole:
            self.chair_toggled.emit(member.id)
            return True
        if role == Qt.ItemDataRole.EditRole and column in MEMBER_FIELDS:
            if str(value) != _member_text(member, column):
                self.cell_edited.emit(member.id, MEMBER_FIELDS[column], str(value))
            return True
        return False


def _member_text(member: MemberRow, column: MemberColumn) -> str:
    if column is MemberColumn.NAME:
        return member.name
    if column is MemberColumn.ROLE:
        return member.role or ""
    if column is MemberColumn.ORGANISATION:
        return member.organisation.abbreviation if member.organisation is not None else ""
    return ""


class TurnColumn(IntEnum):
    TURN = 0


class TurnsListModel(RowsTableModel):
    """The turns of one agenda item, one line each: ``Label: the first words ...``."""

    columns = TurnColumn

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not holds_row(index, len(self._rows)):
            return None
        turn: TurnRow = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return turn_line(turn)
        if role == Qt.ItemDataRole.ToolTipRole:
            return turn.text[:1000]
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(turn.speaker is None)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Turns"
        return None

    def replace_turn(self, turn: TurnRow) -> None:
        """Show a turn's new speaker or words (typed, not yet saved) without a reload."""
        row = self.row_of(turn.id)
        if row is not None:
            self._rows[row] = turn
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))


def turn_line(turn: TurnRow) -> str:
    """``Label: the first words ...`` or the editorial note as it is."""
    words = " ".join(turn.text.split())
    if len(words) > _PREVIEW:
        words = words[:_PREVIEW].rstrip() + "\u2026"
    if turn.speaker is None:
        return words or "[editorial note]"
    return f"{turn.speaker}: {words}" if words else f"{turn.speaker}:"
