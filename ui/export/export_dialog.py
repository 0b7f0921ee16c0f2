"""File > Export to Word (Ctrl+E): layout, audience and file, in one dialog.

The dialog does the export itself and stays open with everything as typed when it fails (a
file open in Word, a folder that cannot be written), so the user fixes one thing and presses
Export again. A public note is the default: the internal record has to be chosen, and the
dialog says in one line what each prints. Before a public note is written, the pre-publication
check runs on it; its findings are listed in the dialog (fix them, allow a name for this
meeting, or Export anyway), so nothing is published unseen. The suggested file name follows the
choices (``2024-02-29 RRB Public Note.docx``, ``... Internal record.docx``) until the user
types their own; an internal record is never saved under the public note's name. The Actions
choice last exported with is remembered per layout (the layouts' own defaults differ) and
shown again for that layout until the user picks another.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from exporters.errors import ExportError, TemplateStyleWarning
from exporters.files import is_public_note_name, suggested_file_name
from exporters.options import ActionsMode, ExportOptions
from models.enums import Audience, LayoutStyle
from ui.common import dialogs
from ui.common.dialog_fit import keep_contents_fitted
from ui.common.layout import add_field, container, hbox, hint, new_form, vbox
from ui.export.findings_panel import FindingsPanel, PublicationContext
from ui.export.settings_dialog import describe_options

if TYPE_CHECKING:
    from exporters.built import BuiltNote
    from exporters.prepublication import CheckedNote
    from models.database import Database
    from models.meeting_doc import MeetingDoc
    from ui.common.settings import Settings

log = logging.getLogger(__name__)

TITLE = "Export to Word"
AUDIENCE_HINTS = {
    Audience.PUBLIC: "For publication: organisations only, no person's name, no confidential item.",
    Audience.INTERNAL: "The full record, not for publication: who attended by name, apologies"
    " and confidential items.",
}
PUBLIC_TRANSCRIPT_HINT = (
    "For publication: the words as spoken, each turn under its speaker's name as the members"
    " list gives it; no other person's name, no confidential item."
)


def audience_hint(audience: Audience, style: LayoutStyle) -> str:
    """What the audience's note holds. A hearing's public transcript does name people (its
    members, as speakers), so the board notes' "no person's name" would be untrue there."""
    if audience is Audience.PUBLIC and style.is_transcript:
        return PUBLIC_TRANSCRIPT_HINT
    return AUDIENCE_HINTS[audience]


def publication_context(database: Database, meeting_id: int) -> PublicationContext:
    """What the check needs for one meeting, read now; allowing a name stores it."""
    from models.publication import allow_name, allowed_names, person_names  # noqa: PLC0415

    return PublicationContext(
        people=tuple(person_names(database)),
        allowed=tuple(allowed_names(database, meeting_id)),
        allow=lambda name: allow_name(database, meeting_id, name),
    )


def _note_option_widgets() -> tuple[QComboBox, QLabel, QCheckBox]:
    """How actions print (and a line when none are), and whether the note says it was
    edited for publication."""
    actions = QComboBox()
    actions.addItem("As the layout's published notes", "")
    for mode in ActionsMode:
        actions.addItem(mode.label, mode.value)
    edited = QCheckBox("Say that the note was edited for &publication")
    edited.setChecked(True)
    edited.setToolTip(
        "When confidential items are left out, the public note says it has been edited for"
        " publication (the ICO's guidance)."
    )
    return actions, hint(""), edited


def actions_left_out(meeting: MeetingDoc, style: LayoutStyle, chosen: ActionsMode | None) -> str:
    """The sentence for a note that prints none of the meeting's actions ("" when it prints
    them, or the meeting has none)."""
    count = sum(1 for item in meeting.agenda for each in item.actions if each.description.strip())
    if not count or chosen not in (None, ActionsMode.NONE):
        return ""
    from exporters.layouts import layout_for  # noqa: PLC0415 (python-docx, as for the export)

    if chosen is None and layout_for(style).default_actions is not ActionsMode.NONE:
        return ""
    opening = "This layout prints no actions" if chosen is None else "No actions printed"
    actions = "action stays" if count == 1 else f"{count} actions stay"
    return (
        f"{opening}: the meeting's {actions} out of the note. Choose"
        f" “{ActionsMode.PER_ITEM.label}” or “{ActionsMode.SUMMARY.label}” to print them."
    )


