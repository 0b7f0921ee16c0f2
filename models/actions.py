"""Actions: what a meeting agreed someone would do, and their review at later meetings.

A note prints an action as ``MPS/MOPAC to review ...`` under the item that raised it, so an
action has owners (organisations, in printed order), a description, an agenda item, and
maybe a due date. At the next meeting of the Board the secretary goes through the actions
still open from earlier meetings (under "Welcome & Apologies") and marks each done, dropped
or rolled over; a rolled-over action lives on as a new action of the new meeting, linked to
the old one (``carried_from_id``), so a chain of roll-overs can be followed back.

**What a later meeting decides stays out of the earlier note.** The review sets the old
action's status and ``resolved_later``: its own meeting's note prints it as agreed there
(``ActionDoc.status_at_meeting``), so exporting that meeting again gives the same note.
Deleting the open copy a roll-over made puts the old action back to open (one step, undone
with it): nothing else continues it, and an open action must never silently disappear. So
does deleting the whole meeting the copy is in (:func:`reopen_originals_of`).

**"Due: next meeting"** is stored as the date of the next meeting (``next_meeting_date`` of
the meeting the action belongs to), not as a flag: the published examples write either, the
``rrb-meeting/1`` format has only a date, and a date keeps sorting and export simple. An
action is shown as due "next meeting" while its date equals that one, and when the meeting's
next date moves its "next meeting" actions move with it (``services.update_meeting``).

**Order.** Actions are listed grouped by agenda item (in agenda order), and in their own
order within an item, which is the order the note prints them in. Item-less actions (their
item was deleted) come last; the export prints them under the last item a public note
prints, where the house style puts the next steps, rather than dropping them
(:func:`models.meeting_doc.agenda_with_itemless_actions`).

Like :mod:`models.services`, every function is one unit of work and hands out frozen values.
Listing and counting the open actions the review goes through are column reads tuned to the
indexes, in :mod:`models.previous_actions`; the review's edits stay here, where the helpers
that place, delete and restore an action are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.database import Database
from models.entities import Action, ActionOwner, AgendaItem, Meeting, Organisation
from models.enums import ActionStatus, NextMeeting
from models.owner_text import OWNER_SEPARATOR, parse_owners, slashed_abbreviations
from models.restored_ids import old_id_if_free
from models.services import (
    NotFoundError,
    ValidationError,
    find_organisation,
    load_meeting,
    load_whole_meeting,
    mark_edited,
    renumber,
)

ADD_ORGANISATION_HINT = (
    "press Enter in the cell to add it, or add it in Organisations (Ctrl+Shift+O)."
)
"""Where an unknown owner is added, in the window's words: the only place owners are typed."""


NEXT_MEETING = NextMeeting.NEXT_MEETING
Due = dt.date | NextMeeting | None


class _Keep(Enum):
    """An argument left out of :func:`update_action` (None means "no item" or "no date")."""

    KEEP = "keep"


KEEP = _Keep.KEEP

# The choices the review of an earlier meeting's action offers.
RESOLUTIONS = (ActionStatus.DONE, ActionStatus.ROLLED_OVER, ActionStatus.DROPPED)


# --- plain values handed out -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action of a meeting as the actions table shows it."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    item_number: int | None  # 1-based, as the agenda prints it
    item_title: str | None
    description: str
    owners: tuple[str, ...]  # abbreviations, in printed order
    due: dt.date | None
    due_is_next_meeting: bool
    status: ActionStatus
    carried_from_id: int | None
    carried_from_date: dt.date | None  # the meeting the carried action was raised at
    position: int  # 0-based, in the listed (printed) order of the meeting's actions

    @property
    def owners_text(self) -> str:
        """``MPS/MOPAC``, as the note prints the owners."""
        return OWNER_SEPARATOR.join(self.owners)


