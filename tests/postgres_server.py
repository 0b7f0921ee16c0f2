"""A throwaway PostgreSQL server for the test session, from the installed binaries.

``make test`` installs PostgreSQL when it is missing (scripts/ensure-postgresql); here a
cluster is made in a temporary folder with ``initdb`` and started with ``pg_ctl`` on a free
local port, durability switched off (the data is thrown away). PostgreSQL refuses to run as
root, so as root the cluster belongs to the ``postgres`` user and the binaries run as it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg

SUPERUSER = "rrb_test"
# The one role that must give a password (everyone else is trusted): the keyring's tests.
PASSWORD_ROLE = "rrb_password_user"


class PostgresUnavailableError(Exception):
    """No PostgreSQL binaries, or the server did not start; the message says what to do."""


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    if not candidates:
        raise PostgresUnavailableError(
            "PostgreSQL is not installed: run `make test` (it installs it) or "
            "`apt-get install postgresql`"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running throwaway server; ``url(name)`` is a psycopg URL of one of its databases."""

    data_dir: Path
    port: int
    bin_dir: Path
    as_postgres: bool

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            raise PostgresUnavailableError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")

    @classmethod
    def start(cls, base: Path) -> PostgresServer:
        bin_dir = _bin_dir()
        as_postgres = os.geteuid() == 0
        data_dir = base / "data"
        base.mkdir(parents=True, exist_ok=True)
        if as_postgres:
            shutil.chown(base, "postgres", "postgres")
        server = cls(data_dir, _free_port(), bin_dir, as_postgres)
        server._run(
            str(bin_dir / "initdb"),
            "--pgdata",
            str(data_dir),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        hba = data_dir / "pg_hba.conf"
        hba.write_text(f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        server.resume()
        return server

    def resume(self) -> None:
        """Start the server (again, after ``stop``: a test of a server that went away)."""
        base = self.data_dir.parent
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "--pgdata",
            str(self.data_dir),
            "--log",
            str(base / "server.log"),
            "--options",
            options,
            "--wait",
            "start",
        )

    def stop(self, mode: str = "immediate") -> None:
        """``immediate`` (the data is thrown away); ``fast`` when it is started again, since
        with durability off an immediate stop may lose the last commits."""
        self._run(str(self.bin_dir / "pg_ctl"), "--pgdata", str(self.data_dir), "-m", mode, "stop")

    def admin(self, statement: str, database: str = "postgres") -> None:
        """Run statements as the superuser, outside a transaction (CREATE DATABASE)."""
        url = self.url(database).replace("+psycopg", "")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(statement.encode())

    def empty_database(self, name: str) -> None:
        """Every table but Alembic's emptied, ids restarted: a new database, quickly."""
        self.admin(
            "SET lock_timeout = '20s'; DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE ' || "
            "string_agg(format('%I', tablename), ', ') || ' RESTART IDENTITY CASCADE' "
            "FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'); "
            "END $$",
            name,
        )

    def create_database(self, name: str, *, template: str | None = None) -> None:
        copy = f" TEMPLATE {template}" if template else ""
        self.admin(f"CREATE DATABASE {name}{copy}")

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
