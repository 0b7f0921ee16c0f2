"""Pasting a transcript in its printed form, and the speakers a few typed letters mean."""

from __future__ import annotations

import re

from models.interchange import read_meeting_file
from models.meeting_doc import MemberDoc, TurnDoc
from models.transcript_text import (
    default_label,
    note_words,
    printed_note,
    speaker_choices,
    split_transcript,
)
from tests.conftest import EXAMPLES, TRANSCRIPT_EXAMPLE

SOPHIE = MemberDoc("Sophie Linden", "Deputy Mayor for Policing and Crime", None, chair=True)
PATRICIA = MemberDoc("Patricia Cadden", None, "NHS England")
MARTIN = MemberDoc("Martin Hewitt", "Assistant Commissioner", "MPS")


def test_bold_labels_start_turns_and_paragraphs_follow_them() -> None:
    pasted = split_transcript(
        "**Sophie Linden (Co-Chair):** Shall we start?\n\nThank you all.\n"
        "**Patricia Cadden (NHS England)**: Hi, I am *Patricia*.\r\n\r\n"
        "### [At this point the sound recording was lost]\n\n"
        "We will look to see.\n"
        "**Guest Speaker:**\n"
        "Words on the next line."
    )
    assert pasted.lead == ""
    assert pasted.turns == (
        TurnDoc("Sophie Linden (Co-Chair)", "Shall we start?\n\nThank you all."),
        TurnDoc("Patricia Cadden (NHS England)", "Hi, I am *Patricia*."),
        TurnDoc(None, "[At this point the sound recording was lost]"),
        TurnDoc("Patricia Cadden (NHS England)", "We will look to see."),  # she goes on
        TurnDoc("Guest Speaker", "Words on the next line."),
    )


def test_words_before_any_label_are_the_lead() -> None:
    pasted = split_transcript("and so on.\n\n**Martin Hewitt:** Yes.")
    assert pasted.lead == "and so on."
    assert pasted.turns == (TurnDoc("Martin Hewitt", "Yes."),)


def test_a_plain_label_counts_only_when_it_names_a_member() -> None:
    text = "Martin Hewitt (Assistant Commissioner - MPS): I am Martin.\n\nNote: not a speaker."
    assert split_transcript(text).turns == ()
    pasted = split_transcript(text, [SOPHIE, MARTIN])
    assert pasted.turns == (
        TurnDoc(
            "Martin Hewitt (Assistant Commissioner - MPS)", "I am Martin.\n\nNote: not a speaker."
        ),
    )


def test_the_published_hearing_splits_into_its_105_turns() -> None:
    """The whole 2017 transcript, pasted as printed: every label as the fixture has it."""
    hearing = read_meeting_file(TRANSCRIPT_EXAMPLE)
    text = (EXAMPLES / "published" / "2017-02-27-justice-matters-transcript.md").read_text(
        encoding="utf-8"
    )
    body = re.sub(r"^# MOPAC MAYOR.*$", "", text[text.index("**Sophie Linden") :], flags=re.M)
    pasted = split_transcript(body, hearing.members)
    expected = hearing.agenda[0].turns
    assert pasted.lead == ""
    assert [t.speaker for t in pasted.turns] == [t.speaker for t in expected]
    words = [" ".join(t.text.split()) for t in pasted.turns]
    assert words.count(" ".join(expected[0].text.split())) == 1
    assert sum(a == " ".join(b.text.split()) for a, b in zip(words, expected, strict=True)) >= 90


def test_default_labels_follow_the_house_style() -> None:
    assert default_label(SOPHIE) == "Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)"
    assert default_label(PATRICIA) == "Patricia Cadden (NHS England)"
    assert default_label(MARTIN) == "Martin Hewitt (Assistant Commissioner - MPS)"
    assert default_label(MemberDoc("Kerry Bishop")) == "Kerry Bishop"


def test_a_few_letters_choose_a_speaker() -> None:
    members = [SOPHIE, PATRICIA, MARTIN]
    spoken = ["Patricia Cadden (Head of Health and Justice)", "A Witness"]
    assert speaker_choices(members, spoken, "soph") == [default_label(SOPHIE)]
    assert speaker_choices(members, spoken, "cadd") == spoken[:1]  # her label as first spoken
    assert speaker_choices(members, spoken, "mh") == [default_label(MARTIN)]  # initials
    assert speaker_choices(members, spoken, "wit") == ["A Witness", default_label(MARTIN)]  # heWITt
    assert speaker_choices(members, spoken, "zzz") == []
    # Nothing typed: members in their order, then labels of people who are not members.
    assert speaker_choices(members, spoken, "") == [
        default_label(SOPHIE),
        spoken[0],
        default_label(MARTIN),
        "A Witness",
    ]


def test_a_note_is_stored_and_printed_in_brackets_and_typed_without() -> None:
    typed = "At this point the sound recording was lost"
    assert printed_note(typed) == f"[{typed}]"
    assert printed_note(f"[{typed}]") == f"[{typed}]"  # typed with them: not doubled
    assert note_words(printed_note(typed)) == typed
    assert printed_note("One.\n\n[Two.]") == "[One.]\n\n[Two.]"
    # Asides in the words are not a bracketed note: the whole is bracketed.
    assert printed_note("[Inaudible] he said [laughter]") == "[[Inaudible] he said [laughter]]"
    assert note_words("[[Inaudible] he said [laughter]]") == "[Inaudible] he said [laughter]"
    assert printed_note("") == ""
