"""File > Settings: the user's own Word template and logo, used by every export, and (on a
page of its own, ui/connection/server_page.py) the shared archive's server.

The choices live in the settings (``Settings.export_options``), so
they outlast the session and apply to exports from the dialog and the preview alike. A file
is checked when it is chosen, so a bad one is refused here, with the reason, instead of at
the next export; a template that lacks some of the note's styles is accepted with a notice
(the export adds ours), because such a template is still the one the organisation wants.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from exporters.errors import ExportError
from exporters.options import (
    DEFAULT_LOGO_ALT_TEXT,
    LOGO_FORMATS,
    TEMPLATE_FORMATS,
    ExportOptions,
)
from ui.common.layout import add_field, container, hbox, hint, new_form, vbox
from ui.common.settings import documents_folder

if TYPE_CHECKING:
    from ui.connection.server_page import ServerPage


def describe_options(options: ExportOptions) -> str:
    """One line for the export dialog: what the note will be dressed in."""
    template = options.template.name if options.template else "the built-in template"
    logo = f"your logo {options.logo.name}" if options.logo else "the text masthead"
    return f"House style: {template}, {logo} (change in File > Settings)."


def template_problem(path: Path) -> tuple[str, str]:
    """(error, notice) for a template: an error refuses it, a notice only informs."""
    if path.suffix.lower().lstrip(".") not in TEMPLATE_FORMATS:
        return f"{path.name} is not a Word template: choose a .docx or .dotx file.", ""
    from exporters.docx_export import missing_styles  # noqa: PLC0415 (python-docx loads on use)

    try:
        missing = missing_styles(path)
    except ExportError as error:
        return str(error), ""
    if not missing:
        return "", ""
    names = ", ".join(missing)
    return "", (
        f"This template has no {names} style{'s' if len(missing) > 1 else ''}; the note uses"
        " the built-in one" + ("s" if len(missing) > 1 else "") + " for those."
    )


def logo_problem(path: Path) -> str:
    from exporters.docx_export import check_logo  # noqa: PLC0415 (python-docx loads on use)

    try:
        check_logo(path)
    except ExportError as error:
        return str(error)
    return ""


class SettingsDialog(QDialog):
    """Choose a Word template and a logo; OK stores them only when both can be used. With a
    ``server_page``, a second tab says where the shared archive is."""

    def __init__(
        self,
        options: ExportOptions,
        parent: QWidget | None = None,
        *,
        server_page: ServerPage | None = None,
    ) -> None:
        super().__init__(parent)
        self.server_page = server_page
        self.setWindowTitle("Settings")
        self.setMinimumWidth(620)

        self.template_edit = QLineEdit(str(options.template) if options.template else "")
        self.template_edit.setPlaceholderText("The built-in house style")
        self.template_edit.setClearButtonEnabled(True)
        self.template_button = QPushButton("&Choose template…")
        self.template_default_button = QPushButton("Use the b&uilt-in")
        self.logo_edit = QLineEdit(str(options.logo) if options.logo else "")
        self.logo_edit.setPlaceholderText("None: the masthead is text")
        self.logo_edit.setClearButtonEnabled(True)
        self.logo_button = QPushButton("Choose l&ogo…")
        self.no_logo_button = QPushButton("&No logo")
        self.alt_text_edit = QLineEdit(options.logo_alt_text)
        self.alt_text_edit.setToolTip(
            "What the logo shows, read out by screen readers (the note must carry alt text)"
        )
        for button in (
            self.template_button,
            self.template_default_button,
            self.logo_button,
            self.no_logo_button,
        ):
            button.setAutoDefault(False)  # Enter in a field means OK
        self.template_notice = hint("")
        self.template_notice.setVisible(False)

        form = new_form()
        self.template_message = add_field(
            form,
            "Word &template:",
            hbox(self.template_edit, self.template_button, self.template_default_button),
        )
        form.addRow("", self.template_notice)
        form.addRow(
            "",
            hint(
                "A .docx or .dotx with your organisation's styles (Title, Heading 1-4, List"
                " Bullet, Masthead ...) and, if you like, its letterhead in the page header."
            ),
        )
        self.logo_message = add_field(
            form, "&Logo:", hbox(self.logo_edit, self.logo_button, self.no_logo_button)
        )
        self.alt_text_message = add_field(form, "Logo &description:", self.alt_text_edit)
        form.addRow(
            "",
            hint(
                "A PNG, JPEG, GIF, BMP or TIFF image for the top of every page, in place of"
                " the MOPAC line. The description is the image's alt text."
            ),
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(container(vbox(container(form), "stretch", margins=0)), "&Word export")
        if server_page is not None:
            self.tabs.addTab(server_page, "Shared &archive")
        self.setLayout(vbox(self.tabs, self.buttons, margins=12))

        self.template_button.clicked.connect(self._choose_template)
        self.template_default_button.clicked.connect(lambda: self._set_template(""))
        self.logo_button.clicked.connect(self._choose_logo)
        self.no_logo_button.clicked.connect(lambda: self._set_logo(""))
        self.template_edit.editingFinished.connect(self._check_template)
        self.logo_edit.editingFinished.connect(self._check_logo)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._check_template()

    # --- what the dialog gives back -----------------------------------------------------------

    def options(self) -> ExportOptions:
        """The choices as typed (checked by :meth:`accept` before the dialog closes)."""
        template = self.template_edit.text().strip()
        logo = self.logo_edit.text().strip()
        return ExportOptions(
            template=Path(template) if template else None,
            logo=Path(logo) if logo else None,
            logo_alt_text=self.alt_text_edit.text().strip() or DEFAULT_LOGO_ALT_TEXT,
        )

    def accept(self) -> None:
        """Close only when every chosen file can be used; otherwise say why, in place."""
        problems = [self._check_template(), self._check_logo()]
        if self.server_page is not None and self.server_page.check():
            self.tabs.setCurrentWidget(self.server_page)
            return
        if any(problems):
            self.tabs.setCurrentIndex(0)
            fields = [self.template_edit, self.logo_edit]
            fields[next(i for i, problem in enumerate(problems) if problem)].setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            return
        super().accept()

    # --- checking ---------------------------------------------------------------------------

    def _check_template(self) -> str:
        text = self.template_edit.text().strip()
        error, notice = template_problem(Path(text)) if text else ("", "")
        self.template_message.show_message(error)
        self.template_notice.setText(notice)
        self.template_notice.setVisible(bool(notice))
        return error

    def _check_logo(self) -> str:
        text = self.logo_edit.text().strip()
        error = logo_problem(Path(text)) if text else ""
        self.logo_message.show_message(error)
        return error

    # --- choosing files -----------------------------------------------------------------------

    def _start_folder(self, current: str) -> str:
        if current and Path(current).parent.is_dir():
            return current
        return str(documents_folder())

    def _choose_template(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a Word template",
            self._start_folder(self.template_edit.text().strip()),
            "Word templates and documents (*.dotx *.docx);;All files (*)",
        )
        if path:
            self._set_template(path)

    def _choose_logo(self) -> None:
        patterns = " ".join(f"*.{suffix}" for suffix in LOGO_FORMATS)
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a logo",
            self._start_folder(self.logo_edit.text().strip()),
            f"Images ({patterns});;All files (*)",
        )
        if path:
            self._set_logo(path)

    def _set_template(self, path: str) -> None:
        self.template_edit.setText(path)
        self._check_template()
        self.template_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_logo(self, path: str) -> None:
        self.logo_edit.setText(path)
        self._check_logo()
        self.logo_edit.setFocus(Qt.FocusReason.OtherFocusReason)
