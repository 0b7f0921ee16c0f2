"""The review of one note read from Word: the draft to confirm or correct, beside what was
read, with every guess marked.

The draft holds what a guess can get wrong (the date, the title, the venue, the names of
organisations the archive does not know); the guesses are a checklist the secretary ticks
as they confirm each one; "what was read" shows the whole meeting as read, the guessed parts
marked, so a wrong reading is seen before it is saved.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.enums import ActionStatus
from models.meeting_doc import ActionDoc, MeetingDoc, MemberDoc, OrganisationRef
from models.notes import parse_notes, plain_text
from models.word_import.corrections import corrected
from models.word_import.result import GuessKind
from ui.common.typed_values import UnreadableValueError, format_date, parse_date

if TYPE_CHECKING:
    from models.word_import import ReadNote

MARK = "\u26a0"  # the sign a guessed part carries, in the list and in what was read


@dataclass
class Draft:
    """What the secretary has typed over the reading, kept per file while they move on."""

    date: str
    title: str
    venue: str
    organisations: dict[str, OrganisationRef]
    confirmed: set[int] = field(default_factory=set)
    again: bool = False

    @classmethod
    def of(cls, note: ReadNote) -> Draft:
        meeting = note.meeting
        return cls(
            format_date(meeting.date),
            meeting.title or "",
            meeting.venue or "",  # an unknown venue (None) stays unknown unless one is typed
            {org.abbreviation: org for org in note.new_organisations},
        )

    def meeting(self, note: ReadNote) -> MeetingDoc:
        """The meeting as corrected; ValueError (one line) when the date cannot be read."""
        try:
            date = parse_date(self.date)
        except UnreadableValueError as error:
            raise ValueError(f"The date {self.date!r} cannot be read: {error}") from None
        return corrected(
            note.meeting,
            date=date,
            title=self.title,
            venue=self.venue or None,
            organisations=self.organisations,
        )


class ReviewPanel(QWidget):
    """Shows one note's draft and reading; edits go straight into its :class:`Draft`."""

    confirmations_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._note: ReadNote | None = None
        self._draft: Draft | None = None
        self._loading = False
        self.heading = QLabel("Choose a file on the left to review it.")
        self.heading.setWordWrap(True)
        self.date_edit = QLineEdit()
        self.date_edit.setAccessibleName("Date")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("(the layout's own title)")
        self.venue_edit = QLineEdit()
        self.venue_edit.setAccessibleName("Venue")
        self.organisations = QTableWidget(0, 3)
        self.organisations.setHorizontalHeaderLabels(["Read as", "Name", "Abbreviation"])
        self.organisations.horizontalHeader().setStretchLastSection(True)
        self.organisations.setAccessibleName("New organisations")
        self.guesses = QListWidget()
        self.guesses.setAccessibleName("Guesses to confirm")
        self.guesses.setWordWrap(True)
        self.again = QCheckBox("Import this file again although it was imported before")
        self.again.hide()
        self.reading = QTextBrowser()
        self.reading.setAccessibleName("What was read")

        form = QFormLayout()
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Venue:", self.venue_edit)
        draft_box = QGroupBox("Draft (confirm or correct)")
        draft_layout = QVBoxLayout(draft_box)
        draft_layout.addLayout(form)
        draft_layout.addWidget(QLabel("New organisations (proposed; rename before saving):"))
        draft_layout.addWidget(self.organisations)
        draft_layout.addWidget(QLabel(f"Guesses ({MARK}): tick each one you have checked"))
        draft_layout.addWidget(self.guesses)
        draft_layout.addWidget(self.again)
        read_box = QGroupBox("What was read from the file")
        QVBoxLayout(read_box).addWidget(self.reading)
        columns = QHBoxLayout()
        columns.addWidget(draft_box, 1)
        columns.addWidget(read_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(columns)

        for edit in (self.date_edit, self.title_edit, self.venue_edit):
            edit.textEdited.connect(self._store)
        self.organisations.itemChanged.connect(self._store)
        self.guesses.itemChanged.connect(self._guess_ticked)
        self.again.toggled.connect(self._store)
        self.show_note(None, None, "Add files or a folder, then choose a file to review it.")

    def show_note(self, note: ReadNote | None, draft: Draft | None, heading: str) -> None:
        self._loading = True
        self._note, self._draft = note, draft
        self.heading.setText(heading)
        enabled = note is not None and draft is not None
        for widget in (self.date_edit, self.title_edit, self.venue_edit, self.organisations):
            widget.setEnabled(enabled)
        self.guesses.clear()
        self.organisations.setRowCount(0)
        if note is None or draft is None:
            for edit in (self.date_edit, self.title_edit, self.venue_edit):
                edit.clear()
            self.reading.clear()
            self.again.hide()
            self._loading = False
            return
        self.date_edit.setText(draft.date)
        self.title_edit.setText(draft.title)
        self.venue_edit.setText(draft.venue)
        for row, (read_as, org) in enumerate(draft.organisations.items()):
            self.organisations.insertRow(row)
            label = QTableWidgetItem(read_as)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.organisations.setItem(row, 0, label)
            self.organisations.setItem(row, 1, QTableWidgetItem(org.name))
            self.organisations.setItem(row, 2, QTableWidgetItem(org.abbreviation))
        for index, guess in enumerate(note.guesses):
            item = QListWidgetItem(f"{MARK} {guess.where}: {guess.text}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = index in draft.confirmed
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.guesses.addItem(item)
        self.reading.setHtml(reading_html(note))
        self._loading = False

    def show_duplicate(self, text: str | None) -> None:
        self.again.setVisible(text is not None)
        if text is not None and self._draft is not None:
            self.again.setText(f"Import again: this file was {text}")
            self.again.setChecked(self._draft.again)

    def _store(self) -> None:
        if self._loading or self._draft is None:
            return
        draft = self._draft
        draft.date = self.date_edit.text()
        draft.title = self.title_edit.text()
        draft.venue = self.venue_edit.text()
        draft.again = self.again.isChecked()
        for row in range(self.organisations.rowCount()):
            read_as, name, abbreviation = (self._cell(row, column) for column in range(3))
            name = name.strip() or read_as
            abbreviation = abbreviation.strip() or name
            draft.organisations[read_as] = OrganisationRef(name, abbreviation)

    def _cell(self, row: int, column: int) -> str:
        item = self.organisations.item(row, column)
        return item.text() if item is not None else ""

    def _guess_ticked(self, item: QListWidgetItem) -> None:
        if self._loading or self._draft is None:
            return
        index = self.guesses.row(item)
        if item.checkState() == Qt.CheckState.Checked:
            self._draft.confirmed.add(index)
        else:
            self._draft.confirmed.discard(index)
        self.confirmations_changed.emit()


def reading_html(note: ReadNote) -> str:
    """The meeting as read, each part a guess touches marked with the sign."""
    marked = {guess.where for guess in note.guesses}
    unknown = {org.abbreviation.casefold() for org in note.new_organisations} | {
        g.text.split(" is not in")[0].casefold()
        for g in note.guesses
        if g.kind is GuessKind.UNKNOWN_ORGANISATION
    }
    meeting = note.meeting

    def flag(where: str, text: str) -> str:
        escaped = html.escape(text)
        if where in marked:
            return f'<span style="background:#fff3b0">{MARK} {escaped}</span>'
        return escaped

    parts = [f"<h3>{html.escape(meeting.display_title)} ({html.escape(note.layout.value)})</h3>"]
    parts.append(f"<p>Board: {flag('board', meeting.board.name)}<br>")
    parts.append(f"Date: {flag('date', meeting.date.strftime('%A %d %B %Y'))}<br>")
    times = "-".join(t.strftime("%H:%M") for t in (meeting.start, meeting.end) if t)
    parts.append(f"Times: {flag('times', times or '(none printed)')}<br>")
    parts.append(f"Venue: {flag('venue', meeting.venue or meeting.mode.label)}</p>")
    if meeting.chair is not None:
        parts.append(f"<p>Chair: {html.escape(meeting.chair.role)} ({meeting.chair.organisation})")

    def org_line(abbreviation: str, label: str) -> str:
        org = meeting.organisation(abbreviation)
        if org.abbreviation.casefold() in unknown or org.display_name.casefold() in unknown:
            return f'<span style="background:#fff3b0">{MARK} {html.escape(label)}</span><br>'
        return f"{html.escape(label)}<br>"

    if meeting.attendees or not meeting.members:
        parts.append("<p><b>Attendees</b><br>")
        for attendee in meeting.attendees:
            org = meeting.organisation(attendee.organisation)
            parts.append(org_line(attendee.organisation, org.display_name))
        parts.append("</p>")
    if meeting.members:
        parts.append(f"<p><b>{flag('members', 'Members')}</b><br>")
        for member in meeting.members:
            parts.append(org_line(member.organisation or "", member_text(meeting, member)))
        parts.append("</p>")
    for number, item in enumerate(meeting.agenda, 1):
        parts.append(f"<h4>{flag(f'item {number}', f'{number}. {item.title}'.strip())}</h4>")
        for turn in item.turns:
            words = html.escape(" ".join(plain_text(parse_notes(turn.text)).split()))
            if turn.speaker is None:
                parts.append(f"<p><i>{words}</i></p>")
            else:
                parts.append(f"<p><b>{html.escape(turn.speaker)}:</b> {words}</p>")
        for line in plain_text(parse_notes(item.notes)).splitlines():
            parts.append(f"<p>{html.escape(line)}</p>")
        for action in item.actions:
            parts.append(f"<p>Action: {html.escape(action_text(action))}</p>")
    if meeting.next_meeting is not None:
        parts.append(f"<p>{flag('next meeting', f'Next meeting: {meeting.next_meeting}')}</p>")
    return "".join(parts)


def member_text(meeting: MeetingDoc, member: MemberDoc) -> str:
    """``Name, Role, Organisation (ABBR), (Co-Chair)``: a member line, the organisation as
    the archive will name it."""
    org = meeting.organisation(member.organisation).display_name if member.organisation else ""
    line = ", ".join(part for part in (member.name, member.role or "", org) if part)
    return f"{line}, (Co-Chair)" if member.chair else line


def action_text(action: ActionDoc) -> str:
    """``MPS: Share the data (due 30/04/2023, done)``: the action with all that was read of
    it, its due date and status too (an action table prints them)."""
    details = [f"due {format_date(action.due)}"] if action.due is not None else []
    if action.status is not ActionStatus.OPEN:
        details.append(action.status.label.lower())
    owners = "/".join(action.owners)
    text = f"{owners}: {action.description}" if owners else action.description
    return f"{text} ({', '.join(details)})" if details else text
