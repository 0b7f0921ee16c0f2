"""No path stores text past the limits an import checks: what the services accept, the
app's own JSON export gives back and an import takes again."""

from __future__ import annotations

import pytest

from models import services
from models.actions import add_action, update_action
from models.attendance import add_attendee
from models.database import Database
from models.errors import ValidationError
from models.input_limits import MAX_NOTE_CHARS, MAX_TEXT_CHARS
from models.interchange import dumps_meeting, loads_meeting
from models.meeting_doc import MeetingDoc

PASTED = "t" * 12_003  # the tester's paste into Theme


@pytest.mark.parametrize(
    ("field", "limit"),
    [("theme", MAX_TEXT_CHARS), ("venue", MAX_TEXT_CHARS), ("title", 300), ("chair_role", 300)],
)
def test_a_detail_past_its_limit_is_refused_and_nothing_is_stored(
    database: Database, sample_meeting: MeetingDoc, field: str, limit: int
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    before = dumps_meeting(services.meeting_doc(database, meeting_id))
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(database, meeting_id, **{field: PASTED})
    assert refused.value.field == field
    label = field.replace("_", " ").capitalize()
    assert refused.value.message.startswith(
        f"{label} is 12,003 characters; the limit is {limit:,}."
    )
    assert dumps_meeting(services.meeting_doc(database, meeting_id)) == before


def test_the_theme_at_its_limit_is_stored_and_its_export_imports_again(
    database: Database, sample_meeting: MeetingDoc
) -> None:
    meeting_id = services.import_meeting(database, sample_meeting)
    services.update_meeting(database, meeting_id, theme="t" * MAX_TEXT_CHARS)
    exported = dumps_meeting(services.meeting_doc(database, meeting_id))
    assert loads_meeting(exported).theme == "t" * MAX_TEXT_CHARS


def test_every_path_refuses_the_same(database: Database, sample_meeting: MeetingDoc) -> None:
    """Actions, attendees, notes: each refused with the field named, as the import would."""
    meeting_id = services.import_meeting(database, sample_meeting)
    item_id = services.meeting_record(database, meeting_id).agenda[0].id
    with pytest.raises(ValidationError, match=r"^Description is 12,003 characters"):
        add_action(database, meeting_id, agenda_item_id=item_id, description=PASTED)
    action_id = add_action(database, meeting_id, agenda_item_id=item_id, description="Write")
    with pytest.raises(ValidationError, match=r"^Description is 12,003 characters"):
        update_action(database, action_id, description=PASTED)
    organisation = sample_meeting.attendees[0].organisation
    with pytest.raises(ValidationError, match=r"^Person name is 12,003 characters"):
        add_attendee(database, meeting_id, organisation, name=PASTED)
    with pytest.raises(ValidationError, match=r"^Notes is 1,000,001 characters"):
        services.update_agenda_item(database, item_id, notes="n" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(ValidationError, match=r"^Theme holds a NUL character"):
        services.update_meeting(database, meeting_id, theme="a\x00b")
