"""benchmarks/preview.py still runs and edits what it says (speed is not checked)."""

from __future__ import annotations

from benchmarks.export import large_note_meeting, stress_meeting
from benchmarks.preview import edited_item, preview_medians, typed


def test_typing_adds_characters_inside_a_word_of_the_longest_notes() -> None:
    meeting = large_note_meeting()
    index = edited_item(meeting)
    notes = meeting.agenda[index].notes
    after = typed(meeting, 3).agenda[index].notes
    assert len(after) == len(notes) + 3
    at = next(i for i, (a, b) in enumerate(zip(notes, after, strict=False)) if a != b)
    assert after[at : at + 3] == "xxx"
    assert notes[at - 1].isalnum() or notes[at - 1] in ".:*'"  # the end of a word


def test_the_benchmark_measures_a_tiny_meeting() -> None:
    figures = preview_medians(stress_meeting(items=2, actions=2, attendees=2), runs=1)
    assert figures.cold > 0
    assert figures.after_edit > 0
