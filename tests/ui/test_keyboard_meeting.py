"""A whole meeting typed from the keyboard, saved without a save command, on a database of
hundreds of meetings: what the secretary does while the meeting runs."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from models import attendance, services
from models.database import Database
from models.enums import AttendanceStatus, MeetingMode
from models.meeting_doc import MeetingDoc
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def _type(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus, as the keyboard does."""
    widget = _focus()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = _focus()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def _tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        _key(qtbot, Qt.Key.Key_Tab)


def test_a_new_meeting_built_entirely_from_the_keyboard(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    window = sample_window
    editor = window.editor
    details = editor.details
    window.meeting_list.setFocus()

    _key(qtbot, Qt.Key.Key_N, CTRL)  # File > New meeting: the cursor lands on the date
    meeting_id = editor.meeting_id
    assert meeting_id is not None
    assert meeting_id != sample_id
    assert _focus() is details.date_edit.line_edit
    _type(qtbot, "18092025")
    _tab(qtbot)
    assert _focus() is details.start_edit.line_edit
    _type(qtbot, "14:00")
    _tab(qtbot)
    _type(qtbot, "16:30")
    _tab(qtbot)
    assert _focus() is details.mode_combo
    _key(qtbot, Qt.Key.Key_O)  # the first mode starting with O: Online
    _tab(qtbot)
    assert _focus() is details.venue_edit
    _type(qtbot, "MS Teams")
    _tab(qtbot)
    _type(qtbot, "Employment on release")
    _tab(qtbot, 2)  # past the next-meeting box (its date is off until it is ticked)
    assert _focus() is details.board_combo
    _tab(qtbot)
    _type(qtbot, "Director of Commissioning & Partnerships")
    _tab(qtbot)
    assert _focus() is details.chair_organisation_combo
    _type(qtbot, "MOPAC")
    _tab(qtbot, 4)  # layout, printed title, status: left as they are
    assert _focus() is editor.attendees.add_edit

    # Attendees: a few letters and Enter.
    _type(qtbot, "mopac")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(attendance.list_attendees(database, meeting_id)) == 1)
    _type(qtbot, "prob")  # two organisations match: choose with Down, then Enter
    _key(qtbot, Qt.Key.Key_Return)
    popup = editor.attendees.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(attendance.list_attendees(database, meeting_id)) == 2)
    _type(qtbot, "YJB")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(attendance.list_attendees(database, meeting_id)) == 3)
    assert _focus() is editor.attendees.add_edit
    _tab(qtbot)  # one Tab: into the list
    assert _focus() is editor.attendees.table
    _key(qtbot, Qt.Key.Key_End, CTRL)  # the last row: YJB
    _key(qtbot, Qt.Key.Key_A)  # sent apologies

    # The agenda: Ctrl+Shift+N adds an item and puts the cursor on its title.
    _key(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    assert _focus() is editor.agenda.title_edit
    _type(qtbot, "Welcome & Apologies")
    _tab(qtbot, 2)  # past "confidential", into the notes
    _type(qtbot, "MOPAC welcomed partners.")
    _key(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    _type(qtbot, "AOB and Close")
    _key(qtbot, Qt.Key.Key_2, CTRL)  # still on the agenda

    def saved() -> bool:
        record = services.meeting_record(database, meeting_id)
        return [item.title for item in record.agenda] == ["Welcome & Apologies", "AOB and Close"]

    qtbot.waitUntil(saved)
    record = services.meeting_record(database, meeting_id)
    assert record.date == dt.date(2025, 9, 18)
    assert (record.start, record.end) == (dt.time(14), dt.time(16, 30))
    assert record.mode is MeetingMode.ONLINE
    assert record.venue == "MS Teams"
    assert record.theme == "Employment on release"
    assert record.chair_role == "Director of Commissioning & Partnerships"
    assert record.chair_organisation == "MOPAC"
    assert record.agenda[0].notes == "MOPAC welcomed partners."
    rows = attendance.list_attendees(database, meeting_id)
    assert rows[0].organisation.abbreviation == "MOPAC"
    assert rows[1].organisation.abbreviation in {"LP", "HMPPS"}
    assert [(row.organisation.abbreviation, row.status) for row in rows][2] == (
        "YJB", AttendanceStatus.APOLOGIES,
    )  # fmt: skip
    assert window.windowTitle().endswith("— saved")
    assert window.meeting_model.meeting_count() == 2


def test_an_edit_is_in_the_database_within_a_second_of_the_last_key(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    venue = sample_window.editor.details.venue_edit
    venue.setFocus()
    venue.end(False)
    qtbot.keyClicks(venue, ", Room 4")
    last_key = time.monotonic()
    # No Ctrl+S, no leaving the field: the typing alone must reach the database.
    qtbot.waitUntil(
        lambda: services.meeting_record(database, sample_id).venue.endswith(", Room 4"),
        timeout=1000,
    )
    assert time.monotonic() - last_key < 1.0
    assert venue.hasFocus()


def test_an_item_title_is_in_the_database_within_a_second_of_the_last_key(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    qtbot.keyClick(sample_window, Qt.Key.Key_2, CTRL)
    title = editor.agenda.title_edit
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (continued)")
    qtbot.waitUntil(
        lambda: (
            services.meeting_record(database, sample_id).agenda[0].title.endswith("(continued)")
        ),
        timeout=1000,
    )
    qtbot.waitUntil(lambda: sample_window.windowTitle().endswith("— saved"), timeout=1000)


def _many_meetings(sample: MeetingDoc, count: int) -> list[MeetingDoc]:
    first = dt.date(2000, 1, 6)
    return [
        sample._replace(date=first + dt.timedelta(weeks=4 * number), next_meeting=None)
        for number in range(count)
    ]


def test_the_window_opens_on_300_meetings_and_typing_still_saves_at_once(
    qtbot: QtBot,
    database: Database,
    sample_meeting: MeetingDoc,
    open_window: Callable[[], MainWindow],
) -> None:
    ids = services.import_meetings(database, _many_meetings(sample_meeting, 300))
    window = open_window()
    assert window.meeting_model.meeting_count() == 300
    newest = max(ids)
    assert window.editor.meeting_id == newest  # the newest, open and ready
    assert window.editor.attendees.model.rowCount() == len(sample_meeting.attendees)

    window.meeting_list.setFocus()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_End, CTRL)  # the oldest year, closed
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Right)  # opens it
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_End, CTRL)  # the oldest meeting
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Return)
    oldest = min(ids)
    assert window.editor.meeting_id == oldest
    qtbot.keyClicks(window.editor.details.theme_edit, " (archive)")
    qtbot.waitUntil(
        lambda: (services.meeting_record(database, oldest).theme or "").endswith("(archive)"),
        timeout=1000,
    )
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.editor.agenda_model.rowCount() == len(sample_meeting.agenda)
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— saved"))


def _mnemonics(widget: QWidget) -> list[str]:
    """The Alt+letter keys the visible labels and buttons of ``widget`` answer to."""
    keys = []
    for child in widget.findChildren(QWidget):
        text = child.text() if isinstance(child, (QLabel, QAbstractButton)) else ""
        if not text or not child.isVisible():
            continue
        sequence = QKeySequence.mnemonic(text)
        if not sequence.isEmpty():
            keys.append(sequence.toString())
    return keys


def test_no_alt_letter_is_claimed_twice_on_any_tab(qtbot: QtBot, sample_window: MainWindow) -> None:
    """Two owners of one Alt+letter (a menu and a field label) make Qt do neither."""
    editor = sample_window.editor
    menus = [
        QKeySequence.mnemonic(action.text()).toString()
        for action in sample_window.menuBar().actions()
    ]
    assert len(menus) == len(set(menus)), menus
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        keys = (
            menus
            + _mnemonics(editor.tabs.currentWidget())
            + _mnemonics(sample_window.meeting_list.parentWidget())
        )
        clashes = sorted({key for key in keys if keys.count(key) > 1})
        assert not clashes, (editor.tabs.tabText(index), clashes)
