"""What the Actions tab says about due dates: an earlier meeting's "next meeting" in the
review is a date (overdue when past), and the hint that N has no next meeting to set goes
once it no longer holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from models import actions, previous_actions, services
from models.database import Database
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_delegate import NO_NEXT_MEETING, DueEdit
from ui.editor.actions_model import ActionColumn, ActionsTableModel, PreviousActionsModel
from ui.editor.actions_model import PreviousColumn as Column
from ui.editor.actions_panel import ActionsPanel
from ui.shell.main_window import MainWindow

JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)
MARCH = dt.date(2026, 3, 5)
NEXT_JUNE = dt.date(2026, 6, 11)


@dataclasses.dataclass(frozen=True)
class Review:
    later: int  # the meeting of 5 March 2026, open
    next_meeting_action: int  # raised 19 June 2025, due that meeting's next (18 Sept 2025)
    dated_action: int  # raised 19 June 2025, due 1 December 2026
    own_action: int  # raised 5 March 2026, due its next meeting (11 June 2026)


@pytest.fixture
def review(database: Database) -> Review:
    earlier = services.create_meeting(database, date=JUNE)
    services.update_meeting(database, earlier, next_meeting=SEPTEMBER)
    later = services.create_meeting(database, date=MARCH)
    services.update_meeting(database, later, next_meeting=NEXT_JUNE)
    services.add_agenda_item(database, later, "Welcome & Apologies")
    return Review(
        later=later,
        next_meeting_action=actions.add_action(
            database, earlier, description="map housing support.", due=actions.NEXT_MEETING
        ),
        dated_action=actions.add_action(
            database, earlier, description="report back.", due=dt.date(2026, 12, 1)
        ),
        own_action=actions.add_action(
            database, later, description="share the data.", due=actions.NEXT_MEETING
        ),
    )


def _previous_model(database: Database, review: Review, today: dt.date) -> PreviousActionsModel:
    model = PreviousActionsModel()
    model.today = lambda: today
    model.set_rows(previous_actions.previous_open_actions(database, review.later))
    return model


def _due(model: PreviousActionsModel, action_id: int, role: int) -> object:
    row = model.row_of(action_id)
    assert row is not None
    return model.index(row, Column.DUE).data(role)


def test_an_earlier_meetings_next_meeting_is_shown_as_its_date_overdue_once_past(
    database: Database, review: Review
) -> None:
    model = _previous_model(database, review, MARCH)
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    assert _due(model, review.next_meeting_action, display) == "18/09/2025 (overdue)"
    assert _due(model, review.next_meeting_action, tip) == (
        "Overdue: due Thursday 18 September 2025, the meeting after that of 19 June 2025,"
        " and still open."
    )
    colour = _due(model, review.next_meeting_action, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QBrush)
    assert colour.color().name() == ERROR_COLOUR
    assert _due(model, review.dated_action, display) == "01/12/2026"  # not yet due
    assert _due(model, review.dated_action, tip) == "Due Tuesday 1 December 2026."
    assert _due(model, review.dated_action, Qt.ItemDataRole.ForegroundRole) is None


def test_overdue_is_against_today_as_in_the_action_log(database: Database, review: Review) -> None:
    """Reviewed on a day before its date (an old meeting opened again, or a clock set back),
    the same action is not overdue: today decides, not the meeting open."""
    model = _previous_model(database, review, dt.date(2025, 9, 1))
    assert _due(model, review.next_meeting_action, Qt.ItemDataRole.DisplayRole) == "18/09/2025"
    assert _due(model, review.next_meeting_action, Qt.ItemDataRole.ToolTipRole) == (
        "Due Thursday 18 September 2025, the meeting after that of 19 June 2025."
    )


def test_the_open_meetings_own_actions_still_say_next_meeting(
    database: Database, review: Review
) -> None:
    model = ActionsTableModel()
    record = services.meeting_record(database, review.later)
    model.set_meeting(record.next_meeting, record.agenda)
    model.set_rows(actions.list_actions_of_meeting(database, review.later))
    row = model.row_of(review.own_action)
    assert row is not None
    assert model.index(row, ActionColumn.DUE).data() == "Next meeting"


def test_the_review_in_the_window_shows_the_date(
    qtbot: QtBot, review: Review, open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    assert window.editor.meeting_id == review.later
    panel = window.editor.actions_panel
    panel.previous_model.today = lambda: MARCH
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    model = panel.previous_model
    assert _due(model, review.next_meeting_action, Qt.ItemDataRole.DisplayRole) == (
        "18/09/2025 (overdue)"
    )


# --- the hint N gives without a next meeting ---------------------------------------------------


def _press_n_in_due_cell(qtbot: QtBot, panel: ActionsPanel) -> QLineEdit:
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.DUE))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    assert isinstance(line.parentWidget(), DueEdit)
    qtbot.keyClick(line, Qt.Key.Key_N)
    return line


@pytest.fixture
def no_next_meeting(database: Database, review: Review) -> Review:
    """The review with the open meeting's next meeting not known yet, and one action."""
    services.update_meeting(database, review.later, next_meeting=None)
    actions.delete_action(database, review.own_action)
    return dataclasses.replace(
        review,
        own_action=actions.add_action(database, review.later, description="x.", due=JUNE),
    )


