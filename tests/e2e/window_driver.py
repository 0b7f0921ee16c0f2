"""A real main window in a process of its own, driven line by line over stdin (tests only).

The two-process test starts two of these on one SQLite file, as two copies of the app would
be, and types into each through the real widgets (offscreen). Each command is a JSON line;
each answer is one JSON line on stdout::

    {"do": "type_notes", "item": 0, "text": "..."}   -> {"ok": true}
    {"do": "type_date", "text": "29022023"}            -> (also type_venue, type_owners,
                                                           type_new_action, type_words)
    {"do": "save"}                                     -> {"ok": true, "saved": false, ...}
    {"do": "state"}                                    -> {"state": "conflict", "message": ...}
    {"do": "come_back"}                                -> (the person back at this window:
                                                           what another saved is read)
    {"do": "wait_journal", "text": "..."}              -> {"ok": true, "journaled": true,
                                                           "journal": "<its path>"}

Between commands the process waits on stdin and runs no event: no timer fires, so a test can
kill it at a known point (after the journal holds a text, before the save timer ran). The
autosave waits an hour here, so it saves only when a test says ``save``: on a loaded machine a
command can outlast the autosave's wait, and a save nobody asked for would take away the
journal, or the "pending" state, that the test is about to look at.

Usage: ``python tests/e2e/window_driver.py DATABASE MEETING_ID``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from models.database import Database
from ui.common.settings import Settings
from ui.editor import session as edit_session
from ui.editor.actions_model import ActionColumn
from ui.editor.meeting_editor import MeetingEditor
from ui.shell.main_window import MainWindow

ANSWERS: list[str] = json.loads(os.environ.get("DRIVER_ANSWERS", "[]"))
"""Buttons to click, in order; ``DRIVER_ANSWERS`` (a JSON list) answers what the window asks
before the first command (the offer of a crashed session's text)."""
SHOWN: list[str] = []


def _answer_box(box: QMessageBox) -> int:
    """Message boxes are answered from the queue the test sent ("answer" commands)."""
    buttons = {button.text().replace("&", ""): button for button in box.buttons()}
    wanted = ANSWERS.pop(0) if ANSWERS else next(iter(buttons))
    SHOWN.append(f"{box.text()} {box.informativeText()}")
    buttons[wanted].click()
    return 0


def _journal_holds(journal: Path, text: str) -> bool:
    return journal.exists() and text in journal.read_text("utf-8")


def _run_events_until(condition: Callable[[], bool], milliseconds: int) -> bool:
    """Run the event loop (timers fire) until ``condition`` holds; False if it never did."""
    deadline = QDeadlineTimer(milliseconds)
    while not condition():
        if deadline.hasExpired():
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return True


def _type_into(editor: MeetingEditor, what: str, text: str) -> None:
    """The whole text of the venue or the meeting's date, as typed; or the owners cell of
    the first action, left with Enter."""
    if what == "type_owners":
        model = editor.actions_panel.model
        model.setData(model.index(0, ActionColumn.OWNERS), text)
        return
    details = editor.details
    line = details.venue_edit if what == "type_venue" else details.date_edit.line_edit
    line.setText(text)
    line.textEdited.emit(text)


def _type_keys(editor: MeetingEditor, what: str, command: dict[str, Any]) -> None:
    """Keys typed as a person does: a new action's description (Ctrl+Shift+A) with its
    cell never left, a turn's words at their end, or on wherever the cursor is."""
    if what == "type_new_action":
        editor.show_tab(editor.actions_page)
        editor.actions_panel.add_action()
        table = editor.actions_panel.table
        cell = table.indexWidget(table.currentIndex())
        assert isinstance(cell, QLineEdit)
        QTest.keyClicks(cell, command["text"])
    elif what == "type_words_here":
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClicks(focused, command["text"])
    else:
        turns = editor.transcript_tab.page.turns
        editor.show_tab(editor.transcript_tab.page)
        turns.list_view.setCurrentIndex(turns.model.index(command["turn"], 0))
        turns.words_edit.setFocus()
        turns.words_edit.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(turns.words_edit, command["text"])


def main() -> int:
    database_path, meeting_id = sys.argv[1], int(sys.argv[2])
    app = QApplication([])
    edit_session.IDLE_MS = edit_session.MAX_WAIT_MS = 3_600_000  # saves on "save" only
    QMessageBox.exec = _answer_box  # type: ignore[method-assign]  # no person at this window
    settings = Settings(
        QSettings(
            str(Path(database_path).with_suffix(f".{os.getpid()}.ini")),
            QSettings.Format.IniFormat,
        )
    )
    database = Database.open(database_path)
    window = MainWindow(database, settings)
    window.show()
    if window.editor.meeting_id != meeting_id:  # (the start reopens the last one by itself,
        window.open_meeting(meeting_id)  # and puts back what a kill left: not read over it)
    editor = window.editor
    choices: dict[str, Callable[[], object]] = {
        "keep_mine": editor.keep_mine,
        # What activating the window does (no window manager here): what others saved is read.
        "come_back": window._check_other_writers,
    }
    print(json.dumps({"ready": True, "version": editor.session.version}), flush=True)
    for line in sys.stdin:
        command: dict[str, Any] = json.loads(line)
        what = command["do"]
        answer: dict[str, Any] = {"ok": True}
        if what == "type_notes":
            editor.show_item(editor.agenda_model.item_at(command["item"]).id)  # type: ignore[union-attr]  # the test names an item that exists
            text_edit = editor.agenda.notes_editor.text_edit
            cursor = text_edit.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            text_edit.setTextCursor(cursor)
            text_edit.insertPlainText(command["text"])
        elif what in ("type_venue", "type_date", "type_owners"):
            _type_into(editor, what, command["text"])
        elif what in ("type_new_action", "type_words", "type_words_here"):
            _type_keys(editor, what, command)
        elif what == "save":
            answer["saved"] = editor.flush()
        elif what == "answer":
            ANSWERS.extend(command["buttons"])
        elif what in choices:
            choices[what]()
        elif what == "reload_theirs":
            editor.reload_theirs()
            answer["clipboard"] = QApplication.clipboard().text()
        elif what == "wait_journal":  # the events run until the journal holds the text
            assert editor.session.journal is not None  # a database file has one
            journal = editor.session.journal.path
            answer["journaled"] = _run_events_until(
                partial(_journal_holds, journal, command["text"]), 5000
            )
            answer["journal"] = str(journal)
        elif what == "close":
            answer["closed"] = window.close()
        app.processEvents()
        answer.update(
            state=editor.save_state.value,
            message=editor.session.message,
            conflict_shown=editor.conflict_banner.isVisibleTo(window),
            notes=editor.agenda.notes_editor.markdown(),
            date=editor.details.date_edit.text(),
            venue=editor.details.venue_edit.text(),
            status=window.statusBar().currentMessage(),
            date_message=editor.details.message("date"),
            owners=editor.actions_panel.model.index(0, ActionColumn.OWNERS).data(),
            actions_message=editor.actions_panel.problem_label.text(),
            shown=list(SHOWN),
            title=window.windowTitle(),
            tab=editor.tabs.tabText(editor.tabs.currentIndex()).replace("&", ""),
            focus=type(QApplication.focusWidget()).__name__,
        )
        print(json.dumps(answer), flush=True)
        if what == "close" and answer["closed"]:
            break
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
