"""The notes editor: what the secretary types, formats and pastes is what gets stored.

Golden round trips prove that stored notes come back unchanged (editor -> Markdown ->
editor); the typing tests drive the editor with keys as a user would and read the Markdown
it stores; the window test checks that the notes reach the database.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from models import services
from models.database import Database
from models.notes import canonical_notes
from ui.editor.notes_editor import MARKER_TEXT, NotesEditor
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = CTRL | SHIFT
CTRL_ALT = CTRL | Qt.KeyboardModifier.AltModifier
ALT = Qt.KeyboardModifier.AltModifier
Key = Qt.Key


class Form(QWidget):
    """The editor between two other fields, as in the agenda panel."""

    def __init__(self) -> None:
        super().__init__()
        self.before = QLineEdit()
        self.notes = NotesEditor()
        self.after = QLineEdit()
        layout = QVBoxLayout(self)
        for widget in (self.before, self.notes, self.after):
            layout.addWidget(widget)
        self.resize(640, 480)


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[Form]:
    widget = Form()
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    widget.notes.setFocus()
    qtbot.waitUntil(widget.notes.text_edit.hasFocus)
    yield widget
    QApplication.clipboard().clear()


def type_keys(qtbot: QtBot, widget: QWidget, *steps: str | tuple[Key, Qt.KeyboardModifier]) -> None:
    """Type text and press keys in order: ``"text"`` or ``(Key.Key_B, CTRL)``."""
    for step in steps:
        if isinstance(step, str):
            qtbot.keyClicks(widget, step)
        else:
            qtbot.keyClick(widget, step[0], step[1])


ENTER = (Key.Key_Return, Qt.KeyboardModifier.NoModifier)
TAB = (Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
BACKTAB = (Key.Key_Backtab, SHIFT)
BACKSPACE = (Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
BULLETS = (Key.Key_8, CTRL_SHIFT)
NUMBERS = (Key.Key_7, CTRL_SHIFT)
BOLD = (Key.Key_B, CTRL)
ITALIC = (Key.Key_I, CTRL)
HEADING3 = (Key.Key_3, CTRL_ALT)
HEADING4 = (Key.Key_4, CTRL_ALT)
MARKER = (Key.Key_M, CTRL_SHIFT)
LINE_BREAK = (Key.Key_Return, SHIFT)
UNDO = (Key.Key_Z, CTRL)


# --- golden round trips ----------------------------------------------------------------------

GOLDEN = [
    "MOPAC welcomed partners to the meeting.",
    "First paragraph.\n\nSecond paragraph.",
    "Plain, **bold**, *italic*, ***both***, **bold with *italic* inside** and *it **bold***.",
    "**MOPAC**'s view, *'a quotation'*, (**LP**) and **MPS**/**MOPAC**.",
    "### Co-location Pilot Progress:\n\nText under it.\n\n#### A smaller *sub-heading*",
    "- one\n- two\n  - nested\n  - nested again\n- three",
    "1. **What would it take?**\n2. Who leads?\n   - a point under a number\n3. When?",
    "1. one\n2. two\n\n1) numbering restarts\n2) here",
    "3. a list that starts at three\n4. four",
    "- bullets\n\n* another bullet list right after",
    "- a list\n\n1. then numbers\n\n- then bullets",
    "Actions:\n\n- LP to share the data.\n- MPS/MOPAC to review the pilot.",
    "*slides were shared*",
    "Before.\n\n*slides were shared*\n\nAfter.",
    "A line\\\nbreak inside a paragraph\\\n\\\nand an empty line.",
    "- an item\\\n  over two lines\n- 10 items",
    "10. ten\n    - nested under ten",
    "\\# not a heading, - not a bullet:\n\n\\- really\n\n1\\. not a number\n\n\\+ plus",
    "Stars \\* and \\*\\*, 2 \\* 3, snake_case, \\_under\\_, back\\slash and \\\\\\*",
    "### Item \\#",
    "Unicode: שלום עולם, مرحبا, Ελληνικά, 中文, emoji 😀👍🏽, café – “quoted” … £5",
    "**שלום** *עולם*",
    "-\n  - an empty item with a sub-item",
    "- one\n-",
]


@pytest.mark.parametrize("golden", GOLDEN)
def test_golden_notes_round_trip(qtbot: QtBot, form: Form, golden: str) -> None:
    assert canonical_notes(golden) == golden  # the golden text is in the stored form
    with qtbot.assertNotEmitted(form.notes.notes_edited):
        form.notes.set_markdown(golden)
    assert form.notes.markdown() == golden


def test_every_shipped_note_round_trips(qtbot: QtBot, form: Form) -> None:
    from tests.unit.test_notes_canonical import stored_notes  # noqa: PLC0415 (one source)

    for where, notes in stored_notes():
        form.notes.set_markdown(notes)
        assert form.notes.markdown() == notes, where


def test_reopened_notes_show_as_formatted_text(qtbot: QtBot, form: Form) -> None:
    form.notes.set_markdown("### Head\n\n- **a**\n  - b\n\n1. c")
    document = form.notes.document()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    assert [block.text() for block in blocks] == ["Head", "a", "b", "c"]
    assert blocks[0].blockFormat().headingLevel() == 3
    assert [block.textList().format().indent() for block in blocks[1:]] == [1, 2, 1]
    assert "*" not in form.notes.text_edit.toPlainText()


# --- typing ----------------------------------------------------------------------------------


def test_typing_a_nested_bullet_list(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "Partners:", ENTER, BULLETS, "one", ENTER, TAB, "nested")
    assert form.notes.markdown() == "Partners:\n\n- one\n  - nested"
    type_keys(qtbot, edit, ENTER, BACKTAB, "two", ENTER, ENTER, "After the list.")
    assert form.notes.markdown() == "Partners:\n\n- one\n  - nested\n- two\n\nAfter the list."
    assert edit.hasFocus()  # Tab and Shift+Tab stayed in the list


def test_enter_on_an_empty_sub_item_goes_up_a_level(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, BULLETS, "a", ENTER, TAB, "b", ENTER, ENTER, "c")
    assert form.notes.markdown() == "- a\n  - b\n- c"


def test_numbered_list_and_switching_kind(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, NUMBERS, "What?", ENTER, "Why?")
    assert form.notes.markdown() == "1. What?\n2. Why?"
    type_keys(qtbot, edit, BULLETS)  # the numbered list becomes a bullet list
    assert form.notes.markdown() == "- What?\n- Why?"
    type_keys(qtbot, edit, BULLETS)  # and the item a paragraph again
    assert form.notes.markdown() == "- What?\n\nWhy?"
    type_keys(qtbot, edit, UNDO)
    assert form.notes.markdown() == "- What?\n- Why?"


def test_bold_and_italic_while_typing_and_on_a_selection(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, BOLD, "MOPAC", BOLD, " highlighted ", ITALIC, "the outcome", ITALIC, ".")
    assert form.notes.markdown() == "**MOPAC** highlighted *the outcome*."
    assert form.notes.italic_action.isCheckable()
    type_keys(qtbot, edit, ENTER, "make this bold")
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, 5)
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 4)
    edit.setTextCursor(cursor)  # "this" selected, as with Shift+Ctrl+Left
    type_keys(qtbot, edit, BOLD)
    assert form.notes.markdown().endswith("\n\nmake **this** bold")
    type_keys(qtbot, edit, BOLD)
    assert form.notes.markdown().endswith("\n\nmake this bold")


def test_sub_headings_toggle_and_end_at_enter(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "Co-location Pilot Progress:", HEADING3, ENTER, "Text.")
    assert form.notes.markdown() == "### Co-location Pilot Progress:\n\nText."
    type_keys(qtbot, edit, HEADING4)
    assert form.notes.markdown() == "### Co-location Pilot Progress:\n\n#### Text."
    assert not form.notes.bold_action.isEnabled()  # a sub-heading is bold already
    type_keys(qtbot, edit, HEADING4)
    assert form.notes.markdown() == "### Co-location Pilot Progress:\n\nText."
    assert form.notes.bold_action.isEnabled()


def test_marker_line_is_selected_for_typing_over(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "LP presented.", MARKER)
    assert form.notes.markdown() == f"LP presented.\n\n*{MARKER_TEXT}*"
    assert edit.textCursor().selectedText() == MARKER_TEXT
    type_keys(qtbot, edit, "a video was shown", ENTER, "Partners discussed it.")
    assert form.notes.markdown() == (
        "LP presented.\n\n*a video was shown*\n\nPartners discussed it."
    )


def test_shift_enter_is_a_line_break(qtbot: QtBot, form: Form) -> None:
    type_keys(qtbot, form.notes.text_edit, "MOPAC", LINE_BREAK, "169 Union Street")
    assert form.notes.markdown() == "MOPAC\\\n169 Union Street"


def test_markdown_typed_at_a_paragraph_start_formats_it(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "- a bullet", ENTER, ENTER, "1. a number", ENTER)
    type_keys(qtbot, edit, ENTER, "### a sub-heading")
    assert form.notes.markdown() == "- a bullet\n\n1. a number\n\n### a sub-heading"
    type_keys(qtbot, edit, ENTER, "- ", UNDO)  # Ctrl+Z gives the typed characters back
    assert form.notes.markdown().endswith("### a sub-heading\n\n\\-")


def test_stars_typed_around_words_make_them_bold_or_italic(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "Say **bold** then *italic* and 2 * 3 * 4")
    assert form.notes.markdown() == "Say **bold** then *italic* and 2 \\* 3 \\* 4"
    assert "**" not in edit.toPlainText()  # shown formatted, not as stars
    type_keys(qtbot, edit, ENTER, "- an item with *emphasis*", UNDO)  # gives the stars back
    assert edit.toPlainText().endswith("an item with *emphasis*")
    assert form.notes.markdown().endswith("- an item with \\*emphasis\\*")


def test_a_new_paragraph_after_bold_text_starts_plain(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    end = (Key.Key_End, CTRL)
    type_keys(qtbot, edit, "Say **bold**", ENTER, "typed straight on")
    assert form.notes.markdown() == "Say **bold**\n\ntyped straight on"
    form.notes.set_markdown("Say **bold**\n\n- *an item*")  # reopened: the cursor at the start
    type_keys(qtbot, edit, end, ENTER, "after coming back")
    assert form.notes.markdown() == "Say **bold**\n\n- *an item*\n- after coming back"
    form.notes.set_markdown("Say **bold**")
    type_keys(qtbot, edit, end, " more", ENTER, "next")  # the same paragraph carries on
    assert form.notes.markdown() == "Say **bold more**\n\nnext"
    type_keys(qtbot, edit, BOLD, ENTER, "chosen")  # Ctrl+B said what comes next
    assert form.notes.markdown() == "Say **bold more**\n\nnext\n\n**chosen**"


def test_tab_outside_a_list_moves_to_the_next_field(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, "Text")
    type_keys(qtbot, edit, TAB)
    assert form.after.hasFocus()
    form.notes.setFocus()
    type_keys(qtbot, edit, BACKTAB)
    assert form.before.hasFocus()
    assert form.notes.markdown() == "Text"


def test_tab_on_an_item_that_cannot_nest_moves_on(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, BULLETS, "first item")
    type_keys(qtbot, edit, TAB)  # nothing above to nest under: the keyboard is not trapped
    assert form.after.hasFocus()
    assert form.notes.markdown() == "- first item"


def test_backspace_at_an_item_start_goes_up_then_out(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    type_keys(qtbot, edit, BULLETS, "a", ENTER, TAB, "b")
    edit.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    type_keys(qtbot, edit, BACKSPACE)
    assert form.notes.markdown() == "- a\n- b"
    type_keys(qtbot, edit, BACKSPACE)
    assert form.notes.markdown() == "- a\n\nb"


def test_toolbar_buttons_do_what_the_keys_do(qtbot: QtBot, form: Form) -> None:
    notes = form.notes
    type_keys(qtbot, notes.text_edit, "one")
    for action in (notes.bullets_action, notes.numbers_action):
        button = notes.toolbar.button_for(action)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert notes.markdown() == "1. one"
    assert notes.numbers_action.isChecked()
    assert "Ctrl+Shift+7" in notes.numbers_action.toolTip()


def test_edits_are_signalled_but_loading_is_not(qtbot: QtBot, form: Form) -> None:
    with qtbot.assertNotEmitted(form.notes.notes_edited):
        form.notes.set_markdown("Loaded.")
    with qtbot.waitSignal(form.notes.notes_edited, timeout=1000):
        type_keys(qtbot, form.notes.text_edit, "x")
    with qtbot.waitSignal(form.notes.notes_edited, timeout=1000):  # formatting is an edit
        form.notes.text_edit.selectAll()
        type_keys(qtbot, form.notes.text_edit, BOLD)
    assert form.notes.markdown() == "**xLoaded.**"


# --- pasting ---------------------------------------------------------------------------------

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"><style>
p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
@list l0:level1 {mso-level-number-format:bullet;}
</style></head><body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<h2><span style='font-family:Arial;color:#2F5496'>Housing update<o:p></o:p></span></h2>
<p class=MsoNormal><span style='font-size:12.0pt;font-family:"Arial",sans-serif;
mso-ansi-language:EN-GB'>LP gave an <b style='mso-bidi-font-weight:normal'>overview</b>
of <i>outcomes</i>.\x0bA manual line break.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>First
bullet<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'>
<![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o
<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]>Nested
bullet<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]>Second
bullet<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><!--[if !supportLists]-->
<span><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span></span><!--[endif]--><b>What
</b>would it take?<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><!--[if !supportLists]-->
<span><span style='mso-list:Ignore'>2.<span>&nbsp; </span></span></span><!--[endif]-->Who
leads?<o:p></o:p></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr>
<td width=200 style='border:solid windowtext 1.0pt'><p class=MsoNormal>Cell one<o:p></o:p></p></td>
<td><p class=MsoNormal><span style='color:red'>Cell <u>two</u></span><o:p></o:p></p></td>
</tr></table>
<p class=MsoNormal><img width=100 height=50 src="file:///C:/Temp/clip_image001.png"
alt="A chart"><font face="Wingdings" size=2>Figure: *stars* and # hash</font></p>
<p class=MsoNormal>Page\x0cbreak and a bell\x07.<o:p></o:p></p>
<!--EndFragment--></body></html>"""

