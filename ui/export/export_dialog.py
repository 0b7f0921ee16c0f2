"""File > Export to Word (Ctrl+E): layout, audience and file, in one dialog.

The dialog does the export itself and stays open with everything as typed when it fails (a
file open in Word, a folder that cannot be written), so the user fixes one thing and presses
Export again. A public note is the default: the internal record has to be chosen, and the
dialog says in one line what each prints. The suggested file name follows the choices
(``2024-02-29 RRB Public Note.docx``, ``... Internal record.docx``) until the user types their own.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from exporters.errors import ExportError, TemplateStyleWarning
from exporters.files import suggested_file_name
from exporters.options import ExportOptions
from models.enums import Audience, LayoutStyle
from models.meeting_doc import MeetingDoc
from ui.common import dialogs
from ui.common.layout import add_field, container, hbox, hint, new_form, vbox
from ui.export.settings_dialog import describe_options

log = logging.getLogger(__name__)

FOLDER_KEY = "export/folder"
TITLE = "Export to Word"
AUDIENCE_HINTS = {
    Audience.PUBLIC: "For publication: organisations only, no person's name, no confidential item.",
    Audience.INTERNAL: "The full record, not for publication: who attended by name, apologies"
    " and confidential items.",
}


def last_export_folder(settings: QSettings) -> Path:
    """The folder of the last export if it still exists, else the user's documents."""
    value = settings.value(FOLDER_KEY)
    if isinstance(value, str) and Path(value).is_dir():
        return Path(value)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


class ExportDialog(QDialog):
    """Choose how and where to export one meeting, then export it."""

    exported = Signal(Path, str)
    """The note was written at the path; the text is a notice for the user (may be empty)."""

    def __init__(
        self,
        meeting: MeetingDoc,
        settings: QSettings,
        options: ExportOptions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(640)
        self._meeting = meeting
        self._settings = settings
        self._options = options

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
        self.audience_hint = hint(AUDIENCE_HINTS[Audience.PUBLIC])

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAutoDefault(False)  # Enter in a field means Export, not Browse
        self._suggested = str(last_export_folder(settings) / self._suggested_name())
        self.path_edit.setText(self._suggested)

        form = new_form()
        add_field(form, "&Layout:", self.layout_combo)
        add_field(form, "Audience:", hbox(self.public_radio, self.internal_radio, "stretch"))
        form.addRow("", self.audience_hint)
        self.path_message = add_field(form, "Save &as:", hbox(self.path_edit, self.browse_button))
        form.addRow("", hint(describe_options(options)))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.setLayout(vbox(container(form), "stretch", self.buttons, margins=12))
        self.export_button.setDefault(True)  # once in the dialog: only dialogs have defaults

        self.layout_combo.currentIndexChanged.connect(self._choices_changed)
        self.public_radio.toggled.connect(self._choices_changed)
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
        self.audience_hint.setText(AUDIENCE_HINTS[self.audience])
        if self.path_edit.text() == self._suggested:  # the user has not typed their own
            folder = Path(self._suggested).parent
            self._suggested = str(folder / self._suggested_name())
            self.path_edit.setText(self._suggested)

    def _browse(self) -> None:
        current = self.path() or (last_export_folder(self._settings) / self._suggested_name())
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

    # --- exporting --------------------------------------------------------------------------

    def export(self) -> None:
        """Write the note; on success close and report, on failure say why and stay open."""
        path = self.path()
        if path is None:
            self.path_message.show_message("Type where to save the note, or press Browse.")
            self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.path_message.clear_message()
        if path.is_file() and not dialogs.confirm(
            self,
            TITLE,
            f"{path.name} already exists.",
            f"Replace it with this export? The file in {path.parent} is overwritten.",
            accept_label="Replace",
        ):
            return
        from exporters.docx_export import export_docx  # noqa: PLC0415 (python-docx loads on use)

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", TemplateStyleWarning)
                export_docx(
                    self._meeting,
                    path,
                    self.layout_style,
                    audience=self.audience,
                    template=self._options.template,
                    logo=self._options.logo,
                    logo_alt_text=self._options.logo_alt_text,
                )
        except ExportError as error:
            problem = str(error)
        except OSError as error:  # the exporter should say ExportError; never a traceback
            log.exception("export to %s failed", path)
            problem = f"Cannot write {path}: {error.strerror or error}."
        else:
            problem = ""
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem:
            dialogs.show_problem(self, TITLE, "The note was not exported.", problem)
            return
        self._settings.setValue(FOLDER_KEY, str(path.parent))
        notice = " ".join(
            str(w.message) for w in caught if issubclass(w.category, TemplateStyleWarning)
        )
        self.accept()
        self.exported.emit(path, notice)
