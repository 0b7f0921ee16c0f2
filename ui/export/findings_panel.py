"""The pre-publication check's findings, shown in the export dialog before the file is written.

One row per finding (what, where, the text); a flagged name can be marked allowed for this
meeting (an official named in their public role), which is stored and hides every row of it.
The panel is hidden while there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTreeWidget, QTreeWidgetItem, QWidget

from ui.common.layout import hbox, heading, hint, vbox

if TYPE_CHECKING:
    from exporters.prepublication import Finding  # python-docx loads only when checking

KIND_LABELS = {
    "name": "Person's name",
    "email": "E-mail address",
    "phone": "Phone number",
    "accessibility": "Accessibility",
    "edited": "Edited note",
    "template": "Template text",
    "empty": "Empty item",
}


@dataclass(frozen=True, slots=True)
class PublicationContext:
    """What the check needs from the archive for one meeting, without handing over a database.

    ``people``: every person the archive names; ``allowed``: names accepted for this meeting;
    ``allow``: store one more accepted name.
    """

    people: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    allow: Callable[[str], None] | None = None


class FindingsPanel(QWidget):
    """The list of findings and the one action on them: allow a name for this meeting."""

    name_allowed = Signal(str)
    """A flagged name was marked allowed for this meeting (and stored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Found", "Where", "Text"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setMinimumHeight(140)
        self.summary = heading("")
        self.summary.setWordWrap(True)  # a long count still reads whole in a narrow dialog
        self.advice = hint(
            "Fix these in the meeting and export again, or press Export anyway. A name that"
            " may be published (an official in their public role) can be allowed for this"
            " meeting."
        )
        self.allow_button = QPushButton("A&llow this name for this meeting")
        self.allow_button.setAutoDefault(False)
        self.allow_button.setEnabled(False)
        self.setLayout(
            vbox(self.summary, self.advice, self.tree, hbox(self.allow_button, "stretch"))
        )
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.allow_button.clicked.connect(self._allow_selected)
        self._allow: Callable[[str], None] | None = None
        self.findings: tuple[Finding, ...] = ()
        self.hide()

    def show_findings(
        self, findings: Sequence[Finding], allow: Callable[[str], None] | None
    ) -> None:
        self._allow = allow
        self.findings = tuple(findings)
        self.tree.clear()
        for finding in self.findings:
            row = QTreeWidgetItem(
                [KIND_LABELS.get(finding.kind, finding.kind), finding.where, finding.text]
            )
            self.tree.addTopLevelItem(row)
        for column in range(2):
            self.tree.resizeColumnToContents(column)
        count = len(self.findings)
        self.summary.setText(
            f"The pre-publication check found {count} thing{'s' if count != 1 else ''}"
            " to look at before this note is published."
        )
        self.setVisible(bool(self.findings))
        if self.findings:
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first)

    def clear(self) -> None:
        self.show_findings((), self._allow)

    def _selected(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.findings[self.tree.indexOfTopLevelItem(item)]

    def _selection_changed(self) -> None:
        selected = self._selected()
        self.allow_button.setEnabled(
            self._allow is not None and selected is not None and selected.kind == "name"
        )

    def _allow_selected(self) -> None:
        selected = self._selected()
        if selected is None or selected.kind != "name" or self._allow is None:
            return
        self._allow(selected.text)
        remaining = [f for f in self.findings if not (f.kind == "name" and f.text == selected.text)]
        self.show_findings(remaining, self._allow)
        self.name_allowed.emit(selected.text)
