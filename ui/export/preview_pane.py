"""View > Preview (F9): the open meeting as the exported note will read, kept up to date.

The pane renders the very document an export would write (``build_document`` then
``exporters.preview.document_to_html``), so a public preview leaves out names and
confidential items exactly as the public note does. It follows the typing through the
editor's ``meeting_saved`` (the editor saves about 300 ms after the last keystroke), with a
short debounce on top so a burst of saves renders once, and it does no work while hidden:
a hidden pane only notes that it is out of date and catches up when shown.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QTextBrowser, QWidget

from exporters.errors import ExportError, TemplateStyleWarning
from models import services
from models.enums import Audience, LayoutStyle
from models.errors import StorageError
from models.services import NotFoundError
from ui.common.layout import container, hint, new_form, plain_label, vbox

if TYPE_CHECKING:
    from exporters.options import ExportOptions
    from models.database import Database

log = logging.getLogger(__name__)

REFRESH_DELAY_MS: Final = 150
MEETING_LAYOUT: Final = "The meeting's layout"
PANE_MIN_WIDTH: Final = 320


class PreviewPane(QWidget):
    """A read-only rendering of the note, with its own layout and audience choice."""

    refreshed = Signal()
    """The preview now shows the meeting as saved (or says why it cannot)."""

    def __init__(
        self,
        database: Database,
        options: Callable[[], ExportOptions],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._options = options
        self._meeting_id: int | None = None
        self._stale = True
        self.last_render_ms = 0.0

        self.layout_combo = QComboBox()
        self.layout_combo.addItem(MEETING_LAYOUT, None)
        for style in LayoutStyle:
            self.layout_combo.addItem(style.short_label, style.value)  # Qt keeps it as a plain str
        self.layout_combo.setToolTip("Preview the note in another layout")
        self.audience_combo = QComboBox()
        self.audience_combo.addItem("Public note", Audience.PUBLIC.value)
        self.audience_combo.addItem("Internal record", Audience.INTERNAL.value)
        self.audience_combo.setToolTip(
            "Public: organisations only, no names, no confidential items"
        )
        for combo in (self.layout_combo, self.audience_combo):
            # The pane takes its width from the window: long layout names are cut in the
            # closed box (the list shows them whole), so the pane never widens the window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setReadOnly(True)
        self.browser.setAccessibleName("Preview of the note")
        self.message = hint("")
        self.message.setVisible(False)

        # One choice a row: side by side, the pane's width (a third of a laptop's screen)
        # cut "The meeting's layout" to "The meeting".
        choices = new_form()
        choices.addRow(plain_label("Layo&ut:", self.layout_combo), self.layout_combo)
        choices.addRow(plain_label("Audience:", self.audience_combo), self.audience_combo)
        self.setLayout(vbox(container(choices), self.message, self.browser, margins=4))
        # Narrower, a page of the note reads a few words a line; wider, the editor beside it
        # loses its columns at a laptop's 1280 pixels.
        self.setMinimumWidth(PANE_MIN_WIDTH)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        # Hidden since the timer started (the window closed): rendered when shown again.
        self._timer.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.layout_combo.currentIndexChanged.connect(lambda _index: self.refresh_soon())
        self.audience_combo.currentIndexChanged.connect(lambda _index: self.refresh_soon())

    # --- what the window tells the pane --------------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        """Show another meeting (None: none is open)."""
        self._meeting_id = meeting_id
        self.refresh_soon()

    def refresh_soon(self) -> None:
        """Render again shortly; a burst of calls renders once. Hidden, just remember."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    @property
    def layout_style(self) -> LayoutStyle | None:
        style = self.layout_combo.currentData()
        return LayoutStyle(style) if style else None

    @property
    def audience(self) -> Audience:
        return Audience(self.audience_combo.currentData())

    def text(self) -> str:
        return self.browser.toPlainText()

    # --- rendering ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Render the meeting as saved now; a problem is shown in the pane, never raised."""
        self._timer.stop()
        self._stale = False
        started = time.perf_counter()
        if self._meeting_id is None:
            self._show_message("No meeting is open.")
        else:
            try:
                html, notice = self._render(self._meeting_id)
            except StorageError as error:
                log.exception("preview of meeting %s failed", self._meeting_id)
                self._show_message(f"The preview could not read the meeting ({error.reason}).")
            except NotFoundError:
                self._show_message("The meeting no longer exists.")
            except ExportError as error:
                self._show_message(f"The note cannot be built: {error}")
            else:
                self._show_html(html, notice)
        self.last_render_ms = (time.perf_counter() - started) * 1000
        self.refreshed.emit()

    def _render(self, meeting_id: int) -> tuple[str, str]:
        from exporters.docx_export import build_document  # noqa: PLC0415 (python-docx on use)
        from exporters.preview import document_to_html  # noqa: PLC0415

        meeting = services.meeting_doc(self._database, meeting_id)
        options = self._options()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TemplateStyleWarning)
            document = build_document(
                meeting,
                self.layout_style,
                audience=self.audience,
                template=options.template,
                logo=options.logo,
                logo_alt_text=options.logo_alt_text,
            )
        notice = " ".join(
            str(w.message) for w in caught if issubclass(w.category, TemplateStyleWarning)
        )
        return document_to_html(document), notice

    def _show_html(self, html: str, notice: str) -> None:
        """Replace the text, keeping the reader's place in it."""
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        self.browser.setHtml(html)
        scroll.setValue(min(position, scroll.maximum()))
        self.message.setText(notice)
        self.message.setVisible(bool(notice))

    def _show_message(self, text: str) -> None:
        self.browser.clear()
        self.message.setText(text)
        self.message.setVisible(True)

    # --- Qt overrides ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up on what changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self._timer.start()
