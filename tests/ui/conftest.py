"""Fixtures for the window tests: a window on a fresh database, and stand-ins for the user
at message boxes and file dialogs.

A modal dialog in an offscreen test would wait for a click that never comes, so every
message box goes through :class:`MessageBoxes` (the window only ever calls
``QMessageBox.exec``): it records what was shown and clicks the answer the test queued, and
a question the test did not expect fails the test instead of hanging it. File dialogs fail
the same way unless the test says what the user picks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from models import actions, services
from models.actions import ActionRow
from models.database import Database
from models.enums import LayoutStyle, MeetingStatus
from models.interchange import read_meeting_file
from models.meeting_doc import AgendaItemDoc, BoardRef, MeetingDoc, MemberDoc, TurnDoc
from tests.conftest import BOARD_NOTE_EXAMPLES
from ui.common.settings import Settings
from ui.editor import session as session_module
from ui.editor.actions_delegate import DueEdit
from ui.editor.actions_model import ActionColumn
from ui.editor.actions_panel import ActionsPanel
from ui.editor.details_form import DetailsForm
from ui.editor.meeting_editor import MeetingEditor
from ui.shell.main_window import MainWindow

UI_TESTS = Path(__file__).resolve().parent
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
LCJB = BoardRef("London Criminal Justice Board", "LCJB")
SOPHIE = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"


def one_turn_hearing() -> MeetingDoc:
    """A hearing with two members and one turn (the chair's), to type a transcript on."""
    return MeetingDoc(
        board=BoardRef("Mayor's Office for Policing and Crime", "MOPAC"),
        date=dt.date(2017, 2, 27),
        style=LayoutStyle.HEARING_TRANSCRIPT,
        members=(
            MemberDoc("Sophie Linden", "Deputy Mayor for Policing and Crime", None, chair=True),
            MemberDoc("Rebecca Lawrence", "Chief Executive Officer", None),
        ),
        agenda=(AgendaItemDoc("", turns=(TurnDoc(SOPHIE, "Shall we start?"),)),),
    )


@dataclass(frozen=True)
class ShownBox:
    title: str
    text: str
    detail: str
    buttons: tuple[str, ...]
    answer: str
    icon: QMessageBox.Icon


class MessageBoxes:
    """Records every QMessageBox the window runs and answers it as the test asked."""

    def __init__(self) -> None:
        self.shown: list[ShownBox] = []
        self._answers: list[str] = []
        self.real = False
        self._real_exec: Callable[[QMessageBox], int] = QMessageBox.exec

    def answer(self, *button_texts: str) -> None:
        """Queue the buttons to click, in order, for the next questions."""
        self._answers.extend(button_texts)

    def exec(self, box: QMessageBox) -> int:
        if self.real:
            return self._real_exec(box)
        buttons = {button.text().replace("&", ""): button for button in box.buttons()}
        if self._answers:
            wanted = self._answers.pop(0)
            assert wanted in buttons, f"no {wanted!r} button in {box.text()!r}: {list(buttons)}"
        elif len(buttons) == 1:
            wanted = next(iter(buttons))
        else:
            raise AssertionError(f"unexpected question {box.text()!r} {box.informativeText()!r}")
        self.shown.append(
            ShownBox(
                box.windowTitle(),
                box.text(),
                box.informativeText(),
                tuple(buttons),
                wanted,
                box.icon(),
            )
        )
        buttons[wanted].click()
        return 0

    @property
    def last(self) -> ShownBox:
        assert self.shown, "no message box was shown"
        return self.shown[-1]


class FileDialogs:
    """Stands in for QFileDialog's static functions: the test names the file picked."""

    def __init__(self) -> None:
        self.save_path: Path | None = None
        self.open_path: Path | None = None
        self.open_paths: list[Path] | None = None  # several chosen at once
        self.suggested: list[str] = []

    def get_save_file_name(self, _parent: object, _caption: str, suggested: str, *_a: object):  # type: ignore[no-untyped-def]
        self.suggested.append(suggested)
        if self.save_path is None:
            raise AssertionError("unexpected save dialog")
        return str(self.save_path), "Word documents (*.docx)"

    def get_open_file_name(self, _parent: object, _caption: str, folder: str, *_a: object):  # type: ignore[no-untyped-def]
        self.suggested.append(folder)
        if self.open_path is None:
            raise AssertionError("unexpected open dialog")
        return str(self.open_path), "Meeting files (*.json)"

    def get_open_file_names(self, _parent: object, _caption: str, folder: str, *_a: object):  # type: ignore[no-untyped-def]
        self.suggested.append(folder)
        paths = self.open_paths or ([self.open_path] if self.open_path else None)
        if paths is None:
            raise AssertionError("unexpected open dialog")
        return [str(path) for path in paths], "Meeting files (*.json)"


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def exec_(box: QMessageBox) -> int:  # a plain function, so Python passes the box as self
        return boxes.exec(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes


@pytest.fixture(autouse=True)
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    dialogs = FileDialogs()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs.get_save_file_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs.get_open_file_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialogs.get_open_file_names)
    return dialogs


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a file of the test's own, never the developer's real ones."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot: QtBot, database: Database, settings: Settings) -> Callable[[], MainWindow]:
    """Open a window on ``database`` as it is now (the test may fill it first)."""

    def open_() -> MainWindow:
        window = MainWindow(database, settings)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window

    return open_


@pytest.fixture
def window(open_window: Callable[[], MainWindow]) -> MainWindow:
    """A window on an empty database."""
    return open_window()


@pytest.fixture
def elsewhere(db_path: Path) -> Iterator[Database]:
    """Another process's connection to the same archive file (a terminal's import, another
    window of the app)."""
    other = Database.open(str(db_path))
    yield other
    other.close()


@pytest.fixture
def sample_id(database: Database, sample_meeting: MeetingDoc) -> int:
    return services.import_meeting(database, sample_meeting)


@pytest.fixture
def sample_window(sample_id: int, open_window: Callable[[], MainWindow]) -> MainWindow:
    """A window with the sample meeting open."""
    window = open_window()
    assert window.editor.meeting_id == sample_id
    return window


@pytest.fixture
def archive(database: Database) -> dict[str, int]:
    """The four published examples: year -> meeting id."""
    paths = BOARD_NOTE_EXAMPLES
    ids = services.import_meetings(database, [read_meeting_file(path) for path in paths])
    return {path.name[:4]: meeting_id for path, meeting_id in zip(paths, ids, strict=True)}


@pytest.fixture
def out(tmp_path: Path, settings: Settings) -> Path:
    """The folder the last export went to (so the dialog suggests it, not ~/Documents)."""
    folder = tmp_path / "out"
    folder.mkdir()
    settings.export_folder = folder
    return folder


# --- the archive tree's tests: a few meetings of two boards, and the filter bar --------------


def import_archive(
    database: Database, sample: MeetingDoc, more_of_its_board: dict[str, dt.date] | None = None
) -> dict[str, int]:
    """The sample (RRB, 19 June 2025, draft), two earlier RRB meetings and one LCJB (final),
    and any more RRB meetings (final) asked for, by key."""
    rrb = sample.board
    others = {
        "2024": (dt.date(2024, 2, 29), rrb),
        "2019": (dt.date(2019, 5, 13), rrb),
        "lcjb": (dt.date(2025, 3, 20), LCJB),
    }
    others.update((key, (day, rrb)) for key, day in (more_of_its_board or {}).items())
    ids = {"sample": services.import_meeting(database, sample)}
    for key, (date, board) in others.items():
        doc = sample._replace(date=date, board=board, next_meeting=None)
        ids[key] = services.import_meeting(database, doc)
        services.update_meeting(database, ids[key], status=MeetingStatus.FINAL)
    return ids


@pytest.fixture
def archive_ids(database: Database, sample_meeting: MeetingDoc) -> dict[str, int]:
    return import_archive(database, sample_meeting)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry from the keyboard, as a user tabbing through the filter bar would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no {text!r} in {[combo.itemText(i) for i in range(combo.count())]}")


def come_back(qtbot: QtBot, window: QWidget) -> None:
    """The user goes to another window (a terminal, another program), then back to this one."""
    other = QWidget()
    qtbot.addWidget(other)
    with qtbot.waitExposed(other):
        other.show()
    with qtbot.waitActive(other):
        other.activateWindow()
    with qtbot.waitActive(window):
        window.activateWindow()


def focused() -> QWidget:
    """The widget the next key goes to (there is one: a test that asks has a window up)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def details_of_a_new_meeting(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> tuple[int, DetailsForm]:
    """A new meeting (no next meeting yet) opened in a window, its Details tab shown."""
    meeting_id = services.create_meeting(database, date=dt.date(2025, 6, 19))
    window = open_window()
    details = window.editor.details
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(details.isVisible)
    assert not details.next_meeting_check.isChecked()
    return meeting_id, details


def saved_notes(database: Database, meeting_id: int, row: int) -> str:
    """The notes of a meeting's item as the database holds them."""
    return services.meeting_record(database, meeting_id).agenda[row].notes


def type_in_notes(editor: MeetingEditor, text: str) -> None:
    """Type at the end of the notes shown (as a paste would: one edit)."""
    edit = editor.agenda.notes_edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    edit.insertPlainText(text)


# --- a process killed, and the next start (crash recovery) -------------------------------


@pytest.fixture
def no_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The save timers of windows opened from now on never fire: the process is killed
    before they would (the journal's timer still runs)."""
    monkeypatch.setattr(session_module, "IDLE_MS", 10**7)
    monkeypatch.setattr(session_module, "MAX_WAIT_MS", 10**7)


class EnterPresser:
    """Answers every message box with its default button (what Enter does) and records it."""

    def __init__(self) -> None:
        self.defaults: list[str] = []
        self.escapes: list[str] = []
        self.details: list[str] = []
        self.texts: list[str] = []

    def exec(self, box: QMessageBox) -> int:
        default = box.defaultButton()
        assert default is not None, f"no default button in {box.text()!r}"
        escape = box.escapeButton()
        self.defaults.append(default.text())
        self.escapes.append(escape.text() if escape is not None else "")
        self.details.append(box.informativeText())
        self.texts.append(box.text())
        default.click()
        return 0


@pytest.fixture
def enter(monkeypatch: pytest.MonkeyPatch) -> EnterPresser:
    presser = EnterPresser()

    def exec_(box: QMessageBox) -> int:  # a plain function, so Python passes the box as self
        return presser.exec(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return presser


def journal_of(window: MainWindow) -> Path:
    journal = window.editor.session.journal
    assert journal is not None
    return journal.path


def killed(window: MainWindow) -> None:
    """The process dies here: no close event, no save; what was pending is gone with it, and
    the system lets go of its journal's lock (the journal stays)."""
    journal = window.editor.session.journal
    assert journal is not None
    journal.release()
    window.editor.close_meeting()
    window.hide()


# --- the Actions tab's tests: a March meeting with open actions, and a June meeting after it ---

MARCH = dt.date(2025, 3, 20)
JUNE = dt.date(2025, 6, 19)
SEPTEMBER = dt.date(2025, 9, 18)


@dataclasses.dataclass(frozen=True)
class Meetings:
    earlier: int
    later: int


@pytest.fixture
def meetings(database: Database, sample_meeting: MeetingDoc) -> Meetings:
    """The sample meeting moved to March, and a June meeting of the same board after it."""
    earlier = services.import_meeting(
        database, sample_meeting._replace(date=MARCH, next_meeting=JUNE)
    )
    later = services.create_meeting(database, date=JUNE)
    services.update_meeting(database, later, next_meeting=SEPTEMBER)
    for title in ("Welcome & Apologies", "Partner Updates", "AOB and Close"):
        services.add_agenda_item(database, later, title)
    return Meetings(earlier, later)


@pytest.fixture
def later_window(meetings: Meetings, open_window: Callable[[], MainWindow]) -> MainWindow:
    window = open_window()
    assert window.editor.meeting_id == meetings.later  # the newest meeting opens
    return window


def actions_panel(window: MainWindow) -> ActionsPanel:
    panel = window.editor.actions_panel
    assert isinstance(panel, ActionsPanel)
    return panel


def action_rows(database: Database, meeting_id: int) -> list[ActionRow]:
    return actions.list_actions_of_meeting(database, meeting_id)


def due_editor() -> DueEdit:
    """The due cell's editor: the cursor is in its text (the editor's focus proxy)."""
    line = focused()
    due = line.parentWidget()
    assert isinstance(line, QLineEdit)
    assert isinstance(due, DueEdit)
    assert line is due.line_edit
    return due


def reactivate(qtbot: QtBot, window: MainWindow) -> None:
    """Offscreen, a completion list that was shown stays the active window after it closes
    (a real desktop gives the activation back); a user would be typing in the window."""
    with qtbot.waitActive(window):
        window.activateWindow()


def show_actions(qtbot: QtBot, window: MainWindow) -> ActionsPanel:
    panel = actions_panel(window)
    panel.bring_into_view()
    qtbot.waitUntil(panel.isVisible)
    return panel


def select_action(panel: ActionsPanel, row: int, column: ActionColumn) -> None:
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, column))


def reopen(panel: QWidget) -> None:
    """Show the meeting as the database has it now, after a change the test made behind the
    window's back (without this, the window's next edit is a conflict, as it should be)."""
    window = panel.window()
    assert isinstance(window, MainWindow)
    meeting_id = window.editor.meeting_id
    assert meeting_id is not None
    window.editor.open_meeting(meeting_id)
