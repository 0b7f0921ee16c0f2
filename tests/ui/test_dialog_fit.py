"""Dialogs at 1280x800 show all their text when a message or a list appears in them: wrapped
labels get the height they need, a button never lies over a list, and the dialog grows (within
the screen) rather than squeezing what it holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from exporters.options import ActionsMode
from models.database import Database
from tests.ui.test_export_dialog import open_dialog, press_export
from tests.ui.test_export_findings import plant
from tests.ui.test_fit import cut_off
from ui.archive.archive_view import NewMeetingDateDialog
from ui.common.dialog_fit import keep_contents_fitted
from ui.export.export_dialog import ExportDialog
from ui.shell.main_window import MainWindow

NAMES = (
    "Sophie Zebrowski presented the data with Jordan Ellery. Dr Patel, Mr. Okafor and Lauren"
    " asked about it; Alpha, Bravo and Charlie replied."
)


def _place(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def clipped_labels(top: QWidget) -> list[str]:
    """The visible labels of ``top`` whose text does not fit them, one line each."""
    problems = []
    for label in top.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.window() is not top:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() + 1 < needed:
                problems.append(f"{label.text()!r} is {label.height()} high, needs {needed}")
        elif label.width() + 1 < label.sizeHint().width():
            problems.append(
                f"{label.text()!r} is {label.width()} wide, needs {label.sizeHint().width()}"
            )
    return problems + cut_off(top)


def _wait_whole(qtbot: QtBot, dialog: QWidget) -> None:
    """Wait for the dialog's layout to settle with everything whole; else say what is cut."""

    def whole() -> None:
        assert clipped_labels(dialog) == []

    qtbot.waitUntil(whole)


def test_the_export_dialogs_findings_show_whole_with_the_button_under_the_list(
    qtbot: QtBot, sample_window: MainWindow, database: Database, sample_id: int
) -> None:
    plant(database, sample_id, NAMES)
    dialog = open_dialog(qtbot, sample_window)
    assert clipped_labels(dialog) == []
    press_export(qtbot, dialog)
    findings = dialog.findings
    qtbot.waitUntil(findings.isVisible)
    assert len(findings.findings) > 1

    _wait_whole(qtbot, dialog)
    tree, button = _place(findings.tree, dialog), _place(findings.allow_button, dialog)
    assert not tree.intersects(button)
    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry())


def _choose_actions(qtbot: QtBot, dialog: ExportDialog, mode: ActionsMode | None) -> None:
    dialog.actions_combo.setCurrentIndex(dialog.actions_combo.findData(mode or ""))
    qtbot.waitUntil(lambda: dialog.actions_hint.isHidden() is (mode is not None))


def test_the_export_dialog_gives_back_the_room_of_a_hint_that_went(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, sample_window)
    assert dialog.actions_hint.isVisible()  # the Public Note prints no actions: it says so
    with_hint = dialog.height()

    _choose_actions(qtbot, dialog, ActionsMode.SUMMARY)
    qtbot.waitUntil(lambda: dialog.height() < with_hint)
    assert dialog.height() == dialog.minimumHeight()  # no gap above the buttons
    _choose_actions(qtbot, dialog, None)
    qtbot.waitUntil(lambda: dialog.height() == with_hint)
    _wait_whole(qtbot, dialog)
    dialog.reject()


def test_a_dialog_the_person_made_taller_keeps_their_height(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, sample_window)
    taller = dialog.height() + 120
    dialog.resize(dialog.width(), taller)  # as a drag of its edge does
    qtbot.waitUntil(lambda: dialog.height() == taller)

    needed_with_hint = dialog.minimumHeight()
    _choose_actions(qtbot, dialog, ActionsMode.SUMMARY)
    qtbot.waitUntil(lambda: dialog.minimumHeight() < needed_with_hint)  # the fit has run
    assert dialog.height() == taller
    _choose_actions(qtbot, dialog, None)
    qtbot.waitUntil(lambda: dialog.minimumHeight() == needed_with_hint)
    assert dialog.height() == taller
    dialog.reject()


def test_the_new_meeting_date_dialog_grows_for_its_message(qtbot: QtBot) -> None:
    dialog = NewMeetingDateDialog(
        "The previous meeting has no next meeting date; choose the new meeting's date."
        " It must come after Thursday 29 February 2024.",
        dt.date(2024, 2, 29),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped_labels(dialog) == []
    dialog.date_edit.line_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit.line_edit, "31/04/2024")
    dialog.accept()
    qtbot.waitUntil(dialog.date_edit.message.isVisible)
    assert "April 2024 has 30 days" in dialog.date_edit.message.text()
    _wait_whole(qtbot, dialog)


def test_a_dialog_grown_by_the_window_manager_later_is_moved_back_on_screen(
    qtbot: QtBot,
) -> None:
    """Under X11 a resize lands after the call, as a Resize event: the export dialog, grown
    for its findings, then reached below a 1280x800 screen with its buttons cut off. The
    move on screen has to happen when the size has landed, not only when it was asked for."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("The pre-publication check found 1 thing to look at."))
    keep_contents_fitted(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    dialog.move(dialog.x(), screen.bottom() - dialog.height() // 2)  # where the late size left it
    qtbot.waitUntil(lambda: not screen.contains(dialog.frameGeometry()))

    QApplication.sendEvent(dialog, QResizeEvent(dialog.size(), dialog.size()))

    qtbot.waitUntil(lambda: screen.contains(dialog.frameGeometry()))
