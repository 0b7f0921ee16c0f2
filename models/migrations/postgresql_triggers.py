"""Search triggers on PostgreSQL, as the migrations (0002, 0004) create and drop them.

Each index source has a SQL function ``rrb_search_reindex_<source>(id)`` that replaces its
index row; each watched table has a row trigger ``<trigger>`` calling a plpgsql function
``rrb_<trigger>()`` whose body says which sources to reindex. The statements go to the
driver as they are (no bind parameters: ``[[:punct:]`` and ``$1`` are not ones).
"""

from __future__ import annotations

from alembic import op


def _execute(statement: str) -> None:
    op.get_bind().exec_driver_sql(statement)


def create_reindex_function(source: str, body: str) -> None:
    _execute(
        f"CREATE FUNCTION rrb_search_reindex_{source}(integer) RETURNS void "
        f"LANGUAGE sql AS $$ {body} $$"
    )


def drop_reindex_function(source: str) -> None:
    _execute(f"DROP FUNCTION IF EXISTS rrb_search_reindex_{source}(integer)")


def create_row_trigger(trigger: str, table: str, events: str, body: str) -> None:
    """``AFTER events ON table FOR EACH ROW``: ``body`` (plpgsql) with ``OLD``/``NEW``."""
    _execute(
        f"CREATE FUNCTION rrb_{trigger}() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN {body} RETURN NULL; END $$"
    )
    _execute(
        f"CREATE TRIGGER {trigger} AFTER {events} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION rrb_{trigger}()"
    )


def drop_row_trigger(trigger: str, table: str) -> None:
    _execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    _execute(f"DROP FUNCTION IF EXISTS rrb_{trigger}()")
