"""An action's due date is said once: not again after words that already say it.

"MPS to bring the paper to the next meeting", due at the next meeting, must not print
"... to the next meeting by the next meeting"; and the Word import must read such a note
back with the same due dates (models.action_sentence.stated_due is the rule both follow).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from exporters.docx_export import build_document, export_docx
from exporters.formatting import printed_due
from exporters.options import ActionsMode
from exporters.preview import document_to_html
from models.action_sentence import StatedDue, action_sentence, stated_due
from models.enums import ActionStatus, Audience
from models.interchange import read_meeting_file
from models.meeting_doc import ActionDoc, MeetingDoc
from models.word_import import Directory, GuessKind, read_note
from tests.conftest import EXAMPLES
from tests.unit.test_note_layouts import lines

MEETING_DATE = dt.date(2025, 3, 20)
NEXT_MEETING = dt.date(2025, 9, 18)
MAY_31 = dt.date(2025, 5, 31)


def sentence(
    description: str, due: dt.date | None, *, next_meeting: dt.date | None = NEXT_MEETING
) -> str:
    meeting = read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json")._replace(
        date=MEETING_DATE,
        next_meeting=next_meeting,
    )
    action = ActionDoc(description, ("MPS",), due)
    return action_sentence("MPS", description, by=printed_due(action, meeting))


@pytest.mark.parametrize(
    ("description", "due", "expected"),
    [
        # The two reports: the next meeting, and the date as the note prints it.
        ("to bring the paper to the next meeting", NEXT_MEETING,
         "MPS to bring the paper to the next meeting"),
        ("to report by 31 May 2025", MAY_31, "MPS to report by 31 May 2025"),
        # Any form the app prints or a person types, any case, any closing punctuation.
        ("report back by 31/05/2025.", MAY_31, "MPS to report back by 31/05/2025."),
        ("report back by 31/5/25", MAY_31, "MPS to report back by 31/5/25"),
        ("report back by 31.05.2025", MAY_31, "MPS to report back by 31.05.2025"),
        ("report back by 2025-05-31;", MAY_31, "MPS to report back by 2025-05-31;"),
        ("report back by 31 May.", MAY_31, "MPS to report back by 31 May."),
        ("report back BY Saturday 31st May 2025!", MAY_31,
         "MPS to report back BY Saturday 31st May 2025!"),
        ("report back before the 31st of May, then close", MAY_31,
         "MPS to report back before the 31st of May, then close"),
        ("send the paper, deadline: 31 May 2025", MAY_31,
         "MPS to send the paper, deadline: 31 May 2025"),
        ("present the findings at the Next Meeting.", NEXT_MEETING,
         "MPS to present the findings at the Next Meeting."),
        ("report by next Board meeting", NEXT_MEETING, "MPS to report by next Board meeting"),
        ("report by 18 September 2025", NEXT_MEETING, "MPS to report by 18 September 2025"),
        # The words say another date, or say no date: the due date is still said.
        ("to report by 30 April 2025", MAY_31, "MPS to report by 30 April 2025 by 31 May 2025"),
        ("to report by 31 May 2026", MAY_31, "MPS to report by 31 May 2026 by 31 May 2025"),
        ("to bring the paper to the next meeting", MAY_31,
         "MPS to bring the paper to the next meeting by 31 May 2025"),
        ("review the 31 May 2025 figures", MAY_31,
         "MPS to review the 31 May 2025 figures by 31 May 2025"),
        ("add it to the next meeting's agenda", NEXT_MEETING,
         "MPS to add it to the next meeting's agenda by the next meeting"),
        ("report by 31 February 2025", MAY_31,
         "MPS to report by 31 February 2025 by 31 May 2025"),
        # The last due the words give is the one they say.
        ("report by 31 May 2025 and again at the next meeting", MAY_31,
         "MPS to report by 31 May 2025 and again at the next meeting by 31 May 2025"),
        ("report by 30 April and again by 31 May 2025", MAY_31,
         "MPS to report by 30 April and again by 31 May 2025"),
        ("report back", None, "MPS to report back"),
    ],
)  # fmt: skip
def test_a_due_date_the_words_already_say_is_not_said_again(
    description: str, due: dt.date | None, expected: str
) -> None:
    assert sentence(description, due) == expected


def test_the_next_meeting_is_only_the_due_date_when_the_meeting_has_one() -> None:
    assert (
        sentence("to bring the paper to the next meeting", MAY_31, next_meeting=None)
        == "MPS to bring the paper to the next meeting by 31 May 2025"
    )


def test_a_date_with_no_year_is_the_first_such_day_from_the_meeting() -> None:
    """``31 May`` at a meeting on 20 March 2025 is 31 May 2025, ``1 March`` is 1 March 2026
    (as an import assumes), and the reading says the year was assumed."""
    may = stated_due("report by 31 May", meeting_date=MEETING_DATE, next_meeting=None)
    march = stated_due("report by 1 March", meeting_date=MEETING_DATE, next_meeting=None)

    assert may == StatedDue(
        MAY_31, "the year of the due date '31 May' is not printed: 2025 assumed"
    )
    assert march == StatedDue(
        dt.date(2026, 3, 1), "the year of the due date '1 March' is not printed: 2026 assumed"
    )


# -- every place that prints the note, and the import that reads it back ----------------------

# (description, due) as a secretary types them: the due date said in the words, or not.
DUE_CASES = (
    ("bring the paper to the next meeting", "next"),
    ("report by 31 May 2024.", dt.date(2024, 5, 31)),
    ("report by 31/05/2024", dt.date(2024, 5, 31)),
    ("report back by 30 June", dt.date(2024, 6, 30)),
    ("share the findings before the next meeting", "next"),
    ("circulate the paper", dt.date(2024, 7, 1)),
    ("review the 31 May 2024 figures", dt.date(2024, 7, 1)),
    ("review the 31 May 2024 figures", None),
    ("write to partners by email", None),
)


def meeting_with_dues() -> MeetingDoc:
    """The 2019 example held on 20 March 2024, its first item's actions replaced by
    ``DUE_CASES``, all for MPS."""
    meeting = read_meeting_file(EXAMPLES / "2019-05-13-record-of-meeting.json")._replace(
        date=dt.date(2024, 3, 20)
    )
    next_meeting = meeting.date + dt.timedelta(days=91)
    actions = tuple(
        ActionDoc(text, ("MPS",), next_meeting if due == "next" else due)  # type: ignore[arg-type]  # "next" is replaced
        for text, due in DUE_CASES
    )
    first = meeting.agenda[0]._replace(actions=actions)
    return meeting._replace(agenda=(first, *meeting.agenda[1:]), next_meeting=next_meeting)


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
def test_the_note_and_its_preview_say_each_due_date_once(
    audience: Audience, actions: ActionsMode
) -> None:
    document = build_document(meeting_with_dues(), audience=audience, actions=actions)
    printed = lines(document)
    preview = document_to_html(document)

    for expected in (
        "MPS to bring the paper to the next meeting",
        "MPS to report by 31 May 2024.",
        "MPS to report by 31/05/2024",
        "MPS to report back by 30 June",
        "MPS to share the findings before the next meeting",
        "MPS to circulate the paper by 1 July 2024",
        "MPS to review the 31 May 2024 figures by 1 July 2024",
        "MPS to write to partners by email",
    ):
        # Whole sentences: nothing after them but the item's number in the summary.
        said = [text for text in printed if text in (expected, f"{expected} (item 1)")]
        assert len(said) == 1, expected
        assert said[0] in preview
    assert "next meeting by" not in preview


@pytest.mark.parametrize("actions", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
def test_an_imported_note_gives_back_every_due_date_said_in_the_words(
    tmp_path: Path, actions: ActionsMode
) -> None:
    """No due date is lost (the words said it) and none is made up (a date the words do not
    give as a due date, ``the 31 May 2024 figures``, stays words)."""
    meeting = meeting_with_dues()
    path = tmp_path / "note.docx"
    export_docx(meeting, path, actions=actions)

    note = read_note(path, Directory(meeting.organisations, (meeting.board,)))
    read = note.meeting.agenda[0].actions

    assert [(a.owners, a.due, a.status) for a in read] == [
        (a.owners, a.due, ActionStatus.OPEN) for a in meeting.agenda[0].actions
    ]
    # The words come back as printed; a closing "by <date>" becomes the due date alone.
    assert [a.description for a in read] == [
        "bring the paper to the next meeting",
        "report.",
        "report by 31/05/2024",
        "report back",
        "share the findings before the next meeting",
        "circulate the paper",
        "review the 31 May 2024 figures",
        "review the 31 May 2024 figures",
        "write to partners by email",
    ]
    assumed = [g.text for g in note.guesses if g.kind is GuessKind.ACTION_DUE]
    assert assumed == [
        "'report back': the year of the due date '30 June' is not printed: 2024 assumed"
    ]


def test_a_note_read_back_and_exported_again_reads_back_the_same(tmp_path: Path) -> None:
    """Export, import, export, import: the second reading is the first (a due date said in
    the words is neither lost nor added on the way), and each due date is still said once."""
    meeting = meeting_with_dues()
    directory = Directory(meeting.organisations, (meeting.board,))
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    export_docx(meeting, first)
    once = read_note(first, directory).meeting
    export_docx(once, second)
    twice = read_note(second, directory).meeting

    assert twice.agenda[0].actions == once.agenda[0].actions
    printed = lines(docx.Document(str(second)))
    assert "MPS to report back by 30 June 2024" in printed  # the year now printed, once
    assert not [text for text in printed if "next meeting by" in text or " 2024 by " in text]
