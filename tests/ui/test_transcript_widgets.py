"""The two keyboard pieces of the turns editor on their own: the speaker field (a few letters,
Enter) and the words box (Enter twice for the next turn, a printed transcript pasted)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from models.meeting_doc import MemberDoc
from models.transcript_text import speaker_choices
from ui.editor.transcript.speaker_field import SpeakerField
from ui.editor.transcript.turn_text import TurnTextEdit, text_to_words, words_to_text

MEMBERS = [
    MemberDoc("Sophie Linden", "Deputy Mayor for Policing and Crime", None, chair=True),
    MemberDoc("Martin Hewitt", "Assistant Commissioner", "MPS"),
]
SOPHIE = "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"


def speaker_field(qtbot: QtBot) -> tuple[SpeakerField, list[str]]:
    field = SpeakerField(lambda typed: speaker_choices(MEMBERS, [], typed))
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    chosen: list[str] = []
    field.speaker_chosen.connect(chosen.append)
    return field, chosen


def test_a_few_letters_and_enter_choose_a_member(qtbot: QtBot) -> None:
    field, chosen = speaker_field(qtbot)
    qtbot.keyClicks(field, "lind")
    popup = field.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chosen[-1] == SOPHIE
    assert field.text() == SOPHIE


def test_a_new_label_is_kept_as_typed(qtbot: QtBot) -> None:
    field, chosen = speaker_field(qtbot)
    qtbot.keyClicks(field, "Kerry Bishop (Witness)")
    assert not field.popup().isVisible()  # nothing matches
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert chosen == ["Kerry Bishop (Witness)"]


def test_esc_closes_the_list_and_enter_keeps_the_typed_label(qtbot: QtBot) -> None:
    field, chosen = speaker_field(qtbot)
    escaped: list[bool] = []
    field.escaped.connect(lambda: escaped.append(True))
    qtbot.keyClicks(field, "Sophie")
    popup = field.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert escaped == []  # the first Esc only closed the list
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert chosen == ["Sophie"]
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert escaped == [True]


def test_tab_takes_a_typed_label_as_enter_does(qtbot: QtBot) -> None:
    field, chosen = speaker_field(qtbot)
    qtbot.keyClicks(field, "Dr Tim Bateson (Witness)")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert chosen == ["Dr Tim Bateson (Witness)"]


def test_enter_twice_at_the_end_asks_for_the_next_turn(qtbot: QtBot) -> None:
    box = TurnTextEdit()
    qtbot.addWidget(box)
    asked: list[bool] = []
    box.next_turn_requested.connect(lambda: asked.append(True))
    qtbot.keyClicks(box, "First paragraph.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "Second.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert asked == []
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert asked == [True]
    assert box.words() == "First paragraph.\n\nSecond."
    assert box.toPlainText() == "First paragraph.\nSecond."  # the empty paragraph is gone


def test_a_paste_with_labels_goes_to_the_editor_and_plain_text_stays(qtbot: QtBot) -> None:
    box = TurnTextEdit()
    qtbot.addWidget(box)
    pasted: list[str] = []
    box.transcript_pasted.connect(pasted.append)
    data = QMimeData()
    data.setText("**Sophie Linden:** Welcome.")
    box.insertFromMimeData(data)
    assert pasted == ["**Sophie Linden:** Welcome."]
    assert box.toPlainText() == ""
    plain = QMimeData()
    plain.setText("just words")
    box.insertFromMimeData(plain)
    assert box.toPlainText() == "just words"


def test_words_are_stored_as_paragraphs() -> None:
    assert text_to_words("One.\n\n  Two.  \n") == "One.\n\nTwo."
    assert words_to_text("One.\n\nTwo.") == "One.\nTwo."
