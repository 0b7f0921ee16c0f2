"""Connecting to a shared archive on a PostgreSQL server: settings, password, role.

The settings a secretary gives (server, port, database, user, TLS mode) make a URL with no
password in it, so the URL can be kept in a settings file and shown in messages. The
password lives in the operating system's keyring (the ``keyring`` library: Keychain,
Windows Credential Locker, Secret Service) under the URL's ``user@host:port/database``,
and reaches only the database driver (``Database(url, password=...)``).

Whether the user may edit is the database role's business, not the app's: a role granted
SELECT only gets a read-only window (``may_edit``), never a failed save.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.errors import DatabaseOpenError

if TYPE_CHECKING:
    from models.database import Database

# SQLAlchemy is imported where a URL is made or read, not here: the window's settings know
# this module, and its first screen is drawn before SQLAlchemy loads (rrb_desktop.app).

KEYRING_SERVICE = "rrb-desktop"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_PORT = 5432


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What the settings dialog asks for; ``url`` is what ``--db`` would take."""

    host: str
    user: str
    database: str = "rrb"
    port: int = DEFAULT_PORT
    sslmode: str = "prefer"

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise DatabaseOpenError("the server address is empty")
        if not self.user.strip():
            raise DatabaseOpenError("the user name is empty")
        if self.sslmode not in SSL_MODES:
            raise DatabaseOpenError(
                f"sslmode must be one of {', '.join(SSL_MODES)}, not {self.sslmode}"
            )
        if not 0 < self.port < 65536:
            raise DatabaseOpenError(f"the port must be between 1 and 65535, not {self.port}")

    @property
    def url(self) -> str:
        from sqlalchemy.engine import URL  # noqa: PLC0415 (see the imports)

        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            host=self.host.strip(),
            port=self.port,
            database=self.database,
            query={"sslmode": self.sslmode},
        ).render_as_string(hide_password=False)

    @classmethod
    def from_url(cls, url: str) -> ServerSettings:
        from sqlalchemy.engine import make_url  # noqa: PLC0415 (see the imports)

        parsed = make_url(url)
        sslmode = parsed.query.get("sslmode", "prefer")
        return cls(
            host=parsed.host or "",
            user=parsed.username or "",
            database=parsed.database or "rrb",
            port=parsed.port or DEFAULT_PORT,
            sslmode=sslmode if isinstance(sslmode, str) else sslmode[0],
        )


def keyring_account(url: str) -> str:
    """The keyring's name for a server login: ``user@host:port/database``."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415 (see the imports)

    parsed = make_url(url)
    return (
        f"{parsed.username or ''}@{parsed.host or 'localhost'}:{parsed.port or DEFAULT_PORT}"
        f"/{parsed.database or ''}"
    )


def password_for(url: str) -> str | None:
    """The stored password of this login, or None (none stored, or no usable keyring).

    No keyring (a headless server, say) is not an error: libpq's own ``~/.pgpass`` and
    ``PGPASSWORD`` still apply, and a missing password is reported by the server.
    """
    try:
        import keyring  # noqa: PLC0415 (loads the platform's backend; only for servers)
    except ImportError:  # installed without the [postgres] extra
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_account(url))
    # KeyringError (no keyring at all), or a backend's own failure (no D-Bus session, a
    # locked store): the server will say if a password was needed.
    except Exception:
        return None


def store_password(url: str, password: str) -> None:
    """Keep the password in the keyring; DatabaseOpenError (one line) if there is none."""
    try:
        import keyring  # noqa: PLC0415
        from keyring.errors import KeyringError  # noqa: PLC0415
    except ImportError:
        raise DatabaseOpenError(
            "cannot keep the password: the keyring library is not installed"
            " (pip install 'rrb-desktop[postgres]')"
        ) from None

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_account(url), password)
    except KeyringError as error:
        raise DatabaseOpenError(f"cannot keep the password in the keyring ({error})") from None


def forget_password(url: str) -> None:
    import keyring  # noqa: PLC0415
    from keyring.errors import KeyringError, PasswordDeleteError  # noqa: PLC0415

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, keyring_account(url))


# The tables a save writes; a role lacking any of these rights gets a read-only window.
_EDITED_TABLES = ("meeting", "agenda_item", "action", "action_owner", "attendance", "organisation")


def may_edit(db: Database) -> bool:
    """Whether this connection's role may save meetings (always True on SQLite).

    Asked of the server once at start, so the window can open read-only with a banner
    ("your role may only read this archive") instead of failing on the first keystroke.
    """
    if db.dialect != "postgresql":
        return True
    checks = " AND ".join(
        f"has_table_privilege('{table}', 'INSERT,UPDATE,DELETE')" for table in _EDITED_TABLES
    )
    from sqlalchemy import text  # noqa: PLC0415 (see the imports)

    with db.read() as session:
        return bool(session.execute(text(f"SELECT {checks}")).scalar())
