"""The log file the window and the command line both write to, rotated so it never grows.

When something goes wrong on a secretary's laptop, the log is what support asks for: the
window's unexpected errors (with their traceback, which the user never sees), Qt's own
warnings and every CLI command. Logging must never stop the app: a folder that cannot be
written leaves the app running, logging to stderr only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rrb_desktop.paths import log_dir

LOG_FILE_NAME = "rrb-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # rrb-desktop.log.1 ... .5: a few weeks of ordinary use
LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class _OurHandler(logging.FileHandler):
    """The log file, rotated by :class:`logging.handlers.RotatingFileHandler` once it is full.

    Until then it appends as a plain file handler: a command writes a few lines, and
    ``logging.handlers`` (which loads sockets, pickle and queues) took longer to import than
    the rest of its logging; the rotating handler is loaded when a line would fill the file,
    and rotates then as it always did. Being this class also marks the handler this module
    installed, so configuring again replaces it.
    """

    def __init__(self, path: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, encoding="utf-8")
        self._max_bytes = max_bytes
        self._backup_count = backup_count
        self._rotating: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._rotating is None:
            try:
                if self._fills_the_file(record):
                    self._rotate_from_now_on()
            except Exception:  # as logging's own handlers: a failure to log never stops the app
                self.handleError(record)
                return
        if self._rotating is None:
            super().emit(record)
        else:
            self._rotating.emit(record)

    def _fills_the_file(self, record: logging.LogRecord) -> bool:
        """The rotating handler's own test: the file and this line reach ``max_bytes``."""
        if self.stream is None:  # closed meanwhile: reopened, as the file handler would
            self.stream = self._open()
        line = f"{self.format(record)}\n"
        self.stream.seek(0, 2)
        return self.stream.tell() + len(line) >= self._max_bytes

    def _rotate_from_now_on(self) -> None:
        import logging.handlers  # noqa: PLC0415 (loaded only when the file is full, see above)

        if self.stream is not None:
            self.stream.close()
            self.stream = None  # emit goes to the rotating handler from now on
        rotating = logging.handlers.RotatingFileHandler(
            self.baseFilename,
            maxBytes=self._max_bytes,
            backupCount=self._backup_count,
            encoding="utf-8",
        )
        rotating.setFormatter(self.formatter)
        self._rotating = rotating

    def close(self) -> None:
        if self._rotating is not None:
            self._rotating.close()
        super().close()


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
        handler = _OurHandler(path, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT)
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
    """Close the log file this module opened (when configuring again, and between tests)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(handler)
        handler.close()
