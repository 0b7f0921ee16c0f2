"""The Transcript tab in the meeting editor, kept in step with the open meeting.

Kept out of ``meeting_editor.py`` (which is long enough): :func:`add_transcript_tab` adds the
page as a tab (Ctrl+4) and follows the editor's signals. The tab is shown only while the
meeting's layout is the hearing transcript (a layout chosen in the Details tab shows or hides
it once saved); its turns follow the agenda item selected in the Agenda tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from models.changes import MeetingChange, Part
from models.enums import LayoutStyle
from ui.editor.transcript.page import TranscriptPage

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ui.editor.meeting_editor import MeetingEditor

TRANSCRIPT_SHORTCUT = "Ctrl+4"


class TranscriptTab(QObject):
    """The page, its tab action, and what keeps them in step with the editor."""

    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.page = TranscriptPage(editor.session, editor.history)
        self.action: QAction = editor.add_tab(self.page, "Transcript", TRANSCRIPT_SHORTCUT)
        self.page.transcript_changed.connect(editor._structure_saved)
        editor.agenda_model.modelReset.connect(self.sync)
        editor.agenda.list_view.selectionModel().currentChanged.connect(self._item_changed)
        editor.session.changed.connect(self._saved)
        self._shown_meeting: int | None = None
        self._set_visible(visible=False)

    @property
    def visible(self) -> bool:
        tabs = self._editor.tabs
        return tabs.isTabVisible(tabs.indexOf(self.page))

    def sync(self) -> None:
        """Show the open meeting (or nothing) as it is saved: tab, members and turns."""
        record = self._editor.session.record
        is_transcript = record is not None and record.style is LayoutStyle.HEARING_TRANSCRIPT
        self._set_visible(visible=is_transcript)
        meeting_id = record.id if record is not None and is_transcript else None
        self._shown_meeting = meeting_id
        self.page.load(meeting_id, self._editor._current_item_id() if meeting_id else None)

    def _item_changed(self) -> None:
        if self._shown_meeting != (self._editor.session.meeting_id or None):
            self.sync()
        elif self._shown_meeting is not None:
            self.page.show_item(self._shown_meeting, self._editor._current_item_id())

    def _saved(self, change: MeetingChange) -> None:
        """The layout may have changed (Details): show or hide the tab."""
        if Part.DETAILS in change.parts:
            record = self._editor.session.record
            wanted = record is not None and record.style is LayoutStyle.HEARING_TRANSCRIPT
            if wanted != self.visible:
                self.sync()

    def _set_visible(self, *, visible: bool) -> None:
        tabs = self._editor.tabs
        index = tabs.indexOf(self.page)
        if not visible and tabs.currentIndex() == index:
            tabs.setCurrentIndex(0)
        tabs.setTabVisible(index, visible)
        for action in [self.action, *self.page.menu_actions()]:
            action.setEnabled(visible)
