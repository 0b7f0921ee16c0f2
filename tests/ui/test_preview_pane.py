"""View > Preview (F9): the note as it will be exported, following the typing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exporters.options import ExportOptions
from models.database import Database
from tests.unit.test_docx_templates import png_bytes
from ui.common.settings import Settings
from ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def show_preview(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(window.preview.isVisible)
    qtbot.waitUntil(lambda: "Reducing Reoffending Board" in window.preview.text())


def test_f9_shows_the_note_and_it_follows_the_typing(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    assert not sample_window.preview.isVisible()  # hidden until asked for
    show_preview(qtbot, sample_window)
    assert sample_window.preview_action.isChecked()
    preview = sample_window.preview
    assert "Reducing Reoffending Board (RRB) | Public Note" in preview.text()
    assert "Jordan Ellery" not in preview.text()  # public: no names
    assert "Commissioning Update" not in preview.text()  # nor confidential items

    notes = sample_window.editor.agenda.notes_edit
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # a paragraph of its own
    qtbot.keyClicks(notes, "Zebra crossings were discussed at length.")

    qtbot.waitUntil(lambda: "Zebra crossings were discussed at length." in preview.text())
    assert notes.hasFocus()  # the preview never takes the cursor

    qtbot.keyClick(notes, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not preview.isVisible())
    assert not sample_window.preview_action.isChecked()


def test_the_pane_previews_another_layout_and_the_internal_record(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    show_preview(qtbot, sample_window)
    preview = sample_window.preview

    with qtbot.waitSignal(preview.refreshed):
        preview.layout_combo.setCurrentIndex(preview.layout_combo.count() - 2)  # 2019
    assert "Record of Meeting" in preview.text()
    assert "Organisations in Attendance" in preview.text()

    with qtbot.waitSignal(preview.refreshed):
        preview.audience_combo.setCurrentIndex(1)
    assert "Jordan Ellery" in preview.text()
    assert "Commissioning Update (Confidential)" in preview.text()


def test_a_hidden_pane_does_no_work_and_catches_up_when_shown(
    qtbot: QtBot, sample_window: MainWindow, database: Database
) -> None:
    show_preview(qtbot, sample_window)
    qtbot.keyClick(sample_window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not sample_window.preview.isVisible())
    renders: list[None] = []
    sample_window.preview.refreshed.connect(lambda: renders.append(None))

    theme = sample_window.editor.details.theme_edit
    qtbot.keyClicks(theme, " and more")
    qtbot.waitUntil(lambda: sample_window.windowTitle().endswith("— saved"))
    assert renders == []

    qtbot.keyClick(sample_window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "and more" in sample_window.preview.text())
    assert len(renders) == 1


def test_opening_another_meeting_previews_it(
    qtbot: QtBot,
    open_window: Callable[[], MainWindow],
    database: Database,
    sample_id: int,
) -> None:
    window = open_window()
    show_preview(qtbot, window)
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_N, CTRL)  # a new, empty meeting
    qtbot.waitUntil(lambda: "Agenda Item 1 | Welcome" not in window.preview.text())
    assert "Reducing Reoffending Board" in window.preview.text()


def test_a_template_that_has_gone_is_said_in_the_pane(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    settings: Settings,
    open_window: Callable[[], MainWindow],
    tmp_path: Path,
) -> None:
    settings.export_options = ExportOptions(template=tmp_path / "gone.dotx")
    window = open_window()
    qtbot.keyClick(window.meeting_list, Qt.Key.Key_F9)
    qtbot.waitUntil(window.preview.message.isVisible)
    assert "The note cannot be built: The Word template" in window.preview.message.text()
    assert "could not be found" in window.preview.message.text()


def test_the_logo_shows_in_the_preview(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    settings: Settings,
    open_window: Callable[[], MainWindow],
    tmp_path: Path,
) -> None:
    logo = tmp_path / "crest.png"
    logo.write_bytes(png_bytes(60, 20))
    settings.export_options = ExportOptions(logo=logo, logo_alt_text="Board crest")
    window = open_window()
    show_preview(qtbot, window)
    shown = window.preview.browser.toHtml()
    assert '<img src="data:image/png;base64,' in shown
    assert 'alt="Board crest"' in shown
    assert not window.preview.text().startswith("MOPAC")  # the logo replaces the name


def test_the_pane_is_remembered(
    qtbot: QtBot, sample_id: int, open_window: Callable[[], MainWindow]
) -> None:
    window = open_window()
    show_preview(qtbot, window)
    assert window.close()
    again = open_window()
    qtbot.waitUntil(lambda: "Reducing Reoffending Board" in again.preview.text())


def test_rendering_the_sample_is_quick(qtbot: QtBot, sample_window: MainWindow) -> None:
    """Not a benchmark (see benchmarks/export.py): a guard against a gross slowdown."""
    show_preview(qtbot, sample_window)
    with qtbot.waitSignal(sample_window.preview.refreshed):
        sample_window.preview.refresh_soon()
    assert sample_window.preview.last_render_ms < 2000
