"""A final meeting opens read-only: the note as it will be published, and an explicit Edit.

A final meeting is the published record. Opening one to look something up must not risk a
stray keystroke changing it, so the window shows it here, rendered exactly as the preview
renders an export (the public note in the meeting's own layout: organisations only, no
confidential items), and the editor is not loaded at all, so no shortcut can edit it. Edit
(Ctrl+Shift+E) opens the editor on it; the status stays Final unless the user changes it,
and a banner above the editor says that the changes alter the published record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from models.enums import Audience
from ui.common.layout import hbox, vbox
from ui.export.preview_pane import PreviewPane

if TYPE_CHECKING:
    from exporters.options import ExportOptions
    from models.database import Database
    from models.services import MeetingRecord

EDIT_SHORTCUT: Final = "Ctrl+Shift+E"
FINAL_TEXT: Final = "This meeting is final: below is its note as it will be published."
EDITING_FINAL_TEXT: Final = (
    "This meeting is final: your edits change the published record. Set its Status to Draft"
    " (Details tab) while it is being revised."
)
READ_ONLY_TEXT: Final = "Read-only: below is this meeting's note as it will be published."
_BANNER_STYLE: Final = (
    "#{name} {{ border: 1px solid #8a6d00; border-radius: 4px; background: #fff8d6; }}"
    " #{name} QLabel {{ color: #3d3000; }}"
)


def _banner_frame(name: str) -> QFrame:
    """A pale yellow box: a notice, not an error (errors are red)."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(_BANNER_STYLE.format(name=name))
    return frame


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class FinalView(QWidget):
    """The published note of a final meeting, read-only, under a bar offering Edit."""

    edit_requested = Signal(int)
    """The user asked to edit the final meeting shown (its ID)."""

    def __init__(
        self,
        database: Database,
        options: Callable[[], ExportOptions],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record: MeetingRecord | None = None
        # The preview pane's own rendering, pinned to what is published: the meeting's
        # layout and the public audience, so its choices are not offered here.
        self.preview = PreviewPane(database, options)
        choices = self.preview.layout_combo.parentWidget()
        if choices is not None:
            choices.setVisible(False)
        self.preview.audience_combo.setCurrentIndex(
            self.preview.audience_combo.findData(Audience.PUBLIC.value)
        )
        self.preview.browser.setAccessibleName("The published note (read-only)")

        self.bar = _banner_frame("finalMeetingBar")
        self.final_label = _label(FINAL_TEXT)
        self.edit_button = QPushButton("Edit")
        self.edit_button.setToolTip(
            f"Open the meeting in the editor ({EDIT_SHORTCUT}); edits change the published record"
        )
        self.shortcut_label = QLabel(f"({EDIT_SHORTCUT})")
        self.details_label = _label("")
        first_line = hbox(self.final_label, self.edit_button, self.shortcut_label)
        first_line.setStretch(0, 1)
        self.bar.setLayout(vbox(first_line, self.details_label, margins=8))
        self.setLayout(vbox(self.bar, self.preview, margins=0))
        self.setFocusProxy(self.preview.browser)
        self.edit_button.clicked.connect(self._edit_clicked)

    @property
    def record(self) -> MeetingRecord | None:
        """The meeting shown (None when none is)."""
        return self._record

    @property
    def meeting_id(self) -> int | None:
        return self._record.id if self._record is not None else None

    def show_meeting(self, record: MeetingRecord) -> None:
        """Show a final meeting's note (rendered when the view is on screen)."""
        self._record = record
        self.details_label.setText(
            f"Layout: {record.style.label}. Audience: public note (organisations only, no"
            " names, no confidential items). Ctrl+E exports it to Word."
        )
        self.preview.set_meeting(record.id)

    def clear(self) -> None:
        self._record = None
        self.preview.set_meeting(None)

    def refresh(self) -> None:
        """Render again (an organisation renamed, another template chosen)."""
        self.preview.refresh_soon()

    def text(self) -> str:
        """What the reader sees of the note, as plain text."""
        return self.preview.text()

    def set_read_only_role(self) -> None:
        """The user's database role may only read: every meeting shows here, with no Edit."""
        self.final_label.setText(READ_ONLY_TEXT)
        self.edit_button.setVisible(False)
        self.shortcut_label.setVisible(False)

    def _edit_clicked(self) -> None:
        if self._record is not None:
            self.edit_requested.emit(self._record.id)


class EditingFinalBanner(QFrame):
    """Above the editor while it shows a final meeting: the edits change the published record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editingFinalBanner")
        self.setStyleSheet(_BANNER_STYLE.format(name="editingFinalBanner"))
        self.label = _label(EDITING_FINAL_TEXT)
        self.setLayout(hbox(self.label, margins=8))
        self.setVisible(False)
