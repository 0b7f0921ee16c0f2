"""The user's settings, typed, in one place: window layout, remembered folders, the archive's
filters, the export template and logo, the last Actions choice of each layout, and the meeting
to reopen.

Every key and its type live here, so a widget asks for ``settings.export_folder`` (a
:class:`~pathlib.Path`) instead of spelling ``"export/folder"`` and checking what QSettings
handed back. The module does not import Qt: :class:`Settings` reads and writes through any
:class:`SettingsBackend`, which ``QSettings`` is (the app passes one) and :class:`MemorySettings`
is (for tests and tools). A value that cannot be read, from an older version or edited by
hand, counts as unset: the window must start whatever is in the file.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

import platformdirs

from exporters.options import DEFAULT_LOGO_ALT_TEXT, ActionsMode, ExportOptions
from models.connection import DEFAULT_PORT, ServerSettings
from models.enums import LayoutStyle, MeetingStatus
from models.errors import DatabaseOpenError

if TYPE_CHECKING:
    from models.services import MeetingSummary

NEWEST_FIRST: Final = "newest"
OLDEST_FIRST: Final = "oldest"
# Byte strings (window geometry, splitter state) are stored as Base64 text: the same in
# every settings format, and readable in the file. An older version stored QByteArray.
_BASE64_PREFIX: Final = "base64:"


class SettingsBackend(Protocol):
    """The part of ``QSettings`` the settings use."""

    def value(self, key: str, /) -> object: ...

    def setValue(self, key: str, value: object, /) -> None: ...

    def sync(self) -> None: ...


class ByteArrayLike(Protocol):
    """A ``QByteArray`` (what ``saveGeometry()`` returns), without importing Qt."""

    def data(self) -> bytes | bytearray | memoryview: ...


class MemorySettings:
    """A backend in a dict: nothing read from or written to disk."""

    def __init__(self, values: dict[str, object] | None = None) -> None:
        self.values: dict[str, object] = dict(values or {})

    def value(self, key: str, /) -> object:
        return self.values.get(key)

    def setValue(self, key: str, value: object, /) -> None:
        self.values[key] = value

    def sync(self) -> None:
        """Nothing to write."""


@dataclass(frozen=True, slots=True)
class ArchiveFilter:
    """What the archive's filter bar asks for; None means "all". Remembered as it changes."""

    board: str | None = None  # the board's name
    year: int | None = None
    status: MeetingStatus | None = None
    newest_first: bool = True

    @property
    def narrows(self) -> bool:
        """Whether some meetings may be left out (the order leaves none out)."""
        return self.board is not None or self.year is not None or self.status is not None

    def accepts(self, summary: MeetingSummary) -> bool:
        return (
            (self.board is None or summary.board_name == self.board)
            and (self.year is None or summary.date.year == self.year)
            and (self.status is None or summary.status is self.status)
        )


def documents_folder() -> Path:
    """Where files go when the user never chose a folder: Documents, else home.

    A fresh account may have no Documents folder at all, and a file dialog opened on a
    folder that does not exist fails on some platforms.
    """
    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else Path.home()


