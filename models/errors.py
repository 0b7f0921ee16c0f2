"""The errors the models raise to the window and the command line, in plain Python.

Kept apart from the modules that raise them (``models.database``, ``models.services``,
``models.edits``) so that what catches them need not import SQLAlchemy: the window's first
screen is drawn before SQLAlchemy loads (``rrb_desktop.app``), and its widgets catch these.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # typing's, without loading typing at run time (mypy takes it as True)
if TYPE_CHECKING:
    from sqlalchemy.exc import SQLAlchemyError


class DatabaseOpenError(Exception):
    """The database cannot be opened or brought up to date; the message is for the user.

    ``damaged_file`` names an archive file that is (or may be) broken, so the caller can
    offer its newest good backup; None for every other reason.
    """

    def __init__(self, message: str, *, damaged_file: Path | None = None) -> None:
        super().__init__(message)
        self.damaged_file = damaged_file


class StorageError(Exception):
    """A read or write failed in the database itself (disk full, file locked, read-only).

    Callers above ``models`` catch this one domain error instead of SQLAlchemy's, so the
    window need not know which database library is underneath. ``reason`` is one line.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @classmethod
    def from_sqlalchemy(cls, error: SQLAlchemyError) -> StorageError:
        original = getattr(error, "orig", None) or error
        text = str(original).strip()
        return cls(text.splitlines()[0] if text else type(error).__name__)


def reason_of(error: Exception) -> str:
    """Why a read or an edit failed, for a sentence shown to the user: a storage error's
    one-line reason, any other error's own text (``meeting 7 does not exist``)."""
    return error.reason if isinstance(error, StorageError) else str(error)


class NotFoundError(LookupError):
    """The meeting or item asked for is not in the database (deleted meanwhile, or a bad ID)."""


class UnknownNamesError(LookupError):
    """A filter's board or owner names nothing in the archive: a typo must be said, not
    answered with an empty log that reads as "no actions". ``names`` maps "board" and
    "owner" to the text given for each that names nothing (``{"board": "XYZ"}``)."""

    def __init__(self, names: dict[str, str]) -> None:
        super().__init__(", ".join(f"no {what} {name}" for what, name in names.items()))
        self.names = names


class ValidationError(ValueError):
    """An edit that would make the record wrong; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class StaleEditError(RuntimeError):
    """The meeting changed since the caller read it (another window or program saved first)."""
