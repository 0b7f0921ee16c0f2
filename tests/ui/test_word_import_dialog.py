"""File > Import from Word...: a folder read with progress, reviewed, then imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from exporters.docx_export import export_docx
from models.database import Database
from models.entities import ImportSource
from models.interchange import read_meeting_file
from models.services import list_meetings, meeting_doc
from models.word_import.store import directory_of
from tests.conftest import EXAMPLES
from tests.handwritten_minutes import minutes
from tests.ui.conftest import MessageBoxes
from ui.shell.main_window import MainWindow
from ui.wordimport.dialog import WordImportDialog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    for stem in ("2019-05-13-record-of-meeting", "2025-03-20-public-note"):
        export_docx(read_meeting_file(EXAMPLES / f"{stem}.json"), archive / f"{stem}.docx")
    (archive / "empty.docx").write_bytes(b"")
    return archive


def open_dialog(qtbot: QtBot, database: Database) -> WordImportDialog:
    dialog = WordImportDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row_of(dialog: WordImportDialog, name: str) -> int:
    names = [dialog.files.item(row, 0).text() for row in range(dialog.files.rowCount())]  # type: ignore[union-attr]
    return names.index(name)


def read_one(qtbot: QtBot, dialog: WordImportDialog, path: Path) -> None:
    """Add one file, wait for it to be read and select it."""
    with qtbot.waitSignal(dialog.reading_finished, timeout=30_000):
        dialog.add_paths([path])
    dialog.files.selectRow(dialog.files.rowCount() - 1)


def rename_and_import(qtbot: QtBot, dialog: WordImportDialog, read_as: str, name: str) -> None:
    """Rename a proposed organisation, tick every guess and import, as the secretary would."""
    review = dialog.review
    row = next(
        r for r in range(review.organisations.rowCount())
        if review.organisations.item(r, 0).text() == read_as  # type: ignore[union-attr]
    )  # fmt: skip
    review.organisations.item(row, 1).setText(name)  # type: ignore[union-attr]
    for index in range(review.guesses.count()):
        review.guesses.item(index).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.meetings_imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_a_folder_is_read_reviewed_and_imported(
    qtbot: QtBot, database: Database, folder: Path, message_boxes: MessageBoxes
) -> None:
    dialog = open_dialog(qtbot, database)
    imported: list[list[int]] = []
    dialog.meetings_imported.connect(imported.append)

    with qtbot.waitSignal(dialog.reading_finished, timeout=30_000):
        dialog.add_paths([folder])

    assert dialog.state_of(row_of(dialog, "empty.docx")) == "failed: the file is empty"
    assert not dialog.progress.isVisible()
    row = row_of(dialog, "2025-03-20-public-note.docx")
    assert dialog.state_of(row).startswith("needs review")
    dialog.files.selectRow(row)
    review = dialog.review
    guesses = [review.guesses.item(i).text() for i in range(review.guesses.count())]  # type: ignore[union-attr]
    assert any("year 2025 is not printed" in text for text in guesses)
    assert "\u26a0" in review.reading.toHtml()

    # Importing before every guess is ticked is refused, with the reason.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "confirm or correct every guess" in message_boxes.last.text
    assert list_meetings(database) == []

    # The secretary corrects the date and renames a proposed organisation, then confirms.
    review.date_edit.clear()
    qtbot.keyClicks(review.date_edit, "21/03/2025")
    rename_and_import(qtbot, dialog, "Clinks", "Clinks (charity)")

    (meeting_id,) = imported[0]
    doc = meeting_doc(database, meeting_id)
    assert doc.date.isoformat() == "2025-03-21"
    assert doc.organisation("Clinks").name == "Clinks (charity)"
    assert [item.title for item in doc.agenda] == [
        item.title for item in read_meeting_file(EXAMPLES / "2025-03-20-public-note.json").agenda
    ]
    with database.read() as session:
        source = session.get(ImportSource, meeting_id)
        assert source is not None
        assert source.file_name == "2025-03-20-public-note.docx"
    assert dialog.state_of(row) == f"imported as meeting {meeting_id}"

    # The same folder again: the imported file is noticed.
    with qtbot.waitSignal(dialog.reading_finished, timeout=30_000):
        dialog.add_paths([folder / "2025-03-20-public-note.docx"])
    assert f"already imported as meeting {meeting_id}" in dialog.state_of(
        dialog.files.rowCount() - 1
    )


def test_cancel_stops_reading_and_saves_nothing(
    qtbot: QtBot, database: Database, folder: Path
) -> None:
    dialog = open_dialog(qtbot, database)
    dialog.file_read.connect(lambda _row: dialog.cancel_reading())

    with qtbot.waitSignal(dialog.reading_finished, timeout=30_000):
        dialog.add_paths([folder])

    states = [dialog.state_of(row) for row in range(dialog.files.rowCount())]
    assert states[1:] == ["cancelled", "cancelled"]
    assert list_meetings(database) == []


def test_the_file_menu_opens_it_and_the_list_shows_what_was_imported(
    qtbot: QtBot,
    window: MainWindow,
    database: Database,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    action = next(a for a in window.menuBar().actions() if a.text() == "&File")
    entry = next(a for a in action.menu().actions() if a.text() == "Import from &Word…")  # type: ignore[union-attr]
    note = folder / "2019-05-13-record-of-meeting.docx"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a: ([str(note)], ""))

    def review_and_import() -> None:
        dialog = window.findChild(WordImportDialog)
        assert dialog is not None
        qtbot.mouseClick(dialog.add_files_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)
        qtbot.waitUntil(lambda: dialog.review.guesses.count() > 0)
        for index in range(dialog.review.guesses.count()):
            dialog.review.guesses.item(index).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
        qtbot.mouseClick(dialog.import_all_button, Qt.MouseButton.LeftButton)
        dialog.done(QDialog.DialogCode.Accepted)

    QTimer.singleShot(0, review_and_import)
    entry.trigger()

    (meeting,) = list_meetings(database)
    assert meeting.date.isoformat() == "2019-05-13"
    assert window.archive.model.index_of(meeting.id).isValid()  # the list was reloaded


def test_a_hearing_transcript_is_reviewed_and_saved_with_its_members_and_turns(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    hearing = read_meeting_file(EXAMPLES / "2017-02-27-justice-matters-transcript.json")
    path = tmp_path / "hearing.docx"
    export_docx(hearing, path)
    dialog = open_dialog(qtbot, database)
    imported: list[list[int]] = []
    dialog.meetings_imported.connect(imported.append)

    read_one(qtbot, dialog, path)
    review = dialog.review
    shown = review.reading.toPlainText()
    assert "Members" in shown
    assert "Gill Arukpe, Chief Executive, Penrose" in shown
    assert (
        "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair): Shall we start?" in shown
    )
    assert "[At this point in the Justice Matters meeting" in shown
    # CRC is printed without its name: proposed, and named by the secretary before saving.
    rename_and_import(qtbot, dialog, "CRC", "London Community Rehabilitation Company")

    (meeting_id,) = imported[0]
    doc = meeting_doc(database, meeting_id)
    # A line of a name and one other part is a role unless the archive knows the
    # organisation (Patricia Cadden, NHS England): the guess says so.
    guesses = [review.guesses.item(i).text() for i in range(review.guesses.count())]  # type: ignore[union-attr]
    assert any("Patricia Cadden: 'NHS England' read as a role" in text for text in guesses)
    assert [(m.name, m.chair) for m in doc.members] == [(m.name, m.chair) for m in hearing.members]
    assert doc.members[3] == hearing.members[3]  # Helga Swidenbank, Director of Probation, CRC
    assert doc.agenda[0].turns == hearing.agenda[0].turns
    assert doc.organisation("CRC").name == "London Community Rehabilitation Company"
    with database.read() as session:
        source = session.get(ImportSource, meeting_id)
        assert source is not None
        assert source.file_name == "hearing.docx"


def read_and_tick(qtbot: QtBot, dialog: WordImportDialog, path: Path) -> None:
    """Add one file, wait for it to be read, select it and tick every guess."""
    read_one(qtbot, dialog, path)
    for index in range(dialog.review.guesses.count()):
        dialog.review.guesses.item(index).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]


def test_a_meeting_already_in_the_archive_is_asked_about_as_the_json_import_does(
    qtbot: QtBot,
    database: Database,
    sample_id: int,
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    """Ctrl+E of the sample meeting, read back: the same board, date and title."""
    path = tmp_path / "sample.docx"
    export_docx(meeting_doc(database, sample_id), path)
    dialog = open_dialog(qtbot, database)
    imported: list[list[int]] = []
    dialog.meetings_imported.connect(imported.append)
    read_and_tick(qtbot, dialog, path)

    message_boxes.answer("Skip this file")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    asked = message_boxes.last
    assert (asked.title, asked.text) == (
        "Import from Word",
        f"sample.docx is already in the archive as meeting {sample_id}.",
    )
    assert asked.buttons == ("Import a second copy", "Skip this file")
    assert asked.detail.startswith("Reducing Reoffending Board, 19/06/2025")
    assert "the same board, date and title" in asked.detail
    assert [m.id for m in list_meetings(database)] == [sample_id]
    assert imported == []
    assert dialog.state_of(0).startswith(("ready", "needs review"))

    message_boxes.answer("Import a second copy")
    with qtbot.waitSignal(dialog.meetings_imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    ((copy_id,),) = imported
    assert sorted(m.id for m in list_meetings(database)) == [sample_id, copy_id]
    original, copy = meeting_doc(database, sample_id), meeting_doc(database, copy_id)
    assert (copy.board.name, copy.date, copy.title) == (
        original.board.name,
        original.date,
        original.title,
    )
    assert dialog.state_of(0) == f"imported as meeting {copy_id}"


def test_the_same_file_again_is_asked_about_not_refused(
    qtbot: QtBot, database: Database, folder: Path, message_boxes: MessageBoxes
) -> None:
    note = folder / "2019-05-13-record-of-meeting.docx"
    dialog = open_dialog(qtbot, database)
    read_and_tick(qtbot, dialog, note)
    with qtbot.waitSignal(dialog.meetings_imported):
        qtbot.mouseClick(dialog.import_all_button, Qt.MouseButton.LeftButton)
    (first,) = list_meetings(database)
    assert message_boxes.shown == []  # nothing like it was there: no question

    # Read again: "Import all confirmed" asks about it too, and skipping saves nothing.
    read_and_tick(qtbot, dialog, note)
    message_boxes.answer("Skip this file")
    qtbot.mouseClick(dialog.import_all_button, Qt.MouseButton.LeftButton)
    assert message_boxes.last.buttons == ("Import a second copy", "Skip this file")
    assert f"this file was already imported as meeting {first.id}" in message_boxes.last.detail
    assert len(list_meetings(database)) == 1

    message_boxes.answer("Import a second copy")
    with qtbot.waitSignal(dialog.meetings_imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(list_meetings(database)) == 2
    with database.read() as session:
        assert len(session.query(ImportSource).all()) == 2


def test_hand_written_minutes_are_reviewed_with_their_actions_and_nothing_made_before(
    qtbot: QtBot, database: Database, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    """The tester's minutes: the items, the action table's actions with their due dates,
    and every guess in words; no organisation or board exists until the import."""
    path = minutes(tmp_path / "2023-03-14 RRB minutes.docx")
    dialog = open_dialog(qtbot, database)
    read_one(qtbot, dialog, path)

    review = dialog.review
    reading = review.reading.toPlainText()
    assert "1. Welcome and introductions" in reading
    assert "3. AOB" in reading
    assert "Action: MPS: Share arrest data for women with LP (due 30/04/2023)" in reading
    guesses = [review.guesses.item(i).text() for i in range(review.guesses.count())]  # type: ignore[union-attr]
    assert any("'ASAP'" in text and "kept in the action's words" in text for text in guesses)
    assert not any("Welcome" in text for text in guesses)  # no heading proposed as a body
    proposed = review.organisations
    read_as = [proposed.item(r, 0).text() for r in range(proposed.rowCount())]  # type: ignore[union-attr]
    assert read_as == ["MOPAC", "LP", "MPS", "DWP", "NHSE"]
    assert directory_of(database).organisations == ()
    assert directory_of(database).boards == ()

    for index in range(review.guesses.count()):
        review.guesses.item(index).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.meetings_imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    (meeting,) = list_meetings(database)
    doc = meeting_doc(database, meeting.id)
    assert [item.title for item in doc.agenda][-1] == "AOB"
    assert [action.owners for action in doc.agenda[-1].actions] == [
        ("MPS",), ("LP",), ("MOPAC", "DWP"),
    ]  # fmt: skip
    assert {org.abbreviation for org in directory_of(database).organisations} == {
        "MOPAC", "LP", "MPS", "DWP", "NHSE",
    }  # fmt: skip
