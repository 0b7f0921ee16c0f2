"""The editors of the actions table's cells: the owners completer (one abbreviation after
another, "MPS/MOPAC"), the due date (a date typed whole, "next meeting" with N, none with
Del), and the delegate that hands each cell its editor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from models import actions, owner_text
from models.enums import ActionStatus
from models.text_keys import text_key
from ui.common.completion_keys import CELL_COMMIT_KEYS, complete_with_cell_keys
from ui.common.date_fields import DateField
from ui.common.layout import ERROR_COLOUR
from ui.common.modifier_keys import MODIFIER_KEYS
from ui.common.typed_values import (
    DATE_HINT,
    ImpossibleValueError,
    IncompleteValueError,
    UnreadableValueError,
)
from ui.editor.actions_model import (
    NO_DESCRIPTION_TEXT,
    NO_ITEM_TEXT,
    REFUSED_ROLE,
    ActionColumn,
    ActionsTableModel,
    display_date,
)

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


NO_DATE_TEXT = "No date"
REFUSED_SELECTED_COLOUR = "#f6dbe0"
"""A selected refused cell's background: pale, so its red text keeps its contrast."""


class OwnersCompleter(QCompleter):
    """Completes the abbreviation being typed after the last ``/`` or comma (``MPS/MO`` and
    ``MPS, MO`` → ``MOPAC``), the separators :func:`models.owner_text.parse_owners` reads.

    Text that begins an abbreviation with a comma or slash in it (``Ministry of Housing, Co``,
    ``YOT, L&P/``) completes whole, as the owner it will be read as."""

    def __init__(self, abbreviations: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(list(abbreviations), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self._keys = [text_key(abbreviation) for abbreviation in abbreviations]

    def _part_start(self, text: str) -> int:
        """Where the owner being typed starts in ``text``: at the first separator after
        which the rest begins a known abbreviation (which may hold a comma or a slash
        itself), else after the last one."""
        starts = [0, *(at + 1 for at, char in enumerate(text) if char in owner_text.SEPARATORS)]
        start = next(
            (at for at in starts if any(key.startswith(text_key(text[at:])) for key in self._keys)),
            starts[-1],
        )
        return start + len(text[start:]) - len(text[start:].lstrip())

    def splitPath(self, path: str) -> list[str]:
        return [path[self._part_start(path) :]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        completion = str(index.data())
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        return f"{text[: self._part_start(text)]}{completion}"


def abbreviation_test(abbreviations: Sequence[str]) -> Callable[[str], bool]:
    """Whether a typed owner is one of ``abbreviations`` (any case): what
    :func:`models.owner_text.parse_owners` asks before splitting at a comma."""
    keys = {text_key(abbreviation) for abbreviation in abbreviations}
    return lambda name: text_key(name) in keys


def unknown_owners(text: str, abbreviations: Sequence[str]) -> list[str]:
    """The owners in ``text`` that are none of ``abbreviations`` (any case), in the order
    typed, each once: those a cell refuses, and offers to add to the directory."""
    known = abbreviation_test(abbreviations)
    owners = owner_text.parse_owners(text, known, slashed=abbreviations)
    return list(dict.fromkeys(owner for owner in owners if not known(owner)))


NO_NEXT_MEETING = (
    "N sets the next meeting's date, but it is not known yet: tick “Next meeting” on the"
    " Details tab (Alt+X) and type it, then press N here."
)

_NEXT_MEETING_WORDS: Final = re.compile(r"n|(?:by\s+)?(?:the\s+)?next(?:\s+meeting)?", re.I)
_NEXT_MEETING_SAID: Final = ("next meeting", "the next meeting", "by the next meeting")


def means_next_meeting(text: str) -> bool:
    """Whether a due cell's text names the next meeting: N, or the words as the note prints
    them ("next meeting", "the next meeting", "by the next meeting"), in any case."""
    return _NEXT_MEETING_WORDS.fullmatch(" ".join(text.split())) is not None


def _may_become_next_meeting(text: str) -> bool:
    """Whether text is the start of those words ("ne", "by the nex"): still typing them."""
    typed = " ".join(text.split()).casefold()
    return bool(typed) and any(words.startswith(typed) for words in _NEXT_MEETING_SAID)


class DueEdit(DateField):
    """The due date typed whole, as every date field takes it (``29022024``, ``29/2/24``,
    ``29 Feb 2024``), with two more values: the next meeting (N) and none (empty, shown as
    "No date"; Del empties it).

    N and Del mean "next meeting" and "no date" only where they cannot be typing: N when
    it would replace the whole text (a month's name, ``29 Nov 2024``, is still typed), Del
    when there is nothing after the cursor to delete. Tab, Enter, Esc and leaving the cell
    are handed to the cell editor itself, where the table's delegate watches for them, as it
    does on every other cell's editor (the keys go to the line edit, the focus proxy)."""

    explained = Signal(str)
    """A key could not do what it says (N with no next-meeting date): why, for the user."""

    def __init__(self, parent: QWidget | None, *, next_meeting: dt.date | None) -> None:
        super().__init__(required=False, inline_message=False, parent=parent)
        self.setAutoFillBackground(True)  # the cell's text is not seen through the editor
        self.line_edit.setFrame(False)
        self.line_edit.setPlaceholderText(NO_DATE_TEXT)
        self.line_edit.setMinimumWidth(0)  # the cell's width; the text scrolls if need be
        self._next_meeting = next_meeting
        self._after_n: tuple[str, str] | None = None
        """The cell's text just after N took the next meeting's date, and the N as typed
        (None after any other key): a letter typed next means the N began "next meeting",
        and it is put back."""
        when = display_date(next_meeting) if next_meeting else "its date is not set yet"
        self.line_edit.setToolTip(
            f"Type the date as {DATE_HINT}. N: the next meeting ({when}). Del: no date."
            " Alt+Down: calendar."
        )
        self.problem_changed.connect(self._say)

    def readable_width(self) -> int:
        """The width that shows a date typed in full, and the calendar button."""
        text = self.line_edit.fontMetrics().horizontalAdvance("29 Sept 2024")
        return text + 12 + self.calendar_button.sizeHint().width()

    def set_due(self, due: dt.date | str | None) -> None:
        """Show a due date, none, or a text typed before and refused (as typed, with its
        reason)."""
        if isinstance(due, str):
            self.show_typed(due)
        else:
            self.set_value(due)

    def due(self) -> dt.date | UnreadableDue | None:
        """The date typed (None: no date), or the text and why it is not a date.

        A lone ``N``, or the words "next meeting" typed out, is the next meeting however it
        came to be typed (the key that opens the editor, an input method): its date, or,
        with none set, refused with the reason (the text kept, nothing saved)."""
        try:
            return self.value()
        except UnreadableValueError as error:
            return UnreadableDue(self.text(), str(error))

    def _parse(self, text: str) -> dt.date:
        if means_next_meeting(text):
            if self._next_meeting is None:
                raise ImpossibleValueError(NO_NEXT_MEETING)
            return self._next_meeting
        if _may_become_next_meeting(text):  # no complaint while the words are typed
            raise IncompleteValueError(NO_NEXT_MEETING)
        return super()._parse(text)

    def _may_continue(self, text: str) -> bool:
        return _may_become_next_meeting(text) or super()._may_continue(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit:
            if event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if self._key(event):
                    return True
            elif event.type() == QEvent.Type.FocusOut:
                assert isinstance(event, QFocusEvent)
                QApplication.sendEvent(self, QFocusEvent(event.type(), event.reason()))
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """Whether the key was this editor's (N, Del) or handed to the cell editor."""
        line = self.line_edit
        if event.key() in MODIFIER_KEYS:  # Shift pressed for the next capital: not a key yet
            return False
        after_n, self._after_n = self._after_n, None
        if after_n is not None and _continues_a_word(event) and line.text() == after_n[0]:
            # The N began the words "next meeting": it goes back in, before this letter.
            line.setText(after_n[1])
            return False
        if event.key() in _CELL_KEYS:
            again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self, again)
            return True
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        # n or N: the capital N a user types (Shift+N) is the same key.
        shift = Qt.KeyboardModifier.ShiftModifier
        letter_n = event.key() == Qt.Key.Key_N and (plain or event.modifiers() == shift)
        if letter_n and line.selectedText() == line.text():
            if self._next_meeting is not None:
                self.set_value(self._next_meeting)
            else:  # said at once, beside the cell and in the status bar; the date stays
                self._say(NO_NEXT_MEETING)
                self.explained.emit(NO_NEXT_MEETING)
            self._after_n = (line.text(), event.text() or "n")
            return True
        at_end = not line.hasSelectedText() and line.cursorPosition() == len(line.text())
        if plain and event.key() == Qt.Key.Key_Delete and at_end:
            self.set_value(None)
            return True
        return False

    def _say(self, problem: str) -> None:
        """The reason a typed date is refused, beside the cell (the cell is too narrow to
        hold it); the table says it again if the date is left that way."""
        if problem:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), problem, self)
        else:
            QToolTip.hideText()


def _continues_a_word(event: QKeyEvent) -> bool:
    """A letter or a space typed plainly (Shift allowed), as the rest of "next meeting" is."""
    text = event.text()
    shift = Qt.KeyboardModifier.ShiftModifier
    plain = event.modifiers() & ~shift == Qt.KeyboardModifier.NoModifier
    return plain and len(text) == 1 and (text.isalpha() or text == " ")


@dataclasses.dataclass(frozen=True)
class UnreadableDue:
    """A due cell's text that is not a date: kept as typed, refused with ``reason``."""

    text: str
    reason: str


_CELL_KEYS = CELL_COMMIT_KEYS | {Qt.Key.Key_Escape}


class ActionDelegate(QStyledItemDelegate):
    """The editor of each column: text, owners with completion, item and status lists, and
    the due date."""

    explained = Signal(str)
    """A cell editor explained why a key did nothing (see :attr:`DueEdit.explained`)."""
    cell_typed = Signal(int, int, str)
    """A key in a cell's open editor (the action's ID, the column, the text): typing the
    edit session journals until the cell is left and saved."""

    def __init__(self, model: ActionsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.abbreviations: list[str] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = ActionColumn(index.column())
        action = self._model.row_at(index.row())
        if column == ActionColumn.ITEM:
            combo = QComboBox(parent)
            for item_id, label in self._model.item_choices():
                combo.addItem(label, item_id)
            if action is not None and action.agenda_item_id is None:
                combo.addItem(NO_ITEM_TEXT, None)
            return combo
        if column == ActionColumn.STATUS:
            combo = QComboBox(parent)
            for status in ActionStatus:
                combo.addItem(status.label, status.value)
            return combo
        if column == ActionColumn.DUE:
            due = DueEdit(parent, next_meeting=self._model.next_meeting)
            due.explained.connect(self.explained)
            self._tell_typing(due.line_edit, action, column)
            return due
        line = QLineEdit(parent)
        line.setFrame(False)
        if column == ActionColumn.OWNERS:
            line.setPlaceholderText("MPS/MOPAC")
            complete_with_cell_keys(line, OwnersCompleter(self.abbreviations, line))
        else:
            line.setPlaceholderText(NO_DESCRIPTION_TEXT)
        self._tell_typing(line, action, column)
        return line

    def _tell_typing(
        self, line: QLineEdit, action: actions.ActionRow | None, column: ActionColumn
    ) -> None:
        """Each key in a text cell's editor is told (:attr:`cell_typed`), so that a kill
        before the cell is left does not take it."""
        if action is not None:
            action_id = action.id
            line.textEdited.connect(lambda text: self.cell_typed.emit(action_id, column, text))

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        """A refused cell stays red in the selected row too (the selection's colours hid
        it): red on a pale red, so the cell reads as an error."""
        super().initStyleOption(option, index)
        if index.data(REFUSED_ROLE):
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.HighlightedText, QColor(ERROR_COLOUR))
            palette.setColor(QPalette.ColorRole.Highlight, QColor(REFUSED_SELECTED_COLOUR))
            option.palette = palette

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        """A due date is edited in the cell, widened over the next one if the column is
        narrow (the preview open), so the whole date typed can be read."""
        super().updateEditorGeometry(editor, option, index)
        viewport = editor.parentWidget()
        if not isinstance(editor, DueEdit) or viewport is None:
            return
        cell = editor.geometry()
        width = max(cell.width(), editor.readable_width())
        left = max(0, min(cell.left(), viewport.width() - width))
        editor.setGeometry(left, cell.top(), width, cell.height())

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, DueEdit):
            editor.set_due(value if isinstance(value, (dt.date, str)) else None)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, DueEdit):
            model.setData(index, editor.due())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


# --- the panel -------------------------------------------------------------------------------
