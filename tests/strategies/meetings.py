"""Hypothesis strategies for whole meetings, valid by construction.

Organisations are listed in first-use order and only when referenced, which is the
canonical form the app writes, so a round trip can be compared with ``==``.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from models.enums import ActionStatus, AttendanceStatus, LayoutStyle, MeetingMode
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    ChairDoc,
    MeetingDoc,
    MemberDoc,
    OrganisationRef,
    TurnDoc,
)
from models.text_keys import text_key

# Any text a person could type or paste; lone surrogates cannot exist in a UTF-8 file, and
# NUL is refused (models.input_limits: PostgreSQL cannot store it).
_characters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
any_text = st.text(_characters, max_size=40)
name_text = any_text.map(str.strip).filter(bool)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2150, 12, 31))
minutes = st.times().map(lambda t: t.replace(second=0, microsecond=0))
notes_text = st.text(_characters, max_size=200)
# A transcript's turns: a speaker label (any non-blank text) or an editorial note (None).
turns = st.builds(TurnDoc, speaker=st.none() | name_text, text=notes_text)


@st.composite
def meetings(draw: st.DrawFn) -> MeetingDoc:
    # Distinct organisations as the app tells them apart (models.text_keys), never only
    # invisible characters (refused on import).
    abbreviations = draw(
        st.lists(name_text.filter(text_key), min_size=1, max_size=6, unique_by=text_key)
    )
    pool = [OrganisationRef(draw(name_text), abbreviation) for abbreviation in abbreviations]
    pick = st.sampled_from([org.abbreviation for org in pool])

    attendees = draw(
        st.lists(
            st.builds(
                AttendeeDoc,
                organisation=pick,
                name=st.none() | name_text,
                role=st.none() | name_text,
                status=st.sampled_from(AttendanceStatus),
            ),
            max_size=5,
        )
    )
    chair = draw(st.none() | st.builds(ChairDoc, role=name_text, organisation=pick))
    actions = st.builds(
        ActionDoc,
        description=any_text,
        owners=st.lists(pick, max_size=3, unique_by=str.casefold).map(tuple),
        due=st.none() | dates,
        status=st.sampled_from(ActionStatus),
    )
    agenda = draw(
        st.lists(
            st.builds(
                AgendaItemDoc,
                title=any_text,
                notes=notes_text,
                confidential=st.booleans(),
                actions=st.lists(actions, max_size=3).map(tuple),
                turns=st.lists(turns, max_size=4).map(tuple),
            ),
            max_size=4,
        )
    )
    members = draw(
        st.lists(
            st.builds(
                MemberDoc,
                name=name_text,
                role=st.none() | name_text,
                organisation=st.none() | pick,
                chair=st.booleans(),
            ),
            max_size=4,
        )
    )
    date = draw(dates)
    start = draw(st.none() | minutes)
    end = draw(st.none() | minutes)
    if start is not None and end is not None and end <= start:
        start, end = (end, start) if end < start else (start, None)

    used: dict[str, OrganisationRef] = {}
    by_key = {text_key(org.abbreviation): org for org in pool}
    referenced = [a.organisation for a in attendees]
    referenced += [chair.organisation] if chair else []
    referenced += [o for item in agenda for action in item.actions for o in action.owners]
    referenced += [member.organisation for member in members if member.organisation]
    for abbreviation in referenced:
        used.setdefault(text_key(abbreviation), by_key[text_key(abbreviation)])

    return MeetingDoc(
        board=BoardRef(draw(name_text), draw(name_text)),
        style=draw(st.sampled_from(LayoutStyle)),
        title=draw(st.none() | name_text),
        date=date,
        start=start,
        end=end,
        venue=draw(st.none() | any_text),
        mode=draw(st.sampled_from(MeetingMode)),
        chair=chair,
        theme=draw(st.none() | name_text),
        organisations=tuple(used.values()),
        attendees=tuple(attendees),
        agenda=tuple(agenda),
        next_meeting=draw(
            st.none()
            | st.dates(min_value=date + dt.timedelta(days=1), max_value=dt.date(2199, 12, 31))
        ),
        members=tuple(members),
    )


# What a printed transcript can carry back unambiguously: a member line is split at commas,
# a speaker label ends at its colon, an editorial note is a bracketed line of its own; words
# start with a letter or digit, so that no paragraph reads as a Markdown list.
_words = (
    st.text(
        st.characters(categories=("L", "N"), include_characters=" .'-?"), min_size=1, max_size=30
    )
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: text[:1].isalnum())
)
_spoken = st.lists(_words, min_size=1, max_size=3).map("\n\n".join)
_transcript_turns = st.one_of(
    st.builds(TurnDoc, speaker=_words, text=_spoken),
    st.builds(TurnDoc, speaker=st.none(), text=_words.map(lambda text: f"[{text}]")),
)


@st.composite
def transcripts(draw: st.DrawFn) -> MeetingDoc:
    """A hearing in the transcript layout: members and turns, titled items after the first
    (an untitled item prints no heading, so only the first may be untitled)."""
    pool = [
        OrganisationRef(name, abbreviation)
        for name, abbreviation in draw(
            st.lists(st.tuples(_words, _words), max_size=4, unique_by=lambda p: text_key(p[1]))
        )
    ]
    member = st.builds(
        MemberDoc,
        name=_words,
        role=st.none() | _words,
        organisation=st.none() | st.sampled_from([o.abbreviation for o in pool])
        if pool
        else st.none(),
        chair=st.booleans(),
    )
    members = draw(st.lists(member, max_size=4))
    titles = draw(st.lists(_words, max_size=3, unique_by=str.casefold))
    first = draw(st.sampled_from(["", *titles[:1]])) if titles else ""
    items = [first, *titles[1:]] if titles else [first]
    agenda = tuple(
        AgendaItemDoc(title, turns=tuple(draw(st.lists(_transcript_turns, min_size=1, max_size=4))))
        for title in items
    )
    used = {m.organisation for m in members if m.organisation}
    return MeetingDoc(
        board=BoardRef("Mayor's Office for Policing and Crime", "MOPAC"),
        style=LayoutStyle.HEARING_TRANSCRIPT,
        date=draw(dates),
        venue=draw(_words),
        theme=draw(st.none() | _words),
        organisations=tuple(o for o in pool if o.abbreviation in used),
        agenda=agenda,
        members=tuple(members),
    )
