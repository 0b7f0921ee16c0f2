"""A meeting the archive holds already (same board, date and title, whatever the layout) is
not saved again by an import, unless a copy is asked for; checked as the import writes."""

from __future__ import annotations

import pytest

from models.database import Database
from models.enums import LayoutStyle
from models.interchange import read_meeting_file
from models.services import already_there, list_meetings, meetings_like
from models.word_import.store import NotSavedError, SourceFile, save_meetings
from tests.conftest import EXAMPLES

MEETING = read_meeting_file(EXAMPLES / "2024-02-29-note-of-meeting.json")


def _source(name: str) -> SourceFile:
    return SourceFile(name, name.encode().hex().ljust(64, "0")[:64])


def test_a_meeting_already_there_is_refused_naming_it_unless_a_copy_is_asked_for(
    database: Database,
) -> None:
    (first,) = save_meetings(database, [(MEETING, _source("a.docx"))])
    in_another_layout = MEETING._replace(style=LayoutStyle.PUBLIC_NOTE)

    with pytest.raises(NotSavedError) as refused:
        save_meetings(database, [(in_another_layout, _source("b.docx"))])

    assert str(refused.value) == f"already in the archive as meeting {first}; not imported again"
    assert [m.id for m in list_meetings(database)] == [first]
    (copy,) = save_meetings(database, [(MEETING, _source("b.docx"))], allow_duplicate=True)
    assert meetings_like(database, in_another_layout) == [first, copy]


def test_another_title_or_date_is_another_meeting(database: Database) -> None:
    save_meetings(database, [(MEETING, _source("a.docx"))])
    titled = MEETING._replace(title="Extraordinary meeting")
    next_day = MEETING._replace(date=MEETING.date.replace(day=1))

    saved = save_meetings(database, [(titled, _source("b.docx")), (next_day, _source("c.docx"))])

    assert len(saved) == 2


def test_the_same_meeting_twice_in_one_import_saves_nothing_and_names_both_files(
    database: Database,
) -> None:
    with pytest.raises(NotSavedError, match=r"^b\.json holds the same meeting as a\.json "):
        save_meetings(database, [(MEETING, _source("a.json")), (MEETING, _source("b.json"))])

    assert list_meetings(database) == []


def test_the_meetings_already_there_are_named_by_id() -> None:
    assert already_there([7]) == "already in the archive as meeting 7"
    assert already_there([7, 9, 12]) == "already in the archive as meetings 7, 9 and 12"
