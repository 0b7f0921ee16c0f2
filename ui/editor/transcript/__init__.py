"""The Transcript tab of a hearing: its Members panel and its turns editor.

Both are keyboard-first and talk to the meeting's edit session only (see
:mod:`ui.editor.session`): structural edits (a member or turn added, deleted, moved, a
co-chair marked) are commands on the editor's undo stack; the words and speaker of a turn are
pending edits the session saves with the rest.
"""
