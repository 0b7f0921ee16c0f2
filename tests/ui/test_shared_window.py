"""Two windows on one PostgreSQL database (issue 11): another user's save reaches the other
window by itself within 2 s, a conflicting edit is reported and not lost, the others
editing a meeting are named before anyone types, a role that may only read gets a
read-only window, and a server that goes away keeps the unsaved text until it is back.

Each window has its own ``Database`` (its own connections and listener), as two copies of
the app on two computers would; the server is the session's real one
(tests/postgres_server.py), except where a test stops a server of its own.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import actions, services
from models.changes import Part
from models.database import Database
from models.enums import ActionStatus
from models.meeting_doc import MeetingDoc
from tests.postgres_server import PostgresServer
from tests.ui.conftest import MessageBoxes
from ui.archive.archive_model import Column
from ui.common.settings import Settings
from ui.connection.banners import editing_sentence
from ui.editor.meeting_editor import MeetingEditor
from ui.editor.save_state import SaveState
from ui.shell.main_window import MainWindow

LIVE_MS = 2000  # the promise: another user's save shows within 2 s

OpenWindow = Callable[[Database], MainWindow]


@pytest.fixture
def databases(postgres_url: str) -> Iterator[Callable[[str], Database]]:
    """Open a Database on a URL (a window's own connections), closed after the test."""
    opened: list[Database] = []

    def open_(url: str = postgres_url) -> Database:
        opened.append(Database.open(url))
        return opened[-1]

    yield open_
    for database in opened:
        database.close()


@pytest.fixture
def open_shared_window(
    qtbot: QtBot, tmp_path: Path, databases: Callable[..., Database]
) -> Iterator[OpenWindow]:
    """A window on a database, with settings of its own (another user's computer); closed
    before its database is (a window left open would read it again while being torn down)."""
    count = iter(range(100))
    windows: list[MainWindow] = []

    def open_(database: Database) -> MainWindow:
        path = tmp_path / f"settings-{next(count)}.ini"
        window = MainWindow(database, Settings(QSettings(str(path), QSettings.Format.IniFormat)))
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    yield open_
    for window in windows:
        window.close()
    QApplication.processEvents()


def _type_in_notes(editor: MeetingEditor, text: str) -> None:
    edit = editor.agenda.notes_edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    edit.insertPlainText(text)


@dataclass
class TwoWindows:
    """Jo's and Sam's windows on one meeting, each with its own connections."""

    mine: Database
    theirs: Database
    jo: MainWindow
    sam: MainWindow
    meeting_id: int


@pytest.fixture
def two_windows(
    databases: Callable[..., Database],
    open_shared_window: OpenWindow,
    sample_meeting: MeetingDoc,
) -> TwoWindows:
    mine, theirs = databases(), databases()
    meeting_id = services.import_meeting(mine, sample_meeting)
    jo = open_shared_window(mine)
    sam = open_shared_window(theirs)
    assert jo.editor.meeting_id == sam.editor.meeting_id == meeting_id
    return TwoWindows(mine, theirs, jo, sam, meeting_id)


def _type_detail(window: MainWindow, field: str, text: str) -> None:
    edit = getattr(window.editor.details, f"{field}_edit")
    edit.setText(text)
    edit.textEdited.emit(text)


def _row_title(window: MainWindow, meeting_id: int) -> str:
    return str(window.meeting_model.index_of(meeting_id, Column.TITLE).data())


def test_a_change_saved_in_one_window_shows_in_the_other_within_2_s(
    qtbot: QtBot, two_windows: TwoWindows, sample_meeting: MeetingDoc
) -> None:
    mine, theirs, jo, sam = two_windows.mine, two_windows.theirs, two_windows.jo, two_windows.sam
    meeting_id = two_windows.meeting_id
    sam.focus_search()
    qtbot.keyClicks(sam.search_panel.box, "Kestrel")
    sam.search_panel.run_search()
    assert sam.search_panel.model.rowCount() == 0
    sam.show_action_log()
    assert sam.action_log_window is not None

    # Jo changes the venue and the title and names a new theme, and saves (Ctrl+S).
    _type_detail(jo, "venue", "Kestrel House")
    _type_detail(jo, "theme", "Kestrel review")
    jo.save_now()
    assert services.meeting_record(mine, meeting_id).venue == "Kestrel House"

    # Sam's window shows it by itself: the open meeting, the list's row, the search, the log.
    qtbot.waitUntil(
        lambda: sam.editor.details.venue_edit.text() == "Kestrel House", timeout=LIVE_MS
    )
    assert sam.editor.session.version == services.meeting_record(theirs, meeting_id).version
    assert _row_title(sam, meeting_id) == services.meeting_summary(theirs, meeting_id).title
    qtbot.waitUntil(lambda: sam.search_panel.model.rowCount() == 1, timeout=LIVE_MS)

    # An action reworded in Jo's window: Sam's action log reads it again by itself.
    action = next(
        row
        for row in actions.list_actions_of_meeting(mine, meeting_id)
        if row.status is ActionStatus.OPEN  # the log shows the open ones
    )
    jo.editor.session.run({Part.ACTIONS}, lambda db: actions.update_action(
        db, action.id, description="Kestrel action, reworded"
    ))  # fmt: skip
    log = sam.action_log_window
    qtbot.waitUntil(
        lambda: any(e.description == "Kestrel action, reworded" for e in log.model.entries()),
        timeout=LIVE_MS,
    )

    # A meeting added elsewhere joins the list; one deleted there leaves it.
    added = services.create_meeting(theirs, date=sample_meeting.date.replace(year=2031))
    qtbot.waitUntil(lambda: jo.meeting_model.summary_of(added) is not None, timeout=LIVE_MS)
    services.delete_meeting(theirs, added)
    qtbot.waitUntil(lambda: jo.meeting_model.summary_of(added) is None, timeout=LIVE_MS)


def test_a_conflicting_edit_is_reported_not_lost(qtbot: QtBot, two_windows: TwoWindows) -> None:
    mine, jo, sam = two_windows.mine, two_windows.jo, two_windows.sam
    meeting_id = two_windows.meeting_id
    first = services.meeting_record(mine, meeting_id).agenda[0]
    sam.editor.show_item(first.id)
    _type_in_notes(sam.editor, " Sam's unsaved words.")  # typed, not saved yet
    sam.editor.session.touch()

    _type_detail(jo, "venue", "City Hall")
    jo.save_now()

    # Sam is told at once (not at the next save), and the text stays on screen.
    qtbot.waitUntil(sam.editor.conflict_banner.isVisible, timeout=LIVE_MS)
    assert sam.editor.save_state is SaveState.CONFLICT
    assert "the venue" in sam.editor.conflict_banner.label.text()
    assert "Sam's unsaved words." in sam.editor.agenda.notes_editor.markdown()
    assert "Sam's" not in services.meeting_record(mine, meeting_id).agenda[0].notes

    # Keep mine: saved over theirs, knowingly; Jo's window then shows Sam's words.
    sam.editor.conflict_banner.keep_button.click()
    assert sam.editor.save_state is SaveState.SAVED
    saved = services.meeting_record(mine, meeting_id)
    assert "Sam's unsaved words." in saved.agenda[0].notes
    assert saved.venue == "City Hall"  # Jo's change was not undone by Sam's
    qtbot.waitUntil(
        lambda: "Sam's unsaved words." in (jo.editor.record.agenda[0].notes or ""),  # type: ignore[union-attr]
        timeout=LIVE_MS,
    )


def test_the_others_editing_a_meeting_are_named_before_typing(
    qtbot: QtBot,
    databases: Callable[..., Database],
    open_shared_window: OpenWindow,
    sample_meeting: MeetingDoc,
) -> None:
    mine, theirs = databases(), databases()
    services.import_meeting(mine, sample_meeting)
    jo = open_shared_window(mine)
    assert not jo.server_banners.editors.isVisible()  # nobody else yet
    sam = open_shared_window(theirs)
    # Sam opens it: Sam's window names Jo at once, and Jo's window learns of Sam.
    assert sam.server_banners.editors.isVisible()
    assert "rrb_test (your user, in another window) is editing this meeting" in (
        sam.server_banners.editors.label.text()
    )
    qtbot.waitUntil(jo.server_banners.editors.isVisible, timeout=LIVE_MS)
    sam.close()  # Sam leaves: Jo's banner goes
    qtbot.waitUntil(lambda: not jo.server_banners.editors.isVisible(), timeout=LIVE_MS)


def test_a_role_that_may_only_read_gets_a_read_only_window(
    qtbot: QtBot,
    postgres_server: PostgresServer,
    postgres_url: str,
    databases: Callable[..., Database],
    open_shared_window: OpenWindow,
    sample_meeting: MeetingDoc,
) -> None:
    name = postgres_url.rsplit("/", 1)[1]
    meeting_id = services.import_meeting(databases(), sample_meeting)
    postgres_server.admin(
        "DROP ROLE IF EXISTS rrb_window_reader; CREATE ROLE rrb_window_reader LOGIN; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO rrb_window_reader",
        name,
    )
    window = open_shared_window(databases(postgres_server.url(name, user="rrb_window_reader")))
    assert window.server_banners.read_only.isVisible()
    assert "rrb_window_reader may read this archive but not change it" in (
        window.server_banners.read_only.label.text()
    )
    # The draft meeting opens as its note, with no way to edit it.
    assert window.final_view.meeting_id == meeting_id
    assert window.editor.meeting_id is None
    assert not window.final_view.edit_button.isVisible()
    for action in (
        window.new_meeting_action, window.import_action, window.delete_meeting_action,
        window.edit_final_action, window.organisations_action, window.save_action,
    ):  # fmt: skip
        assert not action.isEnabled(), action.text()
    window.edit_final_meeting()  # the shortcut's slot: still read-only
    assert window.editor.meeting_id is None


def test_a_deletion_elsewhere_keeps_the_meeting_highlighted_here(
    qtbot: QtBot,
    databases: Callable[..., Database],
    open_shared_window: OpenWindow,
    sample_meeting: MeetingDoc,
    message_boxes: MessageBoxes,
) -> None:
    """Jo looks through the list, another meeting open; Sam deletes meetings. Jo's list is
    rebuilt by itself, the meeting Jo highlighted stays so (nothing is opened, saved or
    asked) until it is the one deleted: then the open one is highlighted."""
    mine, theirs = databases(), databases()
    open_id = services.import_meeting(mine, sample_meeting)
    older = [
        services.import_meeting(mine, sample_meeting._replace(date=day, next_meeting=None))
        for day in (dt.date(2024, 2, 29), dt.date(2019, 5, 13))
    ]
    jo = open_shared_window(mine)
    assert jo.editor.meeting_id == open_id
    jo.archive.select_meeting(older[0])
    with (
        qtbot.assertNotEmitted(jo.archive.meeting_activated),
        qtbot.assertNotEmitted(jo.archive.meeting_clicked),
        qtbot.assertNotEmitted(jo.editor.meeting_saved),
    ):
        with qtbot.waitSignal(jo.meeting_model.modelReset, timeout=LIVE_MS):
            services.delete_meeting(theirs, older[1])
        assert jo.archive.current_meeting().id == older[0]  # type: ignore[union-attr]
        assert jo.meeting_list.isExpanded(jo.meeting_model.index_of(older[0]).parent())

        with qtbot.waitSignal(jo.meeting_model.modelReset, timeout=LIVE_MS):
            services.delete_meeting(theirs, older[0])
        assert jo.archive.current_meeting().id == open_id  # type: ignore[union-attr]
    assert jo.editor.meeting_id == open_id
    assert not message_boxes.shown


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of the test's own, to stop and start again."""
    base = Path(tempfile.mkdtemp(prefix="rrb-postgres-own-"))
    base.chmod(0o755)
    server = PostgresServer.start(base / "cluster")
    try:
        server.create_database("rrb")
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_a_server_that_goes_away_keeps_the_text_and_saves_it_on_return(
    qtbot: QtBot,
    own_server: PostgresServer,
    databases: Callable[..., Database],
    open_shared_window: OpenWindow,
    sample_meeting: MeetingDoc,
) -> None:
    database = databases(own_server.url("rrb"))
    meeting_id = services.import_meeting(database, sample_meeting)
    window = open_shared_window(database)
    editor = window.editor
    first = services.meeting_record(database, meeting_id).agenda[0]
    editor.show_item(first.id)

    own_server.stop("fast")  # every connection is cut, as when a server goes down
    qtbot.waitUntil(window.server_banners.offline.isVisible, timeout=5000)
    assert "cannot be reached" in window.server_banners.offline.label.text()
    _type_in_notes(editor, " Typed while the server was down.")
    assert not editor.flush()
    assert editor.save_state is SaveState.FAILED
    assert "Typed while the server was down." in editor.agenda.notes_editor.markdown()

    own_server.resume()
    qtbot.waitUntil(lambda: not window.server_banners.offline.isVisible(), timeout=20_000)
    assert editor.save_state is SaveState.SAVED
    notes = services.meeting_record(database, meeting_id).agenda[0].notes
    assert "Typed while the server was down." in notes


def test_a_killed_connection_is_found_again_without_a_word_lost(
    qtbot: QtBot, postgres_server: PostgresServer, postgres_url: str, two_windows: TwoWindows
) -> None:
    """The network drops every connection of the window (a Wi-Fi change): the window
    notices, connects again, and goes on hearing the others."""
    mine, theirs, window = two_windows.mine, two_windows.theirs, two_windows.jo
    meeting_id = two_windows.meeting_id
    postgres_server.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE application_name = '{mine.client_id}'",
        postgres_url.rsplit("/", 1)[1],
    )
    qtbot.waitUntil(lambda: window.live is not None and window.live.offline, timeout=5000)
    qtbot.waitUntil(lambda: window.live is not None and not window.live.offline, timeout=10_000)
    services.update_meeting(theirs, meeting_id, venue="After the drop")
    qtbot.waitUntil(
        lambda: window.editor.details.venue_edit.text() == "After the drop", timeout=LIVE_MS
    )


def test_several_editors_are_named_in_one_sentence() -> None:
    assert editing_sentence(["jo"], me="sam").startswith("jo is editing this meeting too.")
    assert editing_sentence(["jo", "kim", "sam"], me="sam").startswith(
        "jo, kim and sam (your user, in another window) are editing this meeting too."
    )
