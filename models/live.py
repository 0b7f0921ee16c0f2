"""Several secretaries at once: who changed which meeting, and who is editing which.

On PostgreSQL every saved meeting is announced by the database itself (migration 0005:
``NOTIFY rrb_changes`` at commit, with the meeting, its new version and the saver's role),
and a window hears it through a :class:`ChangeListener` on a connection of its own. The
same connection holds the window's "I am editing meeting N" marks, as shared advisory locks:
the server drops them by itself when the window closes, crashes or loses the network, so a
mark never outlives its window. SQLite has one user on one machine: there the listener
hears nothing and nobody else is ever editing, so the window needs no second code path.

Wiring in a window (Qt, in ui/): create one listener per open database; call
:meth:`ChangeListener.poll` when ``fileno()`` becomes readable (``QSocketNotifier``) or from
a timer of a few hundred milliseconds; for each notice that is not ``mine``, refresh the
lists and the action log, and reload the open meeting if it has no unsaved edits (else the
version check of the save reports the conflict). Call :meth:`start_editing` when a meeting
is opened for editing and :meth:`stop_editing` when it is closed, and show
:meth:`editors` ("Jo is editing this meeting") before the first keystroke.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from models.database import Database
from models.errors import StorageError

if TYPE_CHECKING:  # psycopg is installed with the [postgres] extra only
    import psycopg

CHANNEL = "rrb_changes"  # as in migration 0005
# First half of the advisory lock key of an "editing" mark (the meeting id is the second),
# so the app's marks cannot collide with another program's locks on the same server.
EDITING_LOCK_CLASS = 0x52524245  # "RRBE"


@dataclass(frozen=True, slots=True)
class MeetingNotice:
    """Something another window (or this one: ``mine``) did to a meeting.

    ``event`` is "saved" (created or changed), "deleted", "editing" or "stopped_editing";
    ``version`` is the meeting's version after a save (None otherwise), which the window
    compares with the version it holds; ``user`` is the database role of whoever did it.
    """

    meeting_id: int
    event: str
    user: str
    version: int | None
    mine: bool

    def describe(self) -> str:
        verbs = {
            "saved": "changed",
            "deleted": "deleted",
            "editing": "opened for editing",
            "stopped_editing": "closed",
        }
        return f"meeting {self.meeting_id} {verbs.get(self.event, self.event)} by {self.user}"


class ChangeListener:
    """One window's ear on the shared archive, and its "editing" marks.

    Holds a connection of its own (LISTEN needs one that stays open and outside any
    transaction). Server failures surface as :class:`StorageError` with a one-line reason;
    after one, make a new listener when the server is back.
    """

    def __init__(self, db: Database) -> None:
        self._client_id = db.client_id
        self._connection: psycopg.Connection[Any] | None = None
        self._editing: set[int] = set()
        if db.dialect != "postgresql":
            return
        import psycopg  # noqa: PLC0415 (a PostgreSQL URL means the [postgres] extra is there)

        try:
            pooled = db.engine.raw_connection()
        except SQLAlchemyError as error:
            raise StorageError.from_sqlalchemy(error) from error
        connection = pooled.driver_connection
        assert isinstance(connection, psycopg.Connection)  # the dialect is psycopg's
        pooled.detach()  # ours for the window's lifetime, never back in the pool
        connection.rollback()
        connection.autocommit = True
        self._connection = connection
        self._execute(f"LISTEN {CHANNEL}")

    @property
    def active(self) -> bool:
        """False on SQLite: nothing will ever be heard."""
        return self._connection is not None

    def fileno(self) -> int | None:
        """The socket to watch for readability, or None when there is nothing to hear."""
        return None if self._connection is None else self._connection.fileno()

    def poll(self, timeout: float = 0.0) -> list[MeetingNotice]:
        """The notices that arrived, waiting up to ``timeout`` seconds for the first."""
        if self._connection is None:
            return []
        import psycopg  # noqa: PLC0415 (loaded by __init__ already)

        try:
            # Wait for the first (a whole batch read from the socket comes with it; a
            # ``break`` out of the generator would drop the rest of that batch) ...
            arrived = list(self._connection.notifies(timeout=timeout, stop_after=1))
            # ... then whatever else is already there, without waiting again.
            arrived += self._connection.notifies(timeout=0)
            notices = [self._notice(notify.payload) for notify in arrived]
        except psycopg.Error as error:
            raise StorageError(_reason(error)) from error
        return notices

    def _notice(self, payload: str) -> MeetingNotice:
        data = json.loads(payload)
        version = data.get("version")
        return MeetingNotice(
            meeting_id=int(data["meeting"]),
            event=str(data["event"]),
            user=str(data["user"]),
            version=None if version is None else int(version),
            mine=data.get("client") == self._client_id,
        )

    def start_editing(self, meeting_id: int) -> None:
        """Mark the meeting as being edited here, and tell the other windows."""
        if meeting_id not in self._editing:
            self._mark(meeting_id, "pg_advisory_lock_shared", "editing")
            self._editing.add(meeting_id)

    def stop_editing(self, meeting_id: int) -> None:
        """Drop this window's mark (closing the listener drops them all)."""
        if meeting_id in self._editing:
            self._mark(meeting_id, "pg_advisory_unlock_shared", "stopped_editing")
            self._editing.discard(meeting_id)

    def _mark(self, meeting_id: int, function: str, event: str) -> None:
        if self._connection is None:
            return
        payload = json.dumps({"meeting": meeting_id, "event": event, "client": self._client_id})
        self._execute(
            f"SELECT {function}(%s, %s), pg_notify(%s, (%s::jsonb || "
            "jsonb_build_object('user', current_user))::text)",
            (EDITING_LOCK_CLASS, meeting_id, CHANNEL, payload),
        )

    def editors(self, meeting_id: int) -> list[str]:
        """The roles of the other windows that have this meeting open for editing."""
        if self._connection is None:
            return []
        rows = self._execute(
            "SELECT DISTINCT a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid::bigint = %s AND l.objid::bigint = %s "
            "AND l.objsubid = 2 AND l.granted AND l.pid <> pg_backend_pid() ORDER BY 1",
            (EDITING_LOCK_CLASS, meeting_id),
        )
        return [str(row[0]) for row in rows]

    def _execute(self, query: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg  # noqa: PLC0415 (loaded by __init__ already)

        assert self._connection is not None
        try:
            cursor = self._connection.execute(query.encode(), params or None)
            return cursor.fetchall() if cursor.description else []
        except psycopg.Error as error:
            raise StorageError(_reason(error)) from error

    def close(self) -> None:
        """Drop this window's marks, telling the others, and hang up.

        A window that dies without closing loses its marks all the same (the server ends
        its session), only the others are not told until they next ask ``editors``.
        """
        if self._connection is None:
            return
        try:
            for meeting_id in sorted(self._editing):
                self.stop_editing(meeting_id)
        except StorageError:
            pass  # the connection is gone, and the marks with it
        finally:
            self._connection.close()
            self._connection = None


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