@dataclass(frozen=True, slots=True)
class DeletedAction:
    """All of a deleted action, so that undo can put it back with its old ID and links."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    index_in_item: int
    description: str
    owner_ids: tuple[int, ...]
    due: dt.date | None
    status: ActionStatus
    carried_from_id: int | None
    carried_into_ids: tuple[int, ...]  # later actions that were carried forward from this one
    resolved_later: bool = False  # its status was decided at a later meeting's review
    reopened_id: int | None = None  # the rolled-over action its deletion made open again


# --- helpers inside a unit of work -----------------------------------------------------------


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(f"action {action_id} does not exist")
    return action


def _same_group(action: Action, item_id: int | None) -> bool:
    return action.agenda_item_id == item_id


def _item_ranks(meeting: Meeting) -> dict[int | None, int]:
    """Agenda position of each item of the meeting; item-less actions rank after them all."""
    ranks: dict[int | None, int] = {item.id: item.position for item in meeting.agenda_items}
    ranks[None] = len(meeting.agenda_items)
    return ranks


def _ordered(meeting: Meeting) -> list[Action]:
    """The meeting's actions in printed order: by item (item-less last), then own order."""
    ranks = _item_ranks(meeting)
    last = ranks[None]
    return sorted(
        meeting.actions,
        key=lambda action: (ranks.get(action.agenda_item_id, last), action.position, action.id),
    )


def _place(meeting: Meeting, action: Action, index: int | None) -> None:
    """Put ``action`` (flushed, in ``meeting.actions``) at ``index`` among the actions of its
    item (None: last), and renumber the whole meeting in printed order."""
    item_id = action.agenda_item_id
    order = [other for other in _ordered(meeting) if other is not action]
    group = [position for position, other in enumerate(order) if _same_group(other, item_id)]
    if group:
        at = group[-1] + 1 if index is None or index >= len(group) else group[max(index, 0)]
    else:  # the item's first action: after the actions of the items before it
        ranks = _item_ranks(meeting)
        rank = ranks.get(item_id, ranks[None])
        at = sum(1 for other in order if ranks.get(other.agenda_item_id, ranks[None]) < rank)
    order.insert(at, action)
    renumber(order)


def _item_of_meeting(session: Session, meeting: Meeting, item_id: int | None) -> int | None:
    if item_id is None:
        return None
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise ValidationError("item", "That agenda item is not part of this meeting.")
    return item_id


def _is_organisation(session: Session, abbreviation: str) -> bool:
    return find_organisation(session, abbreviation) is not None


def _owner_organisations(session: Session, owners: Iterable[str]) -> list[Organisation]:
    """The organisations named by abbreviation (any case), each once, in the given order."""
    found: list[Organisation] = []
    for abbreviation in owners:
        name = abbreviation.strip()
        if not name:
            continue
        org = find_organisation(session, name)
        if org is None:
            raise ValidationError(
                "owners",
                f"No organisation has the abbreviation “{name}”. Owners are organisations"
                f" (e.g. MPS/MOPAC); {ADD_ORGANISATION_HINT}",
            )
        if org not in found:
            found.append(org)
    return found


def _set_owners(action: Action, organisations: Sequence[Organisation]) -> None:
    wanted = [org.id for org in organisations]
    if [link.organisation_id for link in action.owner_links] == wanted:
        return
    action.owner_links.clear()
    # The old links must be gone before equal (action, organisation) keys come back.
    session = Session.object_session(action)
    assert session is not None
    session.flush()
    for org in organisations:
        action.owner_links.append(ActionOwner(organisation=org))


def _due_date(meeting: Meeting, due: Due) -> dt.date | None:
    if due is NEXT_MEETING:
        if meeting.next_meeting_date is None:
            raise ValidationError(
                "due",
                "This meeting has no next meeting date yet: set it in the meeting details,"
                " then choose “Next meeting”.",
            )
        return meeting.next_meeting_date
    assert not isinstance(due, NextMeeting)
    return due


def _row(action: Action, position: int, numbers: dict[int, int]) -> ActionRow:
    item = action.agenda_item
    next_date = action.meeting.next_meeting_date
    carried = action.carried_from
    return ActionRow(
        id=action.id,
        meeting_id=action.meeting_id,
        agenda_item_id=action.agenda_item_id,
        item_number=numbers.get(item.id) if item is not None else None,
        item_title=item.title if item is not None else None,
        description=action.description,
        owners=tuple(org.abbreviation for org in action.owners),
        due=action.due_date,
        due_is_next_meeting=action.due_date is not None and action.due_date == next_date,
        status=action.status,
        carried_from_id=action.carried_from_id,
        carried_from_date=carried.meeting.date if carried is not None else None,
        position=position,
    )


