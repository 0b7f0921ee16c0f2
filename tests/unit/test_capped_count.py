"""A capped count reads as a sentence does: exact below the cap, "more than" past it."""

from __future__ import annotations

from models.capped_count import CappedCount


def test_a_capped_count_reads_as_a_number_or_more_than_the_cap() -> None:
    assert str(CappedCount(12)) == "12"
    assert str(CappedCount(1234)) == "1,234"
    assert str(CappedCount(1000, more=True)) == "more than 1,000"
    assert CappedCount(1).noun("action", "actions") == "1 action"
    assert CappedCount(0).noun("action", "actions") == "0 actions"
    assert CappedCount(1000, more=True).noun("action", "actions") == "more than 1,000 actions"
    assert not CappedCount(0)
    assert CappedCount(1)