def _window_refusing_n(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> tuple[MainWindow, ActionsPanel]:
    """The window, after N in a due cell was refused: there is no next meeting."""
    window = open_window()
    panel = window.editor.actions_panel
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    line = _press_n_in_due_cell(qtbot, panel)
    assert panel.report_label.text() == NO_NEXT_MEETING
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    return window, panel


def test_the_no_next_meeting_hint_goes_once_the_next_meeting_is_known(
    qtbot: QtBot, database: Database, no_next_meeting: Review, open_window: Callable[[], MainWindow]
) -> None:
    window, panel = _window_refusing_n(qtbot, open_window)
    window.editor.show_tab(window.editor.details_page)
    window.editor.details.next_meeting_check.setChecked(True)  # a date is suggested
    assert window.editor.flush()
    next_meeting = services.meeting_record(database, no_next_meeting.later).next_meeting
    assert next_meeting is not None
    panel.bring_into_view()
    qtbot.waitUntil(lambda: panel.report_label.text() == "")
    line = _press_n_in_due_cell(qtbot, panel)  # now accepted
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: actions.action_row(database, no_next_meeting.own_action).due == next_meeting
    )
    assert panel.report_label.text() == ""
    assert NO_NEXT_MEETING not in window.statusBar().currentMessage()


def test_the_no_next_meeting_hint_goes_once_a_due_date_is_saved(
    qtbot: QtBot, database: Database, no_next_meeting: Review, open_window: Callable[[], MainWindow]
) -> None:
    window, panel = _window_refusing_n(qtbot, open_window)
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.DUE))
    qtbot.keyClicks(panel.table, "1")
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "2122025")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            actions.action_row(database, no_next_meeting.own_action).due == dt.date(2025, 12, 12)
        )
    )
    assert panel.report_label.text() == ""
    assert NO_NEXT_MEETING not in window.statusBar().currentMessage()


def test_the_no_next_meeting_hint_stays_while_nothing_changed(
    qtbot: QtBot, database: Database, no_next_meeting: Review, open_window: Callable[[], MainWindow]
) -> None:
    """Enter after the refused N leaves the date as it was: the hint still holds."""
    window = open_window()
    panel = window.editor.actions_panel
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    line = _press_n_in_due_cell(qtbot, panel)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.table.hasFocus)  # the editor closed
    assert actions.action_row(database, no_next_meeting.own_action).due == JUNE
    assert panel.report_label.text() == NO_NEXT_MEETING
