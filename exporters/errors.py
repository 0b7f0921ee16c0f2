"""Errors and warnings the exporters report to the person exporting."""

from __future__ import annotations


class ExportError(Exception):
    """An export failed for a reason the user can act on.

    The message is shown to the user as is: one clear sentence saying what went wrong and,
    where there is one, what to do about it (close the file in Word, pick another folder).
    """


class TemplateStyleWarning(UserWarning):
    """The user's Word template lacks styles the note needs; the built-in ones were used.

    Raised through :func:`warnings.warn` so the export still succeeds; the window can catch
    it (``warnings.catch_warnings(record=True)``) and tell the user which styles were added.
    """
