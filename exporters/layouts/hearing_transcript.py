"""2017, the hearing transcript: title block, the panel of members, then who said what.

The published transcript (``Justice Matters``, 27 February 2017) has no attendee list and no
agenda headings: after ``Date:``, ``Location:``, ``Hearing:`` and the start and finish times
it lists the members one per line, then prints each turn as a paragraph opening with the
speaker's label in bold and a colon. Editorial notes (``[At this point ...]``) are lines of
their own, in the template's ``Editorial Note`` style so a template can restyle them all, and
always in square brackets (:func:`models.transcript_text.printed_note`), which is how a
transcript read back from Word tells a note from words.

Unlike a board note, a transcript prints people's names: they are the panel and the
witnesses of a public hearing (the pre-publication check allows them, see
:func:`hearing_names`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from exporters.formatting import venue_text, weekday_date
from exporters.options import ActionsMode
from exporters.text import single_line
from exporters.writer import EDITORIAL_NOTE, ITEM_HEADING, MEETING_DETAILS, TITLE
from models.enums import LayoutStyle
from models.transcript_text import printed_note

if TYPE_CHECKING:
    import datetime as dt

    from exporters.body import Sink
    from exporters.writer import NoteWriter
    from models.meeting_doc import MeetingDoc, MemberDoc

_NOON: Final = 12
_AFTER_MEMBERS: Final = 24 * 20  # 24 pt in twips: the printed transcript leaves this gap


class HearingTranscript:
    style = LayoutStyle.HEARING_TRANSCRIPT
    default_actions = ActionsMode.PER_ITEM  # a hearing rarely has any; never drop them

    def write_body(self, note: NoteWriter, body: Sink) -> None:
        meeting = note.meeting
        title = body.paragraph(TITLE)
        note.mark(title, "title")
        title.add_text(note.display_title)
        details = body.paragraph(MEETING_DETAILS)
        note.mark(details, "details")
        details.add_text(f"Date: {weekday_date(meeting.date)}")
        venue = venue_text(meeting)
        if venue:
            body.paragraph(MEETING_DETAILS).add_text(f"Location: {venue}")
        hearing = single_line(meeting.theme or "")
        if hearing:
            body.paragraph(MEETING_DETAILS).add_text(f"Hearing: {hearing}")
        times = times_text(meeting.start, meeting.end)
        if times:
            body.paragraph(MEETING_DETAILS).add_text(times)
        if meeting.members:
            heading = body.paragraph(ITEM_HEADING)
            note.mark(heading, "members")
            heading.add_text("Members:")
            line = None
            for member in meeting.members:
                line = body.paragraph(MEETING_DETAILS)
                line.add_text(member_line(member))
            assert line is not None  # there are members
            line.space_after = _AFTER_MEMBERS  # the words start apart
        for number, item in enumerate(note.items(), start=1):
            item_title = note.item_title(item)
            if item_title:  # the 2017 hearing has no agenda headings: one untitled item
                heading = body.paragraph(ITEM_HEADING)
                heading.keep = True
                heading.add_text(item_title)
            first = heading if item_title else None
            for turn in item.turns:
                if turn.speaker is None:  # in brackets, so that reading it back finds a note
                    written = note.notes(body, printed_note(turn.text), style=EDITORIAL_NOTE)
                else:
                    written = note.notes(body, turn.text, label=single_line(turn.speaker))
                first = first or written
            if first is not None:
                note.mark(first, f"item {number}")
            note.item_body(body, item)  # notes and actions a hearing item may also have


def times_text(start: dt.time | None, end: dt.time | None) -> str:
    """``Start time: 9.00am Finish time: 10.30am``, or the one time that is known."""
    parts = []
    if start is not None:
        parts.append(f"Start time: {clock_12_dotted(start)}")
    if end is not None:
        parts.append(f"Finish time: {clock_12_dotted(end)}")
    return " ".join(parts)


def clock_12_dotted(moment: dt.time) -> str:
    """``9.00am``, ``12.30pm``: the hours and minutes with a point, as the transcript prints."""
    hour = moment.hour % 12 or 12
    meridiem = "am" if moment.hour < _NOON else "pm"
    return f"{hour}.{moment.minute:02d}{meridiem}"


def member_line(member: MemberDoc) -> str:
    """``Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)``."""
    parts = [single_line(part or "") for part in (member.name, member.role, member.organisation)]
    line = ", ".join(part for part in parts if part)
    return f"{line}, (Co-Chair)" if member.chair else line


def speaker_name(label: str) -> str:
    """The person a speaker label names: ``Sophie Linden (Deputy Mayor ...)`` -> the name."""
    for stop in ("(", ","):
        label = label.split(stop, 1)[0]
    return " ".join(label.split())


def hearing_names(meeting: MeetingDoc) -> set[str]:
    """The names a public transcript may print: its members and everyone who spoke.

    Each name counts whole and word by word ("Thank you, Rebecca"): a speaker is addressed
    by a first name. Names of anyone else the words mention are still found by the check.
    """
    names = {member.name for member in meeting.members}
    names |= {
        speaker_name(turn.speaker)
        for item in meeting.agenda
        for turn in item.turns
        if turn.speaker is not None
    }
    allowed: set[str] = set()
    for name in names:
        words = name.split()
        if words:
            allowed.add(" ".join(words))
            allowed.update(words)
    return allowed
