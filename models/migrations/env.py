"""Alembic environment: migrations run against the engine the app hands over.

``render_as_batch`` lets later migrations alter SQLite tables (SQLite cannot ALTER most
things in place); FTS5 virtual tables and their shadow tables are kept out of autogenerate
because Alembic cannot describe them and would try to drop them.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Engine

from models.entities import Base

FTS_PREFIXES = ("search_",)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(FTS_PREFIXES))


def run_migrations() -> None:
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run migrations through models.database.upgrade_to_head")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=include_object,
            compare_type=True,
        )
        context.run_migrations()


run_migrations()
