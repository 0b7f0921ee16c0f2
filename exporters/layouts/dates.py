"""The date as the title blocks print it: two spellings, one with a superscript ordinal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exporters.formatting import long_date, month_name, ordinal_suffix

if TYPE_CHECKING:
    import datetime as dt

    from exporters.body import Para


def add_ordinal_date(
    paragraph: Para, day: dt.date, *, with_year: bool, bold: bool | None = None
) -> None:
    """``20th March`` (2025) or ``29th February 2024`` (2024), the ordinal superscript."""
    paragraph.add_text(str(day.day), bold=bold)
    paragraph.add_text(ordinal_suffix(day.day), bold=bold, superscript=True)
    paragraph.add_text(f" {month_name(day)}" + (f" {day.year}" if with_year else ""), bold=bold)


def add_long_date(paragraph: Para, day: dt.date, *, bold: bool | None = None) -> None:
    """``28 February 2023``."""
    paragraph.add_text(long_date(day), bold=bold)
