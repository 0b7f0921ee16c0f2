"""How dates, times, venues, people and actions are written in a note (pure text helpers).

Kept apart from the Word code so the wording can be tested and reused (a preview, a plain
text export) without building a document. The wording follows the published notes in
``HOUSE_STYLE.md``: ``20th March`` with the ordinal set as superscript (2024-25) or plain
``28 February 2023``, ``1:30-3:30pm`` (2025) or ``14:00-16:00`` (2023-24), ``Tuesday 30 May 2023``
in the next-meeting line.
"""

from datetime import date, time
from typing import Final, NamedTuple

from models.action_sentence import NEXT_MEETING_DUE, stated_due
from models.enums import Audience, MeetingMode
from models.meeting_doc import ActionDoc, AttendeeDoc, ChairDoc, MeetingDoc

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NOON: Final = 12
HYBRID_MEETING: Final = "Hybrid Meeting"


def month_name(day: date) -> str:
    """English month names whatever the machine's locale (``strftime`` would follow it)."""
    return _MONTHS[day.month - 1]


def ordinal_suffix(day_of_month: int) -> str:
    """``st``, ``nd``, ``rd`` or ``th``: 1st, 2nd, 3rd, 4th, 11th-13th, 21st, 22nd, 23rd."""
    if 11 <= day_of_month % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day_of_month % 10, "th")


def long_date(day: date) -> str:
    """``28 February 2023``."""
    return f"{day.day} {month_name(day)} {day.year}"


def weekday_date(day: date) -> str:
    """``Tuesday 30 May 2023``: the next-meeting line names the day of the week."""
    return f"{_WEEKDAYS[day.weekday()]} {long_date(day)}"


def clock_24(moment: time) -> str:
    """``14:00``."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _clock_12_bare(moment: time) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}"


def _meridiem(moment: time) -> str:
    return "am" if moment.hour < _NOON else "pm"


def time_range_12(start: time | None, end: time | None) -> str:
    """``1:30-3:30pm``, ``11am-1pm``, ``2pm``; the suffix is written once when both share it."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        only = start if start is not None else end
        assert only is not None  # one of the two is set; this narrows the type
        return _clock_12_bare(only) + _meridiem(only)
    if _meridiem(start) == _meridiem(end):
        return f"{_clock_12_bare(start)}-{_clock_12_bare(end)}{_meridiem(end)}"
    return f"{_clock_12_bare(start)}{_meridiem(start)}-{_clock_12_bare(end)}{_meridiem(end)}"


def time_range_24(start: time | None, end: time | None) -> str:
    """``14:00-16:00``, or the one time that is known."""
    return "-".join(clock_24(moment) for moment in (start, end) if moment is not None)


def venue_text(meeting: MeetingDoc) -> str:
    """Where the meeting was, on one line: the venue, else what its mode implies.

    A multi-line postal address is joined with commas, as the 2024 note prints it. A venue
    that is not known (None) is printed as an empty one would be.
    """
    lines = [line.strip().rstrip(",") for line in (meeting.venue or "").splitlines()]
    venue = ", ".join(line for line in lines if line)
    if venue:
        return venue
    if meeting.mode is MeetingMode.HYBRID:
        return HYBRID_MEETING
    if meeting.mode is MeetingMode.ONLINE:
        return "Online"
    return ""


def mode_or_venue(meeting: MeetingDoc) -> str:
    """How the 2025 Public Note says where the meeting was: a hybrid meeting is a
    ``Hybrid Meeting`` whatever its venue, else :func:`venue_text`.

    The published 2025 note of a hybrid meeting prints ``20th March, 1:30-3:30pm, Hybrid
    Meeting`` and no address; the house style gives the details line one of a postal
    address, ``MS Teams`` or ``Hybrid Meeting``, never two. The venue stays in the meeting
    (the 2023-24 layouts and the transcript still print it).
    """
    if meeting.mode is MeetingMode.HYBRID:
        return HYBRID_MEETING
    return venue_text(meeting)


def chair_text(chair: ChairDoc) -> str:
    """``Chair: Director of Commissioning & Partnerships (MOPAC)``: a role, never a name."""
    role = chair.role.strip()
    org = chair.organisation.strip()
    if role and org:
        return f"Chair: {role} ({org})"
    return f"Chair: {role or org}"


def next_meeting_text(day: date) -> str:
    return f"The next meeting will be on {weekday_date(day)}."


def due_text(due: date | None, next_meeting: date | None) -> str:
    """When an action is due, as its sentence says it after "by": ``31 May 2024``, or
    ``the next meeting`` when that is the meeting's next meeting ("" for no due date)."""
    if due is None:
        return ""
    return NEXT_MEETING_DUE if due == next_meeting else long_date(due)


def printed_due(action: ActionDoc, meeting: MeetingDoc) -> str:
    """When ``action`` is due, as its sentence in ``meeting``'s note says it after "by"
    (:func:`due_text`), or "" when it has no due date or its description already says it.

    The one place that decides, for the public note, the internal record and the preview
    alike: ``bring the paper to the next meeting`` due at the next meeting, or ``report by
    31/05/2024`` due then, is printed as written, not followed by "by the next meeting" or
    "by 31 May 2024" (:func:`models.action_sentence.stated_due` is the rule; the Word import
    reads such words back as the same due date).
    """
    if action.due is None:
        return ""
    stated = stated_due(
        action.description, meeting_date=meeting.date, next_meeting=meeting.next_meeting
    )
    if stated is not None and stated.day == action.due:
        return ""
    return due_text(action.due, meeting.next_meeting)


class AttendeeLine(NamedTuple):
    """One line of the attendee list: an organisation, and for internal notes a person."""

    organisation: str
    person: str = ""

    @property
    def text(self) -> str:
        return f"{self.organisation} \u2013 {self.person}" if self.person else self.organisation


def person_text(attendee: AttendeeDoc) -> str:
    """``Jane Smith, Head of Partnerships`` (either part may be missing)."""
    parts = [part.strip() for part in (attendee.name or "", attendee.role or "") if part]
    return ", ".join(part for part in parts if part)


def attendee_lines(
    meeting: MeetingDoc,
    attendees: tuple[AttendeeDoc, ...],
    *,
    audience: Audience,
    abbreviations_only: bool,
    alphabetical: bool,
) -> list[AttendeeLine]:
    """The lines for ``attendees``: one per organisation in public, one per person inside.

    A public note lists organisations, never people (``HOUSE_STYLE.md``); each organisation
    once, in the order first met unless ``alphabetical``. An internal note adds the person's
    name and role after the organisation.
    """
    lines: list[AttendeeLine] = []
    seen: set[str] = set()
    for attendee in attendees:
        org = meeting.organisation(attendee.organisation)
        label = (org.abbreviation or org.name) if abbreviations_only else org.display_name
        person = person_text(attendee) if audience is Audience.INTERNAL else ""
        key = f"{label.casefold()}\x00{person.casefold()}"
        if key in seen or not label.strip():
            continue
        seen.add(key)
        lines.append(AttendeeLine(label.strip(), person))
    # An organisation with a named attendee needs no extra bare line of its own.
    named = {line.organisation for line in lines if line.person}
    lines = [line for line in lines if line.person or line.organisation not in named]
    if alphabetical:
        lines.sort(key=lambda line: (line.organisation.casefold(), line.person.casefold()))
    return lines
