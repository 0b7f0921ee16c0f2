"""Moving an archive between databases: SQLite to PostgreSQL and back.

Every row of every table the models declare is copied with its id, so links (carry-over
chains, owners, the meeting an action came from) and the ids people quote stay as they
were; the target's triggers rebuild its own search index. A text longer than its column
(an SQLite archive could store a name of 312 characters in a column of 300 before the app
held every write to the columns' lengths, models.text_limits) is refused before anything is
written, naming the meeting and the field, rather than met as PostgreSQL's error halfway.
The whole copy is one transaction on the target: it is all there, or nothing is. Afterwards
the counts and the answers to a few searches are compared, so a copy that differs is
reported, not trusted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import String, Table, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from models.database import Database
from models.entities import Action, AgendaItem, Base, Meeting
from models.search import search
from models.text_limits import field_label

BATCH = 1000
SAMPLE_SEARCHES = 5
_LONG_WORD = re.compile(r"[^\W\d_]{7,}")


class CopyError(Exception):
    """The copy was refused or did not check out; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class CopyReport:
    rows: dict[str, int]  # table -> rows copied
    searches: tuple[str, ...]  # the words whose results were compared


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def row_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in _tables()
        }


def _self_references(table: Table) -> list[str]:
    """Columns pointing at the same table (an action carried from an earlier one): copied
    in a second pass, so a row may point at one with a higher id."""
    return [key.parent.name for key in table.foreign_keys if key.column.table is table]


def _copy_table(source: Session, target: Session, table: Table) -> int:
    later = _self_references(table)
    primary = [column.name for column in table.primary_key.columns]
    rows = source.execute(select(table).order_by(*table.primary_key.columns)).mappings()
    copied = 0
    links: list[dict[str, object]] = []
    batch: list[dict[str, object]] = []
    for row in rows:
        values = dict(row)
        if later and any(values[name] is not None for name in later):
            links.append({name: values[name] for name in [*primary, *later]})
            values.update(dict.fromkeys(later))
        batch.append(values)
        if len(batch) >= BATCH:
            target.execute(insert(table), batch)
            copied += len(batch)
            batch = []
    if batch:
        target.execute(insert(table), batch)
        copied += len(batch)
    for link in links:
        key = [table.c[name] == link[name] for name in primary]
        target.execute(update(table).where(*key).values({name: link[name] for name in later}))
    return copied


def _restart_ids(target: Session, table: Table) -> None:
    """PostgreSQL's id sequences do not see explicit ids: move them past the copied ones."""
    if "id" not in table.c or target.get_bind().dialect.name != "postgresql":
        return
    target.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
        ),
        {"table": table.name},
    )


def _where(session: Session, table: Table, row: dict[str, object]) -> str:
    """Where a row is, as a person finds it in the window: its meeting when it has one."""
    meeting_id = row.get("id") if table.name == Meeting.__tablename__ else row.get("meeting_id")
    if meeting_id is None and row.get("action_id") is not None:
        meeting_id = session.scalar(select(Action.meeting_id).where(Action.id == row["action_id"]))
    if meeting_id is None:
        key = ", ".join(str(row[column.name]) for column in table.primary_key.columns)
        return f"{table.name.replace('_', ' ')} {key}"
    date = session.scalar(select(Meeting.date).where(Meeting.id == meeting_id))
    return f"meeting {meeting_id} of {date}"


def refuse_too_long(db: Database) -> None:
    """CopyError naming the first text of ``db`` longer than its column is declared, which
    PostgreSQL would refuse (and SQLite may hold); one scan of each table that has such a
    column."""
    with db.read() as session:
        for table in _tables():
            limited = [
                (column, column.type.length)
                for column in table.columns
                if isinstance(column.type, String) and isinstance(column.type.length, int)
            ]
            if not limited:
                continue
            found = (
                session.execute(
                    select(table)
                    .where(or_(*(func.length(column) > length for column, length in limited)))
                    .limit(1)
                )
                .mappings()
                .first()
            )
            if found is None:
                continue
            row = dict(found)
            column, length = next(
                (column, length)
                for column, length in limited
                if len(str(row[column.name] or "")) > length
            )
            raise CopyError(
                f"{db.describe()}: {_where(session, table, row)}: its"
                f" {field_label(column.name).lower()} is {len(str(row[column.name])):,}"
                f" characters; the limit is {length:,}. Shorten it in the window, then copy"
                " again"
            )


def sample_words(db: Database) -> list[str]:
    """A few long words from the newest meetings' notes: searches to compare."""
    with db.read() as session:
        notes = session.scalars(
            select(AgendaItem.title + " " + AgendaItem.notes)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .order_by(Meeting.date.desc(), AgendaItem.id)
            .limit(50)
        ).all()
    counts = Counter(word.lower() for body in notes for word in _LONG_WORD.findall(body))
    return sorted(counts, key=lambda word: (-counts[word], word))[:SAMPLE_SEARCHES]


def copy_archive(source: Database, target: Database, *, replace: bool = False) -> CopyReport:
    """Copy everything from ``source`` into ``target`` and check the result.

    A target that holds any row is refused unless ``replace``, which empties it first
    (inside the same transaction, so a failed copy leaves it as it was).
    """
    tables = _tables()
    refuse_too_long(source)
    existing = sum(row_counts(target).values())
    if existing and not replace:
        raise CopyError(
            f"{target.describe()}: the target already holds {existing} rows; "
            "copy into an empty database, or add --force to replace its contents"
        )
    copied: dict[str, int] = {}
    with source.read() as reading, target.begin() as writing:
        for table in reversed(tables):
            writing.execute(delete(table))
        for table in tables:
            copied[table.name] = _copy_table(reading, writing, table)
            _restart_ids(writing, table)
    counts = row_counts(target)
    if counts != copied or counts != row_counts(source):
        differing = sorted(name for name in counts if counts[name] != copied.get(name))
        raise CopyError(
            f"{target.describe()}: copied, but the row counts differ ({', '.join(differing)})"
        )
    words = sample_words(source)
    for word in words:
        before = [hit.meeting_id for hit in search(source, word, limit=None)]
        after = [hit.meeting_id for hit in search(target, word, limit=None)]
        if sorted(before) != sorted(after):
            raise CopyError(
                f"{target.describe()}: copied, but searching for {word!r} finds "
                f"{len(after)} meetings there and {len(before)} in the source"
            )
    return CopyReport(rows=copied, searches=tuple(words))