def _rows_of(meeting: Meeting) -> list[ActionRow]:
    numbers = {item.id: number for number, item in enumerate(meeting.agenda_items, start=1)}
    return [_row(action, position, numbers) for position, action in enumerate(_ordered(meeting))]


# --- reading ---------------------------------------------------------------------------------


def list_actions_of_meeting(db: Database, meeting_id: int) -> list[ActionRow]:
    """The meeting's actions in printed order (by agenda item, then their own order)."""
    with db.read() as session:
        # Only what the rows show (not the attendees, board and chair): this runs on every
        # open of a meeting.
        meeting = load_meeting(
            session,
            meeting_id,
            selectinload(Meeting.agenda_items),
            selectinload(Meeting.actions)
            .selectinload(Action.owner_links)
            .selectinload(ActionOwner.organisation),
        )
        return _rows_of(meeting)


def action_row(db: Database, action_id: int) -> ActionRow:
    with db.read() as session:
        action = _action(session, action_id)
        rows = _rows_of(load_whole_meeting(session, action.meeting_id))
        return next(row for row in rows if row.id == action_id)


# --- editing ---------------------------------------------------------------------------------


def add_action(
    db: Database,
    meeting_id: int,
    *,
    agenda_item_id: int | None = None,
    description: str = "",
    owners: Sequence[str] = (),
    due: Due = None,
    status: ActionStatus = ActionStatus.OPEN,
    position: int | None = None,
) -> int:
    """Add an action under an agenda item at ``position`` among that item's actions (0-based;
    default: last). Owners are abbreviations of known organisations."""
    with db.begin() as session:
        meeting = load_whole_meeting(session, meeting_id)
        item_id = _item_of_meeting(session, meeting, agenda_item_id)
        action = Action(
            agenda_item_id=item_id,
            description=description,
            due_date=_due_date(meeting, due),
            status=ActionStatus(status),
        )
        for org in _owner_organisations(session, owners):
            action.owner_links.append(ActionOwner(organisation=org))
        meeting.actions.append(action)
        session.flush()
        _place(meeting, action, position)
        mark_edited(meeting)
        session.flush()
        return action.id


def update_action(
    db: Database,
    action_id: int,
    *,
    description: str | None = None,
    owners: Sequence[str] | str | None = None,
    agenda_item_id: int | _Keep | None = KEEP,
    due: Due | _Keep = KEEP,
    status: ActionStatus | None = None,
) -> ActionRow:
    """Change some fields of an action; the rest stay. ``owners`` may be a sequence of
    abbreviations or the typed text ``"MPS/MOPAC"`` (or ``"MPS, MOPAC"``); an unknown one is
    refused by name.
    A new agenda item puts the action last among that item's actions."""
    with db.begin() as session:
        action = _action(session, action_id)
        meeting = load_whole_meeting(session, action.meeting_id)
        if description is not None:
            action.description = description
        if owners is not None:
            if isinstance(owners, str):
                names = parse_owners(
                    owners,
                    lambda name: _is_organisation(session, name),
                    slashed=slashed_abbreviations(session),
                )
            else:
                names = tuple(owners)
            _set_owners(action, _owner_organisations(session, names))
        if not isinstance(agenda_item_id, _Keep) and agenda_item_id != action.agenda_item_id:
            item_id = _item_of_meeting(session, meeting, agenda_item_id)
            action.agenda_item = session.get(AgendaItem, item_id) if item_id else None
            session.flush()
            _place(meeting, action, None)
        if not isinstance(due, _Keep):
            action.due_date = _due_date(meeting, due)
        if status is not None and ActionStatus(status) is not action.status:
            action.status = ActionStatus(status)
            # Chosen in the meeting's own table: the meeting's own record, which its note
            # prints (as an imported one), not a later review's decision.
            action.resolved_later = False
        mark_edited(meeting)
        session.flush()
        return next(row for row in _rows_of(meeting) if row.id == action_id)


