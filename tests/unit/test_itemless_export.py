"""Actions without an agenda item reach every note that prints actions, never dropped unsaid.

An action loses its item when the item is deleted (the action stays in the meeting) or when
it is rolled over into a meeting with no items yet. The meeting value gives it an item to be
printed under (:func:`models.meeting_doc.agenda_with_itemless_actions`): the last item a
public note prints, or one of its own. A tester found both open actions of a deleted item
missing from the public note in every actions mode: the last item was confidential, and a
public note leaves those out whole.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from exporters.docx_export import build_note
from exporters.lean import build_lean_note
from exporters.options import ActionsMode
from models import actions, services
from models.database import Database
from models.direct_read import archive_reader
from models.enums import ActionStatus, Audience, LayoutStyle
from models.meeting_doc import (
    ITEMLESS_ACTIONS_TITLE,
    ActionDoc,
    AgendaItemDoc,
    MeetingDoc,
    agenda_with_itemless_actions,
)
from tests.unit.action_meetings import JUNE, SEPTEMBER, agenda_item, board_meeting

SHARE = ActionDoc("share the data.", ("LP",))
OPEN_AGAIN = ActionDoc("review the pilot.", ("MPS",))


def test_they_go_under_the_last_item_a_public_note_prints() -> None:
    welcome, aob = AgendaItemDoc("Welcome", actions=(OPEN_AGAIN,)), AgendaItemDoc("AOB")
    secret = AgendaItemDoc("Commissioning", confidential=True)
    assert agenda_with_itemless_actions((welcome, aob), (SHARE,)) == (
        welcome,
        aob._replace(actions=(SHARE,)),
    )
    assert agenda_with_itemless_actions((welcome, aob, secret), (SHARE,)) == (
        welcome,
        aob._replace(actions=(SHARE,)),
        secret,
    )
    assert agenda_with_itemless_actions((welcome, aob), ()) == (welcome, aob)


def test_with_no_item_a_public_note_prints_they_have_an_item_of_their_own() -> None:
    secret = AgendaItemDoc("Commissioning", confidential=True)
    own = AgendaItemDoc(ITEMLESS_ACTIONS_TITLE, actions=(SHARE,))
    assert agenda_with_itemless_actions((secret,), (SHARE,)) == (secret, own)
    assert agenda_with_itemless_actions((), (SHARE,)) == (own,)


@pytest.fixture
def orphaned(sqlite_database: Database, db_path: Path, sample_meeting: MeetingDoc) -> MeetingDoc:
    """The sample, its last item confidential (and no attendees or chair, so that the
    transcript layout prints it too), after the deletion of its item with two open actions."""
    *items, last = sample_meeting.agenda
    meeting = sample_meeting._replace(
        attendees=(),
        chair=None,
        agenda=(*items, last._replace(confidential=True)),
    )
    meeting_id = services.import_meeting(sqlite_database, meeting)
    workshop = services.meeting_record(sqlite_database, meeting_id).agenda[2]
    assert len(services.delete_agenda_item(sqlite_database, workshop.id).action_ids) == 2
    doc = services.meeting_doc(sqlite_database, meeting_id)
    with archive_reader(db_path) as reader:  # the export's direct read gives the same
        assert reader.meeting_doc(meeting_id) == doc
    return doc


def _text(package: bytes) -> str:
    document = docx.Document(io.BytesIO(package))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.parametrize("mode", [ActionsMode.PER_ITEM, ActionsMode.SUMMARY])
@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("layout", list(LayoutStyle))
def test_every_layout_prints_them_in_either_actions_mode(
    orphaned: MeetingDoc,
    sample_meeting: MeetingDoc,
    layout: LayoutStyle,
    audience: Audience,
    mode: ActionsMode,
) -> None:
    deleted = sample_meeting.agenda[2].actions
    note = build_note(orphaned, layout, audience=audience, actions=mode).package()
    assert build_lean_note(orphaned, layout, audience=audience, actions=mode).package() == note
    text = _text(note)
    for action in deleted:
        assert action.description.rstrip(".") in text  # as a sentence of its own


def test_a_copy_rolled_over_into_a_meeting_without_items_is_printed(database: Database) -> None:
    """It stays without an item once the meeting has items, printed under the last."""
    june = services.import_meeting(
        database,
        board_meeting(JUNE, agenda_item("Performance", "share the data."), next_meeting=SEPTEMBER),
    )
    september = services.import_meeting(database, board_meeting(SEPTEMBER))
    share = actions.list_actions_of_meeting(database, june)[0]
    copy = actions.resolve_previous_action(database, share.id, ActionStatus.ROLLED_OVER, september)
    assert copy is not None
    assert actions.action_row(database, copy).agenda_item_id is None
    agenda = services.meeting_doc(database, september).agenda
    assert [(item.title, item.actions) for item in agenda] == [(ITEMLESS_ACTIONS_TITLE, (SHARE,))]

    services.add_agenda_item(database, september, "Welcome & Apologies")
    secret = services.add_agenda_item(database, september, "Commissioning")
    services.update_agenda_item(database, secret, confidential=True)
    assert actions.action_row(database, copy).agenda_item_id is None
    agenda = services.meeting_doc(database, september).agenda
    assert [(item.title, item.actions) for item in agenda] == [
        ("Welcome & Apologies", (SHARE,)),
        ("Commissioning", ()),
    ]
    for mode in (ActionsMode.PER_ITEM, ActionsMode.SUMMARY):
        note = build_note(services.meeting_doc(database, september), None, actions=mode)
        assert "LP to share the data" in _text(note.package())
