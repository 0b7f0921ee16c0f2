"""Make a synthetic archive of board meetings for the benchmarks.

Realistic sizes, per the archive issue: 10,000 meetings by default, each with 6 agenda items
of 300-2,000 words, 15 attendees and 8 actions, across three boards, with carry-over chains.
Rows go in with SQLAlchemy Core in large batches (the ORM would take an hour); the FTS
triggers index them as they go, exactly as in real use.

    python benchmarks/generate_archive.py --out /tmp/archive.sqlite3 [--meetings 10000]
    python benchmarks/generate_archive.py --out postgresql+psycopg://USER@HOST/EMPTY_DATABASE
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import services  # noqa: E402 (after the path is set)
from models.database import Database  # noqa: E402
from models.entities import (  # noqa: E402
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Organisation,
)
from models.enums import (  # noqa: E402
    ActionStatus,
    AttendanceStatus,
    LayoutStyle,
    MeetingMode,
    MeetingStatus,
)

BOARDS = [
    ("Reducing Reoffending Board", "RRB"),
    ("London Criminal Justice Board", "LCJB"),
    ("Violence Reduction Partnership", "VRP"),
]
ORGANISATIONS = [
    ("Mayor's Office for Policing and Crime", "MOPAC"), ("London Probation", "LP"),
    ("Metropolitan Police Service", "MPS"), ("Department for Work and Pensions", "DWP"),
    ("NHS England", "NHSE"), ("Greater London Authority", "GLA"), ("London Prison Group", "LPG"),
    ("Clinks", "Clinks"), ("Youth Justice Board", "YJB"), ("London Councils", "LC"),
    ("Ministry of Justice", "MoJ"), ("His Majesty's Prison and Probation Service", "HMPPS"),
    ("Crown Prosecution Service", "CPS"), ("HM Courts and Tribunals Service", "HMCTS"),
    ("London Borough of Camden", "LBC"), ("London Borough of Haringey", "LBH"),
    ("London Borough of Lambeth", "LBL"), ("London Borough of Southwark", "LBS"),
    ("St Mungo's", "SM"), ("New Futures Network", "NFN"), ("Nacro", "Nacro"),
    ("Catch22", "C22"), ("Revolving Doors", "RD"), ("Public Health England", "PHE"),
    ("Victim Support", "VS"), ("London Fire Brigade", "LFB"), ("British Transport Police", "BTP"),
    ("City of London Police", "CoLP"), ("Home Office", "HO"), ("Department for Education", "DfE"),
]  # fmt: skip
_VOCABULARY_TEXT = (
    "partners probation prison release accommodation employment housing board discussed "
    "highlighted noted agreed action update pilot evaluation data women young people "
    "custody community sentence order funding commissioning service provision support "
    "outcome reoffending rate London borough team colocation co-location workshop question "
    "barrier access referral pathway assessment treatment mental health substance misuse "
    "strategy plan review progress report presentation slides shared meeting next quarter "
    "deputy mayor police crime justice court victims engagement training staff caseload "
    "risk management continuity care transition resettlement homelessness prevention "
    "benefit universal credit work coach jobcentre education skills digital trust "
    "confidence neurodiversity veterans gambling harms diversion caution tranche cohort"
)
VOCABULARY = _VOCABULARY_TEXT.split()
ACTION_VERBS = [
    "share the findings of the", "review the outcomes of the", "circulate the summary of the",
    "provide an update on the", "map the provision for the", "feed back to the Board on the",
]  # fmt: skip
BATCH = 250


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(VOCABULARY, k=count))


def _notes(rng: random.Random, words: int) -> str:
    """Paragraphs, a bullet list and a sub-heading: the shapes real notes have."""
    body = rng.choices(VOCABULARY, k=words)
    paragraphs, position = [], 0
    while position < len(body):
        size = rng.randint(40, 120)
        paragraphs.append(" ".join(body[position : position + size]).capitalize() + ".")
        position += size
    bullets = "\n".join(f"- {' '.join(rng.choices(VOCABULARY, k=8))}" for _ in range(3))
    heading = f"### {' '.join(rng.choices(VOCABULARY, k=3)).title()}"
    return "\n\n".join([paragraphs[0], heading, *paragraphs[1:], bullets])


def _finish(database: Database) -> None:
    with database.engine.begin() as connection:
        if database.dialect == "sqlite":
            connection.exec_driver_sql("PRAGMA optimize")
            return
        # Explicit ids leave the sequences behind; then fresh statistics for the planner.
        for table in ("board", "organisation", "meeting", "attendance", "agenda_item", "action"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        connection.exec_driver_sql("ANALYZE")


def _open_empty(out: Path | str) -> Database:
    if isinstance(out, Path) and out.exists():
        out.unlink()
    database = Database.open(str(out))
    if services.meeting_count(database):
        sys.exit(f"{database.describe()} is not empty")
    return database


def generate(out: Path | str, meetings: int, seed: int) -> None:
    """Into a new SQLite file, or into an empty PostgreSQL database (``out`` a URL)."""
    rng = random.Random(seed)
    database = _open_empty(out)
    started = time.perf_counter()
    with database.engine.begin() as connection:
        connection.execute(
            insert(Board),
            [{"id": i + 1, "name": n, "abbreviation": a} for i, (n, a) in enumerate(BOARDS)],
        )
        connection.execute(
            insert(Organisation),
            [
                {"id": i + 1, "name": n, "abbreviation": a, "abbreviation_key": a.casefold()}
                for i, (n, a) in enumerate(ORGANISATIONS)
            ],
        )
    first_day = dt.date(1999, 1, 5)
    item_id = action_id = attendance_id = 0
    open_by_board: dict[int, list[int]] = {1: [], 2: [], 3: []}
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    for batch_start in range(0, meetings, BATCH):
        rows: dict[str, list[dict[str, object]]] = {
            "meeting": [], "item": [], "attendance": [], "action": [], "owner": []
        }  # fmt: skip
        for number in range(batch_start, min(batch_start + BATCH, meetings)):
            meeting_id = number + 1
            board_id = number % 3 + 1
            date = first_day + dt.timedelta(days=int(number * 10_000 / max(meetings, 1) * 0.99))
            rows["meeting"].append(
                {
                    "id": meeting_id, "board_id": board_id,
                    "style": rng.choice(list(LayoutStyle)), "title": None, "date": date,
                    "start_time": dt.time(14), "end_time": dt.time(16),
                    "venue": "City Hall, Kamal Chunchie Way, London E16 1ZE",
                    "mode": rng.choice(list(MeetingMode)),
                    "chair_role": "Director of Commissioning",
                    "chair_organisation_id": 1, "theme": _words(rng, 6),
                    "next_meeting_date": date + dt.timedelta(days=90),
                    "status": MeetingStatus.FINAL if number < meetings - 5 else MeetingStatus.DRAFT,
                    "created_at": now, "updated_at": now, "version": 1,
                }
            )  # fmt: skip
            items = []
            for position in range(6):
                item_id += 1
                items.append(item_id)
                rows["item"].append(
                    {
                        "id": item_id, "meeting_id": meeting_id, "position": position,
                        "title": _words(rng, 4).title(),
                        "notes": _notes(rng, rng.randint(300, 2000)),
                        "confidential": position == 3,
                    }
                )  # fmt: skip
            for position, org in enumerate(rng.sample(range(1, len(ORGANISATIONS) + 1), 15)):
                attendance_id += 1
                rows["attendance"].append(
                    {
                        "id": attendance_id, "meeting_id": meeting_id, "organisation_id": org,
                        "person_name": None, "person_role": None, "position": position,
                        "status": (AttendanceStatus.APOLOGIES if position > 12
                                   else AttendanceStatus.PRESENT),
                    }
                )  # fmt: skip
            carried = open_by_board[board_id]
            open_by_board[board_id] = []
            for position in range(8):
                action_id += 1
                carried_from = carried.pop() if carried and position < 2 else None
                recent = number >= meetings - 30
                closed = [ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.ROLLED_OVER]
                status = ActionStatus.OPEN if recent or rng.random() < 0.05 else rng.choice(closed)
                if status is ActionStatus.ROLLED_OVER:
                    open_by_board[board_id].append(action_id)
                rows["action"].append(
                    {
                        "id": action_id, "meeting_id": meeting_id,
                        "agenda_item_id": rng.choice(items), "position": position,
                        "carried_from_id": carried_from, "status": status,
                        "description": f"{rng.choice(ACTION_VERBS)} {_words(rng, 6)}.",
                        "due_date": (date + dt.timedelta(days=rng.choice([30, 60, 90]))
                                     if rng.random() < 0.5 else None),
                    }
                )  # fmt: skip
                for owner_position, org in enumerate(rng.sample(range(1, 11), rng.randint(1, 2))):
                    rows["owner"].append(
                        {"action_id": action_id, "organisation_id": org, "position": owner_position}
                    )
        with database.engine.begin() as connection:
            connection.execute(insert(Meeting), rows["meeting"])
            connection.execute(insert(AgendaItem), rows["item"])
            connection.execute(insert(Attendance), rows["attendance"])
            connection.execute(insert(Action), rows["action"])
            connection.execute(insert(ActionOwner), rows["owner"])
        done = min(batch_start + BATCH, meetings)
        elapsed = time.perf_counter() - started
        print(f"\r{done:>6} meetings, {elapsed:6.1f} s", end="", flush=True)
    print()
    _finish(database)
    database.close()
    if isinstance(out, Path):
        print(f"{out}: {out.stat().st_size / 1e6:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", default="/tmp/rrb-archive.sqlite3", help="a new SQLite file, or a server URL"
    )
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    generate(args.out if "://" in args.out else Path(args.out), args.meetings, args.seed)


if __name__ == "__main__":
    main()
