"""The pre-publication check: planted personal data is always found; clean notes pass."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.accessibility import contrast
from exporters.options import ActionsMode
from exporters.personal_data import BOARD_VOCABULARY, COMMON_WORDS, NameFinder, given_names
from exporters.prepublication import check_public_note
from exporters.template import reference_bytes
from models.enums import ActionStatus, LayoutStyle
from models.meeting_doc import (
    ActionDoc,
    AgendaItemDoc,
    AttendeeDoc,
    BoardRef,
    MeetingDoc,
    MemberDoc,
    OrganisationRef,
    TurnDoc,
)
from tests.unit.test_docx_export import make_meeting
from tests.unit.test_docx_templates import png_bytes

ORGANISATIONS = (
    OrganisationRef("Mayor's Office for Policing and Crime", "MOPAC"),
    OrganisationRef("Department for Work and Pensions", "DWP"),
    OrganisationRef("London Probation", "LP"),
)
MEETING = MeetingDoc(
    board=BoardRef("Reducing Reoffending Board", "RRB"),
    date=date(2025, 3, 20),
    organisations=ORGANISATIONS,
    agenda=(AgendaItemDoc("Welcome", "MOPAC opened the meeting."),),
)
ORGANISATION_WORDS = frozenset(
    word.casefold() for org in ORGANISATIONS for word in f"{org.name} {org.abbreviation}".split()
) | {"reducing", "reoffending", "board", "rrb"}
# Words of ordinary Board prose, capitalised and not, that must never be flagged.
PROSE = st.sampled_from(
    [
        "the",
        "Board",
        "discussed",
        "reoffending",
        "in",
        "London",
        "with",
        "MOPAC",
        "DWP",
        "and",
        "London",
        "Probation",
        "partners",
        "agreed",
        "to",
        "review",
        "the",
        "Pilot",
        "outcomes",
        "Employment",
        "Strategy",
        "Accommodation",
        "Veterans",
        "Prison",
        "May",
        "Will",
        "Grace",
        "Mark",
        "Hope",
        "Rose",
        "June",
    ]
)
PLANTED = st.one_of(
    # Any given name of the list that is not also an ordinary, Board or organisation word.
    st.tuples(
        st.just("name"),
        st.sampled_from(
            sorted(
                name.capitalize()
                for name in given_names() - COMMON_WORDS - BOARD_VOCABULARY - ORGANISATION_WORDS
            )
        ),
    ),
    # Anyone the archive names (whatever their given name), a full name, a title and surname.
    st.tuples(
        st.just("name"),
        st.sampled_from(
            ["Priya Oluwaseun", "Sarah Jones", "Ms Whitfield", "Cllr Smith", "Professor Okafor"]
        ),
    ),
    st.tuples(
        st.just("email"),
        st.sampled_from(["jane.doe@mopac.london.gov.uk", "a.b+rrb@example.org"]),
    ),
    st.tuples(
        st.just("phone"),
        st.sampled_from(["020 7983 4000", "07700 900123", "+44 20 7983 4000", "(020) 7983-4000"]),
    ),
)
PLACES = st.sampled_from(["title", "theme", "venue", "item title", "notes", "list"])


def plant(text: str, place: str) -> MeetingDoc:
    item = MEETING.agenda[0]
    if place == "title":
        return MEETING._replace(title=text)
    if place == "theme":
        return MEETING._replace(theme=text)
    if place == "venue":
        return MEETING._replace(venue=text)
    if place == "item title":
        return MEETING._replace(agenda=(item._replace(title=text),))
    if place == "list":
        text = f"Partners agreed:\n\n- {text}\n"
    return MEETING._replace(agenda=(item._replace(notes=text),))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(PROSE, max_size=6),
    after=st.lists(PROSE, max_size=6),
    planted=PLANTED,
    place=PLACES,
)
def test_planted_personal_data_is_always_flagged(
    before: list[str], after: list[str], planted: tuple[str, str], place: str
) -> None:
    kind, value = planted
    text = " ".join([*before, value, *after])
    findings = check_public_note(plant(text, place), people=["Priya Oluwaseun"]).findings
    assert any((f.kind == kind and value in f.text) or f.text in value for f in findings), findings
    assert not any(f.kind == "accessibility" for f in findings)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(PROSE, min_size=1, max_size=20), place=PLACES)
def test_board_prose_is_not_flagged(words: list[str], place: str) -> None:
    findings = check_public_note(plant(" ".join(words), place)).findings
    assert findings == ()


def test_a_councillor_named_by_title_is_flagged() -> None:
    meeting = plant("Cllr Smith and Councillor Okafor joined for item 2.", "notes")
    assert [f.text for f in check_public_note(meeting).findings] == [
        "Cllr Smith",
        "Councillor Okafor",
    ]


def test_an_allowed_name_is_not_flagged_again() -> None:
    meeting = plant("Lauren presented the data.", "notes")
    assert [f.text for f in check_public_note(meeting).findings] == ["Lauren"]
    assert check_public_note(meeting, allowed=["Lauren"]).findings == ()


def test_an_attendee_named_by_surname_alone_is_flagged() -> None:
    """Minutes name a person present by the surname alone; no list of given names has it."""
    attended = plant(
        "Linden said the Commissioner had agreed. Partners welcomed it.", "notes"
    )._replace(
        attendees=(AttendeeDoc("MOPAC", "Sophie Linden", "Deputy Mayor"),),
    )
    assert [f.text for f in check_public_note(attended).findings] == ["Linden"]
    assert check_public_note(attended, allowed=["Linden"]).findings == ()
    whole = attended._replace(agenda=(MEETING.agenda[0]._replace(notes="Sophie Linden spoke."),))
    assert [f.text for f in check_public_note(whole).findings] == ["Sophie Linden"]


def test_a_surname_that_is_an_ordinary_or_organisation_word_is_not_flagged_alone() -> None:
    attended = plant("Hope and Probation were discussed.", "notes")._replace(
        attendees=(
            AttendeeDoc("MOPAC", "Sam Hope"),
            AttendeeDoc("LP", "Alex Probation"),
            AttendeeDoc("DWP", "Cher"),  # one word: no surname to look for
        ),
    )
    assert check_public_note(attended).findings == ()


def test_confidential_items_left_out_silently_are_an_edited_finding() -> None:
    secret = AgendaItemDoc("Serious Case Review", "Secret.", confidential=True)
    meeting = MEETING._replace(agenda=(*MEETING.agenda, secret))
    with_notice = check_public_note(meeting)
    assert with_notice.findings == ()
    saved = docx.Document(io.BytesIO(with_notice.note.package()))
    texts = [p.text for p in saved.paragraphs]
    assert "This note has been edited for publication." in texts
    (finding,) = check_public_note(meeting, edited_notice=False).findings
    assert finding.line.startswith("edited\tnote\t")


def test_name_finder_knows_organisation_words() -> None:
    finder = NameFinder.build([], ["Grace Foundation Trust"], [])
    assert finder.find("Grace Foundation Trust presented.") == []
    assert [f.text for f in finder.find("Jordan presented.")] == ["Jordan"]
    assert [f.text for f in finder.find("Mark Smith agreed.")] == ["Mark Smith"]
    assert finder.find("Hope Accommodation and Grace Employment") == []


def test_contrast_ratio() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert contrast((0x4F, 0x81, 0xBD), (255, 255, 255)) < 4.5


# -- a hearing transcript names its panel and its speakers ----------------------------------


def test_a_transcript_may_name_its_members_and_speakers_and_no_one_else() -> None:
    turns = (
        TurnDoc("Sophie Linden (Deputy Mayor) (Co-Chair)", "Thank you, Kerry. Over to Sophie."),
        TurnDoc("Kerry Bishop (Witness)", "Thank you, Sophie. Robert Smith wrote to me."),
        TurnDoc(None, "[The witness left the room]"),
    )
    hearing = MEETING._replace(
        style=LayoutStyle.HEARING_TRANSCRIPT,
        members=(MemberDoc("Sophie Linden", "Deputy Mayor", "MOPAC", chair=True),),
        agenda=(AgendaItemDoc("", turns=turns),),
    )
    findings = check_public_note(hearing).findings
    assert [(f.kind, f.text) for f in findings] == [("name", "Robert Smith")]
    # The same words in a board note: every name is flagged.
    board = MEETING._replace(agenda=(AgendaItemDoc("Item", "Sophie Linden thanked Kerry Bishop."),))
    flagged = {f.text for f in check_public_note(board).findings if f.kind == "name"}
    assert flagged == {"Sophie Linden", "Kerry Bishop"}


def test_an_item_whose_actions_print_nowhere_is_found() -> None:
    """In the 2025 layout actions are left to the notes' prose: an item with actions and no
    notes would print a bare heading and lose its actions; with notes, or with no actions
    at all ("AOB and Close"), or with actions printed under it, it is fine."""
    review = ActionDoc("review the plan", ("DWP",))
    agenda = (
        AgendaItemDoc("Welcome", "MOPAC opened the meeting."),
        AgendaItemDoc("Actions", actions=(review,)),
        AgendaItemDoc("Update", "DWP will review the plan.", actions=(review,)),
        AgendaItemDoc("Done ones", actions=(review._replace(status=ActionStatus.DONE),)),
        AgendaItemDoc("AOB and Close"),
    )
    meeting = MEETING._replace(agenda=agenda)
    found = check_public_note(meeting, LayoutStyle.PUBLIC_NOTE, actions=ActionsMode.NONE)
    empty = [(f.where, f.text) for f in found.findings if f.kind == "empty"]
    assert len(empty) == 1
    assert empty[0][0] == "item 2"
    assert empty[0][1].startswith("'Actions' prints only its heading")
    printed = check_public_note(meeting, LayoutStyle.PUBLIC_NOTE, actions=ActionsMode.PER_ITEM)
    assert [f for f in printed.findings if f.kind == "empty"] == []


# -- what the template brings ---------------------------------------------------------------


def test_an_image_without_alt_text_in_the_templates_header_is_found_once(tmp_path: Path) -> None:
    """The note's later sections share the first one's header (linked to the previous): the
    image in it is one image, and one finding, however many sections the note has."""
    picture = tmp_path / "crest.png"
    picture.write_bytes(png_bytes(30, 10))
    template_document = docx.Document(io.BytesIO(reference_bytes()))
    template_document.sections[0].header.paragraphs[0].add_run().add_picture(str(picture))
    template = tmp_path / "crest.docx"
    template_document.save(str(template))

    checked = check_public_note(make_meeting(), LayoutStyle.PUBLIC_NOTE, template=template)

    assert len(docx.Document(io.BytesIO(checked.note.package())).sections) > 1
    found = [f for f in checked.findings if f.text == "an image has no alternative text"]
    assert [f.where for f in found] == ["header"]
