"""The secretary's corrections to a note read from Word, applied before it is saved.

Kept out of the window so the rule (renaming a proposed organisation renames it wherever the
meeting refers to it: attendees, chair, action owners, a hearing's members) is tested without Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from models.meeting_doc import ActionDoc, MeetingDoc, OrganisationRef


def corrected(
    meeting: MeetingDoc,
    *,
    date: dt.date | None = None,
    title: str | None = None,
    venue: str | None = None,
    organisations: Mapping[str, OrganisationRef] | None = None,
) -> MeetingDoc:
    """``meeting`` with the given fields replaced; ``organisations`` maps an abbreviation as
    read to the organisation it really is (a new name, or an abbreviation the archive uses)."""
    if date is not None:
        meeting = meeting._replace(date=date)
    if title is not None:
        meeting = meeting._replace(title=title.strip() or None)
    if venue is not None:
        meeting = meeting._replace(venue=venue.strip())
    if organisations:
        renamed = {key.casefold(): ref for key, ref in organisations.items()}

        def abbreviation(old: str) -> str:
            ref = renamed.get(old.casefold())
            return ref.abbreviation if ref is not None else old

        refs: dict[str, OrganisationRef] = {}
        for org in meeting.organisations:
            new = renamed.get(org.abbreviation.casefold(), org)
            refs.setdefault(new.abbreviation.casefold(), new)
        chair = meeting.chair
        meeting = meeting._replace(
            organisations=tuple(refs.values()),
            attendees=tuple(
                a._replace(organisation=abbreviation(a.organisation)) for a in meeting.attendees
            ),
            chair=(
                chair._replace(organisation=abbreviation(chair.organisation))
                if chair is not None
                else None
            ),
            members=tuple(
                m._replace(organisation=abbreviation(m.organisation))
                if m.organisation is not None
                else m
                for m in meeting.members
            ),
            agenda=tuple(
                item._replace(
                    actions=tuple(_owned_by(action, abbreviation) for action in item.actions),
                )
                for item in meeting.agenda
            ),
        )
    return meeting


def _owned_by(action: ActionDoc, abbreviation: Callable[[str], str]) -> ActionDoc:
    owners: list[str] = []
    for owner in action.owners:
        new = abbreviation(owner)
        if new.casefold() not in {o.casefold() for o in owners}:
            owners.append(new)
    return action._replace(owners=tuple(owners))
