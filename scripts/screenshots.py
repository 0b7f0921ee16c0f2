"""Screenshots of the window for the docs: ``make screenshots`` (runs offscreen).

Opens the window on a throwaway database with the sample meeting (plus an earlier one, so
the previous actions and "copy attendees" have something to show) and saves each main
screen to ``docs/screenshots``: the empty state, the Details tab with the attendees, the
Agenda tab with an item's notes, the Actions tab, the organisation directory and the
keyboard shortcuts. The pictures always show the current window rather than whatever a
developer's own database holds.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A laptop's 1280x800 screen, as the fit tests use (Qt's offscreen default is 800x800):
    # the pictures show the window as a minute-taker on such a laptop sees it.
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        ROOT / "tests" / "fixtures" / "laptop_screen.json"
    )
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing

from PySide6.QtCore import QEventLoop, QRect, QSettings, QTimer  # noqa: E402 (after the Qt platform is chosen)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from models import actions, services  # noqa: E402
from models.action_log import ActionFilter, action_log  # noqa: E402
from models.database import Database  # noqa: E402
from models.enums import ActionStatus, MeetingStatus  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402
from models.meeting_doc import BoardRef  # noqa: E402
from ui.common.settings import Settings  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "resources" / "sample_meeting.json"
EXAMPLES = ROOT / "tests" / "fixtures" / "examples"
SIZE = (1280, 800)  # a laptop's screen, where everything must fit
LOG_DAY = dt.date(2025, 8, 15)  # "today" in the action log picture: some actions overdue
EARLIER_THEME = "Employment for people on probation"
SELECTED_ITEM = 2  # the third item of the sample: one with sub-headings and bullets


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, name: str) -> Path:
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path


def _earlier_meeting(database: Database) -> None:
    """A meeting of the board three months before the sample, so the sample has a previous
    meeting (its open actions are reviewed, its attendees can be copied)."""
    sample = read_meeting_file(SAMPLE)
    earlier = sample._replace(
        date=dt.date(2025, 3, 20),
        theme=EARLIER_THEME,
        next_meeting=dt.date(2025, 6, 19),
    )
    services.import_meeting(database, earlier)


def _looking_back(app: QApplication, window: MainWindow, database: Database) -> None:
    """The Search tab and the action log, over the published examples as well, with one of
    the earlier meeting's actions rolled over into the sample, so the log shows a chain."""
    services.import_meetings(
        database, [read_meeting_file(path) for path in sorted(EXAMPLES.glob("*.json"))]
    )
    sample_id = window.editor.meeting_id
    assert sample_id is not None
    earlier = next(
        entry
        for entry in action_log(database, ActionFilter(statuses=frozenset({ActionStatus.OPEN})))
        if entry.meeting_date == dt.date(2025, 3, 20) and entry.owners == ("GLA",)
    )
    carried = actions.resolve_previous_action(
        database, earlier.id, ActionStatus.ROLLED_OVER, sample_id
    )
    window.editor.refresh_from_database()
    window.focus_search()
    panel = window.search_panel
    panel.box.setText("probation")
    panel.run_search()
    # A result opened (Enter), the cursor back in the results: the agenda at the match.
    hit = next(hit for hit in panel.model.hits if hit.date == dt.date(2024, 2, 29))
    window.open_search_hit(hit)
    panel.results.setCurrentIndex(panel.model.index(panel.model.row_of(hit.meeting_id) or 0))
    panel.results.setFocus()
    _settle(app)
    _save(window, "search.png")

    window.show_action_log()
    log_window = window.action_log_window
    assert log_window is not None
    assert carried is not None
    log_window.resize(1180, 700)
    log_window.today = lambda: LOG_DAY
    log_window.refresh()
    log_window.select_action(carried)
    log_window.table.setFocus()
    _settle(app)
    _save(log_window, "action-log.png")
    log_window.close()
    _settle(app)


