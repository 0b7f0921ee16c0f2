"""The meeting's details: the title block of the note (date, time, venue, chair, theme ...).

The form only shows and reads values; saving is the editor's job. It tells the editor which
detail the user changed (``detail_edited``, with the ``services.update_meeting`` field name)
and hands back a value per field, or :class:`UnreadableValueError` when the text cannot be one
(a half-typed date or time: the problem is shown beside the field, the text stays).

Dates and times are :mod:`ui.common.date_fields` fields, which read the whole typed text
(``29022024``, ``1400``, ``2.30pm``): a date field that filled its sections one by one
clamped ``29022024`` to the 28th.

The board is picked from the boards in the database; its last entry, "New board…", asks the
editor (``new_board_requested``) to create one. The venue offers the venues used before. The
chair's organisation offers the directory's abbreviations; one it does not have, confirmed with
Enter or by leaving the field, asks the editor (``unknown_organisation_confirmed``) to offer to
add it, as Add attendee does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.enums import LayoutStyle, MeetingMode, MeetingStatus
from models.text_keys import text_key
from ui.common.date_fields import DateField, TimeField
from ui.common.layout import FieldMessage, add_field, hbox, mark_refused, new_form, uncapped
from ui.common.type_on_check_box import TypeOnCheckBox
from ui.common.typed_values import UnreadableValueError
from ui.editor.new_organisation import abbreviation_hint

if TYPE_CHECKING:
    from models.services import BoardRow, MeetingRecord, OrganisationRow

__all__ = ["NEW_BOARD_LABEL", "DetailsForm", "UnreadableValueError"]

# Where a field's problem is shown: start and end share the "Time" row.
MESSAGE_ROW = {"start": "time", "end": "time"}
MESSAGE_ROWS = (
    ("date",), ("start", "end"), ("mode",), ("venue",), ("theme",), ("next_meeting",),
    ("board",), ("chair_role",), ("chair_organisation",), ("style",), ("title",), ("status",),
)  # fmt: skip
COLUMN_GAP = 24
NEW_BOARD = -1  # the data of the combo's "New board…" entry
NEW_BOARD_LABEL = "New board…"


def _enum_combo(values: Iterable[LayoutStyle | MeetingMode | MeetingStatus]) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(value.label, value.value)
    return combo


def _abbreviation_combo() -> QComboBox:
    """A box to type an organisation's abbreviation in, offering those of the directory."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = combo.lineEdit()
    assert line is not None  # an editable combo box has one
    line.setPlaceholderText("Abbreviation, e.g. MOPAC")
    return combo


