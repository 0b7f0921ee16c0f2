"""ui.common.settings: every setting read back as written, and anything unreadable as unset."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode, ExportOptions
from models.enums import LayoutStyle, MeetingStatus
from tests.conftest import PROJECT_ROOT
from ui.common import settings as settings_module
from ui.common.settings import ArchiveFilter, MemorySettings, Settings, documents_folder


@pytest.fixture
def backend() -> MemorySettings:
    return MemorySettings()


@pytest.fixture
def settings(backend: MemorySettings) -> Settings:
    return Settings(backend)


def test_nothing_stored_gives_the_defaults(settings: Settings) -> None:
    assert settings.geometry("window") == b""
    assert settings.splitter_state("splitter") == b""
    assert settings.preview_visible is False
    assert settings.last_meeting_id("abc") is None
    assert settings.export_options == ExportOptions()
    assert settings.archive_filter == ArchiveFilter()
    assert settings.export_folder == documents_folder()
    assert settings.import_folder == documents_folder()
    assert settings.export_actions(LayoutStyle.PUBLIC_NOTE) is None


@given(geometry=st.binary(), state=st.binary())
def test_byte_strings_round_trip(geometry: bytes, state: bytes) -> None:
    settings = Settings(MemorySettings())
    settings.set_geometry("action_log", geometry)
    settings.set_splitter_state("agenda_splitter", state)
    assert settings.geometry("action_log") == geometry
    assert settings.splitter_state("agenda_splitter") == state
    assert settings.geometry("window") == b""  # each window its own key


def test_byte_strings_are_stored_as_text_and_read_from_older_forms(
    backend: MemorySettings, settings: Settings
) -> None:
    settings.set_geometry("window", b"\x01\x02")
    assert backend.values["window/geometry"] == "base64:AQI="

    class OldByteArray:  # what QSettings hands back for a QByteArray an older version stored
        def data(self) -> bytes:
            return b"\x03\x04"

    backend.values["window/geometry"] = OldByteArray()
    assert settings.geometry("window") == b"\x03\x04"
    backend.values["window/geometry"] = "base64:not*base64"
    assert settings.geometry("window") == b""
    backend.values["window/geometry"] = 42
    assert settings.geometry("window") == b""


@pytest.mark.parametrize(
    ("stored", "expected"), [(True, True), ("true", True), (False, False), ("false", False)]
)
def test_the_preview_flag_reads_booleans_and_ini_text(
    backend: MemorySettings, settings: Settings, stored: object, expected: bool
) -> None:
    backend.values["window/preview"] = stored
    assert settings.preview_visible is expected
    settings.preview_visible = not expected
    assert settings.preview_visible is not expected


@pytest.mark.parametrize(
    ("stored", "expected"), [(7, 7), ("12", 12), ("", None), ("x", None), (True, None)]
)
def test_the_last_meeting(
    backend: MemorySettings, settings: Settings, stored: object, expected: int | None
) -> None:
    backend.values["editor/abc/last_meeting"] = stored
    assert settings.last_meeting_id("abc") == expected


def test_the_last_meeting_round_trips(settings: Settings) -> None:
    settings.set_last_meeting_id("abc", 31)
    assert settings.last_meeting_id("abc") == 31
    settings.set_last_meeting_id("abc", None)
    assert settings.last_meeting_id("abc") is None


def test_the_last_place_is_remembered_per_archive(
    backend: MemorySettings, settings: Settings
) -> None:
    """The tester's case: opening another archive reopened its unrelated meeting 3."""
    backend.values["editor/last_meeting"] = 3  # as an older version kept it, for all alike
    settings.set_last_meeting_id("first", 3)
    settings.set_last_item_id("first", 9)
    assert settings.last_meeting_id("second") is None
    assert settings.last_item_id("second") is None
    assert (settings.last_meeting_id("first"), settings.last_item_id("first")) == (3, 9)


def test_a_folder_is_remembered_while_it_exists(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    settings.export_folder = folder
    settings.import_folder = tmp_path
    assert settings.export_folder == folder
    assert settings.import_folder == tmp_path
    folder.rmdir()
    assert settings.export_folder == documents_folder()


def test_no_documents_folder_falls_back_to_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Settings
) -> None:
    """A fresh account may have no Documents: the first export must not fail on it."""
    monkeypatch.setattr(
        settings_module.platformdirs, "user_documents_path", lambda: tmp_path / "Documents"
    )
    assert documents_folder() == Path.home()
    assert settings.export_folder == Path.home()
    (tmp_path / "Documents").mkdir()
    assert settings.export_folder == tmp_path / "Documents"


def test_export_options_round_trip(settings: Settings, tmp_path: Path) -> None:
    options = ExportOptions(
        template=tmp_path / "house.dotx", logo=tmp_path / "crest.png", logo_alt_text="Crest"
    )
    settings.export_options = options
    assert settings.export_options == options
    settings.export_options = ExportOptions(logo_alt_text="   ")
    assert settings.export_options == ExportOptions(logo_alt_text=DEFAULT_LOGO_ALT_TEXT)


def test_the_actions_choice_is_kept_per_layout(backend: MemorySettings, settings: Settings) -> None:
    settings.set_export_actions(LayoutStyle.PUBLIC_NOTE, ActionsMode.SUMMARY)
    settings.set_export_actions(LayoutStyle.RECORD_OF_MEETING, ActionsMode.NONE)
    assert settings.export_actions(LayoutStyle.PUBLIC_NOTE) is ActionsMode.SUMMARY
    assert settings.export_actions(LayoutStyle.RECORD_OF_MEETING) is ActionsMode.NONE
    assert settings.export_actions(LayoutStyle.NOTE_OF_MEETING) is None
    settings.set_export_actions(LayoutStyle.PUBLIC_NOTE, None)  # the layout's own way again
    assert settings.export_actions(LayoutStyle.PUBLIC_NOTE) is None
    backend.values["export/actions/record-of-meeting"] = "sideways"  # edited by hand
    assert settings.export_actions(LayoutStyle.RECORD_OF_MEETING) is None


@given(
    board=st.none() | st.text(min_size=1).filter(lambda text: text.strip() == text and text),
    year=st.none() | st.integers(1900, 2200),
    status=st.none() | st.sampled_from(MeetingStatus),
    newest_first=st.booleans(),
)
def test_the_archive_filter_round_trips(
    board: str | None, year: int | None, status: MeetingStatus | None, newest_first: bool
) -> None:
    settings = Settings(MemorySettings())
    wanted = ArchiveFilter(board=board, year=year, status=status, newest_first=newest_first)
    settings.archive_filter = wanted
    assert settings.archive_filter == wanted


def test_an_unreadable_archive_filter_counts_as_all(
    backend: MemorySettings, settings: Settings
) -> None:
    backend.values.update(
        {"archive/year": "not a year", "archive/status": "lost", "archive/order": 3}
    )
    assert settings.archive_filter == ArchiveFilter()


def test_the_settings_module_does_not_import_qt() -> None:
    """The typed layer is Qt-free: the app hands it a QSettings, the tests a dict."""
    code = (
        "import sys, ui.common.settings\n"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=False)
    assert result.returncode == 0