def _reopen_original(session: Session, copy: Action) -> Action | None:
    """The rolled-over action an open ``copy`` carries forward, made open again.

    A roll-over leaves the original "rolled over" and continues it as the copy; without the
    copy, nothing would continue it, and it would leave every list of open actions silently.
    So deleting the open copy puts the original back to open, to be reviewed again. A copy
    no longer open (done, dropped, rolled over again) ended or continued the action itself:
    nothing is reopened then, nor when another copy still continues the original.
    """
    original = copy.carried_from
    if copy.status is not ActionStatus.OPEN or original is None:
        return None
    if original.status is not ActionStatus.ROLLED_OVER:
        return None
    others = select(Action.id).where(Action.carried_from_id == original.id, Action.id != copy.id)
    if session.scalars(others).first() is not None:
        return None
    original.status = ActionStatus.OPEN
    original.resolved_later = False
    mark_edited(original.meeting)
    return original


def reopen_originals_of(session: Session, meeting: Meeting) -> list[Action]:
    """Before ``meeting`` is deleted: every original an open copy of it continued, open again.

    Deleting the meeting deletes its copies with it, which must not lose an action any more
    than deleting one copy does (:func:`_reopen_original`, the same rules). The copies going
    with it continue nothing, so each is unlinked once looked at, the open ones last: a
    sibling copy in the same meeting does not keep the original rolled over. Returns the
    originals reopened, for the person deleting the meeting to be told.
    """
    reopened = []
    for copy in sorted(meeting.actions, key=lambda action: action.status is ActionStatus.OPEN):
        original = _reopen_original(session, copy)
        if original is not None:
            reopened.append(original)
        copy.carried_from = None
    return reopened


def _delete(session: Session, action: Action) -> DeletedAction:
    meeting = load_whole_meeting(session, action.meeting_id)
    group = [other for other in _ordered(meeting) if _same_group(other, action.agenda_item_id)]
    carried_into = list(session.scalars(select(Action).where(Action.carried_from_id == action.id)))
    reopened = _reopen_original(session, action)
    deleted = DeletedAction(
        id=action.id,
        meeting_id=action.meeting_id,
        agenda_item_id=action.agenda_item_id,
        index_in_item=group.index(action),
        description=action.description,
        owner_ids=tuple(link.organisation_id for link in action.owner_links),
        due=action.due_date,
        status=action.status,
        carried_from_id=action.carried_from_id,
        carried_into_ids=tuple(sorted(later.id for later in carried_into)),
        resolved_later=action.resolved_later,
        reopened_id=reopened.id if reopened is not None else None,
    )
    for later in carried_into:
        later.carried_from_id = None
    meeting.actions.remove(action)
    session.flush()
    renumber(_ordered(meeting))
    mark_edited(meeting)
    return deleted


def delete_action(db: Database, action_id: int) -> DeletedAction:
    """Delete an action; returns all of it for :func:`restore_action` (undo).

    Deleting the open copy a roll-over made puts the action it continued back to open, in
    the same unit of work (``reopened_id`` says which): an open action is never lost."""
    with db.begin() as session:
        return _delete(session, _action(session, action_id))


def _restore(session: Session, deleted: DeletedAction) -> Action:
    meeting = load_whole_meeting(session, deleted.meeting_id)
    item_id = deleted.agenda_item_id
    item = session.get(AgendaItem, item_id) if item_id is not None else None
    if item is None or item.meeting_id != meeting.id:
        item_id = None  # its item went meanwhile: keep the action, without an item
    carried_from = deleted.carried_from_id
    if carried_from is not None and session.get(Action, carried_from) is None:
        carried_from = None
    action = Action(
        id=old_id_if_free(session, Action, deleted.id),  # later undo steps name it
        agenda_item_id=item_id,
        description=deleted.description,
        due_date=deleted.due,
        status=deleted.status,
        carried_from_id=carried_from,
        resolved_later=deleted.resolved_later,
    )
    for org_id in deleted.owner_ids:
        org = session.get(Organisation, org_id)
        if org is not None:
            action.owner_links.append(ActionOwner(organisation=org))
    meeting.actions.append(action)
    session.flush()
    _place(meeting, action, deleted.index_in_item)
    for later in session.scalars(select(Action).where(Action.id.in_(deleted.carried_into_ids))):
        if later.carried_from_id is None:
            later.carried_from_id = action.id
    # The action its deletion reopened is rolled over again, as it was (if still open).
    back = deleted.reopened_id
    reopened = session.get(Action, back) if back is not None and back == carried_from else None
    if reopened is not None and reopened.status is ActionStatus.OPEN:
        reopened.status = ActionStatus.ROLLED_OVER
        reopened.resolved_later = True
        mark_edited(reopened.meeting)
    mark_edited(meeting)
    session.flush()
    return action