WORD_MARKDOWN = (
    "### Housing update\n\n"
    "LP gave an **overview** of *outcomes*.\\\nA manual line break.\n\n"
    "- First bullet\n  - Nested bullet\n- Second bullet\n\n"
    "1. **What** would it take?\n2. Who leads?\n\n"
    "Cell one\n\nCell two\n\n"
    "Figure: \\*stars\\* and # hash\n\n"
    "Page\\\nbreak and a bell."
)


def paste(qtbot: QtBot, form: Form, mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(form.notes.text_edit, Key.Key_V, CTRL)


def html_mime(html: str, text: str = "") -> QMimeData:
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    return mime


def test_paste_from_word_keeps_the_structure_and_drops_the_rest(qtbot: QtBot, form: Form) -> None:
    paste(qtbot, form, html_mime(WORD_HTML, "the plain version"))
    assert form.notes.markdown() == WORD_MARKDOWN


def test_a_pasted_phrase_joins_the_paragraph(qtbot: QtBot, form: Form) -> None:
    edit = form.notes.text_edit
    form.notes.set_markdown("- LP to  the data.")
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, 10)
    edit.setTextCursor(cursor)
    paste(qtbot, form, html_mime("<p><span style='font-size:20pt'><b>share</b></span></p>"))
    assert form.notes.markdown() == "- LP to **share** the data."


