"""Date and time fields that read what was typed whole, and never change it behind the user.

A :class:`DateField` is a line edit with a calendar button (the pop-up ``QDateEdit`` had:
the button, Alt+Down or F4); a :class:`TimeField` a line edit. Both read their text with
:mod:`ui.common.typed_values` each time it changes:

* a whole value (or an empty optional field) is the field's value: ``value_edited`` says so;
* a date or time that does not exist (``29/02/2023``, ``25:00``) is refused at once, the
  reason beside the field;
* a text that is not yet whole (``2902``) is left alone while the user types, and explained
  when they leave the field; one that is whole but may still grow (``140`` on the way to
  ``1400``, ``29/2/20`` on the way to ``29/2/2024``) is taken when they leave it.

The reason sits beside the field (``inline_message``), or wherever the caller places
``field.message`` (``inline_message=False``: under the field in a form, say).

The text is the user's: it is only ever rewritten in the form the field shows values
(``29022024`` -> ``29/02/2024``) when they leave the field, and only when it was read as a
value, so what is shown is what was understood. ``set_value`` shows a value without emitting
``value_edited`` (loading a meeting is not an edit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ui.common.layout import ERROR_COLOUR
from ui.common.typed_values import (
    DATE_HINT,
    EARLIEST,
    LATEST,
    TIME_HINT,
    ImpossibleValueError,
    IncompleteValueError,
    UnreadableValueError,
    date_may_continue,
    format_date,
    format_time,
    parse_date,
    parse_time,
    time_may_continue,
)

V = TypeVar("V", dt.date, dt.time)


class _TypedField(QWidget, Generic[V]):
    """The line edit, the message beside it, and the rules shared by dates and times."""

    value_edited = Signal(object)
    """The user typed (or picked) a whole value, or emptied an optional field: the new value
    (a ``datetime.date``/``datetime.time``, or None). Not emitted by :meth:`set_value`."""
    problem_changed = Signal(str)
    """The reason shown beside the field changed ("" when there is none)."""
    editing_finished = Signal()
    """The user left the field or pressed Enter (after the text was tidied)."""

    def __init__(
        self,
        *,
        what: str,
        hint: str,
        required: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._required = required
        self._last_emitted: V | None = None
        self._problem = ""
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(hint.split(",", maxsplit=1)[0])
        self.line_edit.setToolTip(f"Type the {what} as {hint}")
        self.line_edit.setAccessibleName(what.capitalize())
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setVisible(False)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textEdited.connect(self._text_edited)
        self.line_edit.editingFinished.connect(self._finished)

    # --- what callers use ----------------------------------------------------------------

    def value(self) -> V | None:
        """The value the text shows; None for an empty optional field. Raises
        :class:`~ui.common.typed_values.UnreadableValueError` (its message is for the user)
        when the text is not one."""
        text = self.line_edit.text()
        if not text.strip():
            if self._required:
                raise IncompleteValueError(f"Type the {self._what}.")
            return None
        return self._parse(text)

    def set_value(self, value: V | None) -> None:
        """Show ``value`` (None: empty), clear any problem; not an edit, so no signal."""
        self.line_edit.setText("" if value is None else self._format(value))
        if self.line_edit.hasFocus():  # shown while the cursor is in it: typing replaces it
            self.line_edit.selectAll()
        self._last_emitted = value
        self._show_problem("")

    def show_typed(self, text: str) -> None:
        """Show text typed before that is not a value (a refused cell edited again, a field
        put back after a crash), as typed, with its reason; not an edit, so no signal."""
        self.set_value(None)
        self.line_edit.setText(text)
        try:
            self.value()
        except UnreadableValueError as error:
            self.show_problem(str(error))

    def problem(self) -> str:
        """The reason shown beside the field, "" when there is none."""
        return self._problem

    def show_problem(self, problem: str) -> None:
        """Show a reason beside the field ("" clears it): the field's own, or the caller's
        (a save that refused the value)."""
        self._show_problem(problem)

    def text(self) -> str:
        return self.line_edit.text()

    # --- for subclasses ------------------------------------------------------------------

    def _parse(self, text: str) -> V:
        raise NotImplementedError

    def _format(self, value: V) -> str:
        raise NotImplementedError

    def _may_continue(self, text: str) -> bool:
        """Whether whole text could still grow into another value (``140`` of ``1400``)."""
        raise NotImplementedError

    # --- reading the text ----------------------------------------------------------------

    def _text_edited(self, _text: str) -> None:
        try:
            value = self.value()
        except ImpossibleValueError as error:
            self._show_problem(str(error))
            return
        except IncompleteValueError:
            # Still typing, perhaps: an older complaint about this field no longer applies.
            self._show_problem("")
            return
        self._show_problem("")
        if not self._may_continue(self.line_edit.text()):  # else taken when the user leaves
            self._emit(value)

    def _emit(self, value: V | None) -> None:
        if value != self._last_emitted:
            self._last_emitted = value
            self.value_edited.emit(value)

    def _finished(self) -> None:
        try:
            value = self.value()
        except UnreadableValueError as error:
            self._show_problem(str(error))
        else:
            self._show_problem("")
            shown = "" if value is None else self._format(value)
            if shown != self.line_edit.text():  # the same value, in the form fields show it
                self.line_edit.setText(shown)
            self._emit(value)
        self.editing_finished.emit()

    def _show_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        self.message.setText(problem)
        # Shown where it sits: beside the field, or where the caller placed it (never as a
        # window of its own, which a label without a parent would become).
        self.message.setVisible(bool(problem) and self.message.parentWidget() is not None)
        self.line_edit.setAccessibleDescription(problem)
        self.problem_changed.emit(problem)


class DateField(_TypedField[dt.date]):
    """A date typed whole (``29022024``, ``29/02/2024``, ``29 Feb 2024`` ...) or picked from
    the calendar pop-up (the button, Alt+Down or F4)."""

    def __init__(
        self,
        *,
        required: bool = True,
        earliest: dt.date = EARLIEST,
        latest: dt.date = LATEST,
        inline_message: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            what="date",
            hint=DATE_HINT,
            required=required,
            parent=parent,
        )
        self._earliest = earliest
        self._latest = latest
        width = self.line_edit.fontMetrics().horizontalAdvance("29 September 2024")
        self.line_edit.setMinimumWidth(width)
        self.line_edit.setToolTip(f"Type the date as {DATE_HINT}; Alt+Down or F4 opens a calendar")
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Choose the date on a calendar (Alt+Down or F4)")
        self.calendar_button.setAccessibleName("Open the calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the text
        self.calendar_button.clicked.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None
        self.line_edit.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.calendar_button)
        if inline_message:
            layout.addWidget(self.message, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def earliest(self) -> dt.date:
        return self._earliest

    @property
    def latest(self) -> dt.date:
        return self._latest

    def set_range(self, earliest: dt.date, latest: dt.date) -> None:
        """Dates outside ``earliest`` .. ``latest`` are refused with the limit as the reason."""
        self._earliest, self._latest = earliest, latest

    def _parse(self, text: str) -> dt.date:
        return parse_date(text, earliest=self._earliest, latest=self._latest)

    def _format(self, value: dt.date) -> str:
        return format_date(value)

    def _may_continue(self, text: str) -> bool:
        return date_may_continue(text)

    # --- the calendar pop-up ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Down and F4 in the text open the calendar, as they did in ``QDateEdit``."""
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        """Open the calendar under the field, on the date typed (else today, within range)."""
        if self.calendar is None:
            self.calendar = _CalendarPopup(self._picked, self)
        try:
            shown = self.value() or dt.date.today()
        except UnreadableValueError:
            shown = dt.date.today()
        self.calendar.setDateRange(_qdate(self._earliest), _qdate(self._latest))
        self.calendar.setSelectedDate(_qdate(min(max(shown, self._earliest), self._latest)))
        self.calendar.move(self.line_edit.mapToGlobal(QPoint(0, self.line_edit.height())))
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, date: QDate) -> None:
        picked = date.toPython()
        assert isinstance(picked, dt.date)  # QDate converts to datetime.date
        self.line_edit.setText(format_date(picked))
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._show_problem("")
        self._emit(picked)


