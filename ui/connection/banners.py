"""The shared archive's notices above the meeting: a role that may only read, a server that
stopped answering, and the others editing the open meeting.

Each is a :class:`ui.editor.banners.Banner` of its own colour, shown only while it is true,
so the person learns it before typing, not from a failed save."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from ui.common.layout import ERROR_COLOUR, hbox, vbox
from ui.editor.banners import Banner


def editing_sentence(names: Sequence[str], me: str) -> str:
    """ "Jo is editing this meeting too", for one or more names (``me``: my own role, which
    another window of mine, or a colleague sharing the login, also shows)."""
    shown = [f"{name} (your user, in another window)" if name == me else name for name in names]
    who = f"{shown[0]} is" if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]} are"
    return (
        f"{who} editing this meeting too. What either of you saves shows in the other's"
        " window within seconds; if you both change the same thing, you are asked which to"
        " keep."
    )


class ServerBanners(QWidget):
    """The three notices, stacked; hidden all while none applies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only = Banner("readOnlyBanner", "#3d3000", "#fff8d6", None)
        self.offline = Banner("offlineBanner", ERROR_COLOUR, "#fdecee", None)
        self.editors = Banner("editorsBanner", "#0b4f8a", "#e6f1fb", None)
        for banner in (self.read_only, self.offline, self.editors):
            banner.setLayout(hbox(banner.label, margins=8))
        self.setLayout(vbox(self.read_only, self.offline, self.editors, margins=0))
        self.editor_names: list[str] = []

    def show_read_only(self, role: str) -> None:
        self.read_only.label.setText(
            f"Read-only: your database role {role} may read this archive but not change it."
            " Meetings open as their published note; nothing can be edited, created or"
            " deleted. Ask whoever runs the server for a role that may edit."
        )
        self.read_only.setVisible(True)

    def show_offline(self, server: str, reason: str) -> None:
        self.offline.label.setText(
            f"The server {server} cannot be reached ({reason}). What you type stays on"
            " screen and is saved as soon as the server answers again; trying every few"
            " seconds."
        )
        self.offline.setVisible(True)

    def clear_offline(self) -> None:
        self.offline.label.clear()
        self.offline.setVisible(False)

    def show_editors(self, names: Sequence[str], me: str) -> None:
        self.editor_names = list(names)
        self.editors.label.setText(editing_sentence(names, me) if names else "")
        self.editors.setVisible(bool(names))
