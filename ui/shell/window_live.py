"""The main window on a shared archive: other people's saves reach it by themselves, the
others editing the open meeting are named, a read-only role gets a read-only window, and a
server that stops answering is said while the unsaved text waits for it.

The notices come from :class:`ui.connection.live_updates.LiveUpdates`. They take the paths
the window's own edits take: the open meeting is handed to its edit session
(:meth:`ui.editor.session.EditSession.changed_elsewhere`), which reads it again when nothing
is being typed into it, or shows the conflict at once when something is; either way the
session announces a :class:`models.edits.MeetingChange`, and the window refreshes the
archive's row, the search (if shown) and the action log (if open) as it does after a save
of its own. Any other meeting's notice becomes the same ``MeetingChange``.

On SQLite there is one user, but not always one process: ``rrb-desktop import`` in a
terminal writes while the window is open. Nothing tells the window, so it asks, cheaply
(one ``PRAGMA data_version``, see :meth:`models.database.Database.others_committed`), when
it or any other window of the app is activated again (the user coming back from the
terminal, perhaps to the action log) and after each of its own saves; if another process
committed, the list is read again through the same entry point the notices use,
:meth:`SharedArchiveWindow.refresh_archive`, which marks the search and the action log
stale too.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication

from models import services
from models.changes import MeetingChange, Part
from models.connection import may_edit
from models.errors import StorageError
from ui.editor.save_state import SaveState
from ui.shell.window_flows import WindowFlows
from ui.shell.window_open import STATUS_MESSAGE_MS

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from models.live import MeetingNotice
    from ui.connection.banners import ServerBanners
    from ui.connection.live_updates import LiveUpdates

log = logging.getLogger(__name__)

SOMEONE_ELSE = "Someone else"
"""Who changed the archive, when SQLite cannot say (another window or program)."""
MANY_CHANGES = 20
"""More meetings than this changed at once (an import elsewhere): the list is read again
whole, not row by row."""
EVERY_PART = frozenset(Part)


class SharedArchiveWindow(WindowFlows):
    """The window's side of the shared archive (see the module's docstring)."""

    server_banners: ServerBanners
    new_meeting_action: QAction
    import_action: QAction
    organisations_action: QAction
    live: LiveUpdates | None = None
    _writers_check: QTimer | None = None
    _followed: int | None = None
    _reload_message = ""

    def _start_shared_archive(self) -> None:
        """Ask the server what this role may do and start hearing it (before the list and
        the first meeting are read, so the first meeting opens as it should)."""
        # With the database, after the window's first screen (MainWindow): it imports
        # SQLAlchemy.
        from ui.connection.live_updates import LiveUpdates  # noqa: PLC0415

        self.live = LiveUpdates(self._database, self)
        self.live.heard.connect(self._heard)
        self.live.editors_changed.connect(self._editors_changed)
        self.live.lost.connect(self._server_lost)
        self.live.restored.connect(self._server_restored)
        self.editor.session.problem_changed.connect(self._save_problem)
        self.editor.session.edited.connect(self._typed_after_reload)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)  # a window cannot exist without one
        app.applicationStateChanged.connect(self._application_state_changed)
        # Coming back is told twice (the window's activation, the app's); one check answers.
        self._writers_check = QTimer(self)
        self._writers_check.setSingleShot(True)
        self._writers_check.setInterval(0)
        self._writers_check.timeout.connect(self._check_other_writers)
        try:
            self.may_edit = may_edit(self._database)
        except StorageError as error:  # not reachable: the offline banner says so
            log.warning("could not ask the server what this role may do: %s", error.reason)
        if not self.may_edit:
            self.server_banners.show_read_only(self._user)
            self.final_view.set_read_only_role()
        if self.live.offline:
            self._server_lost(self.live.offline_reason)

    @property
    def _user(self) -> str:
        return self._server_url().username or ""

    @property
    def _server(self) -> str:
        return self._server_url().host or self._database.describe()

    def _server_url(self) -> URL:
        # Asked once the database is open, when SQLAlchemy has loaded: the window's first
        # screen is painted before that (MainWindow).
        from sqlalchemy.engine import make_url  # noqa: PLC0415

        return make_url(self._database.url)

    def _stop_shared_archive(self) -> None:
        if self.live is not None:
            self.live.close()

    # --- the page shown ------------------------------------------------------------------

    def _update_page(self) -> None:
        """Also: move this window's "editing" mark to the meeting in the editor, name the
        others editing it, and keep every editing command off for a read-only role."""
        super()._update_page()
        if not self.may_edit:
            for action in (
                self.new_meeting_action, self.new_from_previous_action, self.import_action,
                self.delete_meeting_action, self.save_action, self.edit_final_action,
                self.organisations_action,
            ):  # fmt: skip
                action.setEnabled(False)
            self.welcome.sample_button.setEnabled(False)
            self.welcome.new_button.setEnabled(False)
        if self.live is None:
            return
        editing = self.editor.meeting_id
        if editing != self._followed:
            self._followed = editing
            self.live.follow(editing)
            self._show_editors()

    def _editors_changed(self, meeting_id: int) -> None:
        if meeting_id == self.editor.meeting_id:
            self._show_editors()

    def _show_editors(self) -> None:
        meeting_id = self.editor.meeting_id
        names = self.live.editors(meeting_id) if self.live and meeting_id is not None else []
        self.server_banners.show_editors(names, self._user)

    # --- other people's saves ------------------------------------------------------------

    def refresh_archive(self) -> None:
        """Read the whole list again, counts and rows (the highlight and the years open are
        kept), and mark what else reads the archive (search, action log) as stale: the
        archive changed elsewhere in a way no single row's refresh covers."""
        self._reload_list()
        self._archive_changed()

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window: has another process written meanwhile?"""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._check_other_writers_soon()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        """Coming back to the app through any of its windows: the user may come back from
        the terminal to the action log, not to this window."""
        if state == Qt.ApplicationState.ApplicationActive:
            self._check_other_writers_soon()

    def _check_other_writers_soon(self) -> None:
        """Once the database is in (a first screen has nothing to check), and once however
        many ways the return was told."""
        if self._writers_check is not None:
            self._writers_check.start()

    def _change_saved(self, change: MeetingChange) -> None:
        """Also: a save of ours is a moment to notice another process's writes."""
        super()._change_saved(change)
        self._check_other_writers()

    def _check_other_writers(self) -> None:
        """SQLite only (a shared archive hears the server's notices): refresh the list if
        another process committed since the last check."""
        if self.live is not None and self.live.active:
            return
        try:
            changed = self._database.others_committed()
        except StorageError as error:
            log.warning("could not ask whether the archive changed: %s", error.reason)
            return
        if changed:
            self.refresh_archive()
            self._check_open_meeting()

    def _check_open_meeting(self) -> None:
        """Another program wrote to the archive (SQLite): the meeting shown is read again if
        it changed or went, as a server's notice has it read; with something unsaved here,
        the conflict is shown at once instead of at the next save."""
        meeting_id = self.open_meeting_id
        if meeting_id is None:
            return
        try:
            version = services.meeting_version(self._database, meeting_id)
        except StorageError as error:
            log.warning("could not read meeting %s again: %s", meeting_id, error.reason)
            return
        self._changed_elsewhere(
            meeting_id, version, SOMEONE_ELSE, deleted=version is None, listed=True
        )

    def _heard(self, notices: list[MeetingNotice]) -> None:
        """Saves and deletions made elsewhere, the last word per meeting."""
        latest: dict[int, MeetingNotice] = {}
        for notice in notices:
            if not notice.mine and notice.event in ("saved", "deleted"):
                latest[notice.meeting_id] = notice
        if not latest:
            return
        listed = len(latest) > MANY_CHANGES
        if listed:
            self.refresh_archive()
        for notice in latest.values():
            deleted = notice.event == "deleted"
            self._changed_elsewhere(
                notice.meeting_id, notice.version, notice.user, deleted=deleted, listed=listed
            )

    def _changed_elsewhere(
        self, meeting_id: int, version: int | None, user: str, *, deleted: bool, listed: bool
    ) -> None:
        """A meeting saved elsewhere by ``user`` (at ``version``; None: unknown), or deleted."""
        if meeting_id == self.editor.meeting_id:
            outcome = self.editor.session.changed_elsewhere(None if deleted else version, user)
            if outcome == "deleted":
                self._open_meeting_gone(user)
            elif outcome == "reloaded":
                parts = "; ".join(self.editor.session.reloaded_parts)
                self._reload_message = (
                    f"{user} changed this meeting{f' ({parts})' if parts else ''}:"
                    " it now shows their changes."
                )
                self.statusBar().showMessage(self._reload_message, STATUS_MESSAGE_MS)
            if outcome != "conflict":
                return  # reloaded: announced by the session, as a save of its own is
        elif meeting_id == self.final_view.meeting_id:
            if deleted:
                self._open_meeting_gone(user)
                return
            shown = self.final_view.record
            if shown is not None and version is not None and version <= shown.version:
                return  # as shown: nothing to read again, as the editor's session decides
            self.open_meeting(meeting_id)  # read again (and final no more: the editor)
        if listed:
            return
        if deleted or self.meeting_model.summary_of(meeting_id) is None:
            self.refresh_archive()  # a meeting added or deleted: the list's shape changed
            return
        self._change_saved(MeetingChange(meeting_id, EVERY_PART))

    def _typed_after_reload(self) -> None:
        """Typing here after a reload: "it now shows their changes" is no longer true of
        the window (it shows the person's own typing), so the line goes."""
        if self._reload_message and self.statusBar().currentMessage() == self._reload_message:
            self.statusBar().clearMessage()
        self._reload_message = ""

    def _open_meeting_gone(self, who: str) -> None:
        """The meeting shown was deleted elsewhere, with nothing unsaved of it here."""
        self.editor.close_meeting()
        self.final_view.clear()
        self._unlocked_id = None
        self.preview.set_meeting(None)
        self.refresh_archive()
        self.statusBar().showMessage(f"{who} deleted the meeting you had open.", STATUS_MESSAGE_MS)

    # --- a server that stops answering ----------------------------------------------------

    def _save_problem(self) -> None:
        """A save failed: if the server is gone, say so and wait for it."""
        if self.editor.save_state is SaveState.FAILED and self.live is not None:
            self.live.check()

    def _server_lost(self, reason: str) -> None:
        self.server_banners.show_offline(self._server, reason)
        self.server_banners.show_editors([], self._user)

    def _server_restored(self) -> None:
        """Back: read what was missed, save what waited, name who is editing now."""
        self.server_banners.clear_offline()
        self.refresh_archive()
        message = "The server answers again."
        if self.editor.meeting_id is not None:
            if self.editor.has_pending_edits() or self.editor.save_state is not SaveState.SAVED:
                if self.editor.flush():
                    message += " Your changes are saved."
            else:
                self.editor.session.changed_elsewhere(None)
        self._show_editors()
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