class Settings:
    """Typed access to the stored settings; each setter writes through at once."""

    def __init__(self, backend: SettingsBackend) -> None:
        self._backend = backend

    def sync(self) -> None:
        """Write to disk now (QSettings otherwise writes at its own pace)."""
        self._backend.sync()

    # --- window layout ---------------------------------------------------------------------

    def geometry(self, window: str) -> bytes:
        """``saveGeometry()`` of a window (``"window"``, ``"action_log"``); empty if unset."""
        return self._bytes(f"{window}/geometry")

    def set_geometry(self, window: str, geometry: bytes | ByteArrayLike) -> None:
        self._set_bytes(f"{window}/geometry", geometry)

    def splitter_state(self, name: str) -> bytes:
        """``saveState()`` of a splitter (``"splitter"``, ``"agenda_splitter"``)."""
        return self._bytes(f"window/{name}")

    def set_splitter_state(self, name: str, state: bytes | ByteArrayLike) -> None:
        self._set_bytes(f"window/{name}", state)

    @property
    def preview_visible(self) -> bool:
        return _as_bool(self._backend.value("window/preview"))

    @preview_visible.setter
    def preview_visible(self, visible: bool) -> None:
        self._backend.setValue("window/preview", visible)

    # The place to come back to is remembered per archive (``Database.archive_key``):
    # another archive's meeting 3 is not this one's. A value an older version kept for all
    # archives alike (``editor/last_meeting``) is not read.

    def last_meeting_id(self, archive: str) -> int | None:
        """The meeting of ``archive`` open when the window last closed (or crashed) on it:
        reopened at start."""
        return _as_int(self._backend.value(f"editor/{archive}/last_meeting"))

    def set_last_meeting_id(self, archive: str, meeting_id: int | None) -> None:
        value = "" if meeting_id is None else meeting_id
        self._backend.setValue(f"editor/{archive}/last_meeting", value)

    def last_item_id(self, archive: str) -> int | None:
        """The agenda item of ``archive`` being typed into when the window closed (or
        crashed)."""
        return _as_int(self._backend.value(f"editor/{archive}/last_item"))

    def set_last_item_id(self, archive: str, item_id: int | None) -> None:
        self._backend.setValue(f"editor/{archive}/last_item", "" if item_id is None else item_id)

    # --- remembered folders ----------------------------------------------------------------

    @property
    def import_folder(self) -> Path:
        """The folder of the last import if it still exists, else :func:`documents_folder`."""
        return self._folder("import/folder")

    @import_folder.setter
    def import_folder(self, folder: Path) -> None:
        self._backend.setValue("import/folder", str(folder))

    @property
    def export_folder(self) -> Path:
        """The folder of the last export (a note or the action log), else Documents."""
        return self._folder("export/folder")

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self._backend.setValue("export/folder", str(folder))

    # --- export options --------------------------------------------------------------------

    @property
    def export_options(self) -> ExportOptions:
        """The template and logo chosen in File > Settings (ours when none was chosen)."""
        alt_text = _as_text(self._backend.value("export/logo_alt_text"))
        return ExportOptions(
            template=self._path("export/template"),
            logo=self._path("export/logo"),
            logo_alt_text=alt_text or DEFAULT_LOGO_ALT_TEXT,
        )

    @export_options.setter
    def export_options(self, options: ExportOptions) -> None:
        self._backend.setValue("export/template", str(options.template or ""))
        self._backend.setValue("export/logo", str(options.logo or ""))
        self._backend.setValue("export/logo_alt_text", options.logo_alt_text)
        self._backend.sync()

    # How actions print is remembered per layout: each layout has its own default (the 2019
    # record prints them under each item, the later notes none), so "in one list at the end"
    # chosen for a 2025 note must not override the 2019 record's own way.

    def export_actions(self, layout: LayoutStyle) -> ActionsMode | None:
        """The Actions choice of the last export in ``layout`` (None: as the layout's
        published notes, also when never exported or unreadable)."""
        try:
            return ActionsMode(_as_text(self._backend.value(f"export/actions/{layout.value}")))
        except ValueError:
            return None

    def set_export_actions(self, layout: LayoutStyle, actions: ActionsMode | None) -> None:
        self._backend.setValue(f"export/actions/{layout.value}", actions.value if actions else "")

    # --- the shared archive ----------------------------------------------------------------

    @property
    def server(self) -> ServerSettings | None:
        """The shared archive the window opens when no ``--db`` or ``RRB_DATABASE_URL`` is
        given (None: the archive file on this computer). The password is not here: it is
        in the keyring (models.connection)."""
        if not _as_bool(self._backend.value("server/enabled")):
            return None
        return self.saved_server

    @property
    def saved_server(self) -> ServerSettings | None:
        """The server last entered in File > Settings, used or not (the dialog shows it)."""
        try:
            return ServerSettings(
                host=_as_text(self._backend.value("server/host")),
                user=_as_text(self._backend.value("server/user")),
                database=_as_text(self._backend.value("server/database")) or "rrb",
                port=_as_int(self._backend.value("server/port")) or DEFAULT_PORT,
                sslmode=_as_text(self._backend.value("server/sslmode")) or "prefer",
            )
        except DatabaseOpenError:  # nothing entered, or edited by hand into nonsense
            return None

    def set_server(self, server: ServerSettings | None, *, enabled: bool) -> None:
        """Keep the server's settings (``enabled``: open it at the next start)."""
        self._backend.setValue("server/enabled", enabled and server is not None)
        if server is not None:
            self._backend.setValue("server/host", server.host)
            self._backend.setValue("server/port", server.port)
            self._backend.setValue("server/database", server.database)
            self._backend.setValue("server/user", server.user)
            self._backend.setValue("server/sslmode", server.sslmode)
        self._backend.sync()

    # --- the archive's filters -------------------------------------------------------------

    @property
    def archive_filter(self) -> ArchiveFilter:
        """The filters as last left; anything unreadable counts as "all"."""
        return ArchiveFilter(
            board=_as_text(self._backend.value("archive/board")) or None,
            year=_as_int(self._backend.value("archive/year")),
            status=_as_status(self._backend.value("archive/status")),
            newest_first=_as_text(self._backend.value("archive/order")) != OLDEST_FIRST,
        )

    @archive_filter.setter
    def archive_filter(self, archive_filter: ArchiveFilter) -> None:
        status = archive_filter.status
        self._backend.setValue("archive/board", archive_filter.board or "")
        self._backend.setValue("archive/year", str(archive_filter.year or ""))
        self._backend.setValue("archive/status", status.value if status else "")
        order = NEWEST_FIRST if archive_filter.newest_first else OLDEST_FIRST
        self._backend.setValue("archive/order", order)

    # --- conversions -----------------------------------------------------------------------

    def _bytes(self, key: str) -> bytes:
        value = self._backend.value(key)
        if isinstance(value, str) and value.startswith(_BASE64_PREFIX):
            try:
                return base64.b64decode(value.removeprefix(_BASE64_PREFIX), validate=True)
            except binascii.Error:
                return b""
        if isinstance(value, bytes | bytearray):
            return bytes(value)
        data = getattr(value, "data", None)  # a QByteArray written by an older version
        raw = data() if callable(data) else None
        return bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""

    def _set_bytes(self, key: str, value: bytes | ByteArrayLike) -> None:
        raw = value if isinstance(value, bytes) else bytes(value.data())
        self._backend.setValue(key, _BASE64_PREFIX + base64.b64encode(raw).decode("ascii"))

    def _path(self, key: str) -> Path | None:
        text = _as_text(self._backend.value(key))
        return Path(text) if text else None

    def _folder(self, key: str) -> Path:
        folder = self._path(key)
        return folder if folder is not None and folder.is_dir() else documents_folder()


def _as_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _as_bool(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(_as_text(value))
    except ValueError:
        return None


def _as_status(value: object) -> MeetingStatus | None:
    try:
        return MeetingStatus(_as_text(value))
    except ValueError:
        return None