class _CalendarPopup(QCalendarWidget):
    """The calendar as a pop-up: Enter or a click picks the day, Esc closes it unchanged."""

    def __init__(self, picked: Callable[[QDate], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setGridVisible(True)
        self._picked = picked
        self.activated.connect(self._pick)
        self.clicked.connect(self._pick)

    def _pick(self, date: QDate) -> None:
        self.hide()
        self._picked(date)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.hide()
            return
        super().keyPressEvent(event)


class TimeField(_TypedField[dt.time]):
    """A time typed whole: ``1400``, ``14:00``, ``14.30``, ``2pm``, ``2.30pm``; empty is
    "not known" unless ``required``."""

    def __init__(
        self,
        *,
        required: bool = False,
        inline_message: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            what="time",
            hint=TIME_HINT,
            required=required,
            parent=parent,
        )
        self.line_edit.setPlaceholderText("HH:MM")
        self.line_edit.setToolTip(f"Type the time as {TIME_HINT}; leave empty if not known")
        width = self.line_edit.fontMetrics().horizontalAdvance("12:30 p.m.") + 16
        self.line_edit.setMinimumWidth(width)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit)
        if inline_message:
            layout.addWidget(self.message, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _parse(self, text: str) -> dt.time:
        return parse_time(text)

    def _format(self, value: dt.time) -> str:
        return format_time(value)

    def _may_continue(self, text: str) -> bool:
        return time_may_continue(text)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