def _archive(app: QApplication, database: Database, settings: Settings) -> None:
    """The archive (two boards, several years) and a final meeting shown read-only: the
    published examples are final, and a meeting of another board joins them. A window of
    its own, so the archive is listed afresh."""
    sample = read_meeting_file(SAMPLE)
    other_board = sample._replace(
        board=BoardRef("London Criminal Justice Board", "LCJB"),
        date=dt.date(2025, 5, 14),
        next_meeting=None,
    )
    services.import_meeting(database, other_board)
    shown_id = None
    for summary in services.list_meetings(database):
        record = services.meeting_record(database, summary.id)
        if record.theme == EARLIER_THEME:  # the same day as the 2025 example: one is enough
            services.delete_meeting(database, summary.id)
            continue
        if summary.date < sample.date:
            services.update_meeting(database, summary.id, status=MeetingStatus.FINAL)
        if summary.date == dt.date(2024, 2, 29):
            shown_id = summary.id
    assert shown_id is not None
    window = MainWindow(database, settings)
    window.resize(*SIZE)
    window.show()
    window.open_meeting(shown_id)
    window.go_to_meeting_list()
    deadline = time.monotonic() + 10
    while not window.final_view.text() and time.monotonic() < deadline:
        _settle(app)
    _settle(app)
    # Down to the last row shown: the rest of the pane is empty.
    tree = window.meeting_list
    last = tree.model().index(0, 0)
    while tree.indexBelow(last).isValid():
        last = tree.indexBelow(last)
    bottom = tree.viewport().mapTo(window.left_tabs, tree.visualRect(last).bottomLeft()).y()
    picture = window.left_tabs.grab(QRect(0, 0, window.left_tabs.width(), bottom + 12))
    if not picture.save(str(OUT / "archive.png")):
        raise SystemExit(f"could not write {OUT / 'archive.png'}")
    print(OUT / "archive.png")
    _save(window, "final-view.png")
    window.close()
    _settle(app)


def _preview(app: QApplication, window: MainWindow) -> None:
    """F9 at 1280x800: the preview beside the notes, then beside the actions table."""
    editor = window.editor
    editor.show_tab(editor.agenda_page)
    rendered = QEventLoop()
    window.preview.refreshed.connect(rendered.quit)
    QTimer.singleShot(10_000, rendered.quit)  # a picture of a blank pane beats no picture
    window.preview_action.trigger()
    rendered.exec()  # the pane renders after a short debounce, not at once
    _settle(app)
    _save(window, "preview.png")
    editor.show_tab(getattr(editor, "actions_page", None) or editor.agenda_page)
    _settle(app)
    _save(window, "preview-actions.png")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(str(Path(folder) / "rrb.sqlite3"))
        settings = Settings(
            QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(database, settings)
        window.resize(*SIZE)
        window.show()
        _settle(app)
        _save(window, "empty-state.png")

        _earlier_meeting(database)
        window.load_sample_meeting()
        editor = window.editor
        # A row that sent apologies selected: the sample also names two people (internal).
        editor.show_tab(editor.details_page)
        editor.attendees.select_row(10)
        editor.attendees.table.setFocus()
        _settle(app)
        _save(window, "details.png")

        editor.show_tab(editor.agenda_page)
        rows_in_agenda = editor.agenda_model.rowCount()
        editor.agenda.list_view.setCurrentIndex(
            editor.agenda_model.index(min(SELECTED_ITEM, rows_in_agenda - 1))
        )
        notes = getattr(editor.agenda, "notes_editor", None) or editor.agenda.notes_edit
        notes.setFocus()
        _settle(app)
        _save(window, "main-window.png")
        _save(window, "agenda.png")

        actions_page = getattr(editor, "actions_page", None)
        if actions_page is not None:
            # The same "today" as the action log's picture: the two views agree on overdue.
            editor.actions_panel.previous_model.today = lambda: LOG_DAY
            editor.show_tab(actions_page)
            _settle(app)
            _save(window, "actions.png")

        window.edit_organisations()
        dialog = window.organisations_dialog
        _settle(app)
        _save(dialog, "organisations.png")
        dialog.close()
        _settle(app)

        _looking_back(app, window, database)
        _archive(app, database, settings)

        window.show_shortcuts()
        shortcuts = window.shortcuts_dialog
        assert shortcuts is not None
        _settle(app)
        _save(shortcuts, "shortcuts.png")
        shortcuts.close()

        _preview(app, window)

        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