def test_plain_text_paste_turns_word_controls_into_breaks(qtbot: QtBot, form: Form) -> None:
    mime = QMimeData()
    mime.setText("Line one\x0bline two\r\nNext\tparagraph\x0cAfter a page break\x07\x1b.")
    paste(qtbot, form, mime)
    assert form.notes.markdown() == (
        "Line one\\\nline two\n\nNext paragraph\n\nAfter a page break."
    )


def test_copy_and_paste_inside_the_notes_keeps_the_formatting(qtbot: QtBot, form: Form) -> None:
    golden = "### Head\n\nA **bold** and *italic* line\\\nbroken.\n\n- a\n  - b\n\n1. c"
    form.notes.set_markdown(golden)
    edit = form.notes.text_edit
    type_keys(qtbot, edit, (Key.Key_A, CTRL), (Key.Key_C, CTRL), (Key.Key_End, CTRL), ENTER)
    type_keys(qtbot, edit, ENTER, (Key.Key_V, CTRL))
    assert form.notes.markdown() == f"{golden}\n\n{golden}"


def test_an_image_alone_is_not_pasted(qtbot: QtBot, form: Form) -> None:
    mime = QMimeData()
    mime.setImageData(QImage(4, 4, QImage.Format.Format_RGB32))
    assert not form.notes.text_edit.canInsertFromMimeData(mime)
    assert form.notes.text_edit.canInsertFromMimeData(html_mime("<p>x</p>"))