def restore_action(db: Database, deleted: DeletedAction) -> int:
    """Put a deleted action back where it was (its old ID when still free); returns its ID."""
    with db.begin() as session:
        return _restore(session, deleted).id


def move_action(db: Database, action_id: int, new_index: int) -> None:
    """Move an action to ``new_index`` (0-based, clamped) among its item's actions."""
    with db.begin() as session:
        action = _action(session, action_id)
        meeting = load_whole_meeting(session, action.meeting_id)
        group = [other for other in _ordered(meeting) if _same_group(other, action.agenda_item_id)]
        index = min(max(new_index, 0), len(group) - 1)
        _place(meeting, action, index)
        mark_edited(meeting)


# --- the review of earlier meetings' actions -------------------------------------------------


def _previous_open(session: Session, action_id: int, into: Meeting) -> Action:
    action = _action(session, action_id)
    earlier = action.meeting
    if earlier.board_id != into.board_id or earlier.date >= into.date:
        raise ValidationError(
            "status", "Only actions of this board's earlier meetings are reviewed here."
        )
    if action.status is not ActionStatus.OPEN:
        raise ValidationError(
            "status", f"That action is no longer open (it is {action.status.label.lower()})."
        )
    return action


def resolve_previous_action(
    db: Database,
    action_id: int,
    choice: ActionStatus,
    into_meeting_id: int,
    *,
    carried: DeletedAction | None = None,
) -> int | None:
    """Mark an open action of an earlier meeting done, dropped or rolled over.

    Rolled over, it also becomes a new open action of ``into_meeting_id`` (same description
    and owners, ``carried_from_id`` the old one) under the meeting's first agenda item (where
    the previous actions are reviewed), or under no item if there is none; its due date is
    the old one, as it was (none stays none; a date passed then shows as overdue, and the
    secretary sets a new one, N for the next meeting). Returns that new action's
    ID (None for done and dropped). ``carried`` (what :func:`reopen_previous_action` gave
    back) redoes a roll-over with the same new action, ID included.
    """
    choice = ActionStatus(choice)
    if choice not in RESOLUTIONS:
        raise ValueError(f"not a resolution of an action: {choice}")
    with db.begin() as session:
        into = load_whole_meeting(session, into_meeting_id)
        action = _previous_open(session, action_id, into)
        action.status = choice
        action.resolved_later = True  # decided here: the action's own note is left as agreed
        mark_edited(action.meeting)
        if choice is not ActionStatus.ROLLED_OVER:
            return None
        if carried is not None:
            new_id = _restore(session, carried).id
            session.flush()
            return new_id
        first_item = into.agenda_items[0].id if into.agenda_items else None
        new = Action(
            agenda_item_id=first_item,
            description=action.description,
            # Carried over as it was: a date passed is shown overdue, not silently replaced.
            due_date=action.due_date,
            status=ActionStatus.OPEN,
            carried_from_id=action.id,
        )
        for org in action.owners:
            new.owner_links.append(ActionOwner(organisation=org))
        into.actions.append(new)
        session.flush()
        _place(into, new, None)
        mark_edited(into)
        session.flush()
        return new.id


def reopen_previous_action(db: Database, action_id: int) -> DeletedAction | None:
    """Undo :func:`resolve_previous_action`: the action is open again, and the action it was
    carried forward as (if any) is deleted; returns that one for a redo."""
    with db.begin() as session:
        action = _action(session, action_id)
        carried = session.scalars(
            select(Action).where(Action.carried_from_id == action_id).order_by(Action.id)
        ).first()
        deleted = None
        if carried is not None:
            if carried.status is not ActionStatus.OPEN:
                raise ValidationError(
                    "status",
                    "The action it was carried forward as has since been marked"
                    f" {carried.status.label.lower()}; reopen that one first.",
                )
            deleted = _delete(session, carried)
        action.status = ActionStatus.OPEN
        action.resolved_later = False
        mark_edited(action.meeting)
        return deleted
