"""Every message box the window shows, built in one place.

All of them are QMessageBox instances run with ``exec()`` (never the static helpers), so a
test can stand in for the user by replacing ``QMessageBox.exec`` once, and the wording of a
confirmation lives next to the others rather than scattered through the slots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QWidget

from models import services

if TYPE_CHECKING:
    from collections.abc import Sequence

    from models.meeting_doc import MeetingDoc


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    return box


def show_problem(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    """Tell the user something did not happen and why; they can only acknowledge it."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


NOTICE_PAINT_WAIT_MS = 500
"""How long a busy notice waits for the window system to show it before the work starts."""
NOTICE_WIDTH = 460


def show_busy_notice(title: str, text: str) -> QProgressDialog:
    """A window that says what the app is doing while work that cannot answer the window
    system runs (a long upgrade before the main window exists): shown, and painted before
    this returns, or after at most NOTICE_PAINT_WAIT_MS. The caller closes it."""
    notice = QProgressDialog("", "", 0, 0)  # a busy bar: how long is not known
    label = QLabel(text)
    label.setWordWrap(True)  # a paragraph, not one line the width of the screen
    notice.setLabel(label)
    notice.setFixedWidth(NOTICE_WIDTH)
    notice.setWindowTitle(title)
    notice.setCancelButton(None)  # no button: the work cannot be stopped halfway
    notice.setMinimumDuration(0)
    notice.show()
    waited = QElapsedTimer()
    waited.start()
    while not notice.isActiveWindow() and waited.elapsed() < NOTICE_PAINT_WAIT_MS:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    notice.repaint()
    return notice


def show_information(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str,
    *,
    accept_label: str,
    reject_label: str = "Cancel",
    destructive: bool = True,
    done: bool = False,
) -> bool:
    """Ask before doing something that loses work; True only if the user chose to go ahead.

    The safe answer is the default and the Escape key, so a stray Enter or Escape loses
    nothing; the accept button says what it does ("Delete meeting"), not "Yes". ``done``:
    the message reports something finished and offers a next step (an export's "Open the
    note"), so it carries the information icon rather than a question mark.
    """
    if done:
        icon = QMessageBox.Icon.Information
    else:
        icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    box = _box(parent, icon, title, text, detail)
    role = (
        QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    )
    accept = box.addButton(accept_label, role)
    reject = box.addButton(reject_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    box.exec()
    return box.clickedButton() is accept


def confirm_second_copy(
    parent: QWidget | None,
    title: str,
    name: str,
    doc: MeetingDoc,
    *,
    like: Sequence[int],
    earlier: str = "",
) -> bool:
    """Ask before an import adds a meeting the archive holds already (``like``: the meetings
    with its board, date and title, named by ID as the command line names them; ``earlier``:
    how this very file was imported before). One question for every import (JSON, Word), so
    the answer reads the same. The safe answer, *Skip this file*, is Enter and Escape; S (the
    underlined letter) or Tab, then Enter, imports the copy."""
    shown = doc.title or "the layout's title"
    facts = []
    if like:
        facts.append("the same board, date and title")
    if earlier:
        facts.append(f"this file was {earlier}")
    where = services.already_there(like) if like else "already in the archive"
    return confirm(
        parent,
        title,
        f"{name} is {where}.",
        f"{doc.board.name}, {doc.date:%d/%m/%Y}, {shown}: {'; '.join(facts)}. Importing makes"
        " another copy beside it; nothing already there changes.",
        accept_label="Import a &second copy",
        reject_label="Skip this file",
        destructive=False,
    )


def choose(
    parent: QWidget | None, title: str, text: str, detail: str, *, choices: list[str], safe: str
) -> str:
    """Ask for one of several ways on (the labels say what each does); returns the label
    chosen. ``safe`` (which loses nothing) is the default and what Escape answers."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    buttons = {}
    for label in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if label == safe
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons[label] = box.addButton(label, role)
    box.setDefaultButton(buttons[safe])
    box.setEscapeButton(buttons[safe])
    box.exec()
    clicked = box.clickedButton()
    return next((label for label, button in buttons.items() if button is clicked), safe)
