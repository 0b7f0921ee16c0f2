"""Which widget is a text field with an undo history of its own (a line edit, also inside a
spin box, date edit or editable combo box; a plain or rich text edit), and whether that
history has a step to take: the window's undo lets a field's own history go first."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def field_has_own_history(field: Any, *, undo: bool) -> bool:
    """Whether a text field has typing of its own to undo (or redo)."""
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() if undo else field.isRedoAvailable()
    document = field.document()
    return bool(document.isUndoAvailable() if undo else document.isRedoAvailable())


def text_field_of(widget: QWidget | None) -> Any:
    """The editable text widget that owns the focus widget, or None (lists, tables, buttons).

    Returns something with ``undo()`` and ``redo()``: a line edit (also inside a spin box,
    date edit or editable combo box) or a plain/rich text edit.
    """
    if widget is None:
        return None
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else widget
    if isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        return line if line is not None and not widget.isReadOnly() else None
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return None
