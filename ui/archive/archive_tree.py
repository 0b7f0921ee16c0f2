"""The archive's tree widget, and what a user types into it.

Qt's own keyboard search matches what is typed, a key at a time, against the start of the
rows laid out. A date typed (``15/01``) was matched that way against the meetings of the
years open: a meeting in a closed year (or in a year not read yet) could not be found, and
the first keys ("1", "15") had already highlighted some meeting of another day. So the tree
gathers what is typed within the keyboard interval and hands the whole text to the view
(:class:`ui.archive.archive_view.ArchiveView`), which finds a date in the database and a
year or a board among the group rows; :func:`typed_date` and :func:`date_being_typed` say
which the text is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QElapsedTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTreeView, QWidget

_WHOLE_DATE: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?")
_PART_OF_A_DATE: Final = re.compile(r"\d{1,2}(?:[/.-]\d{0,2}(?:[/.-]\d{0,3})?)?")
_LEAP_YEAR: Final = 2000  # a day and month without a year exist if they do in a leap year


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A day and month typed in the archive, and the year when it was typed too."""

    day: int
    month: int
    year: int | None

    def exists(self) -> bool:
        try:
            dt.date(self.year or _LEAP_YEAR, self.month, self.day)
        except ValueError:
            return False
        return True

    def __str__(self) -> str:
        """As the tree shows dates: ``15/01``, ``19/06/2025``."""
        return f"{self.day:02}/{self.month:02}" + (f"/{self.year}" if self.year else "")


def typed_date(text: str) -> TypedDate | None:
    """The date in ``15/01`` or ``19/06/2025`` (``.`` also separates); None for any other
    text, a date still being typed included."""
    found = _WHOLE_DATE.fullmatch(text)
    if found is None:
        return None
    day, month, year = found.groups()
    if month == "0" and year is None:  # "15/0" on its way to "15/01": not "15/00", no date
        return None
    return TypedDate(int(day), int(month), int(year) if year else None)


def date_being_typed(text: str) -> bool:
    """Whether ``text`` may be the start of a date: a day (``1``, ``15``) or a date whose
    year is not whole yet (``19/06/20``). Nothing moves until it is one: "15" is no row's
    start to jump to. Three digits or more are a year's."""
    return _PART_OF_A_DATE.fullmatch(text) is not None


class ArchiveTree(QTreeView):
    """A tree view that announces what is typed into it instead of searching its rows."""

    text_typed = Signal(str, bool)
    """The text typed so far within the keyboard interval, and whether it extends the text
    announced before (the search then starts from the row highlighted, not after it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._clock = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A key that types nothing (an arrow, Esc) ends the text: what is typed next is a
        new search, as after a pause."""
        if not event.text().isprintable() or not event.text():
            self._typed = ""
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Gathers the keys as Qt's own search does (a pause longer than the keyboard
        interval starts a new text), and hands the text on."""
        extends = (
            bool(self._typed)
            and self._clock.isValid()
            and self._clock.elapsed() <= QApplication.keyboardInputInterval()
        )
        self._clock.start()
        self._typed = self._typed + search if extends else search
        if self._typed:
            self.text_typed.emit(self._typed, extends)
