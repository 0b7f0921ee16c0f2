"""The window's ear on the shared archive: other people's saves, as they happen.

One :class:`LiveUpdates` per window wraps a :class:`models.live.ChangeListener` for the Qt
event loop. A ``QSocketNotifier`` on the listener's socket reads the notices the moment the
server sends them (no thread, no busy loop); a slow timer also reads them, for notices that
arrived while the listener's own connection was busy with a query of ours (psycopg keeps
those aside, and the socket then has nothing more to say). Everything runs in the GUI
thread, so a notice is handled between two key presses, never during one.

A server that stops answering (its socket closes, or a save fails and a probe finds it
gone) puts the window *offline*: ``lost`` is emitted once, and a new listener is tried
after 1, 2, 5, then every 10 seconds. When one connects, the "editing" mark of the open
meeting is set again and ``restored`` is emitted: the window then reads what it missed and
saves what is pending. On SQLite nothing is ever heard and nothing goes offline.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from sqlalchemy import text

from models.errors import StorageError
from models.live import ChangeListener

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

SAFETY_POLL_MS = 1000
"""Also read the notices this often: those psycopg read while we queried (see above)."""
RETRY_MS = (1000, 2000, 5000, 10_000)
"""Waits before each new try to reach a server that stopped answering (the last repeats)."""


class LiveUpdates(QObject):
    """Notices from the server, and whether it can be reached (see the module's docstring)."""

    heard = Signal(list)
    """A list of MeetingNotice, as read in one go (the window's own saves among them)."""
    editors_changed = Signal(int)
    """Someone started or stopped editing this meeting (the window asks ``editors``)."""
    lost = Signal(str)
    """The server stopped answering; the argument says why, in one line."""
    restored = Signal()
    """The server answers again after ``lost``."""

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._editing: int | None = None
        self._tries = 0
        self.offline_reason = ""
        """Why the server cannot be reached ("" while it can)."""
        self._safety = QTimer(self)
        self._safety.setInterval(SAFETY_POLL_MS)
        self._safety.timeout.connect(self.poll)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._reconnect)
        # A window deleted without being closed (a test's, or one its parent takes along)
        # still hangs up: the listener's connection is not left to the garbage collector.
        self._line = _Line()
        self.destroyed.connect(self._line.hang_up)
        if database.dialect == "postgresql":
            self._connect()

    @property
    def active(self) -> bool:
        """Whether there is a server to hear (False on SQLite)."""
        return self._database.dialect == "postgresql"

    @property
    def offline(self) -> bool:
        return bool(self.offline_reason)

    # --- hearing ---------------------------------------------------------------------------

    def _connect(self) -> bool:
        try:
            listener = ChangeListener(self._database)
            if self._editing is not None:
                listener.start_editing(self._editing)
        except StorageError as error:
            self._go_offline(error.reason)
            return False
        self._listener = self._line.listener = listener
        descriptor = listener.fileno()
        if descriptor is not None:
            self._notifier = QSocketNotifier(descriptor, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.poll)
        self._safety.start()
        return True

    def poll(self) -> None:
        """Read what has arrived (never waits) and tell the window."""
        if self._listener is None:
            return
        try:
            notices = self._listener.poll(timeout=0)
        except StorageError as error:
            self._go_offline(error.reason)
            return
        if notices:
            self.heard.emit(notices)
        for notice in notices:
            if notice.event in ("editing", "stopped_editing") and not notice.mine:
                self.editors_changed.emit(notice.meeting_id)

    # --- "someone is editing this meeting" ----------------------------------------------------

    def follow(self, meeting_id: int | None) -> None:
        """The meeting open for editing in this window (None: none): its mark moves with it."""
        if meeting_id == self._editing:
            return
        previous, self._editing = self._editing, meeting_id
        if self._listener is None:
            return  # offline: the mark is set when the server is back
        try:
            if previous is not None:
                self._listener.stop_editing(previous)
            if meeting_id is not None:
                self._listener.start_editing(meeting_id)
        except StorageError as error:
            self._go_offline(error.reason)

    def editors(self, meeting_id: int) -> list[str]:
        """Who else has this meeting open for editing (their database roles)."""
        if self._listener is None:
            return []
        try:
            names = self._listener.editors(meeting_id)
        except StorageError as error:
            self._go_offline(error.reason)
            return []
        QTimer.singleShot(0, self, self.poll)  # notices read with the answer: handled now
        return names

    # --- losing and finding the server ------------------------------------------------------

    def check(self) -> None:
        """A save failed: is the server gone? (A refusal by the server is not a lost server.)"""
        if not self.active or self.offline:
            return
        try:
            with self._database.read() as session:
                session.execute(text("SELECT 1"))
        except StorageError as error:
            self._go_offline(error.reason)

    def _go_offline(self, reason: str) -> None:
        self._hang_up()
        first = not self.offline
        self.offline_reason = reason or "the server did not answer"
        self._retry.start(RETRY_MS[min(self._tries, len(RETRY_MS) - 1)])
        self._tries += 1
        if first:
            log.warning("the server stopped answering: %s", self.offline_reason)
            self.lost.emit(self.offline_reason)

    def _reconnect(self) -> None:
        if not self._connect():
            return
        log.info("the server answers again")
        self.offline_reason = ""
        self._tries = 0
        self.restored.emit()

    def _hang_up(self) -> None:
        self._safety.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._listener = None
        self._line.hang_up()

    def close(self) -> None:
        """The window closes: its marks go, and the others are told."""
        self._retry.stop()
        self._hang_up()


class _Line:
    """The listener, held outside the QObject so that its deletion can still close it."""

    def __init__(self) -> None:
        self.listener: ChangeListener | None = None

    def hang_up(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
