"""Alembic environment: migrations run against the engine the app hands over.

``render_as_batch`` lets later migrations alter SQLite tables (SQLite cannot ALTER most
things in place); FTS5 virtual tables and their shadow tables are kept out of autogenerate
because Alembic cannot describe them and would try to drop them.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from models.database import include_in_autogenerate
from models.entities import Base


def run_migrations() -> None:
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run migrations through models.database.upgrade_to_head")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=include_in_autogenerate,
            compare_type=True,
        )
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            # Foreign keys are off while batch mode rebuilds tables (models/database.py);
            # a migration that broke a reference must not commit.
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the upgrade would break references: {broken[:3]}")


run_migrations()
