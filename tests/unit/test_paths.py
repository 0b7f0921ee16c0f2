"""rrb_desktop.paths: on Linux the data and log folders are platformdirs' own, worked out
without importing platformdirs (see the module's docstring), in every environment a user's
session can give; elsewhere, and where platformdirs does something unusual, it is asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from rrb_desktop import paths
from rrb_desktop.paths import APP_NAME, data_dir, log_dir
from tests.conftest import PROJECT_ROOT

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the XDG rule is Linux's (and other Unixes')"
)

UNSET = None
XDG_VALUES = [UNSET, "", "/xdg/base", "/xdg/trailing/", "//xdg/doubled", "relative/base", "~/base"]
HOMES = [UNSET, "", "/home/minute-taker", "/home/minute-taker/", "/", "relative/home", "~"]


def _environment(monkeypatch: pytest.MonkeyPatch, values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)


def _platformdirs_answers() -> tuple[Path, Path]:
    return (
        platformdirs.user_data_path(APP_NAME, appauthor=False),
        platformdirs.user_log_path(APP_NAME, appauthor=False),
    )


@linux_only
@pytest.mark.parametrize("xdg", XDG_VALUES)
@pytest.mark.parametrize("home", HOMES)
def test_the_folders_are_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    _environment(monkeypatch, {"XDG_DATA_HOME": xdg, "XDG_STATE_HOME": xdg, "HOME": home})
    expected_data, expected_log = _platformdirs_answers()
    assert data_dir() == expected_data
    assert log_dir() == expected_log
    assert str(data_dir()) == str(expected_data)
    assert str(log_dir()) == str(expected_log)


@linux_only
def test_each_folder_reads_its_own_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    _environment(
        monkeypatch,
        {"XDG_DATA_HOME": "/data/home", "XDG_STATE_HOME": "relative", "HOME": "/home/u"},
    )
    assert (data_dir(), log_dir()) == _platformdirs_answers()
    assert data_dir() == Path("/data/home/rrb-desktop")
    assert log_dir() == Path("/home/u/.local/state/rrb-desktop/log")


@linux_only
def test_without_a_home_anywhere_platformdirs_raises_for_us(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd  # noqa: PLC0415 (Windows has no pwd, and the test is skipped there)

    def nobody(uid: int) -> pwd.struct_passwd:
        raise KeyError(uid)

    _environment(monkeypatch, {"XDG_DATA_HOME": None, "XDG_STATE_HOME": None, "HOME": None})
    monkeypatch.setattr(pwd, "getpwuid", nobody)
    with pytest.raises(RuntimeError, match="home directory"):
        data_dir()
    with pytest.raises(RuntimeError, match="home directory"):
        log_dir()


@linux_only
def test_a_relative_home_in_the_password_database_is_left_to_platformdirs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pwd  # noqa: PLC0415 (Windows has no pwd, and the test is skipped there)

    entry = pwd.getpwuid(os.getuid())
    relative = pwd.struct_passwd((*entry[:5], "relative/home", *entry[6:]))
    _environment(monkeypatch, {"XDG_DATA_HOME": None, "XDG_STATE_HOME": None, "HOME": None})
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: relative)
    with pytest.raises(RuntimeError, match="home directory"):
        data_dir()


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_ask_platformdirs(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: Path("/asked/data"))
    monkeypatch.setattr(platformdirs, "user_log_path", lambda *a, **k: Path("/asked/log"))
    assert data_dir() == Path("/asked/data")
    assert log_dir() == Path("/asked/log")


def test_what_may_be_android_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setenv("ANDROID_ROOT", "/system")
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: Path("/asked/data"))
    monkeypatch.setattr(platformdirs, "user_log_path", lambda *a, **k: Path("/asked/log"))
    assert data_dir() == Path("/asked/data")
    assert log_dir() == Path("/asked/log")


def test_rrb_log_dir_wins(tmp_path: Path) -> None:
    assert log_dir({paths.LOG_DIR_ENV: str(tmp_path)}) == tmp_path


ASK_FOR_BOTH = """
import sys
from rrb_desktop.paths import data_dir, log_dir, default_database_path
print(data_dir(), log_dir({}), default_database_path(), sep="\\n")
print("platformdirs" in sys.modules)
"""


@linux_only
def test_asking_for_the_folders_does_not_import_platformdirs(tmp_path: Path) -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("XDG_") and name != paths.LOG_DIR_ENV
    }
    environment["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", ASK_FOR_BOTH],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data, log, database, imported = result.stdout.splitlines()
    assert data == str(tmp_path / ".local" / "share" / "rrb-desktop")
    assert log == str(tmp_path / ".local" / "state" / "rrb-desktop" / "log")
    assert database == str(tmp_path / ".local" / "share" / "rrb-desktop" / "rrb.sqlite3")
    assert imported == "False"
