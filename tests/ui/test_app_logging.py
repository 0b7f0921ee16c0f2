"""The log file, Qt's warnings captured into it, and an unexpected error in the window: logged
with its traceback, shown to the user as a plain message without one."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QByteArray,
    QObject,
    QSettings,
    QTimer,
    Signal,
    qInstallMessageHandler,
    qWarning,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rrb_desktop import app, logs
from tests.ui.conftest import MessageBoxes
from ui.common.settings import Settings


@pytest.fixture
def log_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("RRB_LOG_DIR", str(tmp_path / "logs"))
    path = logs.configure_logging()
    assert path == tmp_path / "logs" / "rrb-desktop.log"
    yield path
    logs.close_logging()


def test_the_log_rotates_instead_of_growing(
    monkeypatch: pytest.MonkeyPatch, log_path: Path
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    logs.configure_logging()  # again: replaces its own handler, never adds a second
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs._OurHandler)]
    assert len(ours) == 1
    for number in range(200):
        logging.getLogger("rrb_desktop.test").info("line %d of a long session", number)
    backups = sorted(log_path.parent.glob("rrb-desktop.log.*"))
    assert [p.name for p in backups] == [f"rrb-desktop.log.{n}" for n in range(1, 6)]
    assert log_path.stat().st_size <= 2_000
    assert "line 199 of a long session" in log_path.read_text(encoding="utf-8")


def test_a_log_filled_by_earlier_processes_rotates_at_the_line_that_fills_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A command writes a few lines to the file earlier commands and windows wrote."""
    monkeypatch.setenv("RRB_LOG_DIR", str(tmp_path))
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = tmp_path / "rrb-desktop.log"
    earlier = "an earlier line\n" * 120  # 1,920 bytes
    path.write_text(earlier, encoding="utf-8")
    logs.configure_logging()
    try:
        logging.getLogger("rrb_desktop.test").info("a short line")
        assert not (tmp_path / "rrb-desktop.log.1").exists()
        assert path.read_text(encoding="utf-8").startswith(earlier)
        logging.getLogger("rrb_desktop.test").info("the line that %s", "fills it" * 5)
    finally:
        logs.close_logging()
    assert (tmp_path / "rrb-desktop.log.1").read_text(encoding="utf-8").startswith(earlier)
    assert "a short line" in (tmp_path / "rrb-desktop.log.1").read_text(encoding="utf-8")
    rotated = path.read_text(encoding="utf-8")
    assert "the line that fills it" in rotated
    assert "earlier" not in rotated


def test_a_log_folder_that_cannot_be_made_leaves_the_app_running(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RRB_LOG_DIR", str(tmp_path / "a file" / "logs"))
    assert logs.configure_logging() is None


@pytest.mark.qt_log_ignore("a warning from Qt itself")
def test_qt_warnings_go_to_the_log_and_to_the_handler_before(log_path: Path) -> None:
    seen: list[str] = []

    def earlier(_kind: object, _context: object, message: str) -> None:
        seen.append(message)

    before = qInstallMessageHandler(earlier)
    try:
        app.capture_qt_messages()
        qWarning("a warning from Qt itself")
    finally:
        qInstallMessageHandler(before)
    assert seen == ["a warning from Qt itself"]
    assert "WARNING qt: a warning from Qt itself" in log_path.read_text(encoding="utf-8")


def _raise_deep() -> None:
    raise ValueError("the organisation table has no row 7\nsecond line of detail")


def test_an_unexpected_error_is_logged_in_full_and_shown_plainly(
    qapp: QApplication, log_path: Path, message_boxes: MessageBoxes
) -> None:
    try:
        _raise_deep()
    except ValueError as error:
        app.report_unexpected_error(ValueError, error, error.__traceback__)
    shown = message_boxes.last
    assert shown.title == "Something went wrong"
    assert "did not finish what you asked" in shown.text
    assert "ValueError: the organisation table has no row 7." in shown.detail
    assert str(log_path) in shown.detail
    assert "Traceback" not in shown.text + shown.detail
    assert "second line of detail" not in shown.detail
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "_raise_deep" in logged


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_user_as_a_message(
    qtbot: QtBot, log_path: Path, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the window does with a bug in any slot: the hook the app installs catches it."""
    monkeypatch.setattr(sys, "excepthook", app.report_unexpected_error)
    emitter = _Emitter()
    emitter.fired.connect(_raise_deep)
    QTimer.singleShot(0, emitter.fired.emit)
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    assert "ValueError" in message_boxes.last.detail
    assert "Traceback (most recent call last)" in log_path.read_text(encoding="utf-8")


def test_the_window_takes_settings_backed_by_qsettings(tmp_path: Path) -> None:
    """What the app hands the window: the typed settings over a real QSettings file."""
    path = str(tmp_path / "settings.ini")
    settings = Settings(QSettings(path, QSettings.Format.IniFormat))
    settings.set_geometry("window", b"\x00geometry\xff")
    settings.preview_visible = True
    settings.set_last_meeting_id("abc", 12)
    settings.sync()
    again = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert again.geometry("window") == b"\x00geometry\xff"
    assert again.preview_visible is True
    assert again.last_meeting_id("abc") == 12
    old = QSettings(path, QSettings.Format.IniFormat)
    old.setValue("action_log/geometry", QByteArray(b"\x05\x06"))  # as an older version did
    old.sync()
    assert Settings(QSettings(path, QSettings.Format.IniFormat)).geometry("action_log") == (
        b"\x05\x06"
    )
