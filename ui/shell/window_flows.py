"""The main window's commands: the File menu's (new meetings, importing, exporting,
deleting), the Edit menu's (the organisation directory), and going back to a search hit or
a logged action. :class:`ui.shell.main_window.MainWindow` builds the widgets, the actions and
the menus on top of this class.

What the commands act on, the meeting list and the open meeting, is this class's base,
:class:`ui.shell.window_open.OpenMeetingWindow`: a module of its own, so that neither file
grows past reading at once. The commands use it; it never uses a command.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QDialog, QFileDialog

import resources
from exporters.formatting import long_date
from models import services
from models.services import MeetingSummary, NotFoundError, ValidationError
from ui.archive.archive_view import NewMeetingDateDialog
from ui.common import dialogs
from ui.editor.final_view import EDIT_SHORTCUT
from ui.shell.new_meeting_undo import NewMeetingUndo
from ui.shell.window_open import STATUS_MESSAGE_MS, ProblemShownError

if TYPE_CHECKING:
    # What only a menu command or a dialog uses loads when it is first used: the window's
    # start pays for the first screen only.
    from exporters.options import ExportOptions
    from models.action_log import ActionLogEntry
    from models.meeting_doc import MeetingDoc
    from models.search import SearchHit
    from ui.export.export_dialog import ExportDialog
    from ui.organisations.organisations_dialog import OrganisationsDialog

FIND_CHARACTERS = 60  # of an action's description, to find it in a final meeting's note
SAMPLE_RESOURCE = "sample_meeting.json"


def sample_meeting_path() -> Path:
    """The fictional sample meeting shipped in the ``resources`` package."""
    return resources.FOLDER / SAMPLE_RESOURCE


def deleted_report(label: str, reopened: int) -> str:
    """The status bar after a deletion; it names the earlier meetings' actions the deletion
    put back to open (their roll-over copies went with it), which are not on screen."""
    if not reopened:
        return f"Deleted the meeting “{label}”."
    actions = "1 action" if reopened == 1 else f"{reopened} actions"
    verb = "is" if reopened == 1 else "are"
    return (
        f"Deleted the meeting “{label}”. {actions} it carried forward from an earlier meeting"
        f" {verb} open again there."
    )


class WindowFlows(NewMeetingUndo):
    """The commands of the main window (see the module's docstring)."""

    export_dialog: ExportDialog | None
    organisations_dialog: OrganisationsDialog
    _find_in_note: str | None

    def export_options(self) -> ExportOptions:
        """The user's template and logo, as stored by File > Settings."""
        return self._settings.export_options

    # --- File menu -------------------------------------------------------------------------

    def new_meeting(self) -> None:
        """A new draft meeting dated today, opened with the cursor on its date; Ctrl+Z takes
        it back while it is empty (:mod:`ui.shell.new_meeting_undo`)."""
        if not self.can_leave_meeting():
            return
        before = self._shown_now()
        try:
            meeting_id = self._call(
                "Creating a meeting",
                services.create_meeting,
                self._database,
                date=dt.date.today(),
            )
        except ProblemShownError:
            return
        note = self._open_added(meeting_id)
        if note is not None:
            self._push_new_meeting_step(meeting_id, before)
            self.editor.focus_first_field()
            self.statusBar().showMessage(
                "New meeting created: set its date, time and venue." + note, STATUS_MESSAGE_MS
            )

    def new_meeting_from_previous(self) -> None:
        """File > New meeting from previous (Ctrl+Alt+N): the next meeting of the chosen
        meeting's board (the one highlighted in the archive, else the open one), dated from
        its "next meeting" field, or else from a date the user picks; Ctrl+Z takes it back
        as it does Ctrl+N's (:mod:`ui.shell.new_meeting_undo`)."""
        from models.next_meeting import start_from_previous  # noqa: PLC0415 (see TYPE_CHECKING)

        previous = self._chosen_meeting()
        if previous is None or not self.can_leave_meeting():
            return
        before = self._shown_now()
        date: dt.date | None = None
        while True:
            try:
                made = self._call(
                    "Creating the next meeting",
                    start_from_previous,
                    self._database,
                    previous.id,
                    date=date,
                )
            except ProblemShownError:
                return
            except NotFoundError:
                dialogs.show_problem(self, "New meeting", "That meeting no longer exists.")
                self._reload_list()
                return
            except ValidationError as error:
                if error.field != "date":
                    dialogs.show_problem(self, "New meeting", error.message)
                    return
                date = self._ask_new_meeting_date(error.message, previous.date)
                if date is None:
                    return
                continue
            break
        note = self._open_added(made.meeting_id)
        if note is None:
            return
        self._push_next_meeting_step(made, before)
        self.editor.focus_first_field()
        self.statusBar().showMessage(
            f"New meeting created from the meeting of {long_date(previous.date)}:"
            " its open actions are listed under Actions (Ctrl+3) for review." + note,
            STATUS_MESSAGE_MS,
        )

    def _ask_new_meeting_date(self, reason: str, previous: dt.date) -> dt.date | None:
        """The date of a meeting made from one without a next-meeting date (None: cancelled)."""
        dialog = NewMeetingDateDialog(
            f"{reason} It must come after {long_date(previous)}.", previous, self
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.date()
        dialog.deleteLater()
        return chosen if accepted else None

    def _chosen_meeting(self) -> MeetingSummary | None:
        """What a command about "the meeting" means: the one highlighted in the archive while
        the cursor is there, else the open one, else the highlighted one."""
        if self.meeting_list.hasFocus():
            return self.archive.current_meeting()
        return self.meeting_model.summary_of(self.open_meeting_id) or self.archive.current_meeting()

    def _open_added(self, meeting_id: int) -> str | None:
        """List and open a meeting just added, clearing the archive's filters if they would
        hide it. None if it could not be opened, else a note for the status bar."""
        self._reload_list()
        cleared = self.archive.reveal(meeting_id)
        if not self.open_meeting(meeting_id):
            return None
        return " The archive's filters were cleared to show it." if cleared else ""

    def load_sample_meeting(self) -> None:
        """Import the fictional sample meeting shipped with the app, and open it."""
        self._import_file(sample_meeting_path(), "the sample meeting")

    def import_json(self) -> None:
        if not self.can_leave_meeting():
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            "Import meetings",
            str(self._settings.import_folder),
            "Meeting files (*.json);;All files (*)",
        )
        if not paths:
            return
        self._settings.import_folder = Path(paths[0]).parent
        imported = [path for path in paths if self._import_file(Path(path), Path(path).name)]
        if len(paths) > 1:  # each file said its own problem; the total, once
            self.statusBar().showMessage(
                f"Imported {len(imported)} of {len(paths)} files.", STATUS_MESSAGE_MS
            )

    def _import_file(self, path: Path, name: str) -> bool:
        from models.publication import name_differences  # noqa: PLC0415 (see TYPE_CHECKING)

        doc = self._read_for_import(path, name) if self.can_leave_meeting() else None
        if doc is None:
            return False
        differences = name_differences(self._database, [doc])  # said once it is in
        try:
            meeting_id = self._call(
                "Importing the meeting", services.import_meeting, self._database, doc
            )
        except ProblemShownError:
            return False
        except ValidationError as error:
            dialogs.show_problem(
                self, "Import JSON", f"{name} could not be imported.", error.message
            )
            return False
        if differences:
            dialogs.show_information(
                self,
                "Import JSON",
                f"{name} names some organisations differently from the directory.",
                "\n\n".join(differences),
            )
        note = self._open_added(meeting_id)
        if note is None:
            return False
        self.statusBar().showMessage(f"Imported {name}.{note}", STATUS_MESSAGE_MS)
        return True

    def _read_for_import(self, path: Path, name: str) -> MeetingDoc | None:
        """The meeting in the file, or None when it cannot be read (said) or the user
        chose not to import a second copy of a meeting already there."""
        from models.interchange import FormatError, read_meeting_file  # noqa: PLC0415 (see TYPE_CHECKING)

        try:
            doc = read_meeting_file(path)
        except FormatError as error:
            dialogs.show_problem(
                self,
                "Import JSON",
                f"{name} could not be imported: it is not a meeting file this app can read.",
                str(error),
            )
            return None
        return doc if self._import_again(doc, name) else None

    def _import_again(self, doc: MeetingDoc, name: str) -> bool:
        """A file of a meeting already in the archive (same board, date and title) is only
        imported again, as a second copy, if the user says so."""
        try:
            like = self._call("Importing the meeting", services.meetings_like, self._database, doc)
        except ProblemShownError:
            return False
        if not like:
            return True
        return dialogs.confirm_second_copy(self, "Import JSON", name, doc, like=like)

    def export_to_word(self) -> None:
        """Save what is pending, then ask how and where in the export dialog (Ctrl+E)."""
        record = self.editor.record or self.final_view.record
        if record is None:
            return
        if not self.editor.flush():
            problems = "\n".join(f"• {problem}" for problem in self.editor.unsaved_problems())
            dialogs.show_problem(
                self,
                "Export to Word",
                "The note was not exported, because some changes are not saved yet:",
                f"{problems}\n\nCorrect them (or undo them), then export again.",
            )
            return
        try:
            doc = self._call("Reading the meeting", services.meeting_doc, self._database, record.id)
        except ProblemShownError:
            return
        from ui.export.export_dialog import ExportDialog, publication_context  # noqa: PLC0415 (see TYPE_CHECKING)

        # Window-modal and opened, not exec()ed: the window is blocked all the same, and a
        # test can fill the dialog in as a user would.
        dialog = ExportDialog(
            doc,
            self._settings,
            self.export_options(),
            self,
            publication=publication_context(self._database, record.id),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._exported)
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    def _exported(self, path: Path, notice: str) -> None:
        """Say where the note went (and any template notice), and offer to open it."""
        self.statusBar().showMessage(
            f"Exported the note to {path}." + (f" {notice}" if notice else ""), STATUS_MESSAGE_MS
        )
        if not dialogs.confirm(
            self,
            "Export to Word",
            f"The note was saved as {path.name}.",
            f"In {path.parent}." + (f"\n\n{notice}" if notice else ""),
            accept_label="Open the note",
            reject_label="Close",
            destructive=False,
            done=True,
        ):
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            dialogs.show_problem(
                self,
                "Export to Word",
                "The note could not be opened: no program for Word documents was found.",
                f"The file is {path}.",
            )

    def delete_meeting(self) -> None:
        """Delete the meeting chosen in the list (from the menu: the open one), once confirmed.
        On a board or year row of the list, Del does nothing: it names no one meeting."""
        summary = self._chosen_meeting()
        if summary is None:
            return
        label = (
            f"{summary.board_abbreviation} {summary.title}, {summary.date.day} {summary.date:%B %Y}"
        )
        if not dialogs.confirm(
            self,
            "Delete meeting",
            f"Delete the meeting “{label}”?",
            "Its details, agenda items, notes and actions are deleted from this computer."
            " This cannot be undone. (To keep a copy, export it to Word first.)",
            accept_label="Delete meeting",
        ):
            return
        was_open = summary.id == self.open_meeting_id
        neighbour = self.meeting_model.neighbour_of(summary.id)
        if not was_open:
            # Saved before: the deletion may reopen actions of the open meeting (their copies
            # go), which moves its version on; typing saved after would be refused as
            # changed elsewhere, by this window's own deletion.
            self.editor.flush()
        reopened = 0
        try:
            reopened = self._call(
                "Deleting the meeting", services.delete_meeting, self._database, summary.id
            )
        except ProblemShownError:
            return
        except NotFoundError:
            pass  # already gone: the list is refreshed below all the same
        if was_open:
            self.editor.close_meeting()
            self.final_view.clear()
            self._unlocked_id = None
            self.preview.set_meeting(None)
        self._reload_list()
        if reopened and not was_open:
            self.editor.refresh_from_database()  # its reopened actions shown as open
        if was_open:
            neighbour = self.meeting_model.summary_of(neighbour.id if neighbour else None)
            neighbour = neighbour or self.meeting_model.newest()
            if neighbour is not None:
                self.open_meeting(neighbour.id)
        self.meeting_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(deleted_report(label, reopened), STATUS_MESSAGE_MS)

    # --- Edit menu -------------------------------------------------------------------------

    def edit_organisations(self) -> None:
        """Edit > Organisations… (Ctrl+Shift+O): the directory; the meeting shows the changes."""
        from ui.organisations.organisations_dialog import OrganisationsDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        self.editor.flush()
        self.organisations_dialog = OrganisationsDialog(self._database, self)
        self.organisations_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        merged: list[bool] = []
        self.organisations_dialog.organisations_merged.connect(lambda: merged.append(True))
        self.organisations_dialog.organisations_changed.connect(self.editor.refresh_from_database)
        self.organisations_dialog.finished.connect(
            lambda _result: self._organisations_closed(merged=bool(merged))
        )
        self.organisations_dialog.open()

    def rename_organisation(self, organisation_id: int) -> None:
        """F2 on an attendee's organisation: the directory, that name open for typing."""
        self.edit_organisations()
        dialog = self.organisations_dialog
        # Once it is on screen (showing it reads the directory, closing any editor).
        QTimer.singleShot(0, dialog, lambda: dialog.edit_name_of(organisation_id))

    def _organisations_closed(self, *, merged: bool) -> None:
        # A merge deleted an organisation that undo commands may name: forget them.
        self.editor.refresh_from_database(forget_history=merged)
        self.final_view.refresh()  # a renamed organisation prints its new name
        self._reload_list()

    # --- looking back: search and the action log ------------------------------------------

    def _archive_changed(self) -> None:
        """The whole list was read again (an import, a deletion): so may the search be."""
        self.search_panel.refresh_soon()
        if self.action_log_window is not None:
            self.action_log_window.mark_stale()

    def focus_search(self) -> None:
        """Edit > Search all meetings (Ctrl+F): the Search tab, the cursor in its box."""
        self.show_left_tab(self.search_panel)
        self.search_panel.focus_box()

    def open_search_hit(self, hit: SearchHit) -> None:
        """Enter on a search result: the meeting, at the matching agenda item (or its
        details, when the match was there; its Transcript tab at the turn, when the match was
        in a hearing's turn); a final one read-only, the match selected."""
        # Loaded with the search it serves: models.search imports SQLAlchemy, and the
        # window's first screen is painted before that (MainWindow).
        from ui.archive.search_model import first_match  # noqa: PLC0415

        if not self._go_to_meeting(hit.meeting_id, find=first_match(hit)):
            return
        if hit.item_id is not None and hit.turn_id is not None:
            self.editor.show_turn(hit.item_id, hit.turn_id)
        else:
            self.editor.show_item(hit.item_id)

    def _go_to_meeting(self, meeting_id: int, *, find: str | None) -> bool:
        """Open a meeting chosen in the search or the action log; True if it is in the editor
        (the caller goes on to the item or action). A final meeting opens read-only: its
        published note is searched for ``find`` (selected, scrolled to) and the status line
        says how to edit it; False then, as when it could not be opened."""
        self._find_in_note = None
        opened = meeting_id == self.open_meeting_id
        if not opened and (not self.can_leave_meeting() or not self.open_meeting(meeting_id)):
            return False
        if not self.read_only:
            return True
        self._find_in_note = find
        if opened:  # rendered already: no refresh will come
            self._find_in_final_view()
        self.final_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.statusBar().showMessage(
            f"This meeting is final, so it is shown as published; {EDIT_SHORTCUT} edits it.",
            STATUS_MESSAGE_MS,
        )
        return False

    def _find_in_final_view(self) -> None:
        """Once the final meeting's note is on screen: select the words asked for."""
        words, self._find_in_note = self._find_in_note, None
        browser = self.final_view.preview.browser
        if not words or self.final_view.meeting_id is None:
            return
        cursor = browser.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        browser.setTextCursor(cursor)
        browser.find(words)  # not found (a confidential item): the note from its top

    def show_action_log(self) -> None:
        """View > Action log (Ctrl+Shift+L): the log in a window of its own, beside this one;
        pending edits are saved first so the log shows them."""
        self.editor.flush()
        if self.action_log_window is None:
            from ui.actions.action_log_window import ActionLogWindow  # noqa: PLC0415 (start-up)

            self.action_log_window = ActionLogWindow(self._database, self._settings, self)
            self.action_log_window.action_chosen.connect(self.open_logged_action)
        else:
            self.action_log_window.mark_stale()
        self.action_log_window.show()
        self.action_log_window.raise_()
        self.action_log_window.activateWindow()

    def open_logged_action(self, entry: ActionLogEntry) -> None:
        """Enter in the action log: the meeting in this window, on its Actions tab, with the
        action selected."""
        self.raise_()
        self.activateWindow()
        if not self._go_to_meeting(entry.meeting_id, find=entry.description[:FIND_CHARACTERS]):
            return
        if not self.editor.show_action(entry.id):
            self.statusBar().showMessage(
                "That action is no longer in the meeting (deleted since the log was read).",
                STATUS_MESSAGE_MS,
            )