class ExportDialog(QDialog):
    """Choose how and where to export one meeting, then export it."""

    exported = Signal(Path, str)
    """The note was written at the path; the text is a notice for the user (may be empty)."""

    _remembered_actions: ActionsMode | None  # the shown layout's last Actions choice

    def __init__(
        self,
        meeting: MeetingDoc,
        settings: Settings,
        options: ExportOptions,
        parent: QWidget | None = None,
        *,
        publication: PublicationContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(640)
        self._meeting = meeting
        self._settings = settings
        self._options = options
        self._publication = publication or PublicationContext()
        self._allowed = set(self._publication.allowed)
        self._checked: CheckedNote | None = None  # the checked note, until a choice changes
        self._notice = ""  # what the template lacked, from building the checked note

        self.layout_combo = QComboBox()
        for style in LayoutStyle:
            self.layout_combo.addItem(style.label, style.value)  # Qt keeps it as a plain str
        self.layout_combo.setCurrentIndex(list(LayoutStyle).index(meeting.style))

        self.public_radio = QRadioButton("&Public note")
        self.internal_radio = QRadioButton("&Internal record")
        self.public_radio.setChecked(True)
        self._audiences = QButtonGroup(self)
        self._audiences.addButton(self.public_radio)
        self._audiences.addButton(self.internal_radio)
        self.audience_hint = hint(audience_hint(Audience.PUBLIC, self.layout_style))

        self.actions_combo, self.actions_hint, self.edited_check = _note_option_widgets()
        self.findings = FindingsPanel()

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAutoDefault(False)  # Enter in a field means Export, not Browse
        self._suggested = str(settings.export_folder / self._suggested_name())
        self.path_edit.setText(self._suggested)

        form = new_form()
        add_field(form, "&Layout:", self.layout_combo)
        add_field(form, "Audience:", hbox(self.public_radio, self.internal_radio, "stretch"))
        form.addRow("", self.audience_hint)
        self._add_note_options(form)
        self.path_message = add_field(form, "Save &as:", hbox(self.path_edit, self.browse_button))
        form.addRow("", hint(describe_options(options)))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.setLayout(vbox(container(form), self.findings, "stretch", self.buttons, margins=12))
        self.export_button.setDefault(True)  # once in the dialog: only dialogs have defaults
        keep_contents_fitted(self)  # the findings appear in it

        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        self.layout_combo.currentIndexChanged.connect(self._choices_changed)
        self.public_radio.toggled.connect(self._choices_changed)
        self.actions_combo.currentIndexChanged.connect(self._choices_changed)
        self.edited_check.toggled.connect(self._choices_changed)
        self.path_edit.textEdited.connect(self._path_edited)
        self.findings.name_allowed.connect(self._name_allowed)
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.layout_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the choices ------------------------------------------------------------------------

    @property
    def layout_style(self) -> LayoutStyle:
        return LayoutStyle(self.layout_combo.currentData())

    @property
    def audience(self) -> Audience:
        return Audience.INTERNAL if self.internal_radio.isChecked() else Audience.PUBLIC

    @property
    def actions_mode(self) -> ActionsMode | None:
        value = self.actions_combo.currentData()
        return ActionsMode(value) if value else None

    def path(self) -> Path | None:
        """The file to write, ``.docx`` added when left off; None when nothing is typed."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        return path

    def _suggested_name(self) -> str:
        return suggested_file_name(self._meeting, self.layout_style, self.audience)

    def _choices_changed(self) -> None:
        self._forget_check()
        self.audience_hint.setText(audience_hint(self.audience, self.layout_style))
        self._show_actions_hint()
        # Only a public note leaves anything out; the tick stays for when it is chosen again.
        self.edited_check.setEnabled(self.audience is Audience.PUBLIC)
        if self.path_edit.text() == self._suggested:  # the user has not typed their own
            folder = Path(self._suggested).parent
            self._suggested = str(folder / self._suggested_name())
            self.path_edit.setText(self._suggested)

    def _layout_changed(self) -> None:
        """Show the new layout's remembered Actions choice, unless the user chose their own."""
        if self.actions_mode is self._remembered_actions:
            self._remembered_actions = self._settings.export_actions(self.layout_style)
            self._show_actions_mode(self._remembered_actions)

    def _show_actions_mode(self, mode: ActionsMode | None) -> None:
        self.actions_combo.setCurrentIndex(self.actions_combo.findData(mode.value if mode else ""))

    def _add_note_options(self, form: QFormLayout) -> None:
        # The layout's last Actions choice, followed when the layout changes until the user
        # chooses their own (as the suggested file name is).
        self._remembered_actions = self._settings.export_actions(self.layout_style)
        self._show_actions_mode(self._remembered_actions)
        add_field(form, "Ac&tions:", self.actions_combo)
        form.addRow("", self.actions_hint)  # its row hidden while it has nothing to say
        form.addRow("", self.edited_check)
        self._form = form
        self._show_actions_hint()

    def _show_actions_hint(self) -> None:
        """Say so when the choices print none of the meeting's actions (the Public Note's own
        way is to print none): the person would otherwise find them missing in Word."""
        text = actions_left_out(self._meeting, self.layout_style, self.actions_mode)
        self.actions_hint.setText(text)
        self._form.setRowVisible(self.actions_hint, bool(text))

    def _browse(self) -> None:
        current = self.path() or (self._settings.export_folder / self._suggested_name())
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            TITLE,
            str(current),
            "Word documents (*.docx)",
            "",
            QFileDialog.Option.DontConfirmOverwrite,  # Export asks, once, for either route
        )
        if chosen:
            self.path_edit.setText(chosen)
            self.path_message.clear_message()

    # --- the pre-publication check ------------------------------------------------------

    def _forget_check(self) -> None:
        """A choice changed: the next Export checks the note afresh."""
        self._checked = None
        self._notice = ""
        self.findings.clear()
        self.export_button.setText("&Export")

    def _path_edited(self) -> None:
        self.path_message.clear_message()

    def _name_allowed(self, name: str) -> None:
        self._allowed.add(name)
        if not self.findings.findings:
            self.export_button.setText("&Export")
            # The panel and its focused button are gone: Enter means Export again.
            self.export_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check(self) -> CheckedNote:
        from exporters.prepublication import check_public_note  # noqa: PLC0415 (python-docx)

        return check_public_note(
            self._meeting,
            self.layout_style,
            template=self._options.template,
            logo=self._options.logo,
            logo_alt_text=self._options.logo_alt_text,
            actions=self.actions_mode,
            edited_notice=self.edited_check.isChecked(),
            people=self._publication.people,
            allowed=self._allowed,
        )

    def _build(self) -> BuiltNote | None:
        """The note to write, or None when the check's findings are shown first."""
        if self.audience is Audience.PUBLIC:
            if self._checked is not None and self.findings.findings:
                return self._checked.note  # Export anyway
            checked = self._check()
            if checked.findings:
                self._checked = checked
                self.findings.show_findings(checked.findings, self._publication.allow)
                self.export_button.setText("Export &anyway")
                return None
            return checked.note
        from exporters.built import build_any  # noqa: PLC0415 (the exporter loads on use)

        return build_any(
            self._meeting,
            self.layout_style,
            audience=self.audience,
            template=self._options.template,
            logo=self._options.logo,
            logo_alt_text=self._options.logo_alt_text,
            actions=self.actions_mode,
            edited_notice=self.edited_check.isChecked(),
        )

    # --- exporting --------------------------------------------------------------------------

    def export(self) -> None:
        """Check, then write the note; on success close and report, on failure stay open."""
        path = self.path()
        if path is None:
            self.path_message.show_message("Type where to save the note, or press Browse.")
            self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.path_message.clear_message()
        if is_public_note_name(path, self._meeting, self.layout_style, self.audience):
            other = suggested_file_name(self._meeting, self.layout_style, self.audience)
            self.path_message.show_message(
                f"That is the public note's file name: save the internal record under another,"
                f" such as {other}."
            )
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        note = None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", TemplateStyleWarning)
                note = self._build()
        except ExportError as error:
            problem = str(error)
        else:
            problem = ""
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem:
            dialogs.show_problem(self, TITLE, "The note was not exported.", problem)
            return
        if caught:
            self._notice = " ".join(
                str(w.message) for w in caught if issubclass(w.category, TemplateStyleWarning)
            )
        if note is None:
            return  # the findings are on screen: fix them, allow a name or export anyway
        if path.is_file() and not dialogs.confirm(
            self,
            TITLE,
            f"{path.name} already exists.",
            f"Replace it with this export? The file in {path.parent} will be replaced.",
            accept_label="Replace",
        ):
            return
        from exporters.built import save_note  # noqa: PLC0415 (the exporter loads on use)

        try:
            save_note(note, path)
        except ExportError as error:
            problem = str(error)
        except OSError as error:  # the exporter should say ExportError; never a traceback
            log.exception("export to %s failed", path)
            problem = f"Cannot write {path}: {error.strerror or error}."
        if problem:
            dialogs.show_problem(self, TITLE, "The note was not exported.", problem)
            return
        self._settings.export_folder = path.parent
        self._settings.set_export_actions(self.layout_style, self.actions_mode)
        self.accept()
        self.exported.emit(path, self._notice)
