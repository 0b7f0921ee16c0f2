"""A hearing transcript typed from the keyboard in the window: the layout chosen, members
added with co-chairs, turns whose speakers are completed from a few letters, Enter twice for
the next turn, an editorial note, a witness who is not a member, a printed transcript pasted;
then checked in the database and in the Word export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from exporters.docx_export import build_document
from models import organisations, services, transcript_edits
from models.database import Database
from models.enums import LayoutStyle
from models.interchange import read_meeting_file
from tests.conftest import TRANSCRIPT_EXAMPLE
from tests.ui.conftest import focused
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SOPHIE = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
REBECCA = "Rebecca Lawrence (Chief Executive Officer - MOPAC)"
MICHAEL = "Michael Lockwood (CEO Harrow Council) (Co-Chair)"


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def _speaker(qtbot: QtBot, window: MainWindow, letters: str) -> None:
    """A few letters in the speaker field, then Enter on the highlighted choice."""
    turns = window.editor.transcript_tab.page.turns
    assert focused() is turns.speaker_field
    _type(qtbot, letters)
    popup = turns.speaker_field.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert focused() is turns.words_edit


def test_a_hearing_typed_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, database: Database, tmp_path: Path
) -> None:
    organisations.add_organisation(database, "Mayor's Office for Policing and Crime", "MOPAC")
    editor = window.editor
    window.meeting_list.setFocus()
    _key(qtbot, Qt.Key.Key_N, CTRL)  # a new meeting, the cursor on its date
    meeting_id = editor.meeting_id
    assert meeting_id is not None
    _type(qtbot, "27022017")
    editor.details.style_combo.setFocus()
    _key(qtbot, Qt.Key.Key_H)  # the layout: Hearing Transcript, the only one with an H
    qtbot.waitUntil(lambda: editor.transcript_tab.visible)
    _key(qtbot, Qt.Key.Key_4, CTRL)  # the Transcript tab, the cursor on a member's name
    members = editor.transcript_tab.page.members
    assert focused() is members.name_edit

    # Members: name, Tab, role, Tab, organisation, Tab, Space for a co-chair, Enter.
    _type(qtbot, "Sophie Linden")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "Deputy Mayor for Policing and Crime")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Tab)
    assert focused() is members.chair_check
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Return)
    assert focused() is members.name_edit  # ready for the next one
    _type(qtbot, "Rebecca Lawrence")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "Chief Executive Officer")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "MOPAC")
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "Michael Lockwood")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "CEO Harrow Council")
    _key(qtbot, Qt.Key.Key_Return)
    # A co-chair marked afterwards, in the table: C on the selected member.
    members.table.setFocus()
    members.table.selectRow(2)
    _key(qtbot, Qt.Key.Key_C)
    rows = transcript_edits.list_members(database, meeting_id)
    assert [(m.name, m.chair) for m in rows] == [
        ("Sophie Linden", True),
        ("Rebecca Lawrence", False),
        ("Michael Lockwood", True),
    ]
    assert rows[1].organisation is not None
    assert rows[1].organisation.abbreviation == "MOPAC"

    # Turns: Ctrl+Enter, a few letters of the speaker, Enter, the words.
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _speaker(qtbot, window, "soph")
    _type(qtbot, "Shall we start?")
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "Thank you for coming.")
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Return)  # Enter twice: the next turn
    _speaker(qtbot, window, "rl")  # initials
    _type(qtbot, "I am Rebecca Lawrence.")
    _key(qtbot, Qt.Key.Key_Return, CTRL_SHIFT)  # an editorial note
    turns = editor.transcript_tab.page.turns
    assert focused() is turns.words_edit
    assert turns.editorial_label.isVisible()
    _type(qtbot, "[At this point the sound recording was lost for several minutes]")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    # A witness, not a member: Esc closes the list, Enter keeps the label as typed.
    _type(qtbot, "Kerry Bishop (Witness)")
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "I was there.")
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    _speaker(qtbot, window, "lock")
    _type(qtbot, "Pleasure.")
    # A printed transcript pasted into the words: split into turns after this one.
    pasted = QMimeData()
    pasted.setText(
        "**Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair):** Thank you.\n\n"
        "**Rebecca Lawrence (Chief Executive Officer - MOPAC):** Thank you, Sophie."
    )
    turns.words_edit.insertFromMimeData(pasted)
    _key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.has_pending_edits())

    item_id = turns.item_id
    assert item_id is not None
    saved = transcript_edits.list_turns(database, item_id)
    by_id = {m.id: m.name for m in transcript_edits.list_members(database, meeting_id)}
    assert [(t.speaker, t.text) for t in saved] == [
        (SOPHIE, "Shall we start?\n\nThank you for coming."),
        (REBECCA, "I am Rebecca Lawrence."),
        (None, "[At this point the sound recording was lost for several minutes]"),
        ("Kerry Bishop (Witness)", "I was there."),
        (MICHAEL, "Pleasure."),
        (SOPHIE, "Thank you."),
        (REBECCA, "Thank you, Sophie."),
    ]
    assert [by_id.get(t.member_id) if t.member_id else None for t in saved] == [
        "Sophie Linden",
        "Rebecca Lawrence",
        None,
        None,  # a witness is not a member
        "Michael Lockwood",
        "Sophie Linden",
        "Rebecca Lawrence",
    ]

    meeting = services.meeting_doc(database, meeting_id)
    assert meeting.style is LayoutStyle.HEARING_TRANSCRIPT
    assert meeting.date == dt.date(2017, 2, 27)
    document = build_document(meeting)
    texts = [p.text for p in document.paragraphs]
    assert "Date: Monday 27 February 2017" in texts
    assert "Sophie Linden, Deputy Mayor for Policing and Crime, (Co-Chair)" in texts
    assert "Rebecca Lawrence, Chief Executive Officer, MOPAC" in texts
    assert "Michael Lockwood, CEO Harrow Council, (Co-Chair)" in texts
    opening = next(p for p in document.paragraphs if p.text.startswith("Kerry Bishop"))
    assert opening.runs[0].bold
    assert opening.runs[0].text == "Kerry Bishop (Witness):"
    (note,) = [p for p in document.paragraphs if p.style.name == "Editorial Note"]
    assert note.text.startswith("[At this point")

    # Ctrl+Z takes the paste back, in one step.
    turns.list_view.setFocus()
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(transcript_edits.list_turns(database, item_id)) == 5


def test_an_imported_hearing_shows_its_panel_and_its_turns_are_edited(
    qtbot: QtBot, database: Database, open_window: Callable[[], MainWindow]
) -> None:
    meeting_id = services.import_meeting(database, read_meeting_file(TRANSCRIPT_EXAMPLE))
    window = open_window()
    editor = window.editor
    assert editor.meeting_id == meeting_id
    tab = editor.transcript_tab
    qtbot.waitUntil(lambda: tab.visible)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_4, CTRL)
    assert focused() is tab.page.members.name_edit
    assert tab.page.members.model.rowCount() == 16
    turns = tab.page.turns
    assert turns.model.rowCount() == 105
    assert turns.model.data(turns.model.index(0, 0)).startswith(
        "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair): Shall we start?"
    )

    # Another label for the first turn, typed over and left with Tab: saved, still linked.
    turns.list_view.selectRow(0)
    turns.speaker_field.setFocus()
    turns.speaker_field.selectAll()
    _type(qtbot, "Sophie Linden (Chair)")
    _key(qtbot, Qt.Key.Key_Escape)  # the list of choices closes; the label stays as typed
    turns.list_view.setFocus()  # leaving the field keeps the label
    _key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.has_pending_edits())
    item_id = turns.item_id
    assert item_id is not None
    first = transcript_edits.list_turns(database, item_id)[0]
    assert first.speaker == "Sophie Linden (Chair)"
    sophie = transcript_edits.list_members(database, meeting_id)[0]
    assert first.member_id == sophie.id

    # Del removes the selected turn, Ctrl+Z puts it back.
    turns.list_view.selectRow(1)
    turns.list_view.setFocus()
    _key(qtbot, Qt.Key.Key_Delete)
    assert len(transcript_edits.list_turns(database, item_id)) == 104
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    restored = transcript_edits.list_turns(database, item_id)
    assert len(restored) == 105
    assert restored[1].speaker == "Rebecca Lawrence (Chief Executive Officer) (MOPAC)"

    # Alt+Down moves a turn; in the members, Alt+Up moves one and Del removes one (her turns
    # stay, no longer linked).
    turns.list_view.selectRow(1)
    _key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    moved = transcript_edits.list_turns(database, item_id)
    assert moved[2].speaker == "Rebecca Lawrence (Chief Executive Officer) (MOPAC)"
    members = tab.page.members
    members.table.setFocus()
    members.table.selectRow(15)
    _key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    names = [m.name for m in transcript_edits.list_members(database, meeting_id)]
    assert names[14:] == ["Debra Levison", "Gill Arukpe"]
    _key(qtbot, Qt.Key.Key_Delete)
    left = transcript_edits.list_members(database, meeting_id)
    assert "Debra Levison" not in [m.name for m in left]
    debra_turns = [
        t for t in transcript_edits.list_turns(database, item_id) if "Debra" in (t.speaker or "")
    ]
    assert debra_turns
    assert all(t.member_id is None for t in debra_turns)


def test_a_board_meeting_has_no_transcript_tab(sample_window: MainWindow) -> None:
    tab = sample_window.editor.transcript_tab
    assert not tab.visible
    assert not tab.action.isEnabled()


def test_f1_lists_the_transcript_keys(sample_window: MainWindow) -> None:
    table = {what: keys for keys, what in sample_window.shortcut_table()}
    assert table["Transcript"] == "Ctrl+4"
    assert table["New turn"] == "Ctrl+Return in the Transcript tab"
    assert table["Editorial note"] == "Ctrl+Shift+Return in the Transcript tab"
    assert table["Remove turn"] == "Del in the turns list"
    assert "Start the next turn (type a few letters of the speaker)" in table
