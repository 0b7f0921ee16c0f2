"""Where the app keeps its data, and how the user's choice of database is resolved.

The data and log folders are platformdirs' (``user_data_path`` and ``user_log_path`` of
``rrb-desktop``), but on Linux and the other XDG platforms this module works them out itself,
by the rule platformdirs follows there: importing platformdirs loads tempfile, and with it
shutil, random, bz2, lzma and copy (two of them extension libraries loaded from disk), a
noticeable share of a short command such as ``rrb-desktop export`` that every process asking
for its log folder would pay. On Windows and macOS (whose folders come from the system) and
where platformdirs would do something unusual (Android, a home folder nobody can name),
platformdirs is asked, imported then and not with this module.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Mapping
from pathlib import Path

from models.backups import RotationPolicy

APP_NAME = "rrb-desktop"
DATABASE_ENV = "RRB_DATABASE_URL"
LOG_DIR_ENV = "RRB_LOG_DIR"


def data_dir() -> Path:
    """``$XDG_DATA_HOME/rrb-desktop`` or ``~/.local/share/rrb-desktop`` on Linux,
    ``~/Library/Application Support/rrb-desktop`` on macOS, ``%LOCALAPPDATA%\\rrb-desktop``
    on Windows."""
    if (base := _xdg_base("XDG_DATA_HOME", ".local/share")) is not None:
        return Path(base, APP_NAME)
    import platformdirs  # noqa: PLC0415 (loaded only when asked, see the module's docstring)

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``RRB_LOG_DIR`` if set (tests, a managed desktop), else the platform's user log folder:
    ``$XDG_STATE_HOME/rrb-desktop/log`` or ``~/.local/state/rrb-desktop/log`` on Linux,
    ``~/Library/Logs/rrb-desktop`` on macOS, ``%LOCALAPPDATA%\\rrb-desktop\\Logs`` on
    Windows."""
    if environ.get(LOG_DIR_ENV):
        return Path(environ[LOG_DIR_ENV])
    if (base := _xdg_base("XDG_STATE_HOME", ".local/state")) is not None:
        return Path(base, APP_NAME, "log")
    import platformdirs  # noqa: PLC0415 (loaded only when asked, see the module's docstring)

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def _xdg_base(variable: str, under_home: str) -> str | None:
    """The folder platformdirs' XDG rule puts the app's folder in, or None where platformdirs
    must be asked (not an XDG platform, maybe Android, no absolute home folder to be found).

    As platformdirs does (it reads ``os.environ`` too): ``$variable`` only if it is an
    absolute path (a relative or ``~`` one is ignored), else ``under_home`` in ``$HOME``, or
    in the user's home from the password database when ``HOME`` is unset or not absolute.
    """
    if sys.platform in ("win32", "darwin", "ios", "android") or _may_be_android():
        return None
    value = os.environ.get(variable, "")
    if posixpath.isabs(value):
        return value
    home = os.environ.get("HOME")
    if home is None or not posixpath.isabs(home):
        try:
            import pwd  # noqa: PLC0415 (only without a usable HOME; not on every platform)

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):
            return None
        if not posixpath.isabs(home):
            return None
    return f"{home.rstrip('/')}/{under_home}"


def _may_be_android() -> bool:
    """platformdirs' first test for an Android app; platformdirs makes the final call."""
    return hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    )


def default_database_path() -> Path:
    return data_dir() / "rrb.sqlite3"


def resolve_database(
    option: str | None, environ: Mapping[str, str] = os.environ, *, server_url: str | None = None
) -> str:
    """``--db`` wins, then ``RRB_DATABASE_URL``, then (the window only) the shared archive
    chosen in File > Settings, then the file in the user's data folder."""
    if option:
        return option
    if environ.get(DATABASE_ENV):
        return environ[DATABASE_ENV]
    return server_url or str(default_database_path())


BACKUP_DAYS_ENV = "RRB_BACKUP_DAYS"
BACKUP_WEEKS_ENV = "RRB_BACKUP_WEEKS"


def backup_policy(environ: Mapping[str, str] = os.environ) -> RotationPolicy:
    """How many daily and weekly backups stay (``RRB_BACKUP_DAYS``, ``RRB_BACKUP_WEEKS``);
    a value that is not a whole number from 1 to 366 is ignored for the default."""
    default = RotationPolicy()

    def count(name: str, fallback: int) -> int:
        text = environ.get(name, "").strip()
        return int(text) if text.isdigit() and 1 <= int(text) <= 366 else fallback

    return RotationPolicy(
        daily=count(BACKUP_DAYS_ENV, default.daily), weekly=count(BACKUP_WEEKS_ENV, default.weekly)
    )
