"""Every read and every edit of the record, as units of work.

The window, the command line and the tests all come through here, so a rule (an end time
after the start, an organisation named once whatever its case) holds everywhere. Functions
return plain frozen values, never live ORM rows: the caller may keep them as long as it
likes without a session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.database import Database
from models.edits import StaleEditError, check_version, expecting_version
from models.entities import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Organisation,
    organisation_key,
    utc_now,
)
from models.enums import LayoutStyle, MeetingMode, MeetingStatus
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    OrganisationRef,
)

__all__ = ["StaleEditError"]  # re-exported: callers catch it from here, with the others

DEFAULT_BOARD = BoardRef("Reducing Reoffending Board", "RRB")


class NotFoundError(LookupError):
    """The meeting or item asked for is not in the database (deleted meanwhile, or a bad ID)."""


class ValidationError(ValueError):
    """An edit that would make the record wrong; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# --- plain values handed out -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    date: dt.date
    board_name: str
    board_abbreviation: str
    title: str
    style: LayoutStyle
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    id: int
    position: int
    title: str
    notes: str
    confidential: bool


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """What the editor shows: the details plus the items, with database IDs."""

    id: int
    version: int
    updated_at: dt.datetime
    board: BoardRef
    style: LayoutStyle
    title: str | None
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str
    mode: MeetingMode
    chair_role: str | None
    chair_organisation: str | None  # abbreviation
    theme: str | None
    next_meeting: dt.date | None
    status: MeetingStatus
    agenda: tuple[AgendaItemRow, ...]

    @property
    def display_title(self) -> str:
        return self.title or self.style.default_title


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    name: str
    abbreviation: str


# --- helpers inside a unit of work -----------------------------------------------------------


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return meeting


def mark_edited(meeting: Meeting) -> None:
    """Any edit of a meeting's parts counts as an edit of the meeting (and bumps its version).

    Every service that changes a meeting's attendees, items or actions calls this, so the
    optimistic-locking version and the "updated" time move on whatever was changed; and an
    edit made under :func:`models.edits.expecting_version` is refused here (StaleEditError)
    if the meeting moved on since the edit's caller read it."""
    check_version(meeting)
    meeting.updated_at = utc_now()


def _board(session: Session, ref: BoardRef) -> Board:
    # Boards are few; matching in Python keeps non-ASCII names case-insensitive too.
    wanted = ref.name.strip().casefold()
    board = next(
        (row for row in session.scalars(select(Board)) if row.name.casefold() == wanted), None
    )
    if board is None:
        board = Board(name=ref.name, abbreviation=ref.abbreviation)
        session.add(board)
        session.flush()
    return board


def find_organisation(session: Session, abbreviation: str) -> Organisation | None:
    return session.scalar(
        select(Organisation).where(Organisation.abbreviation_key == organisation_key(abbreviation))
    )


def _organisation(session: Session, ref: OrganisationRef) -> Organisation:
    """The existing organisation with this abbreviation (any case), else a new one."""
    found = find_organisation(session, ref.abbreviation)
    if found is None:
        found = Organisation(name=ref.name, abbreviation=ref.abbreviation)
        session.add(found)
        session.flush()
    return found


def renumber(rows: Sequence[AgendaItem | Attendance | Action]) -> None:
    """Positions follow list order; done by hand so every path leaves them 0..n-1."""
    for position, row in enumerate(rows):
        row.position = position


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError(
            "end", f"The end time {end:%H:%M} is not after the start {start:%H:%M}."
        )


def _move_next_meeting_actions(meeting: Meeting, previous: dt.date | None) -> None:
    """An action due "next meeting" stores that meeting's date (see models.actions), so when
    the date of the next meeting changes, those actions move with it."""
    new = meeting.next_meeting_date
    if previous is None or new is None or new == previous:
        return
    for action in meeting.actions:
        if action.due_date == previous:
            action.due_date = new


def _check_next_meeting(date: dt.date, next_meeting: dt.date | None) -> None:
    if next_meeting is not None and next_meeting <= date:
        raise ValidationError(
            "next_meeting",
            f"The next meeting ({next_meeting:%d %B %Y}) must come after"
            f" this one ({date:%d %B %Y}).",
        )


# --- importing and snapshots -----------------------------------------------------------------


