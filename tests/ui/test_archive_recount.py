"""A year whose rows disagree with its count has the counts read again, once: not again
when they still disagree (that would make the tree read itself over and over), and a disk
failing meanwhile leaves the tree as it was instead of reaching the user as an unexpected
problem (the read again runs on a timer, where nothing else would catch it)."""

from __future__ import annotations

import dataclasses
import logging
import sys

import pytest
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.errors import StorageError
from models.services import MeetingGroup
from rrb_desktop import app
from tests.ui.conftest import MessageBoxes
from ui.archive.archive_model import ArchiveModel
from ui.archive.archive_source import DatabaseMeetings
from ui.archive.archive_view import ArchiveView
from ui.common.settings import Settings


class OneMeetingTooMany(DatabaseMeetings):
    """Counts that stay wrong: each group says one meeting more than its year lists (as
    when listing a year fails, and the year shows no rows)."""

    def groups(self) -> list[MeetingGroup]:
        return [dataclasses.replace(group, count=group.count + 1) for group in super().groups()]


def _labels(model: ArchiveModel) -> list[str]:
    return [str(index.data()) for index in model.group_indexes()]


def test_counts_that_stay_wrong_are_read_again_once(
    qtbot: QtBot, database: Database, settings: Settings, archive_ids: dict[str, int]
) -> None:
    view = ArchiveView(settings)
    qtbot.addWidget(view)
    model = view.model
    resets: list[bool] = []
    read_again: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.counts_read_again.connect(lambda: read_again.append(True))
    with qtbot.waitSignal(model.counts_read_again):
        view.show_archive(OneMeetingTooMany(database))  # each board's 2025 opens: both wrong
    resets.clear()
    with qtbot.assertNotEmitted(model.counts_read_again, wait=100):
        view.select_meeting(archive_ids["2024"])  # another wrong year read: not again
    assert view.current_meeting().id == archive_ids["2024"]  # type: ignore[union-attr]  # a meeting row
    assert read_again == [True]
    assert resets == []
    assert "2024 (2)" in _labels(model)  # still the counts read, not made up here


@pytest.mark.qt_no_exception_capture
def test_a_disk_failing_as_the_counts_are_read_again_leaves_the_tree_as_it_was(
    qtbot: QtBot,
    database: Database,
    archive_ids: dict[str, int],
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(sys, "excepthook", app.report_unexpected_error)  # the app's, as run
    model = ArchiveModel()
    model.set_source(DatabaseMeetings(database))
    before = _labels(model)
    failed: list[str] = []

    def fail(*_args: object, **_kwargs: object) -> None:
        failed.append("read")
        raise StorageError("disk I/O error")

    monkeypatch.setattr(services, "list_meetings", fail)
    monkeypatch.setattr(services, "meeting_groups", fail)
    with caplog.at_level(logging.ERROR):
        # The sample's year read: listing it fails (logged, no rows), so its count disagrees.
        assert not model.index_of(archive_ids["sample"]).isValid()
        qtbot.waitUntil(lambda: len(failed) == 2)  # and the counts, read again, fail too
    assert message_boxes.shown == []  # no "unexpected problem"
    assert "reading the archive's counts failed" in caplog.text
    assert _labels(model) == before
    assert model.meeting_count() == len(archive_ids)
