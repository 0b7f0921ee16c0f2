"""The turns editor of a hearing: who said what, typed as fast as it is said.

Keys (the focus anywhere in the editor):

- **Ctrl+Enter** starts a new turn after the current one: the cursor goes to *Speaker*, where
  a few letters of a member (``soph``, ``lind``, initials ``sl``) offer their label; Enter
  (or Tab) takes the highlighted one (Esc, then Enter: a new label as typed, for a witness
  or a guest), and the cursor moves to the words. A label typed for a new turn is never
  dropped: Esc with no list open keeps it and says that Enter takes it (Esc on an empty
  label goes back to the words, the cursor at their end), and leaving the field, Ctrl+Enter
  or Ctrl+Shift+Enter make its turn first;
- in the words, **Enter** starts a paragraph and **Enter twice** starts the next turn;
- **Ctrl+Shift+Enter** adds an editorial note (``[At this point ...]``) after the current turn;
  its words are typed without the brackets, and stored and printed with them;
- in the list, **Del** removes a turn and **Alt+Up/Alt+Down** move it.

Pasting a transcript in its printed form (``**Name (Role):** words`` paragraphs and bracketed
notes) into the words splits it into turns after the current one
(:func:`models.transcript_text.split_transcript`).

Adding, removing, moving and pasting turns are commands on the editor's undo stack; the words
and a changed speaker are pending edits of the session (saved within a second, as notes are).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from models import services, transcript_edits
from models.changes import Part
from models.edits import Kind
from models.meeting_doc import MemberDoc, TurnDoc
from models.transcript_edits import TurnRow
from models.transcript_text import note_words, printed_note, speaker_choices, split_transcript
from ui.common.commands import scoped_action
from ui.common.layout import hbox, heading, hint, plain_label, vbox
from ui.editor.transcript.row_edits import move_edits, moved_position, removal_edits
from ui.editor.transcript.speaker_field import SpeakerField
from ui.editor.transcript.tables import TurnsListModel
from ui.editor.transcript.turn_text import TurnTextEdit, words_to_text

if TYPE_CHECKING:
    from models.database import Database
    from models.services import RemovedAgendaItem
    from models.transcripts import RemovedTurn
    from ui.common.undo import UndoHistory
    from ui.editor.session import EditSession

TURN_PARTS = {Part.TURNS}
ITEM_MADE_PARTS = {Part.TURNS, Part.ITEMS, Part.ITEM_LIST}
"""A hearing's first turn makes its untitled item (and its undo deletes it): the change says
so, and the Agenda tab shows the item at once."""
WAITING = (Kind.TURN, 0)
"""Where the session holds the words typed for a new turn that was refused (no turn has 0)."""
EDITORIAL_LABEL = "Editorial note"
WORDS_HINT = "The words. Enter starts a paragraph; Enter twice starts the next turn."
NO_TURN_HINT = (
    "No turn yet. Ctrl+Enter starts the first: type a few letters of the speaker, then Enter"
    " (a hearing's first turn makes its untitled agenda item)."
)


class TurnsEditor(QWidget):
    """The turns of the agenda item being edited (see the module's docstring)."""

    turns_changed = Signal()
    """Turns were added, removed, moved or pasted."""

    def __init__(
        self,
        session: EditSession,
        history: UndoHistory,
        members: Callable[[], Sequence[MemberDoc]],
    ) -> None:
        super().__init__()
        self._session = session
        self._history = history
        self._members = members
        self._meeting_id: int | None = None
        self._item_id: int | None = None
        self._current: TurnRow | None = None
        self._new_turn = False  # the speaker field names the next turn, not the current one
        self._waiting: str | None = None  # the label of a new turn refused, its words typed
        self._loading = False
        self._labels: list[str] = []

        self.model = TurnsListModel(self)
        self.list_view = QTableView()
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName("Turns")
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list_view.horizontalHeader().setVisible(False)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.setWordWrap(False)
        self.speaker_field = SpeakerField(self._speaker_choices)
        self.editorial_label = QLabel(EDITORIAL_LABEL)
        self.editorial_label.setVisible(False)
        self.words_edit = TurnTextEdit()
        self.notice = hint("")
        self.notice.setAccessibleName("Turns notice")
        self.notice.setVisible(False)

        self.new_turn_action = scoped_action(
            self, "New turn", shortcut="Ctrl+Return", slot=self.start_new_turn, scope=self,
            tip="Start the next turn: type a few letters of the speaker, then Enter",
            where="in the Transcript tab",
        )  # fmt: skip
        self.editorial_action = scoped_action(
            self, "Editorial note", shortcut="Ctrl+Shift+Return", slot=self.add_editorial_note,
            scope=self, tip="Add an editorial note such as [the recording was lost]",
            where="in the Transcript tab",
        )  # fmt: skip
        list_only = Qt.ShortcutContext.WidgetShortcut
        self.delete_action = scoped_action(
            self, "Remove turn", shortcut="Del", slot=self.delete_turn, scope=self.list_view,
            tip="Remove the selected turn", context=list_only, where="in the turns list",
        )  # fmt: skip
        self.move_up_action = scoped_action(
            self, "Move turn up", shortcut="Alt+Up", slot=lambda: self.move_turn(-1),
            scope=self.list_view, tip="Move the selected turn up", context=list_only,
            where="in the turns list",
        )  # fmt: skip
        self.move_down_action = scoped_action(
            self, "Move turn down", shortcut="Alt+Down", slot=lambda: self.move_turn(1),
            scope=self.list_view, tip="Move the selected turn down", context=list_only,
            where="in the turns list",
        )  # fmt: skip

        self.setLayout(
            vbox(
                heading("Turns", self.list_view),
                self.list_view,
                hbox(
                    plain_label("Spea&ker:", self.speaker_field),
                    self.speaker_field,
                    self.editorial_label,
                ),
                plain_label("&Words:", self.words_edit),
                self.words_edit,
                self.notice,
                hint(
                    "Ctrl+Enter: next turn (type a few letters of the speaker, Enter)."
                    " Enter twice in the words: next turn. Ctrl+Shift+Enter: editorial note."
                    " Paste a printed transcript to split it into turns."
                ),
            )
        )
        self.speaker_field.speaker_chosen.connect(self._speaker_chosen)
        self.speaker_field.escaped.connect(self._speaker_escaped)
        self.speaker_field.textEdited.connect(lambda _text: self._tell(""))
        self.speaker_field.editingFinished.connect(self._speaker_left)
        self.words_edit.textChanged.connect(self._words_typed)
        self.words_edit.next_turn_requested.connect(self.start_new_turn)
        self.words_edit.transcript_pasted.connect(self.paste_transcript)
        self.words_edit.controls_dropped.connect(self._controls_dropped)
        self.list_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self._show_turn(None)

    # --- what is shown ---------------------------------------------------------------------

    def load(
        self, meeting_id: int | None, item_id: int | None, *, select: int | None = None
    ) -> None:
        """Show the turns of ``item_id`` (None: the meeting has no item yet)."""
        self._meeting_id = meeting_id
        self._item_id = item_id
        rows: list[TurnRow] = []
        if item_id is not None:
            rows = self._session.read(lambda db: transcript_edits.list_turns(db, item_id))
        if meeting_id is not None:
            self._labels = self._session.read(
                lambda db: transcript_edits.speaker_labels(db, meeting_id)
            )
        current = select if select is not None else (self._current.id if self._current else None)
        self.model.set_rows(rows)
        row = self.model.row_of(current)
        if row is None and rows:
            row = len(rows) - 1
        if row is not None:
            self._select_row(row)
        else:
            self._show_turn(None)

    def show_turn(self, turn_id: int) -> bool:
        """Select a turn of the item shown (a search result, or the turn words were put back
        into after a crash), scrolled to; False if the item has no such turn (then the
        selection stays)."""
        row = self.model.row_of(turn_id)
        if row is not None:
            self._select_row(row)
        return row is not None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.scrollTo(index)

    @property
    def meeting_id(self) -> int | None:
        return self._meeting_id

    @property
    def item_id(self) -> int | None:
        return self._item_id

    def turns(self) -> list[TurnRow]:
        rows = (self.model.row_at(row) for row in range(self.model.rowCount()))
        return [turn for turn in rows if isinstance(turn, TurnRow)]

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_turn(self.model.row_at(current.row()) if current.isValid() else None)

    def _show_turn(self, turn: TurnRow | None) -> None:
        self._waiting = None  # (its words stay held until the turn is added or given up)
        self._loading = True
        try:
            self._current = turn
            self._new_turn = False
            editorial = turn is not None and turn.speaker is None
            self.speaker_field.setVisible(not editorial)
            self.editorial_label.setVisible(editorial)
            self.speaker_field.setText(turn.speaker or "" if turn is not None else "")
            words = "" if turn is None else turn.text
            if turn is not None and turn.speaker is None:
                words = note_words(words)  # the label says it is a note: no brackets to type
            self.words_edit.setPlainText(words_to_text(words))
            # Typing goes on at the end of the words, never before them (Enter at the start
            # and the next words were glued onto the front of this speaker's turn).
            self.words_edit.moveCursor(QTextCursor.MoveOperation.End)
            self.words_edit.setEnabled(turn is not None)
            self.words_edit.setPlaceholderText(WORDS_HINT if turn is not None else NO_TURN_HINT)
        finally:
            self._loading = False
        self._tell("")

    def _speaker_choices(self, typed: str) -> list[str]:
        return speaker_choices(self._members(), self._labels, typed)

    def _controls_dropped(self, count: int) -> None:
        characters = "character" if count == 1 else "characters"
        self._tell(
            f"Left out of the paste: {count} control {characters} (such as ESC or BEL),"
            " which are not text and do not print."
        )

    def _tell(self, message: str) -> None:
        """A line under the words about what a key did not do, or what was changed."""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    # --- typing ------------------------------------------------------------------------------

    def start_new_turn(self) -> None:
        """Ctrl+Enter, or Enter twice in the words: the speaker of the next turn (Ctrl+Enter
        on a label typed for a new turn takes it, as Enter does)."""
        if self._meeting_id is None:
            return
        if self._new_turn and self.speaker_field.label():
            self._speaker_chosen(self.speaker_field.label())
            return
        self._new_turn = True
        self.speaker_field.setVisible(True)
        self.editorial_label.setVisible(False)
        self._loading = True  # the box empties for the next turn's words; nothing is edited
        try:
            self.words_edit.clear()
            self.words_edit.setEnabled(False)
        finally:
            self._loading = False
        self.speaker_field.clear()
        self.speaker_field.setFocus()
        self.speaker_field.offer_all()

    def _speaker_escaped(self) -> None:
        """Esc with no list open. A label typed for a new turn stays (Esc used to give the
        turn up, and the words typed next went to the previous speaker): Enter takes it.
        Otherwise back to the words, a new turn with no label given up."""
        label = self.speaker_field.label()
        if self._new_turn and label:
            self._tell(
                f"Enter starts the turn of “{label}”. To go back to the words instead,"
                " empty the speaker and press Esc."
            )
            return
        if self._new_turn:
            self._show_turn(self._current)
        self.words_edit.setFocus()

    def _speaker_left(self) -> None:
        """The speaker field left without Enter: a changed label of this turn is kept (as a
        typed word is); a label typed for a new turn makes its turn, so nothing typed is
        lost; a new turn with no label is given up, showing this turn again."""
        if self._loading or self.speaker_field.hasFocus() or not self.isActiveWindow():
            return  # another window took the keys: the field is as it was when they come back
        label = self.speaker_field.label()
        if self._new_turn and label:
            self._add_turns([TurnDoc(label, "")], f"New turn of {label}")
        elif self._new_turn:
            self._show_turn(self._current)
        elif self._current is not None and self._current.speaker is not None and label:
            self._set_speaker(label)

    def _speaker_chosen(self, label: str) -> None:
        if self._new_turn or self._current is None:
            if not self._add_turns([TurnDoc(label, "")], f"New turn of {label}"):
                self._turn_refused(label)
                return
        else:
            self._set_speaker(label)
        self.words_edit.setFocus()
        self.words_edit.moveCursor(self.words_edit.textCursor().MoveOperation.End)

    def _turn_refused(self, label: str) -> None:
        """The new turn of ``label`` was not added (the meeting changed in another window:
        the banner offers to add it anyway). The words box stays where the words go: what
        is typed there becomes the new turn's words when it is added (the banner's button,
        "Save mine over theirs", or Enter on the speaker again), and is copied with the
        rest by "Reload theirs"; never the speaker's label, never another speaker's turn."""
        self._waiting = label
        self._new_turn = True
        self.speaker_field.setText(label)
        self.words_edit.setEnabled(True)
        self.words_edit.setFocus()
        self._tell(
            f"The turn of “{label}” is not added yet: the meeting changed elsewhere (see"
            " above). Its words typed here are kept for it."
        )

    def _waiting_words(self) -> str:
        """The words typed for a refused new turn, as stored: held by the session (the
        journal keeps them, "Reload theirs" copies them and lets them go), since the views
        are shown afresh before the banner's button adds the turn."""
        return str(self._session.pending.held.get(WAITING, {}).get("text", ""))

    def _set_speaker(self, label: str) -> None:
        """Another label for the current turn: a pending edit, saved with the words."""
        turn = self._current
        if turn is None or label == turn.speaker:
            return
        self._session.edit(Kind.TURN, turn.id, speaker=label)
        self._current = TurnRow(turn.id, turn.position, label, None, turn.text)
        self.model.replace_turn(self._current)

    def put_back(self, turn_id: int, changes: dict[str, Any]) -> None:
        """A turn's words or speaker refused, put back after a crash: pending again, and
        shown, the turn selected, if it is among those shown (its item selected). (Words
        held for a new turn never added have no turn: the restore offered their text.)"""
        if not changes:
            return
        self._session.edit(Kind.TURN, turn_id, **changes)
        number = self.model.row_of(turn_id)
        turn = self.model.row_at(number) if number is not None else None
        if not isinstance(turn, TurnRow):
            return
        turn = TurnRow(
            turn.id,
            turn.position,
            changes.get("speaker", turn.speaker),
            turn.member_id,
            changes.get("text", turn.text),
        )
        self.model.replace_turn(turn)
        if self._current is not None and self._current.id == turn_id:
            self._show_turn(turn)
        else:  # the turn that got the words, shown (as the item is)
            self.show_turn(turn_id)

    def _words_typed(self) -> None:
        if self._loading:
            return
        if self._waiting is not None:  # a refused new turn's words: held, not an edit
            self._session.keep_text(WAITING, "text", self.words_edit.words() or None)
            return
        if self._current is None:
            return
        words = self.words_edit.words()
        if self._current.speaker is None:
            words = printed_note(words)  # stored as printed, so a Word file read back knows it
        self._session.edit(Kind.TURN, self._current.id, text=words)
        self._current = TurnRow(
            self._current.id,
            self._current.position,
            self._current.speaker,
            self._current.member_id,
            words,
        )
        self.model.replace_turn(self._current)

    def add_editorial_note(self) -> None:
        """Ctrl+Shift+Enter: an editorial note after the current turn, its words to type (a
        label typed for a new turn makes its turn first, and the note follows it)."""
        if self._meeting_id is None:
            return
        label = self.speaker_field.label()
        if self._new_turn and label:
            self._add_turns([TurnDoc(label, "")], f"New turn of {label}")
        self._add_turns([TurnDoc(None, "")], "New editorial note")
        self.words_edit.setFocus()

    def paste_transcript(self, text: str) -> None:
        """A paste with speaker labels: its first words join this turn, the rest are turns."""
        pasted = split_transcript(text, self._members())
        if not pasted.turns:
            self.words_edit.insertPlainText(text)
            return
        if pasted.lead and self._current is not None:
            self.words_edit.insertPlainText(words_to_text(pasted.lead))
        elif pasted.lead:
            pasted = type(pasted)("", (TurnDoc(None, pasted.lead), *pasted.turns))
        count = len(pasted.turns)
        self._add_turns(list(pasted.turns), f"Paste {count} turn{'s' if count != 1 else ''}")

    # --- commands ----------------------------------------------------------------------------

    def _add_turns(self, turns: list[TurnDoc], text: str) -> bool:
        """Add ``turns`` after the current one (one command); the last is selected."""
        meeting_id = self._meeting_id
        if meeting_id is None:
            return False
        item_id = self._item_id
        at = self._current.position + 1 if self._current is not None else self.model.rowCount()
        added: list[int] = []
        created_item: list[int] = []
        # What the undo took, for the redo: the same rows again (their IDs, which later steps
        # name, and the words typed into them since), never new empty ones.
        undone_item: list[RemovedAgendaItem] = []
        undone_turns: list[RemovedTurn] = []

        new_turn = len(turns) == 1 and turns[0].speaker is not None and not turns[0].text

        def do(db: Database) -> int:
            if undone_item:  # a redo of the first turn: its item back, with its turns
                self._item_id = services.restore_agenda_item(db, undone_item.pop())
                created_item[0] = self._item_id  # (a new ID, if another row took its old one)
                return added[-1]
            if undone_turns:
                added[:] = [transcript_edits.restore_turn(db, turn) for turn in undone_turns]
                undone_turns.clear()
                self._item_id = item_id
                return added[-1]
            if new_turn and (words := self._waiting_words()):  # refused before: typed since
                turns[0] = TurnDoc(turns[0].speaker, words)
            target = item_id
            if target is None:  # a new hearing: its one untitled item holds the turns
                target = services.add_agenda_item(db, meeting_id, "")
                created_item.append(target)
            for offset, turn in enumerate(turns):
                added.append(
                    transcript_edits.add_turn(
                        db, target, turn.speaker, turn.text, position=at + offset
                    )
                )
            self._item_id = target
            if new_turn:
                self._session.keep_text(WAITING, "text", None)  # they are the turn's now
            return added[-1]

        def undo(db: Database) -> None:
            if created_item:  # the item the first turn made goes, and its turns with it
                undone_item.append(services.delete_agenda_item(db, created_item[0]))
                self._item_id = None
                return
            taken = [transcript_edits.delete_turn(db, turn_id) for turn_id in reversed(added)]
            undone_turns[:] = reversed(taken)  # put back first to last, each at its place

        return self._run(text, do, undo, parts=ITEM_MADE_PARTS if item_id is None else TURN_PARTS)

    def _run(
        self,
        text: str,
        do: Callable[[Database], Any],
        undo: Callable[[Database], Any],
        *,
        parts: set[Part] = TURN_PARTS,
    ) -> bool:
        def refresh(selected: Any) -> None:
            self.load(
                self._meeting_id,
                self._item_id,
                select=selected if isinstance(selected, int) else None,
            )
            self.turns_changed.emit()

        return self._history.run(
            text,
            do=self._session.op(parts, do),
            undo=self._session.op(parts, undo),
            refresh=refresh,
        )

    def delete_turn(self) -> None:
        turn = self._current
        if turn is not None:
            do, undo = removal_edits(
                turn.id, transcript_edits.delete_turn, transcript_edits.restore_turn
            )
            self._current = None
            self._run("Remove turn", do, undo)

    def move_turn(self, step: int) -> None:
        turn = self._current
        new = moved_position(turn.position, step, self.model.rowCount()) if turn else None
        if turn is not None and new is not None:
            do, undo = move_edits(turn.id, turn.position, new, transcript_edits.move_turn)
            self._run("Move turn", do, undo)