def _add_meeting(session: Session, doc: MeetingDoc) -> Meeting:
    _check_times(doc.start, doc.end)
    _check_next_meeting(doc.date, doc.next_meeting)
    organisations = {
        ref.abbreviation.casefold(): _organisation(session, ref) for ref in doc.organisations
    }

    def org(abbreviation: str) -> Organisation:
        found = organisations.get(abbreviation.casefold())
        if found is None:
            found = _organisation(session, doc.organisation(abbreviation))
            organisations[abbreviation.casefold()] = found
        return found

    meeting = Meeting(
        board=_board(session, doc.board),
        style=doc.style,
        title=doc.title,
        date=doc.date,
        start_time=doc.start,
        end_time=doc.end,
        venue=doc.venue,
        mode=doc.mode,
        chair_role=doc.chair.role if doc.chair else None,
        chair_organisation=org(doc.chair.organisation) if doc.chair else None,
        theme=doc.theme,
        next_meeting_date=doc.next_meeting,
        status=MeetingStatus.DRAFT,
    )
    session.add(meeting)
    for attendee in doc.attendees:
        meeting.attendances.append(
            Attendance(
                organisation=org(attendee.organisation),
                person_name=attendee.name,
                person_role=attendee.role,
                status=attendee.status,
            )
        )
    for item_doc in doc.agenda:
        item = AgendaItem(
            title=item_doc.title, notes=item_doc.notes, confidential=item_doc.confidential
        )
        meeting.agenda_items.append(item)
        for action_doc in item_doc.actions:
            action = Action(
                agenda_item=item,
                description=action_doc.description,
                due_date=action_doc.due,
                status=action_doc.status,
            )
            for owner in action_doc.owners:
                action.owner_links.append(ActionOwner(organisation=org(owner)))
            meeting.actions.append(action)
    session.flush()
    return meeting


def import_meetings(db: Database, docs: Sequence[MeetingDoc]) -> list[int]:
    """Add meetings in one unit of work: all of them, or none if any is refused."""
    with db.begin() as session:
        return [_add_meeting(session, doc).id for doc in docs]


def import_meeting(db: Database, doc: MeetingDoc) -> int:
    return import_meetings(db, [doc])[0]


def load_whole_meeting(session: Session, meeting_id: int) -> Meeting:
    """A meeting with everything in it loaded in a few queries, inside a unit of work."""
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            selectinload(Meeting.board),
            selectinload(Meeting.chair_organisation),
            selectinload(Meeting.attendances).selectinload(Attendance.organisation),
            selectinload(Meeting.agenda_items),
            selectinload(Meeting.actions)
            .selectinload(Action.owner_links)
            .selectinload(ActionOwner.organisation),
        )
    )
    if meeting is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return meeting


def _doc_of(meeting: Meeting) -> MeetingDoc:
    referenced: dict[str, OrganisationRef] = {}

    def ref(org: Organisation) -> str:
        referenced.setdefault(
            org.abbreviation.casefold(), OrganisationRef(org.name, org.abbreviation)
        )
        return org.abbreviation

    attendees = tuple(
        AttendeeDoc(
            organisation=ref(attendance.organisation),
            name=attendance.person_name,
            role=attendance.person_role,
            status=attendance.status,
        )
        for attendance in meeting.attendances
    )
    chair = None
    if meeting.chair_role is not None and meeting.chair_organisation is not None:
        chair = ChairDoc(meeting.chair_role, ref(meeting.chair_organisation))
    item_ids = {item.id for item in meeting.agenda_items}
    actions_by_item: dict[int | None, list[ActionDoc]] = {}
    for action in meeting.actions:
        item_id = action.agenda_item_id if action.agenda_item_id in item_ids else None
        actions_by_item.setdefault(item_id, []).append(
            ActionDoc(
                description=action.description,
                owners=tuple(ref(owner) for owner in action.owners),
                due=action.due_date,
                status=action.status,
            )
        )
    # An action whose item was deleted is printed under the last item (the house style's
    # "next steps" in AOB), or under an item of its own if none is left: never dropped.
    itemless = tuple(actions_by_item.pop(None, ()))
    last_id = meeting.agenda_items[-1].id if meeting.agenda_items else None
    agenda = tuple(
        AgendaItemDoc(
            title=item.title,
            notes=item.notes,
            confidential=item.confidential,
            actions=tuple(actions_by_item.get(item.id, ()))
            + (itemless if item.id == last_id else ()),
        )
        for item in meeting.agenda_items
    )
    if itemless and last_id is None:
        agenda = (AgendaItemDoc(title="Actions", actions=itemless),)
    return MeetingDoc(
        board=BoardRef(meeting.board.name, meeting.board.abbreviation),
        style=meeting.style,
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        venue=meeting.venue,
        mode=meeting.mode,
        chair=chair,
        theme=meeting.theme,
        organisations=tuple(referenced.values()),
        attendees=attendees,
        agenda=agenda,
        next_meeting=meeting.next_meeting_date,
    )


