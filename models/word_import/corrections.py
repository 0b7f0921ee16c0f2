"""The secretary's corrections to a note read from Word, applied before it is saved.

Kept out of the window so the rule (renaming a proposed organisation renames it wherever the
meeting refers to it: attendees, chair, action owners, a hearing's members) is tested without Qt.
"""

from __future__ import annotations

import dataclasses
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
    changes: dict[str, object] = {}
    if date is not None:
        changes["date"] = date
    if title is not None:
        changes["title"] = title.strip() or None
    if venue is not None:
        changes["venue"] = venue.strip()
    if organisations:
        renamed = {key.casefold(): ref for key, ref in organisations.items()}

        def abbreviation(old: str) -> str:
            ref = renamed.get(old.casefold())
            return ref.abbreviation if ref is not None else old

        refs: dict[str, OrganisationRef] = {}
        for org in meeting.organisations:
            new = renamed.get(org.abbreviation.casefold(), org)
            refs.setdefault(new.abbreviation.casefold(), new)
        changes["organisations"] = tuple(refs.values())
        changes["attendees"] = tuple(
            dataclasses.replace(a, organisation=abbreviation(a.organisation))
            for a in meeting.attendees
        )
        if meeting.chair is not None:
            changes["chair"] = dataclasses.replace(
                meeting.chair, organisation=abbreviation(meeting.chair.organisation)
            )
        changes["members"] = tuple(
            dataclasses.replace(m, organisation=abbreviation(m.organisation))
            if m.organisation is not None
            else m
            for m in meeting.members
        )
        changes["agenda"] = tuple(
            dataclasses.replace(
                item,
                actions=tuple(_owned_by(action, abbreviation) for action in item.actions),
            )
            for item in meeting.agenda
        )
    return dataclasses.replace(meeting, **changes)  # type: ignore[arg-type]  # keys checked above


def _owned_by(action: ActionDoc, abbreviation: Callable[[str], str]) -> ActionDoc:
    owners: list[str] = []
    for owner in action.owners:
        new = abbreviation(owner)
        if new.casefold() not in {o.casefold() for o in owners}:
            owners.append(new)
    return dataclasses.replace(action, owners=tuple(owners))
