"""DateField and TimeField, typed into key by key as a minute-taker would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ui.common.date_fields import DateField, TimeField
from ui.common.layout import vbox
from ui.common.typed_values import IncompleteValueError, UnreadableValueError


class Form(QWidget):
    """A date, a time and a field after them, so Tab leaves each as in the real forms."""

    def __init__(self) -> None:
        super().__init__()
        self.date = DateField()
        self.time = TimeField()
        self.after = QLineEdit()
        self.setLayout(vbox(self.date, self.time, self.after))
        self.dates: list[dt.date | None] = []
        self.times: list[dt.time | None] = []
        self.date.value_edited.connect(self.dates.append)
        self.time.value_edited.connect(self.times.append)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    with qtbot.waitExposed(form):
        form.show()
    with qtbot.waitActive(form):
        form.activateWindow()
    form.date.setFocus()
    qtbot.waitUntil(form.date.line_edit.hasFocus)
    return form


def test_29022024_typed_key_by_key_is_the_29th_of_february(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClicks(form.date.line_edit, "29022024")
    assert form.date.value() == dt.date(2024, 2, 29)
    assert form.dates == [dt.date(2024, 2, 29)]  # no value on the way: "2902202" is none
    assert form.date.text() == "29022024"  # not rewritten while the user is in the field
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Tab)
    assert form.time.line_edit.hasFocus()
    assert form.date.text() == "29/02/2024"  # on leaving: the same date, as dates are shown
    assert form.dates == [dt.date(2024, 2, 29)]
    assert form.date.problem() == ""


def test_a_date_that_does_not_exist_is_refused_and_left_as_typed(qtbot: QtBot, form: Form) -> None:
    form.date.set_value(dt.date(2023, 1, 5))
    form.date.line_edit.selectAll()
    qtbot.keyClicks(form.date.line_edit, "29022023")
    reason = "29/02/2023 does not exist: 2023 is not a leap year."
    assert form.date.problem() == reason
    assert form.date.message.text() == reason
    assert form.date.message.isVisibleTo(form)
    with pytest.raises(UnreadableValueError, match="not a leap year"):
        form.date.value()
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Tab)
    assert form.date.text() == "29022023"
    assert form.dates == []  # nothing was taken: the meeting keeps 05/01/2023
    # Repairing it is one key: the 8 becomes a 4.
    form.date.setFocus()
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_End)
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.date.line_edit, "4")
    assert form.dates == [dt.date(2024, 2, 29)]
    assert form.date.problem() == ""
    assert not form.date.message.isVisibleTo(form)


def test_a_half_typed_date_is_explained_when_the_user_leaves(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClicks(form.date.line_edit, "2902")
    assert form.date.problem() == ""  # still typing: no complaint yet
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Tab)
    assert "'2902' is not a whole date" in form.date.problem()
    assert form.date.text() == "2902"
    assert form.dates == []


@pytest.mark.parametrize(
    ("typed", "expected", "shown"),
    [
        ("29/02/2024", dt.date(2024, 2, 29), "29/02/2024"),
        ("29-2-24", dt.date(2024, 2, 29), "29/02/2024"),
        ("29 Feb 2024", dt.date(2024, 2, 29), "29/02/2024"),
        ("2024-02-29", dt.date(2024, 2, 29), "29/02/2024"),
        ("31032025", dt.date(2025, 3, 31), "31/03/2025"),
    ],
)
def test_each_form_of_date_typed(
    qtbot: QtBot, form: Form, typed: str, expected: dt.date, shown: str
) -> None:
    qtbot.keyClicks(form.date.line_edit, typed)
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Tab)
    assert form.dates == [expected]  # "29-2-2" or "29/2/20" on the way were not taken
    assert form.date.text() == shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1400", dt.time(14, 0)),
        ("14:00", dt.time(14, 0)),
        ("2pm", dt.time(14, 0)),
        ("2.30pm", dt.time(14, 30)),
        ("14.30", dt.time(14, 30)),
    ],
)
def test_each_form_of_time_typed(qtbot: QtBot, form: Form, typed: str, expected: dt.time) -> None:
    form.time.setFocus()
    qtbot.keyClicks(form.time.line_edit, typed)
    assert form.time.value() == expected
    qtbot.keyClick(form.time.line_edit, Qt.Key.Key_Tab)
    assert form.after.hasFocus()
    assert form.times == [expected]  # 1400 did not pass through 01:40, nor 2.30pm 02:30
    assert form.time.text() == expected.strftime("%H:%M")


def test_a_time_that_does_not_exist_is_refused(qtbot: QtBot, form: Form) -> None:
    form.time.setFocus()
    qtbot.keyClicks(form.time.line_edit, "25:00")
    assert form.time.problem() == "25:00 is not a time: hours go from 0 to 23."
    qtbot.keyClick(form.time.line_edit, Qt.Key.Key_Tab)
    assert form.time.text() == "25:00"
    assert form.times == []


def test_emptying_an_optional_time_is_an_edit_and_a_required_date_is_not(
    qtbot: QtBot, form: Form
) -> None:
    form.time.set_value(dt.time(9, 30))
    form.date.set_value(dt.date(2025, 6, 19))
    assert (form.dates, form.times) == ([], [])  # showing a value is not an edit
    form.time.setFocus()
    form.time.line_edit.selectAll()
    qtbot.keyClick(form.time.line_edit, Qt.Key.Key_Delete)
    assert form.times == [None]
    assert form.time.value() is None
    form.date.setFocus()
    form.date.line_edit.selectAll()
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Delete)
    with pytest.raises(IncompleteValueError, match="Type the date"):
        form.date.value()
    assert form.dates == []


def test_the_calendar_pops_up_on_alt_down_and_enter_picks_the_day(qtbot: QtBot, form: Form) -> None:
    form.date.set_value(dt.date(2024, 2, 28))
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = form.date.calendar
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2024, 2, 28)
    calendar.setSelectedDate(QDate(2024, 2, 29))  # as the arrow keys in the grid would
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert form.date.text() == "29/02/2024"
    assert form.dates == [dt.date(2024, 2, 29)]


def test_escape_closes_the_calendar_and_changes_nothing(qtbot: QtBot, form: Form) -> None:
    form.date.set_value(dt.date(2024, 2, 28))
    qtbot.keyClick(form.date.line_edit, Qt.Key.Key_F4)
    calendar = form.date.calendar
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    calendar.setSelectedDate(QDate(2024, 3, 1))
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert form.date.text() == "28/02/2024"
    assert form.dates == []


def test_the_calendar_button_opens_it_within_the_range(qtbot: QtBot, form: Form) -> None:
    form.date.set_range(dt.date(2025, 6, 20), dt.date(2199, 12, 31))
    qtbot.mouseClick(form.date.calendar_button, Qt.MouseButton.LeftButton)
    calendar = form.date.calendar
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.minimumDate() == QDate(2025, 6, 20)
    calendar.hide()
    qtbot.keyClicks(form.date.line_edit, "19/06/2025")
    assert form.date.problem() == (
        "19/06/2025 is out of range: the date must be on or after 20/06/2025."
    )


def test_a_date_shown_while_the_cursor_is_in_it_is_typed_over(qtbot: QtBot, form: Form) -> None:
    """A new meeting shows today's date in the focused field: the date typed replaces it,
    never lands after it (``30/11/202629022024``)."""
    form.date.set_value(dt.date(2026, 11, 30))
    qtbot.keyClicks(form.date.line_edit, "29022024")
    assert form.date.value() == dt.date(2024, 2, 29)