def meeting_doc(db: Database, meeting_id: int) -> MeetingDoc:
    """The whole meeting as a value: what the exporters and the JSON writer take."""
    with db.read() as session:
        return _doc_of(load_whole_meeting(session, meeting_id))


# --- listing ---------------------------------------------------------------------------------


def list_meetings(db: Database) -> list[MeetingSummary]:
    """All meetings, newest first (by meeting date, then most recently created).

    Columns, not ORM objects: on a 10,000-meeting archive building entities took ~0.5 s
    of the window's start.
    """
    with db.read() as session:
        rows = session.execute(
            _summary_columns().order_by(Meeting.date.desc(), Meeting.id.desc())
        ).all()
        return [_summary(row) for row in rows]


def _summary_columns() -> Any:
    return select(
        Meeting.id,
        Meeting.date,
        Board.name,
        Board.abbreviation,
        Meeting.title,
        Meeting.style,
        Meeting.status,
    ).join(Board, Meeting.board_id == Board.id)


def _summary(row: Any) -> MeetingSummary:
    return MeetingSummary(
        id=row[0],
        date=row[1],
        board_name=row[2],
        board_abbreviation=row[3],
        title=row[4] or row[5].default_title,
        style=row[5],
        status=row[6],
    )


def meeting_summary(db: Database, meeting_id: int) -> MeetingSummary:
    """One meeting's line in the archive (one query, whatever the archive's size)."""
    with db.read() as session:
        row = session.execute(_summary_columns().where(Meeting.id == meeting_id)).first()
    if row is None:
        raise NotFoundError(f"meeting {meeting_id} does not exist")
    return _summary(row)


def meeting_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Meeting)) or 0


@dataclass(frozen=True, slots=True)
class BoardRow:
    id: int
    name: str
    abbreviation: str


def list_boards(db: Database) -> list[BoardRow]:
    """Every board, by name (the secretary's own board is usually the only one)."""
    with db.read() as session:
        boards = session.scalars(select(Board))
        rows = [BoardRow(board.id, board.name, board.abbreviation) for board in boards]
    return sorted(rows, key=lambda row: row.name.casefold())


def create_board(db: Database, name: str, abbreviation: str) -> BoardRow:
    """A new board; refused (ValidationError) without a name, or with a name in use."""
    name = " ".join(name.split())
    abbreviation = abbreviation.strip()
    if not name:
        raise ValidationError("board_name", "Type the board's name.")
    if not abbreviation:
        raise ValidationError("board_abbreviation", "Type the board's abbreviation, e.g. RRB.")
    with db.begin() as session:
        if any(row.name.casefold() == name.casefold() for row in session.scalars(select(Board))):
            raise ValidationError("board_name", f"There is already a board called {name}.")
        board = Board(name=name, abbreviation=abbreviation)
        session.add(board)
        session.flush()
        return BoardRow(board.id, board.name, board.abbreviation)


