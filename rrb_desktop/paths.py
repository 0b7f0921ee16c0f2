"""Where the app keeps its data, and how the user's choice of database is resolved.

``platformdirs`` (which loads tempfile, shutil, random, bz2 and lzma) is imported by the
functions that ask it, not with this module: a command given ``--db`` (or
``RRB_DATABASE_URL``) with ``RRB_LOG_DIR`` set never asks it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from models.backups import RotationPolicy

APP_NAME = "rrb-desktop"
DATABASE_ENV = "RRB_DATABASE_URL"
LOG_DIR_ENV = "RRB_LOG_DIR"


def data_dir() -> Path:
    import platformdirs  # noqa: PLC0415 (loaded only when asked, see the module's docstring)

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``RRB_LOG_DIR`` if set (tests, a managed desktop), else the platform's user log folder:
    ``~/.local/state/rrb-desktop/log`` on Linux, ``~/Library/Logs/rrb-desktop`` on macOS,
    ``%LOCALAPPDATA%\\rrb-desktop\\Logs`` on Windows."""
    if environ.get(LOG_DIR_ENV):
        return Path(environ[LOG_DIR_ENV])
    import platformdirs  # noqa: PLC0415 (loaded only when asked, see the module's docstring)

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


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
