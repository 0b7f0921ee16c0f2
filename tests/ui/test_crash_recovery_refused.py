"""A value a rule refuses (or that is not a value yet) stays on screen, red, with why; a kill
then must not take it: the journal holds it, the next start offers it back, and Enter puts
it back into the field or cell it was typed in, still refused, red, with its sentence,
never saved by the way and never dropped. Each test types, waits for the journal, kills the
process (see :func:`tests.ui.conftest.killed`) and opens the app again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import actions, attendance, services, transcript_edits
from models.database import Database
from models.input_limits import MAX_NAME_CHARS
from models.interchange import read_meeting_file
from models.journal import read_journal
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.ui.conftest import EnterPresser, MessageBoxes, journal_of, killed
from tests.ui.test_action_owners import DESCRIPTION, NOT_A_DATE, UNKNOWN_OWNER, _add_action
from ui.common.layout import ERROR_COLOUR
from ui.editor.actions_model import REFUSED_ROLE, ActionColumn
from ui.editor.attendees_model import AttendeeColumn
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

TOO_LONG = "t" * 10_001
TOO_LONG_WHY = "is 10,001 characters; the limit is 10,000."
# A person's name is held to its column's length (models.input_limits.MAX_NAME_CHARS).
NAME_TOO_LONG = "n" * (MAX_NAME_CHARS + 1)
NAME_TOO_LONG_WHY = f"is {MAX_NAME_CHARS + 1} characters; the limit is {MAX_NAME_CHARS}."


class Restart:
    """Windows whose save timers never fire, one killed once its journal holds some texts,
    and the app started again with Enter pressed at the offer."""

    def __init__(
        self, qtbot: QtBot, open_window: Callable[[], MainWindow], enter: EnterPresser
    ) -> None:
        self.qtbot = qtbot
        self.open = open_window
        self.enter = enter

    def kill(self, window: MainWindow, *texts: str) -> Path:
        """Kill ``window`` once its journal holds ``texts``; returns the journal."""
        journal = journal_of(window)

        def holds() -> bool:
            entry = read_journal(journal) if journal.exists() else None
            return entry is not None and all(text in entry.texts() for text in texts)

        self.qtbot.waitUntil(holds, timeout=3000)
        killed(window)
        return journal

    def kill_and_start(self, window: MainWindow, *texts: str) -> MainWindow:
        """:meth:`kill`; the next start offers the texts (the end of each: a long one
        shows its end), and Enter puts them back."""
        journal = self.kill(window, *texts)
        again = self.open()
        assert self.enter.defaults == ["Put them back"]
        assert all(text[-500:] in self.enter.details[0] for text in texts)
        assert not journal.exists()
        return again


@pytest.fixture
def restart(
    qtbot: QtBot,
    no_autosave: None,
    enter: EnterPresser,
    open_window: Callable[[], MainWindow],
) -> Restart:
    return Restart(qtbot, open_window, enter)


def _own_journal_holds(window: MainWindow, *texts: str) -> bool:
    entry = read_journal(journal_of(window))
    return entry is not None and all(text in entry.texts() for text in texts)


def _red(widget: QApplication | object) -> bool:
    palette = widget.palette()  # type: ignore[attr-defined]  # a QLineEdit
    return bool(palette.color(QPalette.ColorRole.Text) == QColor(ERROR_COLOUR))


def test_an_owner_and_a_due_date_refused_in_an_action_s_cells_survive_a_kill(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    panel = _add_action(qtbot, window, "MPS/zzq", "29022025")
    qtbot.waitUntil(lambda: UNKNOWN_OWNER in panel.problem_label.text())
    again = restart.kill_and_start(window, "MPS/zzq", "29022025")
    (row,) = (r for r in actions.list_actions_of_meeting(database, sample_id)
              if r.description == DESCRIPTION)  # fmt: skip
    assert (row.owners, row.due) == ((), None)  # never saved by the way
    panel = again.editor.actions_panel
    number = panel.model.row_of(row.id)
    assert number is not None
    owners = panel.model.index(number, ActionColumn.OWNERS)
    due = panel.model.index(number, ActionColumn.DUE)
    assert owners.data() == "MPS/zzq"  # back in its cell, as typed
    assert owners.data(REFUSED_ROLE) is True
    assert due.data() == "29022025"
    assert due.data(REFUSED_ROLE) is True
    assert UNKNOWN_OWNER in panel.problem_label.text()  # with its sentence
    assert NOT_A_DATE in panel.problem_label.text()
    assert again.editor.save_state is SaveState.REFUSED
    assert again.windowTitle().endswith("— not saved")
    assert again.editor.tabs.currentWidget() is again.editor.actions_page
    assert _own_journal_holds(again, "MPS/zzq", "29022025")
    # Corrected where they are, both are saved, and nothing is left in any journal.
    assert panel.model.setData(owners, "MPS")
    assert panel.model.setData(due, None)
    qtbot.waitUntil(lambda: again.editor.save_state is SaveState.SAVED)
    assert actions.list_actions_of_meeting(database, sample_id)[number].owners == ("MPS",)
    assert not journal_of(again).exists()


def test_a_date_that_does_not_exist_survives_a_kill_as_typed(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    saved = services.meeting_record(database, sample_id).date
    date = window.editor.details.date_edit
    date.setFocus()
    date.line_edit.selectAll()
    qtbot.keyClicks(date.line_edit, "29022023")
    qtbot.keyClick(date.line_edit, Qt.Key.Key_Tab)
    again = restart.kill_and_start(window, "29022023")
    details = again.editor.details
    assert details.date_edit.text() == "29022023"
    assert "2023 is not a leap year" in details.message("date")
    assert services.meeting_record(database, sample_id).date == saved
    assert again.editor.save_state is SaveState.REFUSED
    assert again.editor.tabs.currentWidget() is again.editor.details_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is details.date_edit.line_edit)
    assert _own_journal_holds(again, "29022023")


def test_a_theme_too_long_survives_a_kill_red_with_its_sentence(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    saved = services.meeting_record(database, sample_id).theme
    theme = window.editor.details.theme_edit
    theme.setFocus()
    theme.selectAll()
    QApplication.clipboard().setText(TOO_LONG)
    qtbot.keyClick(theme, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(theme, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: TOO_LONG_WHY in window.editor.details.message("theme"))
    again = restart.kill_and_start(window, TOO_LONG)
    details = again.editor.details
    assert details.theme_edit.text() == TOO_LONG
    assert TOO_LONG_WHY in details.message("theme")
    assert _red(details.theme_edit)
    assert services.meeting_record(database, sample_id).theme == saved
    assert again.editor.save_state is SaveState.REFUSED
    assert _own_journal_holds(again, TOO_LONG)
    # Corrected, it is saved and the journal goes.
    details.theme_edit.setText("Short again")
    details.theme_edit.textEdited.emit("Short again")
    assert again.editor.flush()
    assert services.meeting_record(database, sample_id).theme == "Short again"
    assert not journal_of(again).exists()


def test_an_item_title_too_long_survives_a_kill_in_its_item(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    item = services.meeting_record(database, sample_id).agenda[1]
    window.editor.show_item(item.id)
    title = window.editor.agenda.title_edit
    title.setFocus()
    title.setText(TOO_LONG)
    title.textEdited.emit(TOO_LONG)
    window.editor.flush()
    assert window.editor.save_state is SaveState.REFUSED
    again = restart.kill_and_start(window, TOO_LONG)
    editor = again.editor
    assert services.meeting_record(database, sample_id).agenda[1].title == item.title
    assert editor.agenda.list_view.currentIndex().row() == 1
    assert editor.agenda.title_edit.text() == TOO_LONG
    assert any(TOO_LONG_WHY in problem for problem in editor.unsaved_problems())
    assert editor.save_state is SaveState.REFUSED
    assert _own_journal_holds(again, TOO_LONG)


def test_an_attendee_s_name_too_long_survives_a_kill_in_its_cell(
    qtbot: QtBot, restart: Restart, database: Database, sample_id: int
) -> None:
    window = restart.open()
    model = window.editor.attendees.model
    before = attendance.list_attendees(database, sample_id)[0]
    assert model.setData(model.index(0, AttendeeColumn.NAME), NAME_TOO_LONG)
    assert window.editor.save_state is SaveState.REFUSED
    again = restart.kill_and_start(window, NAME_TOO_LONG)
    assert attendance.list_attendees(database, sample_id)[0].name == before.name
    model = again.editor.attendees.model
    assert model.index(0, AttendeeColumn.NAME).data() == NAME_TOO_LONG
    assert any(NAME_TOO_LONG_WHY in problem for problem in again.editor.unsaved_problems())
    assert again.editor.save_state is SaveState.REFUSED
    assert _own_journal_holds(again, NAME_TOO_LONG)


def test_a_turn_s_words_too_long_survive_a_kill_in_the_turn(
    qtbot: QtBot, restart: Restart, database: Database
) -> None:
    meeting_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window = restart.open()
    assert window.editor.meeting_id == meeting_id
    window.editor.show_tab(window.editor.transcript_tab.page)
    turns = window.editor.transcript_tab.page.turns
    turn = turns.turns()[0]
    turns.list_view.setCurrentIndex(turns.model.index(0, 0))
    turns.words_edit.setPlainText(TOO_LONG)
    window.editor.flush()
    assert window.editor.save_state is SaveState.REFUSED
    again = restart.kill_and_start(window, TOO_LONG)
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    saved = transcript_edits.list_turns(database, item_id)[0]
    assert (saved.id, saved.text) == (turn.id, turn.text)
    turns = again.editor.transcript_tab.page.turns
    assert turns.turns()[0].text == TOO_LONG
    assert turns.words_edit.toPlainText() == TOO_LONG
    assert again.editor.tabs.currentWidget() is again.editor.transcript_tab.page
    assert any(TOO_LONG_WHY in problem for problem in again.editor.unsaved_problems())
    assert again.editor.save_state is SaveState.REFUSED
    assert _own_journal_holds(again, TOO_LONG)


def test_refused_text_discarded_at_the_start_goes_to_the_clipboard_not_the_archive(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    no_autosave: None,
    message_boxes: MessageBoxes,
    open_window: Callable[[], MainWindow],
) -> None:
    window = open_window()
    _add_action(qtbot, window, "MPS/zzq")
    journal = Restart(qtbot, open_window, EnterPresser()).kill(window, "MPS/zzq")

    message_boxes.answer("Discard them")
    again = open_window()
    assert "MPS/zzq" in message_boxes.last.detail
    assert QApplication.clipboard().text() == "MPS/zzq"
    assert not journal.exists()
    assert again.editor.save_state is SaveState.SAVED
    assert all(row.owners == () for row in actions.list_actions_of_meeting(database, sample_id)
               if row.description == DESCRIPTION)  # fmt: skip