def test_a_huge_paste_is_quick_and_loses_nothing(qtbot: QtBot, form: Form) -> None:
    paragraphs = [
        f"<p class=MsoNormal><span style='font-family:Arial'>Paragraph {n} of the pasted"
        f" report, with <b>bold {n}</b> and <i>italic</i> words.<o:p></o:p></span></p>"
        for n in range(1500)
    ]
    html = "\n".join(paragraphs)
    assert len(html) > 200_000
    started = time.perf_counter()
    paste(qtbot, form, html_mime(html))
    markdown = form.notes.markdown()
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"pasting 200 KB took {elapsed:.1f} s"  # about 1 s on a laptop
    lines = markdown.split("\n\n")
    assert len(lines) == 1500
    assert lines[1499] == (
        "Paragraph 1499 of the pasted report, with **bold 1499** and *italic* words."
    )

    text = "\n".join(f"Line {n}\x0bof plain text." for n in range(10_000))
    assert len(text) > 200_000
    form.notes.set_markdown("")
    started = time.perf_counter()
    mime = QMimeData()
    mime.setText(text)
    paste(qtbot, form, mime)
    markdown = form.notes.markdown()
    assert time.perf_counter() - started < 10
    assert markdown.count("\n\n") == 9_999
    assert markdown.endswith("Line 9999\\\nof plain text.")


