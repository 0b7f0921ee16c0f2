"""An organisation written as one label: ``Name (ABBR)``, a name alone, or an abbreviation.

The directory shows an organisation as ``Department for Work and Pensions (DWP)``
(:attr:`models.meeting_doc.OrganisationRef.display_name`), so a person types it that way into
a box and a note prints it that way. The box that offers a new organisation and the Word
import both take such a label apart here, so the two never disagree, and an abbreviation is
only ever guessed from letters and digits: a bracket, a comma or a slash cannot be part of
one (a bracket would print as ``... (DWP) (DWP(``, a slash would split an action's owners).
"""

from __future__ import annotations

import re
from typing import Final

from models.input_limits import MAX_ABBREVIATION_CHARS

# ``Name (ABBR)``, the closing bracket forgiven at the very end (``Name (ABBR``).
_TRAILING_BRACKETS: Final = re.compile(r"^(.*\S)\s*\(([^()]+)\)?$")
# Letters or digits at both ends; inside, also ``&``, apostrophes, full stops, hyphens and
# spaces (``NHS&E``, ``St Mungo's``, ``London Councils``).
_ABBREVIATION_SHAPE: Final = re.compile(r"^[^\W_](?:[\w&'\u2019.\- ]*[^\W_])?$")
_NOT_IN_ABBREVIATION: Final = re.compile(r"[^\w&'\u2019.\- ]|_")
_UNEVEN_ENDS: Final = re.compile(r"^[\W_]+|[\W_]+$")
# More words than this in brackets (or a first word in lower case) are words in brackets,
# not an abbreviation.
_MAX_BRACKETED_WORDS: Final = 3
# Words an abbreviation by initials leaves out (``Department for Work and Pensions`` -> DWP).
_SMALL_WORDS: Final = frozenset({"of", "and", "the", "for", "in", "on", "&"})
# A single word this short, typed into a box, is taken for an abbreviation (``yot``).
_MAX_TYPED_ABBREVIATION: Final = 10


def may_be_abbreviation(text: str) -> bool:
    """Whether ``text`` can stand as an abbreviation: words of letters and digits (with
    ``&'.-`` inside), no brackets or commas, no longer than the directory's column."""
    return len(text) <= MAX_ABBREVIATION_CHARS and bool(_ABBREVIATION_SHAPE.match(text))


def split_label(label: str) -> tuple[str, str | None]:
    """``Department for Work and Pensions (DWP)`` -> (``Department for Work and Pensions``,
    ``DWP``); a label with no abbreviation in brackets at its end -> (the label, None).

    A bracket left open at the end is forgiven (``... (DWP``), and so is a dangling open
    fragment after the abbreviation: ``... (DWP) (DWP(`` is how a note printed the
    abbreviation the new-organisation box once guessed from such a label, and reads back as
    the organisation it meant.
    """
    text = " ".join(label.split())
    for candidate in (text, _without_open_tail(text)):
        printed = _TRAILING_BRACKETS.match(candidate)
        if printed is not None:
            name, abbreviation = printed.group(1).strip(), printed.group(2).strip()
            if (
                may_be_abbreviation(abbreviation)
                and len(abbreviation.split()) <= _MAX_BRACKETED_WORDS
                and not abbreviation[0].islower()  # ``(observer)``, ``(the service)``
            ):
                return name, abbreviation
    return text, None


def initials(name: str) -> str:
    """``Department for Work and Pensions`` -> ``DWP``: the first letter or digit of each
    word but the small ones, in capitals; a word with neither (``-``, ``(``) gives none.
    No longer than the directory's column allows, however long the name."""
    letters = []
    for word in name.split():
        if word.casefold() in _SMALL_WORDS:
            continue
        first = next((char for char in word if char.isalnum()), "")
        letters.append(first.upper())
    return "".join(letters)[:MAX_ABBREVIATION_CHARS]


def suggest_name_and_abbreviation(text: str) -> tuple[str, str]:
    """What the new-organisation dialog starts with, from what was typed in a box.

    ``Name (ABBR)`` is split as the directory shows it; a single short word is taken for an
    abbreviation (``yot`` -> ``YOT``, the name left to type); a longer text is a name,
    abbreviated by its initials (``Youth Offending Team`` -> ``YOT``).
    """
    text = " ".join(text.split())
    if not text:
        return "", ""
    name, abbreviation = split_label(text)
    if abbreviation is not None:
        return name, abbreviation
    if " " not in text and len(text) <= _MAX_TYPED_ABBREVIATION:
        word = _strip_punctuation(text)
        if word:
            return "", word.upper() if word.islower() else word
    return text, initials(text)


def printed_organisation(label: str) -> tuple[str, str]:
    """(name, abbreviation) for a label a Word note prints that the directory does not know.

    ``Name (ABBR)`` is split; a label that can stand as an abbreviation is both (``Clinks``,
    ``London Councils``, as the directory keeps a body with none); any other label (with a
    comma or a bracket in it, or long) keeps its words as the name and is abbreviated by its
    initials, for the person reviewing the import to correct if need be.
    """
    name, abbreviation = split_label(label)
    if abbreviation is not None:
        return name, abbreviation
    if " " not in name:  # one word: ``(DWP)`` is DWP
        name = _strip_punctuation(name) or name
    if may_be_abbreviation(name):
        return name, name
    return name, initials(name)


def _strip_punctuation(word: str) -> str:
    """``(DWP)`` -> ``DWP``: a word without what cannot start or end an abbreviation, or
    stand in one."""
    return _UNEVEN_ENDS.sub("", _NOT_IN_ABBREVIATION.sub("", word))


def _without_open_tail(text: str) -> str:
    """The label without what follows its last balanced bracket, while brackets are left
    open (``X (DWP) (DWP(`` -> ``X (DWP)``)."""
    while text.count("(") > text.count(")") and "(" in text:
        text = text[: text.rindex("(")].rstrip()
    return text
