"""The window's flows around unsaved work: leaving a meeting whose edits cannot be saved,
and the text a crashed or force-closed session left behind.

Nothing typed is given up without the person's word: closing, quitting or switching
meetings while a save fails (or the meeting changed underneath) asks whether to save again,
keep the window open, or lose the changes, explicitly. Until edits are saved, the session
keeps them in a journal of its own beside the database (see :mod:`models.journal`); if the
app dies then, the next start offers them back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLineEdit, QWidget

from models.changes import MeetingChange, Part
from models.errors import StorageError
from models.services import NotFoundError
from ui.common import dialogs
from ui.common.text_fields import text_field_of
from ui.editor.save_state import SaveState

if TYPE_CHECKING:
    from models.edits import PendingEdits
    from models.journal import JournalEntry, Orphan
    from ui.archive.search_panel import SearchPanel
    from ui.editor.meeting_editor import MeetingEditor

log = logging.getLogger(__name__)

SAVE_AGAIN = "Try saving again"
SAVE_MINE = "Save mine over theirs"
KEEP_EDITING = "Keep editing"
LOSE = "Lose the changes"
RESTORE = "Put them back"
DISCARD = "Discard them"


def ask_to_leave(window: QWidget, editor: MeetingEditor) -> bool:
    """Save the open meeting; if something cannot be saved, ask until the person decides.
    True: the meeting may be left (all saved, or given up by choice)."""
    while not editor.flush():
        state = editor.save_state
        problems = "\n".join(f"• {problem}" for problem in editor.unsaved_problems())
        choices = [KEEP_EDITING, LOSE]
        # The question offers what its buttons do: saving again only where a save can work
        # again (a failure, a conflict), not for a value a rule refused, which needs typing.
        question = "Keep the window open to correct them, or leave the meeting and lose them?"
        if state is SaveState.FAILED:
            choices.insert(0, SAVE_AGAIN)
            question = (
                "Try to save them again, keep the window open to deal with them,"
                " or leave the meeting and lose them?"
            )
        elif state is SaveState.CONFLICT:
            choices.insert(0, SAVE_MINE)
            question = (
                "Save yours over the other window's, keep the window open to deal with them,"
                " or leave the meeting and lose them?"
            )
        answer = dialogs.choose(
            window,
            "Unsaved changes",
            "Some changes to this meeting are not saved.",
            f"{problems}\n\n{question}",
            choices=choices,
            safe=KEEP_EDITING,
        )
        if answer == LOSE:
            editor.discard_unsaved()
            return True
        if answer == SAVE_MINE:
            editor.keep_mine()
            continue
        if answer != SAVE_AGAIN:
            back_to_refused(editor)
            return False
    return True


def back_to_refused(editor: MeetingEditor) -> None:
    """ "Keep editing": the cursor goes to the first thing refused (a detail, the title of an
    item, an action's cell), where typing corrects it or, in a cell, Esc gives it up; the
    person need not find it with the mouse. Else (a save failed) to the editor."""
    # Deferred: these load SQLAlchemy, which the window's first paint goes without.
    from models.edits import Kind  # noqa: PLC0415
    from ui.editor.session import refused_field_of  # noqa: PLC0415
    from ui.editor.step_values import DETAIL_LABELS  # noqa: PLC0415

    refused = list(editor.session.refused)
    details = [field for field in DETAIL_LABELS if field in refused]  # in the form's order
    if details:  # the meeting's own fields are keyed by their names
        editor.show_tab(editor.details_page)
        _cursor_at_end(editor.details.widget_for(details[0]))
        return
    for key in refused:
        (kind, target_id), field = refused_field_of(key) or ((None, 0), "")
        if kind is Kind.ITEM and field == "title" and editor.show_item(target_id):
            _cursor_at_end(editor.agenda.title_edit)
            return
        if editor.actions_panel.focus_held_back(key):
            return
    editor.setFocus(Qt.FocusReason.OtherFocusReason)


class _Window(Protocol):
    editor: MeetingEditor

    def open_meeting(self, meeting_id: int) -> bool: ...


def offer_unsaved_work(window: _Window) -> None:
    """At the start: edits that copies of the app had not saved when they ended (a crash, a
    kill, a forced close while the database was locked) are offered back, one journal after
    another, or discarded by choice. Edits the database holds already (saved just before the
    end) are not offered; the journals of copies still running are neither offered nor
    touched (see :mod:`models.journal`)."""
    journal = window.editor.session.journal
    if journal is None:
        return
    orphans = journal.orphans()
    try:
        for orphan in orphans:
            if not _offer_orphan(window, orphan):
                break  # the rest stay for another start
    finally:
        for orphan in orphans:
            orphan.release()


MARKDOWN_FIELDS = frozenset({("item", "notes"), ("turn", "text")})
"""The fields whose text is Markdown (by kind of target and name; ``models.edits`` loads
SQLAlchemy, so not its ``Kind`` here): shown in a question as words, without the marks."""


def _readable_texts(entry: JournalEntry) -> list[str]:
    """The journal's texts as the person reads them: notes without their Markdown marks
    (``**Agreed:**`` is "Agreed:"); the rest as typed. The clipboard gets them as kept."""
    from models.notes import parse_notes, plain_text  # noqa: PLC0415 (after the first paint)

    return [
        plain_text(parse_notes(text)) if (kind.value, name) in MARKDOWN_FIELDS else text
        for kind, name, text in entry.pending.named_texts()
    ]


def _offer_orphan(window: _Window, orphan: Orphan) -> bool:
    """Offer one journal of a copy that is gone; it is removed once put back (and saved, or
    kept in this session's own journal) or declined. False: stop offering (the database
    cannot be read or written now)."""
    # After the first paint, with the edit session: models.journal imports SQLAlchemy.
    from models import services  # noqa: PLC0415
    from models.journal import still_unsaved  # noqa: PLC0415

    editor = window.editor
    entry = orphan.entry
    if entry is not None:
        meeting_id = entry.meeting_id
        try:
            saved = editor.session.read(lambda db: services.meeting_record(db, meeting_id))
        except NotFoundError:
            pass  # the meeting is gone: offered, so the text can still be copied
        except StorageError:
            return False  # unreadable now: the journal stays for another start
        else:
            entry = still_unsaved(entry, saved)
    if entry is None or not entry.pending.keeps_anything():
        orphan.remove()
        return True
    # The end of a long text: the last words typed are the ones a crash takes.
    shown = "\n\n".join(
        text if len(text) < 600 else "…" + text[-600:] for text in _readable_texts(entry)
    )
    parent = window if isinstance(window, QWidget) else None
    # Putting them back loses nothing: it is the default (Enter) and what Escape answers.
    answer = dialogs.choose(
        parent,
        "Unsaved changes",
        f"Changes to {entry.label} were not saved when the app last closed.",
        f"{shown}\n\nPut them back into the meeting now? (Discarding copies them to the"
        " clipboard.)",
        choices=[RESTORE, DISCARD],
        safe=RESTORE,
    )
    if answer == DISCARD:
        QGuiApplication.clipboard().setText("\n\n".join(entry.texts()))
        orphan.remove()
        return True
    if editor.meeting_id != entry.meeting_id and not window.open_meeting(entry.meeting_id):
        return True  # the meeting is gone or unreadable: the journal stays for another try
    try:
        editor.session.restore(entry)
    except (StorageError, NotFoundError):
        log.exception("restoring unsaved edits failed")
        return False
    saved_now = editor.flush()
    if saved_now or editor.save_state is SaveState.REFUSED:
        # What a rule refuses (and text that is no value yet) goes back where it was typed,
        # red, with why, and into this session's journal: never saved, never dropped.
        show_restored(editor, entry, editor.session.pending.copy())
    own = editor.session.journal
    if saved_now or (own is not None and own.path.exists()):
        orphan.remove()  # in the database, or in this session's journal now
    return editor.save_state is SaveState.SAVED


def show_restored(
    editor: MeetingEditor, entry: JournalEntry, left: PendingEdits | None = None
) -> None:
    """Show the meeting as saved with the text put back, the cursor at the end of the field
    that got it, so typing goes on where it stopped: the item's notes (or its title), else a
    detail (the venue, the theme), else the action's cell, not the first item nor the list.
    ``left``: what the save refused (see :meth:`MeetingEditor.put_back_refused`)."""
    from models.edits import Kind  # noqa: PLC0415 (deferred, as above)

    pending = entry.pending
    items = [(target_id, changes) for (kind, target_id), changes in pending.edits.items()
             if kind is Kind.ITEM]  # fmt: skip
    item_id, changes = items[0] if items else (None, {})
    editor.open_meeting(entry.meeting_id, item_id=item_id)
    if left is not None and left.keeps_anything():
        editor.put_back_refused(left)
    targets = [*pending.edits.items(), *pending.held.items()]
    actions = [target_id for (kind, target_id), _typed in targets if kind is Kind.ACTION]
    details = [field for (kind, _id), typed in targets if kind is Kind.MEETING for field in typed]
    turns = [target_id for (kind, target_id), _typed in targets if kind is Kind.TURN]
    if item_id is None and actions and not details:
        editor.show_action(actions[0])
        return
    if item_id is None and turns and not details and editor.transcript_tab.visible:
        editor.show_tab(editor.transcript_tab.page)
        turns_editor = editor.transcript_tab.page.turns
        turns_editor.show_turn(turns[0])  # the turn typed in, not the last one
        _cursor_at_end(turns_editor.words_edit)
        return
    if item_id is None or not editor.show_item(item_id):  # the details (or an item gone)
        editor.show_tab(editor.details_page, focus=not details)
        if details:
            _cursor_at_end(editor.details.widget_for(details[0]))
        return
    if "notes" in changes:  # at the end, where the last words typed usually are
        _cursor_at_end(editor.agenda.notes_edit)
    elif "title" in changes:
        _cursor_at_end(editor.agenda.title_edit)
    # else the confidential box: the list keeps the cursor


def _cursor_at_end(widget: QWidget) -> None:
    """The cursor in a field, after its last character (a date or time field: after it all)."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    field = text_field_of(getattr(widget, "line_edit", widget))  # a date or time: its line
    if isinstance(field, QLineEdit):
        field.deselect()
        field.end(False)
    elif field is not None:
        field.moveCursor(QTextCursor.MoveOperation.End)


def search_could_change(panel: SearchPanel, change: MeetingChange) -> bool:
    """Whether a saved edit could change the search results shown: only a change of text
    (details, items, actions, attendees) of a meeting among the results, or text containing
    a word searched for."""
    searched = panel.searched_text
    if not searched or not change.parts - {Part.STATUSES}:
        return False
    model = panel.model
    shown = (model.hit_at(row) for row in range(model.rowCount()))
    if any(hit is not None and hit.meeting_id == change.meeting_id for hit in shown):
        return True
    words = [word.casefold().strip('"*') for word in searched.split()]
    texts = " ".join(change.texts).casefold()
    return any(word and word in texts for word in words) or not change.texts
