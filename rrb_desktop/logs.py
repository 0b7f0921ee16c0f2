"""The log file the window and the command line both write to, rotated so it never grows.

When something goes wrong on a secretary's laptop, the log is what support asks for: the
window's unexpected errors (with their traceback, which the user never sees), Qt's own
warnings and every CLI command. Logging must never stop the app: a folder that cannot be
written leaves the app running, logging to stderr only.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import Final

from rrb_desktop.paths import log_dir

LOG_FILE_NAME: Final = "rrb-desktop.log"
MAX_BYTES: Final = 1_000_000
BACKUP_COUNT: Final = 5  # rrb-desktop.log.1 ... .5: a few weeks of ordinary use
LOG_FORMAT: Final = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class _OurHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so configuring again replaces it."""


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the root logger to the rotating log file; returns the file, or None if the log
    folder cannot be written (then the messages go to stderr as Python's default does).

    Two processes (the window and a CLI import) may share the file: each line names its
    process, and a rotation by one is harmless to the other on POSIX.
    """
    close_logging()
    root = logging.getLogger()
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _OurHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as error:
        logging.basicConfig(level=level, format=LOG_FORMAT)
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, error)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic lists its plugins at every start; the migrations it runs are worth keeping.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return path


def close_logging() -> None:
    """Close the log file this module opened (at exit, and between tests)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(handler)
        handler.close()
