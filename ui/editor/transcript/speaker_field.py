"""The speaker of a turn, chosen by typing a few letters: ``soph`` Enter is Sophie Linden.

The choices come from :func:`models.transcript_text.speaker_choices` (labels already spoken,
then members who have not spoken yet), ranked by it rather than by ``QCompleter``'s own
prefix filter, so that a surname or initials find a member. The first choice is highlighted
as the list opens: Enter (or Tab) takes it; Esc closes the list and Enter then keeps what was
typed, a new label (a witness, a guest). Esc with no list open is the editor's to decide
(:class:`ui.editor.transcript.turns_editor.TurnsEditor` never drops a label typed for a new
turn on it), and Tab with a label typed takes it as Enter does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget


class SpeakerField(QLineEdit):
    """A line edit whose Enter hands on a speaker label (``speaker_chosen``)."""

    speaker_chosen = Signal(str)
    """Enter was pressed on a label (the highlighted choice, or the text as typed)."""
    escaped = Signal()
    """Esc with no list open (the editor decides: back to the words, or keep the label)."""

    def __init__(
        self, choices: Callable[[str], Sequence[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(8)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._take)
        # Installed after the completer's own filter, so it sees the popup's keys first:
        # Enter takes the highlighted choice here, whatever the completer would do with it.
        self.popup().installEventFilter(self)
        self.textEdited.connect(self._offer)
        self.setPlaceholderText("Who speaks: type a few letters of a member, or a new label")
        self.setAccessibleName("Speaker")

    def popup(self) -> QAbstractItemView:
        """The list of choices (the completer's popup, made with it)."""
        popup = self.completer_.popup()
        assert popup is not None  # a completer always has one once asked
        return popup

    def offer_all(self) -> None:
        """Open the list with every choice (a new turn, nothing typed yet)."""
        self._offer(self.text())

    def _offer(self, typed: str) -> None:
        choices = list(self._choices(typed))
        self._model.setStringList(choices)
        popup = self.popup()
        if not choices:
            popup.hide()
            return
        self.completer_.complete()
        popup.setCurrentIndex(self._model.index(0, 0))

    def _take(self, label: str) -> None:
        self.setText(label)
        self.popup().hide()
        self.speaker_chosen.emit(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        ):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():
                self._take(str(index.data()))
            elif event.key() != Qt.Key.Key_Tab:
                self.keyPressEvent(event)
            return True
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            popup.hide()  # and no more: Enter now keeps the label as typed
            return True
        return super().eventFilter(watched, event)

    def label(self) -> str:
        """The label as typed, its spaces tidied ("" when nothing is typed)."""
        return " ".join(self.text().split())

    def event(self, event: QEvent) -> bool:
        # Tab with a label typed takes it, as Enter does: Qt would move the focus on before
        # keyPressEvent sees the key, and for a new turn past the words (still shut), which
        # left the label behind.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not event.modifiers()
            and self.label()
        ):
            self.speaker_chosen.emit(self.label())
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.label():
                self.speaker_chosen.emit(self.label())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)
