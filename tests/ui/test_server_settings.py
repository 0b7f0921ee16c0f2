"""The shared archive's settings (issue 11): File > Settings > Shared archive keeps the
server's address, port, database, user and TLS mode in the settings and the password in
the keyring (never in the settings file); the window opens that server at the next start
when no --db or RRB_DATABASE_URL is given; a server that cannot be reached at start is
said in words, with the ways on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.connection import KEYRING_SERVICE, ServerSettings, keyring_account
from models.database import Database
from models.errors import DatabaseOpenError
from rrb_desktop.app import window_database
from rrb_desktop.paths import DATABASE_ENV
from tests.ui.conftest import MessageBoxes
from tests.ui.test_settings_dialog import open_settings, press_ok
from tests.unit.test_shared_archive import MemoryKeyring
from ui.backups.recovery import recover
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow

SERVER = ServerSettings(
    host="db.secretariat.example", user="jo", database="rrb_board", port=6543, sslmode="require"
)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A real backend of the ``keyring`` library, in memory: the developer's own untouched."""
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_the_server_settings_are_kept_and_the_password_only_in_the_keyring(
    qtbot: QtBot,
    window: MainWindow,
    settings: Settings,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    dialog = open_settings(qtbot, window)
    page = dialog.server_page
    assert page is not None
    dialog.tabs.setCurrentWidget(page)
    assert not page.host_edit.isEnabled()  # no shared archive until asked for
    qtbot.keyClick(page.use_check, Qt.Key.Key_Space)
    page.host_edit.setFocus()
    qtbot.keyClicks(page.host_edit, SERVER.host)
    page.port_spin.setValue(SERVER.port)
    page.database_edit.setText(SERVER.database)
    qtbot.keyClicks(page.user_edit, SERVER.user)
    qtbot.keyClicks(page.password_edit, "correct horse")
    page.sslmode_combo.setCurrentIndex(page.sslmode_combo.findData("require"))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: window.settings_dialog is None)

    assert settings.server == SERVER
    account = (KEYRING_SERVICE, keyring_account(SERVER.url))
    assert memory_keyring.secrets == {account: "correct horse"}
    settings.sync()
    stored = "".join(path.read_text() for path in tmp_path.glob("*.ini"))
    assert "db.secretariat.example" in stored
    assert "correct horse" not in stored
    assert "applied at the next start" in window.statusBar().currentMessage()

    # Shown again as kept; an empty password keeps the stored one.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialog = open_settings(qtbot, window)
    page = dialog.server_page
    assert page is not None
    assert page.host_edit.text() == SERVER.host
    assert page.sslmode_combo.currentData() == "require"
    assert "Stored in the keyring" in page.password_edit.placeholderText()
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: window.settings_dialog is None)
    assert memory_keyring.secrets[account] == "correct horse"


def test_a_shared_archive_without_an_address_is_refused_in_place(
    qtbot: QtBot, window: MainWindow, settings: Settings, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_settings(qtbot, window)
    page = dialog.server_page
    assert page is not None
    dialog.tabs.setCurrentIndex(0)
    page.use_check.setChecked(True)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is page
    assert page.host_message.text() == "The server address is empty."
    assert settings.server is None


def test_the_window_opens_the_server_unless_told_otherwise(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert window_database(None, settings).endswith("rrb.sqlite3")  # the file here
    settings.set_server(SERVER, enabled=True)
    assert window_database(None, settings) == SERVER.url
    assert window_database(str(tmp_path / "x.sqlite3"), settings) == str(tmp_path / "x.sqlite3")
    monkeypatch.setenv(DATABASE_ENV, "postgresql://sam@elsewhere/rrb")
    assert window_database(None, settings) == "postgresql://sam@elsewhere/rrb"
    settings.set_server(SERVER, enabled=False)  # kept for the dialog, not used
    monkeypatch.delenv(DATABASE_ENV)
    assert window_database(None, settings).endswith("rrb.sqlite3")
    assert settings.saved_server == SERVER


def test_an_unreachable_server_at_start_is_said_in_words(
    message_boxes: MessageBoxes, memory_keyring: MemoryKeyring
) -> None:
    location = "postgresql+psycopg://jo@127.0.0.1:1/rrb"  # nothing listens on port 1
    with pytest.raises(DatabaseOpenError) as refused:
        Database.open(location)
    message_boxes.answer("Try again")
    assert recover(refused.value, location) == location
    shown = message_boxes.last
    assert shown.text == "The shared archive on the server 127.0.0.1 cannot be opened."
    assert "Connection refused" in shown.detail
    assert "Traceback" not in shown.detail
    assert "Server settings..." in shown.buttons
    message_boxes.answer("Quit")
    assert recover(refused.value, location) is None
