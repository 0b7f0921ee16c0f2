"""The Members panel's Organisation box from the keyboard: Tab takes the highlighted
completion, an organisation the directory lacks is offered to be added (as Add attendee
does), and after a refusal the cursor stays where the typing goes on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from models import organisations, services, transcript_edits
from models.database import Database
from models.enums import LayoutStyle
from models.meeting_doc import BoardRef, MeetingDoc
from tests.ui.conftest import focused
from ui.editor.transcript.members_panel import MembersPanel
from ui.organisations.organisations_dialog import NameAbbreviationDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def members(
    qtbot: QtBot, database: Database, open_window: Callable[[], QWidget]
) -> tuple[MembersPanel, int]:
    organisations.add_organisation(database, "Youth Offending Team", "YOT")
    organisations.add_organisation(database, "Mayor's Office for Policing and Crime", "MOPAC")
    hearing = MeetingDoc(
        BoardRef("Mayor's Office for Policing and Crime", "MOPAC"),
        dt.date(2017, 2, 27),
        style=LayoutStyle.HEARING_TRANSCRIPT,
    )
    meeting_id = services.import_meeting(database, hearing)
    window = open_window()
    tab = window.editor.transcript_tab  # type: ignore[attr-defined]  # a MainWindow
    qtbot.waitUntil(lambda: tab.visible)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    panel: MembersPanel = tab.page.members
    assert focused() is panel.name_edit
    return panel, meeting_id


def _fill(qtbot: QtBot, panel: MembersPanel, organisation: str) -> None:
    qtbot.keyClicks(panel.name_edit, "Ann Lee")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.role_edit, "Head of Service")
    qtbot.keyClick(panel.role_edit, Qt.Key.Key_Tab)
    assert focused() is panel.organisation_edit
    qtbot.keyClicks(panel.organisation_edit, organisation)


def _saved(database: Database, meeting_id: int) -> list[tuple[str, str | None]]:
    return [
        (m.name, m.organisation.abbreviation if m.organisation else None)
        for m in transcript_edits.list_members(database, meeting_id)
    ]


def test_tab_takes_the_highlighted_organisation(
    qtbot: QtBot, members: tuple[MembersPanel, int], database: Database
) -> None:
    panel, meeting_id = members
    _fill(qtbot, panel, "YO")
    popup = panel.organisation_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert panel.organisation_edit.text() == "YOT"
    assert focused() is panel.chair_check
    qtbot.keyClick(panel.chair_check, Qt.Key.Key_Return)
    assert _saved(database, meeting_id) == [("Ann Lee", "YOT")]
    assert focused() is panel.name_edit


def _unknown(
    qtbot: QtBot, panel: MembersPanel, organisation: str
) -> NameAbbreviationDialog[object]:
    """A member typed with an organisation the directory lacks, Enter: the dialog offered."""
    _fill(qtbot, panel, organisation)
    qtbot.keyClick(panel.organisation_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.open_dialog() is not None)
    dialog = panel.open_dialog()
    assert isinstance(dialog, NameAbbreviationDialog)
    return dialog


def test_an_unknown_organisation_is_offered_and_cancelled_keeps_the_cursor(
    qtbot: QtBot, members: tuple[MembersPanel, int], database: Database
) -> None:
    panel, meeting_id = members
    dialog = _unknown(qtbot, panel, "ZZQ")
    assert dialog.abbreviation_edit.text() == "ZZQ"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not added
    qtbot.waitUntil(lambda: panel.open_dialog() is None)
    qtbot.waitUntil(panel.organisation_edit.hasFocus)  # the typing goes on here
    assert panel.message.isVisible()
    assert "“ZZQ” is not in the directory" in panel.message.text()
    assert ".." not in panel.message.text()
    assert _saved(database, meeting_id) == []
    qtbot.keyClicks(panel.organisation_edit, "YOT")  # typed over the selected ZZQ
    qtbot.keyClick(panel.organisation_edit, Qt.Key.Key_Return)
    assert _saved(database, meeting_id) == [("Ann Lee", "YOT")]


def test_an_unknown_organisation_added_in_the_dialog_goes_with_the_member(
    qtbot: QtBot, members: tuple[MembersPanel, int], database: Database
) -> None:
    dialog = _unknown(qtbot, members[0], "University of Huddersfield")
    assert dialog.name_edit.text() == "University of Huddersfield"  # suggested from the box
    panel, meeting_id = members
    dialog.abbreviation_edit.setText("UoH")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _saved(database, meeting_id) == [("Ann Lee", "UoH")])
    assert any(o.abbreviation == "UoH" for o in services.list_organisations(database))
    qtbot.waitUntil(panel.name_edit.hasFocus)  # ready for the next member


def test_a_role_past_its_column_is_refused_with_why_and_kept_as_typed(
    qtbot: QtBot, members: tuple[MembersPanel, int], database: Database
) -> None:
    """A member's role is a column of 300 characters (PostgreSQL refuses more): adding one
    of 312 says why, saves nothing and keeps every field as typed."""
    panel, meeting_id = members
    role = "Head of Service " + "r" * 296
    qtbot.keyClicks(panel.name_edit, "Ann Lee")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.role_edit, role)
    qtbot.keyClick(panel.role_edit, Qt.Key.Key_Return)
    banner = panel.window().editor.banner  # type: ignore[attr-defined]  # a MainWindow
    assert banner.isVisible()
    assert banner.label.text() == (
        "Add member Ann Lee did not work: Role is 312 characters; the limit is 300."
        " It is not saved until it is shortened."
    )
    assert _saved(database, meeting_id) == []
    assert (panel.name_edit.text(), panel.role_edit.text()) == ("Ann Lee", role)
    assert focused() is panel.role_edit