# --- in the window ---------------------------------------------------------------------------


def notes_of_item(qtbot: QtBot, window: MainWindow, row: int) -> QTextEdit:
    """The Agenda tab (Ctrl+2), the item clicked, Alt+N: the cursor in its notes."""
    editor = window.editor
    qtbot.keyClick(editor, Key.Key_2, CTRL)
    view = editor.agenda.list_view
    rect = view.visualRect(editor.agenda_model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(window, Key.Key_N, ALT)
    edit = editor.agenda.notes_edit
    assert edit.hasFocus()
    return edit


def test_notes_typed_in_the_window_reach_the_database(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    edit = notes_of_item(qtbot, sample_window, 4)  # Partner Updates
    edit.moveCursor(QTextCursor.MoveOperation.End)
    # Ctrl+I is also Import JSON: in the notes it means italic (and no message box opens).
    type_keys(
        qtbot, edit, ENTER, "Actions:", ENTER, BULLETS, "GLA to ", ITALIC, "share", ITALIC,
        " the data.", ENTER, TAB, "by the next meeting",
    )  # fmt: skip
    expected = "\n\nActions:\n\n- GLA to *share* the data.\n  - by the next meeting"

    def saved() -> bool:
        return services.meeting_record(database, sample_id).agenda[4].notes.endswith(expected)

    qtbot.waitUntil(saved, timeout=1000)


def test_a_paragraph_after_bold_is_plain_after_leaving_the_item(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    """The tester's steps: the notes end in bold, another item, back, Alt+N, Ctrl+End, Enter."""
    edit = notes_of_item(qtbot, sample_window, 4)
    type_keys(qtbot, edit, (Key.Key_End, CTRL), ENTER, "Ends in **bold**")
    notes_of_item(qtbot, sample_window, 3)  # leave the item: it is saved
    assert services.meeting_record(database, sample_id).agenda[4].notes.endswith("**bold**")
    notes_of_item(qtbot, sample_window, 4)
    type_keys(qtbot, edit, (Key.Key_End, CTRL), ENTER, "after coming back")

    def saved() -> bool:
        stored = services.meeting_record(database, sample_id).agenda[4].notes
        return stored.endswith("\n\nEnds in **bold**\n\nafter coming back")

    qtbot.waitUntil(saved, timeout=1000)


def test_the_format_menu_lists_the_keys(sample_window: MainWindow) -> None:
    table = dict(sample_window.shortcut_table())
    assert table["Ctrl+B in the notes"] == "Bold"
    assert table["Ctrl+Shift+8 in the notes"] == "Bullet list"
    assert table["Tab in the notes"] == "Nest list item"
    assert table["Ctrl+Alt+3 in the notes"] == "Sub-heading"
    assert table["Ctrl+Shift+M in the notes"] == "Editorial marker line"
    menus = [action.text() for action in sample_window.menuBar().actions()]
    assert "F&ormat" in menus


def test_switching_items_shows_each_items_notes(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    editor = sample_window.editor
    record = services.meeting_record(database, sample_id)
    for row in (1, 2, 0):
        editor.agenda.list_view.setCurrentIndex(editor.agenda_model.index(row))
        assert editor.agenda.notes_editor.markdown() == record.agenda[row].notes
