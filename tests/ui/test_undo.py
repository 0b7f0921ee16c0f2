"""Undo and redo of structural edits: the QUndoStack machinery, then the agenda's add, delete,
move and drag-and-drop, each undone with Ctrl+Z and checked in the database."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.errors import StorageError, ValidationError
from models.meeting_doc import MeetingDoc
from ui.common.undo import Typed, UndoHistory
from ui.editor.agenda_model import ITEM_MIME_TYPE
from ui.editor.meeting_editor import MeetingEditor
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _titles(database: Database, meeting_id: int) -> list[str]:
    return [item.title for item in services.meeting_record(database, meeting_id).agenda]


def _agenda(qtbot: QtBot, window: MainWindow) -> MeetingEditor:
    editor = window.editor
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    editor.agenda.list_view.setFocus()
    return editor


# --- the machinery -----------------------------------------------------------------------------


class Counter:
    """A stand-in for a service: a number that do/undo change, and can be made to fail."""

    def __init__(self) -> None:
        self.value = 0
        self.fail = False
        self.refreshed: list[int] = []
        self.failures: list[str] = []

    def step(self, by: int) -> Callable[[], int]:
        def run() -> int:
            if self.fail:
                raise StorageError("database is locked")
            self.value += by
            return self.value

        return run


@pytest.fixture
def history(qtbot: QtBot) -> tuple[UndoHistory, Counter, QWidget]:
    window = QWidget()
    qtbot.addWidget(window)
    counter = Counter()
    history = UndoHistory(window, on_failure=counter.failures.append)
    window.addActions([history.undo_action, history.redo_action])
    layout = QVBoxLayout(window)
    layout.addWidget(QLineEdit())
    listing = QListWidget()
    layout.addWidget(listing)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    listing.setFocus()  # not a text field: the stack's undo, not the field's
    return history, counter, window


def test_a_command_runs_goes_on_the_stack_and_is_undone_and_redone(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, counter, _window = history
    assert stack.run(
        "Add thing", do=counter.step(1), undo=counter.step(-1), refresh=counter.refreshed.append
    )
    assert (counter.value, stack.stack.count()) == (1, 1)
    assert stack.undo_action.isEnabled()
    assert stack.undo_action.text() == "&Undo add thing"
    stack.undo()
    assert counter.value == 0
    assert stack.redo_action.text() == "&Redo add thing"
    stack.redo()
    assert counter.value == 1
    assert counter.refreshed == [1, 0, 1]


def test_a_failing_command_is_told_and_left_off_the_stack(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, counter, _window = history
    counter.fail = True
    assert not stack.run("Add thing", do=counter.step(1), undo=counter.step(-1), refresh=print)
    assert stack.stack.count() == 0
    assert counter.failures == [
        "Add thing did not work: the database reported a problem (database is locked)."
    ]


def test_a_refusal_that_is_a_sentence_is_told_with_one_full_stop(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, counter, _window = history

    def refuse() -> int:
        raise ValidationError("organisation", "Add it to the organisations first.")

    assert not stack.run("Add member", do=refuse, undo=refuse, refresh=print)
    assert counter.failures == ["Add member did not work: Add it to the organisations first."]


def test_a_failing_undo_drops_the_command(history: tuple[UndoHistory, Counter, QWidget]) -> None:
    stack, counter, _window = history
    stack.run("First", do=counter.step(1), undo=counter.step(-1), refresh=lambda _r: None)
    stack.run("Second", do=counter.step(10), undo=counter.step(-10), refresh=lambda _r: None)
    counter.fail = True
    stack.undo()
    assert counter.value == 11  # nothing was undone ...
    assert stack.stack.count() == 1  # ... and the command is gone, not pretended undone
    assert "Undo second did not work" in counter.failures[0]
    counter.fail = False
    stack.undo()
    assert counter.value == 10
    assert not stack.undo_action.isEnabled()


def test_a_command_that_changed_nothing_is_not_kept(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, counter, _window = history
    assert stack.run(
        "Nothing", do=counter.step(0), undo=counter.step(0), refresh=print, keep=bool
    )  # do returned 0: nothing to undo
    assert stack.stack.count() == 0


def test_nothing_runs_when_the_typing_cannot_be_saved_first(qtbot: QtBot) -> None:
    counter = Counter()
    history = UndoHistory(prepare=lambda: False)
    assert not history.run("X", do=counter.step(1), undo=counter.step(-1), refresh=print)
    assert counter.value == 0


def test_ctrl_z_in_a_text_field_undoes_the_typing_and_elsewhere_the_structure(
    qtbot: QtBot, history: tuple[UndoHistory, Counter, QWidget]
) -> None:
    stack, counter, window = history
    line = window.findChild(QLineEdit)
    listing = window.findChild(QListWidget)
    stack.run("Add thing", do=counter.step(1), undo=counter.step(-1), refresh=lambda _r: None)
    line.setFocus()
    qtbot.keyClicks(line, "abc")
    for keys in ((Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL_SHIFT), (Qt.Key.Key_Y, CTRL)):
        qtbot.keyClick(line, *keys)
        assert counter.value == 1, keys  # the structure is untouched from a text field
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    assert line.text() == ""  # the typing was undone instead
    qtbot.keyClick(line, Qt.Key.Key_Y, CTRL)  # Ctrl+Y is handed to the field as well
    assert line.text() == "abc"

    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Z, CTRL)
    assert counter.value == 0
    qtbot.keyClick(listing, Qt.Key.Key_Z, CTRL_SHIFT)
    assert counter.value == 1
    qtbot.keyClick(listing, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(listing, Qt.Key.Key_Y, CTRL)
    assert counter.value == 1


def _typed(
    applied: list[tuple[dict[str, object], dict[str, object]]],
    before: str,
    after: str,
    *,
    field: str = "venue",
    burst: int = 1,
) -> Typed[str]:
    """Typing in ``field`` saved (from ``before`` to ``after``), during burst ``burst``."""

    def apply(values: dict[str, object], expected: dict[str, object]) -> str:
        applied.append((values, expected))
        return field

    return Typed(
        f"Typing in {field}",
        key=field,
        values={field: (before, after)},
        burst=burst,
        apply=apply,
        refresh=lambda _shown: None,
    )


def test_the_saves_of_one_stay_in_a_field_are_one_step(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, _counter, _window = history
    applied: list[tuple[dict[str, object], dict[str, object]]] = []
    stack.record(_typed(applied, "City Hall", "Town"))
    stack.record(_typed(applied, "Town", "Town Hall"))  # the autosave again, same stay
    assert applied == []  # saved already: putting it on the stack runs nothing
    assert stack.stack.count() == 1
    stack.undo()
    assert applied == [({"venue": "City Hall"}, {"venue": "Town Hall"})]
    stack.redo()
    assert applied[-1] == ({"venue": "Town Hall"}, {"venue": "City Hall"})


def test_another_stay_or_field_is_another_step_and_typing_taken_back_is_none(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    stack, _counter, _window = history
    applied: list[tuple[dict[str, object], dict[str, object]]] = []
    stack.record(_typed(applied, "City Hall", "Town", burst=1))
    stack.record(_typed(applied, "Town", "Town Hall", burst=2))  # back in the field later
    stack.record(_typed(applied, "", "Housing", field="theme", burst=2))
    assert stack.stack.count() == 3
    stack.record(_typed(applied, "Housing", "", field="theme", burst=2))  # its own undo
    assert stack.stack.count() == 2
    assert stack.undo_action.text() == "&Undo typing in venue"


def test_typing_saved_while_a_step_runs_goes_on_the_stack_after_it(
    history: tuple[UndoHistory, Counter, QWidget],
) -> None:
    """A refresh after an undo may save what was being typed: Qt's stack must not change
    under the command it is undoing."""
    stack, counter, _window = history
    applied: list[tuple[dict[str, object], dict[str, object]]] = []

    def refresh(value: int) -> None:
        if value == 0:  # the undo's refresh
            stack.record(_typed(applied, "City Hall", "Town"))

    stack.run("Add thing", do=counter.step(1), undo=counter.step(-1), refresh=refresh)
    stack.undo()
    assert counter.value == 0
    assert [stack.stack.text(i) for i in range(stack.stack.count())] == ["Typing in venue"]


# --- the agenda --------------------------------------------------------------------------------


def test_alt_down_then_ctrl_z_restores_the_order_in_the_database(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    before = _titles(database, sample_id)
    editor = _agenda(qtbot, sample_window)
    view = editor.agenda.list_view
    view.setCurrentIndex(editor.agenda_model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert _titles(database, sample_id) == [before[0], before[2], before[1], *before[3:]]
    assert sample_window.editor.history.undo_action.text().startswith("&Undo move agenda item")

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _titles(database, sample_id) == before
    assert view.currentIndex().row() == 1  # the moved item is still the selected one
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _titles(database, sample_id)[2] == before[1]


def test_an_item_added_deleted_and_undone_both_ways_keeps_its_id(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    before = services.meeting_record(database, sample_id).agenda
    editor = _agenda(qtbot, sample_window)
    view = editor.agenda.list_view
    view.setCurrentIndex(editor.agenda_model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.keyClicks(editor.agenda.title_edit, "Late item")
    view.setFocus()  # leaving the title saves it
    added = services.meeting_record(database, sample_id).agenda[1]
    assert added.title == "Late item"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert services.meeting_record(database, sample_id).agenda == before

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the delete: the item is back, same ID
    assert services.meeting_record(database, sample_id).agenda[1] == added
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the title typed
    assert services.meeting_record(database, sample_id).agenda[1].title == ""
    assert view.hasFocus()  # from the list, the list keeps the focus
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the add
    assert services.meeting_record(database, sample_id).agenda == before
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)  # redo the add: the same item again
    assert services.meeting_record(database, sample_id).agenda[1].id == added.id
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)  # redo the title
    assert services.meeting_record(database, sample_id).agenda[1] == added
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)  # redo the delete finds it by its ID
    assert services.meeting_record(database, sample_id).agenda == before
    assert not editor.banner.isVisible()


def test_undo_saves_the_typing_first_and_takes_it_back_before_the_command(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    before = services.meeting_record(database, sample_id).agenda
    editor = _agenda(qtbot, sample_window)
    view = editor.agenda.list_view
    view.setCurrentIndex(editor.agenda_model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    editor.agenda.notes_edit.setPlainText("Typed, not yet saved.")  # the timer is running
    assert editor.has_pending_edits()
    editor.history.undo_action.trigger()  # Edit > Undo, the focus in the list
    assert not editor.has_pending_edits()
    moved = services.meeting_record(database, sample_id).agenda[1]
    assert moved == dataclasses.replace(before[0], position=moved.position)  # the typing undone
    editor.history.redo_action.trigger()
    assert services.meeting_record(database, sample_id).agenda[1].notes == "Typed, not yet saved."
    editor.history.undo_action.trigger()
    editor.history.undo_action.trigger()  # the move
    assert services.meeting_record(database, sample_id).agenda == before


def _drop(editor: MeetingEditor, item_id: int, row: int, *, below: bool) -> None:
    view = editor.agenda.list_view
    rect = view.visualRect(editor.agenda_model.index(row))
    point = QPoint(rect.center().x(), rect.bottom() - 1 if below else rect.top() + 1)
    mime = QMimeData()
    mime.setData(ITEM_MIME_TYPE, str(item_id).encode())
    event = QDropEvent(
        QPointF(point),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only during a real drag (QDrag.exec, which waits for the mouse), so
    # the test hands the view the drop event a drag would end with.
    view.dropEvent(event)
    assert event.isAccepted()
    assert event.dropAction() != Qt.DropAction.MoveAction  # Qt must not remove the row too


def test_dragging_an_item_reorders_the_agenda_and_ctrl_z_puts_it_back(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    before = services.meeting_record(database, sample_id).agenda
    titles = [item.title for item in before]
    editor = _agenda(qtbot, sample_window)
    assert editor.agenda_model.flags(editor.agenda_model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    mime = editor.agenda_model.mimeData([editor.agenda_model.index(4)])
    assert bytes(mime.data(ITEM_MIME_TYPE).data()) == str(before[4].id).encode()

    _drop(editor, before[4].id, 1, below=False)  # "Partner Updates" above item 2
    qtbot.waitUntil(lambda: _titles(database, sample_id)[1] == titles[4])
    assert _titles(database, sample_id) == [titles[0], titles[4], *titles[1:4], titles[5]]

    _drop(editor, before[0].id, 5, below=True)  # the first item below the last
    qtbot.waitUntil(lambda: _titles(database, sample_id)[-1] == titles[0])

    editor.agenda.list_view.setFocus()
    qtbot.keyClick(editor.agenda.list_view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor.agenda.list_view, Qt.Key.Key_Z, CTRL)
    assert services.meeting_record(database, sample_id).agenda == before


def test_another_meeting_starts_with_an_empty_undo_history(
    qtbot: QtBot,
    sample_window: MainWindow,
    database: Database,
    sample_id: int,
    sample_meeting: MeetingDoc,
) -> None:
    editor = _agenda(qtbot, sample_window)
    editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(0))
    qtbot.keyClick(editor.agenda.list_view, Qt.Key.Key_Down, ALT)
    assert editor.undo_stack.count() == 1
    sample_window.new_meeting_action.trigger()
    # Only its own making is on it (tests/ui/test_undo_new_meeting.py), not the move before.
    assert editor.undo_stack.count() == 1
    assert editor.undo_stack.undoText() == "New meeting"


def test_the_edit_menu_holds_undo_redo_and_help_lists_their_keys(
    sample_window: MainWindow,
) -> None:
    table = dict(sample_window.shortcut_table())
    assert table["Ctrl+Z"] == "Undo"
    assert table["Ctrl+Shift+Z, Ctrl+Y"] == "Redo"
    assert table["Ctrl+Shift+O"] == "Organisations"
    assert table["A in the attendee list"] == "Mark apologies"
    assert table["Alt+Down in the agenda"] == "Move down"
    assert table["Ctrl+1"] == "Details"
    assert table["Ctrl+2"] == "Agenda"