def venues_used(db: Database) -> list[str]:
    """Every venue typed before, the most recently used first, each once."""
    with db.read() as session:
        rows = session.execute(
            select(Meeting.venue, func.max(Meeting.date).label("last"))
            .where(Meeting.venue != "")
            .group_by(Meeting.venue)
            .order_by(func.max(Meeting.date).desc(), Meeting.venue)
        ).all()
    seen: set[str] = set()
    venues = []
    for venue, _last in rows:
        key = " ".join(venue.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            venues.append(venue.strip())
    return venues


def list_organisations(db: Database) -> list[OrganisationRow]:
    with db.read() as session:
        rows = session.scalars(select(Organisation).order_by(func.lower(Organisation.name)))
        return [OrganisationRow(org.id, org.name, org.abbreviation) for org in rows]


# --- the editor's record ---------------------------------------------------------------------


def _record_of(meeting: Meeting) -> MeetingRecord:
    return MeetingRecord(
        id=meeting.id,
        version=meeting.version,
        updated_at=meeting.updated_at,
        board=BoardRef(meeting.board.name, meeting.board.abbreviation),
        style=meeting.style,
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        venue=meeting.venue,
        mode=meeting.mode,
        chair_role=meeting.chair_role,
        chair_organisation=meeting.chair_organisation.abbreviation
        if meeting.chair_organisation
        else None,
        theme=meeting.theme,
        next_meeting=meeting.next_meeting_date,
        status=meeting.status,
        agenda=tuple(
            AgendaItemRow(item.id, item.position, item.title, item.notes, item.confidential)
            for item in meeting.agenda_items
        ),
    )


def meeting_record(db: Database, meeting_id: int) -> MeetingRecord:
    """What the editor needs to show a meeting: its details and its items, nothing more
    (attendees and actions have their own queries), since this runs on every open."""
    with db.read() as session:
        meeting = session.scalar(
            select(Meeting)
            .where(Meeting.id == meeting_id)
            .options(
                selectinload(Meeting.board),
                selectinload(Meeting.chair_organisation),
                selectinload(Meeting.agenda_items),
            )
        )
        if meeting is None:
            raise NotFoundError(f"meeting {meeting_id} does not exist")
        return _record_of(meeting)


def create_meeting(
    db: Database,
    *,
    date: dt.date,
    board: BoardRef = DEFAULT_BOARD,
    style: LayoutStyle = LayoutStyle.PUBLIC_NOTE,
    mode: MeetingMode = MeetingMode.IN_PERSON,
) -> int:
    """A new, empty draft meeting of a board."""
    with db.begin() as session:
        meeting = Meeting(board=_board(session, board), style=style, date=date, mode=mode, venue="")
        session.add(meeting)
        session.flush()
        return meeting.id


def delete_meeting(db: Database, meeting_id: int) -> MeetingDoc:
    """Delete a meeting and everything in it; returns its content so the caller can undo."""
    with db.begin() as session:
        meeting = load_whole_meeting(session, meeting_id)
        doc = _doc_of(meeting)
        session.delete(meeting)
        return doc


EDITABLE_DETAILS = frozenset(
    {
        "board", "style", "title", "date", "start", "end", "venue", "mode", "chair_role",
        "chair_organisation", "theme", "next_meeting", "status",
    }
)  # fmt: skip


def update_meeting(
    db: Database, meeting_id: int, *, expected_version: int | None = None, **changes: Any
) -> MeetingRecord:
    """Change some of a meeting's details; the rest stay as they are.

    ``expected_version`` guards against a second window having saved in between: the edit is
    refused (StaleEditError) rather than overwriting that window's work.
    """
    unknown = set(changes) - EDITABLE_DETAILS
    if unknown:
        raise TypeError(f"not an editable detail: {', '.join(sorted(unknown))}")
    if expected_version is not None:
        with expecting_version(meeting_id, expected_version):
            return update_meeting(db, meeting_id, **changes)
    with db.begin() as session:
        # What the returned record shows; the actions load only if the next meeting moves.
        meeting = session.scalar(
            select(Meeting)
            .where(Meeting.id == meeting_id)
            .options(
                selectinload(Meeting.board),
                selectinload(Meeting.chair_organisation),
                selectinload(Meeting.agenda_items),
            )
        )
        if meeting is None:
            raise NotFoundError(f"meeting {meeting_id} does not exist")
        previous_next_meeting = meeting.next_meeting_date
        columns = {
            "start": "start_time",
            "end": "end_time",
            "next_meeting": "next_meeting_date",
        }
        for key, value in changes.items():
            if key == "board":  # a board ID (boards are made with create_board)
                board = session.get(Board, value)
                if board is None:
                    raise ValidationError(key, "That board no longer exists; choose another.")
                meeting.board = board
            elif key == "chair_organisation":
                org = None if value in (None, "") else find_organisation(session, value)
                if value not in (None, "") and org is None:
                    raise ValidationError(key, f"No organisation has the abbreviation {value!r}.")
                meeting.chair_organisation = org
            elif key == "title":
                meeting.title = (value or "").strip() or None
            elif key in ("theme", "chair_role"):
                setattr(meeting, key, (value or "").strip() or None)
            else:
                setattr(meeting, columns.get(key, key), value)
        _check_times(meeting.start_time, meeting.end_time)
        _check_next_meeting(meeting.date, meeting.next_meeting_date)
        _move_next_meeting_actions(meeting, previous_next_meeting)
        mark_edited(meeting)
        session.flush()
        return _record_of(meeting)


# --- agenda items ----------------------------------------------------------------------------


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(f"agenda item {item_id} does not exist")
    return item


def add_agenda_item(
    db: Database, meeting_id: int, title: str = "", *, position: int | None = None, notes: str = ""
) -> int:
    """Insert an item at ``position`` (0-based; default: at the end); the others renumber."""
    with db.begin() as session:
        meeting = load_whole_meeting(session, meeting_id)
        item = AgendaItem(title=title, notes=notes)
        if position is None or position >= len(meeting.agenda_items):
            meeting.agenda_items.append(item)
        else:
            meeting.agenda_items.insert(max(position, 0), item)
        renumber(meeting.agenda_items)
        mark_edited(meeting)
        session.flush()
        return item.id


def update_agenda_item(
    db: Database,
    item_id: int,
    *,
    title: str | None = None,
    notes: str | None = None,
    confidential: bool | None = None,
) -> None:
    with db.begin() as session:
        item = _item(session, item_id)
        if title is not None:
            item.title = title
        if notes is not None:
            item.notes = notes
        if confidential is not None:
            item.confidential = confidential
        mark_edited(item.meeting)


@dataclass(frozen=True, slots=True)
class RemovedAgendaItem:
    """A deleted agenda item, complete enough to restore it with the same ID and place (and
    its actions linked to it again): what the editor's undo needs."""

    id: int
    meeting_id: int
    position: int
    title: str
    notes: str
    confidential: bool
    action_ids: tuple[int, ...]


def delete_agenda_item(db: Database, item_id: int) -> RemovedAgendaItem:
    """Delete an item (its actions stay in the meeting, unlinked); returns it for undo."""
    with db.begin() as session:
        item = _item(session, item_id)
        meeting = load_whole_meeting(session, item.meeting_id)
        removed = RemovedAgendaItem(
            id=item.id,
            meeting_id=meeting.id,
            position=meeting.agenda_items.index(item),
            title=item.title,
            notes=item.notes,
            confidential=item.confidential,
            action_ids=tuple(action.id for action in item.actions),
        )
        meeting.agenda_items.remove(item)
        renumber(meeting.agenda_items)
        mark_edited(meeting)
        return removed


def restore_agenda_item(db: Database, removed: RemovedAgendaItem) -> int:
    """Put a deleted item back where it was, with its ID, and relink its actions (undo)."""
    with db.begin() as session:
        meeting = load_whole_meeting(session, removed.meeting_id)
        item = AgendaItem(
            id=removed.id,
            title=removed.title,
            notes=removed.notes,
            confidential=removed.confidential,
        )
        meeting.agenda_items.insert(min(removed.position, len(meeting.agenda_items)), item)
        renumber(meeting.agenda_items)
        session.flush()
        for action in meeting.actions:
            if action.id in removed.action_ids and action.agenda_item_id is None:
                action.agenda_item = item
        mark_edited(meeting)
        return item.id


def move_agenda_item(db: Database, item_id: int, new_position: int) -> None:
    """Move an item to ``new_position`` (0-based, clamped); numbers follow automatically."""
    with db.begin() as session:
        item = _item(session, item_id)
        meeting = load_whole_meeting(session, item.meeting_id)
        items = meeting.agenda_items
        items.remove(item)
        items.insert(min(max(new_position, 0), len(items)), item)
        renumber(items)
        mark_edited(meeting)


def agenda_titles(db: Database, meeting_id: int) -> list[str]:
    with db.read() as session:
        return list(
            session.scalars(
                select(AgendaItem.title)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position)
            )
        )


def organisation_refs(db: Database, abbreviations: Iterable[str]) -> list[OrganisationRef]:
    with db.read() as session:
        found = []
        for abbreviation in abbreviations:
            org = find_organisation(session, abbreviation)
            if org is not None:
                found.append(OrganisationRef(org.name, org.abbreviation))
        return found
