"""A meeting another process adds to the SQLite archive (``rrb-desktop import`` in a terminal
while the window is open) is listed when the user comes back to the window, or after the
window's next save, and the tree's counts always agree with its rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.meeting_doc import MeetingDoc
from tests.ui.conftest import come_back
from ui.archive.archive_model import ArchiveModel
from ui.shell.main_window import MainWindow

SEPTEMBER = dt.date(2025, 9, 18)


@pytest.fixture
def import_elsewhere(elsewhere: Database, sample_meeting: MeetingDoc) -> Callable[..., int]:
    """What ``rrb-desktop import`` does in another process (its own connection writes): the
    sample on another day, in September 2025 unless told."""

    def import_(day: dt.date = SEPTEMBER) -> int:
        doc = sample_meeting._replace(date=day, next_meeting=None)
        return services.import_meeting(elsewhere, doc)

    return import_


def _rrb_2025(model: ArchiveModel, meeting_id: int) -> list[object]:
    """The heading of the sample's year, and the IDs of the rows under it."""
    year = model.index_of(meeting_id).parent()
    rows = [model.index(row, 0, year) for row in range(model.rowCount(year))]
    return [year.data(), *(model.summary_at(row).id for row in rows)]  # type: ignore[union-attr]  # meeting rows


def test_a_meeting_imported_elsewhere_is_listed_when_the_window_is_activated(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    import_elsewhere: Callable[..., int],
) -> None:
    window = open_window()
    model = window.meeting_model
    window.go_to_meeting_list()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_Down)  # the 2024 year row, highlighted
    highlighted = window.meeting_list.currentIndex().data()
    new_id = import_elsewhere()
    assert not model.index_of(new_id).isValid()

    come_back(qtbot, window)
    qtbot.waitUntil(lambda: model.index_of(new_id).isValid())
    assert _rrb_2025(model, new_id) == ["2025 (2)", new_id, archive_ids["sample"]]
    assert window.archive.count_label.text() == "5 meetings"
    assert window.meeting_list.currentIndex().data() == highlighted  # the place is kept


def test_a_meeting_imported_elsewhere_is_listed_after_a_save_here(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    import_elsewhere: Callable[..., int],
) -> None:
    window = open_window()
    new_id = import_elsewhere()
    title = window.editor.details.title_edit
    title.setFocus()
    qtbot.keyClicks(title, "Extraordinary")
    with qtbot.waitSignal(window.editor.change_saved):
        window.save_now()
    qtbot.waitUntil(lambda: window.meeting_model.index_of(new_id).isValid())
    assert window.archive.count_label.text() == "5 meetings"


def test_the_windows_own_saves_read_the_list_again_no_more(
    qtbot: QtBot,
    database: Database,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    refreshed: list[bool] = []
    monkeypatch.setattr(window, "refresh_archive", lambda: refreshed.append(True))
    title = window.editor.details.title_edit
    for text in ("Extra", "ordinary"):
        title.setFocus()
        qtbot.keyClicks(title, text)
        with qtbot.waitSignal(window.editor.change_saved):
            window.save_now()
    asked: list[bool] = []
    others_committed = database.others_committed
    monkeypatch.setattr(
        database, "others_committed", lambda: asked.append(others_committed()) or asked[-1]
    )
    come_back(qtbot, window)
    qtbot.waitUntil(lambda: bool(asked))  # the check ran, and found no one else
    assert asked == [False]
    assert not refreshed


def test_rows_and_counts_agree_after_a_filter_change(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    import_elsewhere: Callable[..., int],
) -> None:
    window = open_window()
    model = window.meeting_model
    new_id = import_elsewhere()
    archive = window.archive
    archive.order_combo.setFocus()
    with qtbot.waitSignal(model.modelReset):
        qtbot.keyClick(archive.order_combo, Qt.Key.Key_Down)  # oldest first: rows read again
    assert _rrb_2025(model, new_id) == ["2025 (2)", archive_ids["sample"], new_id]
    assert archive.count_label.text() == "5 meetings"


def test_a_year_read_later_than_its_count_has_the_counts_read_again(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    import_elsewhere: Callable[..., int],
) -> None:
    """A closed year gains a meeting elsewhere; opened, it lists it, and its count follows."""
    window = open_window()
    model, tree = window.meeting_model, window.meeting_list
    new_id = import_elsewhere(dt.date(2019, 9, 1))
    year_2019 = model.index_of(archive_ids["2019"]).parent()  # read now, its count stale
    tree.expand(year_2019)
    qtbot.waitUntil(lambda: model.index_of(new_id).parent().data() == "2019 (2)")
    assert window.archive.count_label.text() == "5 meetings"
    assert tree.isExpanded(model.index_of(new_id).parent())


def test_coming_back_to_the_action_log_notices_a_meeting_imported_elsewhere(
    qtbot: QtBot,
    archive_ids: dict[str, int],
    open_window: Callable[[], MainWindow],
    import_elsewhere: Callable[..., int],
) -> None:
    """The user may come back from the terminal to the action log, not to the main window:
    the app, whichever of its windows is activated, asks whether the archive changed."""
    window = open_window()
    window.show_action_log()
    log_window = window.action_log_window
    assert log_window is not None
    new_id = import_elsewhere()
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # to the terminal
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # back to the log
    qtbot.waitUntil(lambda: window.meeting_model.index_of(new_id).isValid())
    qtbot.waitUntil(
        lambda: new_id in {entry.meeting_id for entry in log_window.model.entries()}
    )  # the log, shown and quick to read, reads its rows again