def _select_data(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class DetailsForm(QWidget):
    """Two columns of fields: when and where on the left, who chairs and how it prints on
    the right. Each field has a red message row under it for problems with that field."""

    detail_edited = Signal(str)
    new_board_requested = Signal()
    """The user chose "New board…": the editor asks for its name and abbreviation."""
    unknown_organisation_confirmed = Signal(str)
    """The chair's organisation was confirmed (Enter, or the field left) as text the
    directory has no abbreviation for: the editor offers to add it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = DateField(inline_message=False)
        self.start_edit = TimeField(inline_message=False)
        self.start_edit.line_edit.setAccessibleName("Start time")
        self.end_edit = TimeField(inline_message=False)
        self.end_edit.line_edit.setAccessibleName("End time")
        self.mode_combo = _enum_combo(MeetingMode)
        self.venue_edit = uncapped(QLineEdit())
        self.venue_edit.setPlaceholderText(
            "Postal address, MS Teams, ... (venues used before are offered)"
        )
        self._venues = QStringListModel(self)
        venue_completer = QCompleter(self._venues, self.venue_edit)
        venue_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        venue_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.venue_edit.setCompleter(venue_completer)
        self.board_combo = QComboBox()
        self.board_combo.setToolTip("The board that met; the last entry creates a new one")
        self._board_index = -1
        self.theme_edit = uncapped(QLineEdit())
        self.theme_edit.setPlaceholderText("Optional: the theme the note prints under the date")
        self.next_meeting_check = TypeOnCheckBox("Ne&xt meeting:", ticks_first=True)
        self.next_meeting_check.setToolTip("Tick when the date of the next meeting is known")
        self.next_meeting_edit = DateField(inline_message=False)
        self.next_meeting_edit.line_edit.setAccessibleName("Next meeting date")
        self.chair_role_edit = uncapped(QLineEdit())
        self.chair_role_edit.setPlaceholderText("A role, never a name")
        self.chair_organisation_combo = _abbreviation_combo()
        self.style_combo = _enum_combo(LayoutStyle)
        self.title_edit = uncapped(QLineEdit())
        self.status_combo = _enum_combo(MeetingStatus)
        self._organisation_names: dict[str, str] = {}  # by the abbreviation's text_key
        self._abbreviations_by_name: dict[str, str] = {}  # by the name's text_key
        self._offered = ""  # the text_key of the chair's organisation last offered to add
        self._readers: dict[str, Callable[[], Any]] = {
            "date": self.date_edit.value,
            "board": self._board_id,
            "start": self.start_edit.value,
            "end": self.end_edit.value,
            "mode": lambda: MeetingMode(self.mode_combo.currentData()),
            "venue": lambda: self.venue_edit.text().strip(),
            "theme": self.theme_edit.text,
            "next_meeting": self._next_meeting,
            "chair_role": self.chair_role_edit.text,
            "chair_organisation": lambda: (
                self.chair_organisation_combo.currentText().strip() or None
            ),
            "style": lambda: LayoutStyle(self.style_combo.currentData()),
            "title": self.title_edit.text,
            "status": lambda: MeetingStatus(self.status_combo.currentData()),
        }

        time_row = hbox(
            self.start_edit, QLabel("to"), self.end_edit, QLabel("(1400, 14:00 or 2pm)"), "stretch"
        )
        when = new_form()
        self._messages: dict[str, FieldMessage] = {
            "date": add_field(when, "&Date:", self.date_edit),
            "time": add_field(when, "T&ime:", time_row),
            "mode": add_field(when, "&Mode:", self.mode_combo),
            "venue": add_field(when, "Ven&ue:", self.venue_edit),
            # No Alt+letter: every letter of "Theme" is taken (Alt+E is the Edit menu).
            "theme": add_field(when, "Theme:", self.theme_edit),
            "next_meeting": add_field(when, self.next_meeting_check, self.next_meeting_edit),
        }
        who = new_form()
        self._messages |= {
            "board": add_field(who, "&Board:", self.board_combo),
            "chair_role": add_field(who, "&Chair role:", self.chair_role_edit),
            "chair_organisation": add_field(
                who, "Chair or&ganisation:", self.chair_organisation_combo
            ),
            "style": add_field(who, "&Layout:", self.style_combo),
            "title": add_field(who, "&Printed title:", self.title_edit),
            "status": add_field(who, "&Status:", self.status_combo),
        }
        self._forms = (when, who)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._columns.setContentsMargins(0, 0, 0, 0)
        self._columns.addLayout(when, 1)
        self._columns.addSpacing(COLUMN_GAP)  # not setSpacing: the forms would inherit it
        self._columns.addLayout(who, 1)
        self._chain_focus()
        self._connect()

    # --- two columns, or one when the window is narrow -----------------------------------

    def minimumSizeHint(self) -> QSize:
        """As narrow as one column: with the preview open on a laptop's screen the form
        puts its columns one under the other rather than widen the window."""
        hint = super().minimumSizeHint()
        return QSize(max(form.minimumSize().width() for form in self._forms), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = sum(form.minimumSize().width() for form in self._forms) + COLUMN_GAP
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= wide
            else QBoxLayout.Direction.TopToBottom
        )
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)

    # --- for the editor --------------------------------------------------------------------

    def focus_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them: down the left column, then the right."""
        return [
            self.date_edit,
            self.start_edit,
            self.end_edit,
            self.mode_combo,
            self.venue_edit,
            self.theme_edit,
            self.next_meeting_check,
            self.next_meeting_edit,
            self.board_combo,
            self.chair_role_edit,
            self.chair_organisation_combo,
            self.style_combo,
            self.title_edit,
            self.status_combo,
        ]

    def set_organisations(self, organisations: Iterable[OrganisationRow]) -> None:
        """Offer these abbreviations for the chair, keeping whatever is typed in the box."""
        combo = self.chair_organisation_combo
        text = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        self._organisation_names = {}
        self._abbreviations_by_name = {}
        for organisation in organisations:
            combo.addItem(organisation.abbreviation)
            combo.setItemData(combo.count() - 1, organisation.name, Qt.ItemDataRole.ToolTipRole)
            self._organisation_names[text_key(organisation.abbreviation)] = organisation.name
            self._abbreviations_by_name[text_key(organisation.name)] = organisation.abbreviation
        combo.setEditText(text)
        completer = QCompleter([combo.itemText(i) for i in range(combo.count())], combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        combo.blockSignals(False)
        self._show_organisation_name()

    def set_boards(self, boards: Iterable[BoardRow]) -> None:
        """Offer these boards, and "New board…" last; the shown board stays chosen."""
        combo = self.board_combo
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            for board in boards:
                label = f"{board.name} ({board.abbreviation})" if board.abbreviation else board.name
                combo.addItem(label, board.id)
                combo.setItemData(combo.count() - 1, board.name, Qt.ItemDataRole.UserRole + 1)
            combo.insertSeparator(combo.count())
            combo.addItem(NEW_BOARD_LABEL, NEW_BOARD)
            self._board_index = max(combo.findData(current), 0)
            combo.setCurrentIndex(self._board_index)
        finally:
            combo.blockSignals(False)

    def select_board(self, board_id: int) -> None:
        """Choose a board as the user would (this is an edit of the meeting)."""
        index = self.board_combo.findData(board_id)
        if index >= 0:
            self.board_combo.setCurrentIndex(index)

    def set_venues(self, venues: Iterable[str]) -> None:
        """The venues the venue field offers as the user types (most recent first)."""
        self._venues.setStringList(list(venues))

    def load(self, record: MeetingRecord) -> None:
        """Show a meeting as saved; nothing here counts as an edit."""
        self._offered = ""  # another meeting's chair: leaving it may offer again
        self.show_fields(record, self._setters())
        for message in self._messages.values():
            message.clear_message()

    def show_fields(self, record: MeetingRecord, fields: Iterable[str]) -> None:
        """Show some fields as saved (an undo put them back), the others as they are: one
        held back while being typed is not replaced. Nothing here counts as an edit."""
        setters = self._setters()
        widgets = self.focus_order()
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for field in fields:
                setters[field](record)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._show_layout_title()
        self._show_organisation_name()

    def _setters(self) -> dict[str, Callable[[MeetingRecord], None]]:
        """How each field shows its saved value, in form order."""

        def next_meeting(record: MeetingRecord) -> None:
            self.next_meeting_check.setChecked(record.next_meeting is not None)
            self.next_meeting_edit.set_value(record.next_meeting or _suggested_next(record.date))
            self.next_meeting_edit.setEnabled(record.next_meeting is not None)

        return {
            "board": lambda r: self._show_board(r.board.name),
            "date": lambda r: self.date_edit.set_value(r.date),
            "start": lambda r: self.start_edit.set_value(r.start),
            "end": lambda r: self.end_edit.set_value(r.end),
            "mode": lambda r: _select_data(self.mode_combo, r.mode.value),
            "venue": lambda r: self.venue_edit.setText(r.venue),
            "theme": lambda r: self.theme_edit.setText(r.theme or ""),
            "next_meeting": next_meeting,
            "chair_role": lambda r: self.chair_role_edit.setText(r.chair_role or ""),
            "chair_organisation": lambda r: self.chair_organisation_combo.setEditText(
                r.chair_organisation or ""
            ),
            "style": lambda r: _select_data(self.style_combo, r.style.value),
            "title": lambda r: self.title_edit.setText(r.title or ""),
            "status": lambda r: _select_data(self.status_combo, r.status.value),
        }

    def value(self, field: str) -> Any:
        """The value of one ``update_meeting`` field as the form shows it now."""
        return self._readers[field]()

    def _typed_fields(self) -> dict[str, DateField | TimeField]:
        return {
            "date": self.date_edit,
            "start": self.start_edit,
            "end": self.end_edit,
            "next_meeting": self.next_meeting_edit,
        }

    def typed_text(self, field: str) -> str | None:
        """The text of a date or time field as typed, for when it is not a value yet (None:
        a field whose text is always a value, or that has no text)."""
        widget = self._typed_fields().get(field)
        return widget.text() if widget is not None else None

    def show_typed(self, field: str, text: str) -> None:
        """Show a date or time field's text as typed before (put back after a crash), with
        the reason it is not a value; not an edit (the caller hands it to the session)."""
        widget = self._typed_fields().get(field)
        if widget is None:
            return
        if field == "next_meeting":
            with QSignalBlocker(self.next_meeting_check):
                self.next_meeting_check.setChecked(True)
            widget.setEnabled(True)
        widget.show_typed(text)

    @staticmethod
    def message_rows() -> tuple[tuple[str, ...], ...]:
        """The fields of each message row, in form order."""
        return MESSAGE_ROWS

    def show_message(self, field: str, message: str) -> None:
        """Show (or, with "", hide) the problem under the row of ``field``; with "" a date or
        time field's own reason (``29/02/2023 does not exist``) stays shown."""
        row = MESSAGE_ROW.get(field, field)
        self._messages[row].show_message(message or self._own_problem(row))
        widget = self.widget_for(field)
        if isinstance(widget, QComboBox):  # the chair's organisation: its typed text
            widget = widget.lineEdit() or widget
        if isinstance(widget, QLineEdit):  # a date or time field marks its own text
            mark_refused(widget, bool(message))

    def _own_problem(self, row: str) -> str:
        """The reason a date or time field in ``row`` gives for its text ("" when none)."""
        by_row: dict[str, tuple[DateField | TimeField, ...]] = {
            "date": (self.date_edit,),
            "time": (self.start_edit, self.end_edit),
            "next_meeting": (self.next_meeting_edit,),
        }
        fields = by_row.get(row, ())
        return next((f.problem() for f in fields if f.problem() and f.isEnabled()), "")

    def clear_message(self, field: str) -> None:
        self._messages[MESSAGE_ROW.get(field, field)].clear_message()

    def message(self, field: str) -> str:
        """The problem shown for a field ("" when none): for tests and the close prompt."""
        label = self._messages[MESSAGE_ROW.get(field, field)]
        return label.text() if not label.isHidden() else ""

    def widget_for(self, field: str) -> QWidget:
        """The widget a field's problem is about, to put the cursor there."""
        return {
            "date": self.date_edit,
            "board": self.board_combo,
            "start": self.start_edit,
            "end": self.end_edit,
            "mode": self.mode_combo,
            "venue": self.venue_edit,
            "theme": self.theme_edit,
            "next_meeting": self.next_meeting_edit,
            "chair_role": self.chair_role_edit,
            "chair_organisation": self.chair_organisation_combo,
            "style": self.style_combo,
            "title": self.title_edit,
            "status": self.status_combo,
        }[field]

    # --- wiring ----------------------------------------------------------------------------

    def _chain_focus(self) -> None:
        order = self.focus_order()
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        def edited(field: str) -> Any:
            return lambda *_args: self.detail_edited.emit(field)

        # Each key is noted (the session reads the whole text when it saves, and refuses a
        # half-typed one with why); a date picked on the calendar is an edit without a key.
        typed: tuple[tuple[str, str, DateField | TimeField], ...] = (
            ("date", "date", self.date_edit),
            ("start", "time", self.start_edit),
            ("end", "time", self.end_edit),
            ("next_meeting", "next_meeting", self.next_meeting_edit),
        )
        for field, row, widget in typed:
            widget.line_edit.textEdited.connect(edited(field))
            widget.value_edited.connect(edited(field))
            widget.problem_changed.connect(
                lambda problem, row=row: self._messages[row].show_message(
                    problem or self._own_problem(row)
                )
            )
        self.board_combo.currentIndexChanged.connect(self._board_chosen)
        self.mode_combo.currentIndexChanged.connect(edited("mode"))
        self.venue_edit.textEdited.connect(edited("venue"))
        self.theme_edit.textEdited.connect(edited("theme"))
        self.next_meeting_check.toggled.connect(self._next_meeting_toggled)
        self.next_meeting_check.clicked.connect(self._next_meeting_ticked)
        self.next_meeting_check.installEventFilter(self)
        self.date_edit.value_edited.connect(self._suggest_next_meeting)
        self.chair_role_edit.textEdited.connect(edited("chair_role"))
        self.chair_organisation_combo.editTextChanged.connect(edited("chair_organisation"))
        self.chair_organisation_combo.editTextChanged.connect(self._show_organisation_name)
        chair_line = self.chair_organisation_combo.lineEdit()
        assert chair_line is not None  # made editable in __init__
        chair_line.returnPressed.connect(lambda: self._chair_organisation_confirmed(asked=True))
        chair_line.editingFinished.connect(lambda: self._chair_organisation_confirmed(asked=False))
        self.style_combo.currentIndexChanged.connect(edited("style"))
        self.style_combo.currentIndexChanged.connect(self._show_layout_title)
        self.title_edit.textEdited.connect(edited("title"))
        self.status_combo.currentIndexChanged.connect(edited("status"))

    def _board_id(self) -> int:
        board_id = self.board_combo.currentData()
        if not isinstance(board_id, int) or board_id == NEW_BOARD:
            raise UnreadableValueError("Choose the board that met.")
        return board_id

    def _show_board(self, name: str) -> None:
        combo = self.board_combo
        for index in range(combo.count()):
            stored = combo.itemData(index, Qt.ItemDataRole.UserRole + 1)
            if isinstance(stored, str) and stored.casefold() == name.casefold():
                combo.setCurrentIndex(index)
                self._board_index = index
                return

    def _board_chosen(self, index: int) -> None:
        """A board chosen is an edit; "New board…" goes back to the board shown and asks
        the editor to create one (which then chooses it with select_board)."""
        if self.board_combo.itemData(index) == NEW_BOARD:
            self.board_combo.blockSignals(True)
            self.board_combo.setCurrentIndex(self._board_index)
            self.board_combo.blockSignals(False)
            self.new_board_requested.emit()
            return
        self._board_index = index
        self.detail_edited.emit("board")

    def _next_meeting(self) -> dt.date | None:
        if not self.next_meeting_check.isChecked():
            return None
        return self.next_meeting_edit.value()

    def _suggest_next_meeting(self, date: object) -> None:
        """While no next meeting is ticked, the date it offers follows the meeting's own:
        a suggestion left from the date the meeting was created with (today's) would read
        as a date someone chose."""
        if isinstance(date, dt.date) and not self.next_meeting_check.isChecked():
            self.next_meeting_edit.set_value(_suggested_next(date))

    def _next_meeting_toggled(self, checked: bool) -> None:
        self.next_meeting_edit.setEnabled(checked)
        self.detail_edited.emit("next_meeting")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+X clicks Next meeting at once: Qt's mnemonic animates the click for a tenth of
        a second, and the date typed straight after it went to the box, its first keys lost."""
        if watched is self.next_meeting_check and event.type() == QEvent.Type.Shortcut:
            self.next_meeting_check.click()
            return True
        return super().eventFilter(watched, event)

    def _next_meeting_ticked(self, checked: bool) -> None:
        """Ticked by the person (Alt+X, Space, a click): the cursor goes into its date, which
        they came to type; it stayed on the box, and the digits typed there were lost."""
        if checked:
            self.next_meeting_edit.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.next_meeting_edit.line_edit.selectAll()

    def _show_layout_title(self) -> None:
        """The placeholder is the title the note prints when the override is empty."""
        style = LayoutStyle(self.style_combo.currentData())
        self.title_edit.setPlaceholderText(f"{style.default_title} (the layout's own title)")

    def _show_organisation_name(self) -> None:
        name = self._organisation_names.get(text_key(self.chair_organisation_combo.currentText()))
        self.chair_organisation_combo.setToolTip(name or "The chair's organisation, abbreviated")

    def organisation_hint(self, text: str) -> str:
        """What to do about a chair's organisation the directory has no abbreviation for,
        in a few words to follow the refusal: type the abbreviation of the organisation
        ``text`` is the name of, else add it."""
        abbreviation = self._abbreviations_by_name.get(text_key(text))
        if abbreviation is not None:
            return abbreviation_hint(abbreviation)
        return "Enter in the field adds it to the directory."

    def _chair_organisation_confirmed(self, *, asked: bool) -> None:
        """Enter (``asked``) or the field left on text that is no abbreviation known here:
        the editor offers to add it. Leaving offers a text once: after a cancel the person
        can Tab on, the text staying refused in red; Enter offers it again."""
        text = " ".join(self.chair_organisation_combo.currentText().split())
        key = text_key(text)
        if not key or key in self._organisation_names or key in self._abbreviations_by_name:
            return  # known (or the name of one known: the refusal says its abbreviation)
        if not asked and key == self._offered:
            return
        self._offered = key
        self.unknown_organisation_confirmed.emit(text)


def _suggested_next(date: dt.date) -> dt.date:
    """The Board meets about quarterly, so a new next-meeting date starts 3 months on (the
    last day of the month when that month is shorter)."""
    month = date.month + 2
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))
