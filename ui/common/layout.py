"""Small builders the forms share, so every row, message and heading looks the same."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

ERROR_COLOUR = "#b00020"  # 4.5:1 or better against white and the light greys of Qt's styles
HINT_COLOUR = "#555555"
# QLineEdit's own cap (32,767 by default) cuts a longer paste off without a word; the limits
# on text are the services' (models.text_limits), which say why and keep the text.
NO_LENGTH_CAP = 2**31 - 1


def uncapped(edit: QLineEdit) -> QLineEdit:
    """``edit`` without Qt's silent cap on length (see :data:`NO_LENGTH_CAP`)."""
    edit.setMaxLength(NO_LENGTH_CAP)
    return edit


def mark_refused(widget: QWidget, refused: bool) -> None:
    """The text of a field whose value is held back, red (with the reason under it);
    back to the style's colour once it is accepted."""
    palette = QPalette(widget.palette())
    default = QApplication.palette(widget).color(QPalette.ColorRole.Text)
    colour = QColor(ERROR_COLOUR) if refused else default
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def hbox(*parts: QWidget | QLayout | str | int, margins: int = 0) -> QHBoxLayout:
    """A row of widgets; ``"stretch"`` adds a stretch and an int a fixed gap."""
    layout = QHBoxLayout()
    _fill(layout, parts, margins)
    return layout


def vbox(*parts: QWidget | QLayout | str | int, margins: int = 0) -> QVBoxLayout:
    """A column of widgets; ``"stretch"`` adds a stretch and an int a fixed gap."""
    layout = QVBoxLayout()
    _fill(layout, parts, margins)
    return layout


def _fill(
    layout: QBoxLayout, parts: tuple[QWidget | QLayout | str | int, ...], margins: int
) -> None:
    layout.setContentsMargins(margins, margins, margins, margins)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        elif isinstance(part, QLayout):
            layout.addLayout(part)
        elif part == "stretch":
            layout.addStretch(1)
        elif isinstance(part, int):
            layout.addSpacing(part)
        else:
            raise ValueError(f"not a layout part: {part!r}")


def container(layout: QLayout) -> QWidget:
    """A plain widget holding ``layout``: what a form row or a splitter pane needs."""
    widget = QWidget()
    widget.setLayout(layout)
    return widget


def scrolled(layout: QLayout) -> QScrollArea:
    """A page holding ``layout`` that scrolls when the window is too low for all of it.

    On a laptop's screen with the preview open, the details form in one column, its red
    messages shown and the attendee list under it need more height than the tab has; a
    layout then squeezes every field below its own height, cutting its text. Scrolled, each
    keeps its height, and Tab still brings the field it reaches into view.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)  # as wide and high as the page when there is room
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take the focus, not the page
    area.setWidget(container(layout))
    return area


def new_form() -> QFormLayout:
    """A form whose fields grow with the window and whose labels sit right-aligned."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def plain_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A label that never reads Markdown or HTML into the text (``**bold**`` stays as typed);
    an ``&`` marks its Alt+letter shortcut, which moves the focus to ``buddy``.

    The buddy is the widget that takes the focus: a composite field (the date field, its
    text box and calendar button) has no focus of its own, only a focus proxy, and a label
    gives the focus only to a buddy that accepts it (Alt+D did nothing)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if buddy is not None:
        target: QWidget = buddy
        while target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            proxy = target.focusProxy()
            if proxy is None:
                break
            target = proxy
        label.setBuddy(target)
    return label


def heading(text: str, buddy: QWidget | None = None) -> QLabel:
    """A section heading: the body font, bold and a little larger."""
    label = plain_label(text, buddy)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    """Grey, wrapping help text under a field or a page."""
    label = plain_label(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {HINT_COLOUR};")
    return label


class FieldMessage(QLabel):
    """A red message under a form field; hidden (and its form row with it) when empty.

    A problem is shown where the user is looking, not in a modal box, so the text they typed
    stays in the field while they read why it was not saved.
    """

    def __init__(self, form: QFormLayout | None = None) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form = form
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self._set_row_visible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")

    def _set_row_visible(self, visible: bool) -> None:
        if self._form is not None and self._form.indexOf(self) >= 0:
            position: tuple[int, QFormLayout.ItemRole] = self._form.getWidgetPosition(self)  # type: ignore[assignment]  # PySide6's stub types the (row, role) pair as object
            row = position[0]
            self._form.setRowVisible(row, visible)
        else:
            self.setVisible(visible)


def add_field(form: QFormLayout, label: str | QWidget, field: QWidget | QLayout) -> FieldMessage:
    """Add ``label: field`` to ``form`` with a hidden message row under it; returns the message.

    A text label's ``&`` names its Alt+letter shortcut, which focuses the field (for a row of
    several widgets, the first one).
    """
    if isinstance(label, str):
        first = field if isinstance(field, QWidget) else _first_widget(field)
        form.addRow(plain_label(label, first), field)
    else:
        form.addRow(label, field)
    message = FieldMessage(form)
    form.addRow(QLabel(), message)  # under the field, not under its label
    form.setRowVisible(form.rowCount() - 1, False)
    return message


def _first_widget(layout: QLayout) -> QWidget | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and item.widget() is not None:
            return item.widget()
    return None


def bring_forward(widget: QWidget) -> None:
    """Make ``widget``'s page the current one of every tab widget it is in (so the focus
    can go to it: a widget on a hidden tab takes none)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for page in range(parent.count()):
                shown = parent.widget(page)
                if shown is widget or (shown is not None and shown.isAncestorOf(widget)):
                    parent.setCurrentIndex(page)
        parent = parent.parentWidget()
