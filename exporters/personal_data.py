"""Finding personal data in the text a public note prints: names, e-mail addresses, phones.

Given names come from the US Census Bureau's 1990 lists of first names (public domain, about
5,000 names), as the ``names`` package (MIT licence) ships them, kept in ``resources/`` in a
form that is cheap to read (``resources/build_census_names.py`` builds it): offline, small,
stable. Many given names are also English or Board words ("Will", "May", "Grace", "Mark",
"Royal"), so a capitalised word is flagged when it is a given name and none of: an ordinary
word (:data:`COMMON_WORDS`), a word of an organisation's name or abbreviation, or the Board's
vocabulary. A given name followed by a capitalised word that is not an organisation's ("Sarah
Jones") is flagged, an ordinary-word given name only before a Census surname ("Mark Smith",
not "Hope Accommodation"); so is every full name of a person recorded in the archive, and a
title followed by a surname ("Ms Jones").
"""

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import accumulate
from typing import Final, NamedTuple

import resources

# Given names that are far more often ordinary words in minutes than names.
COMMON_WORDS: Final = frozenset(
    [
        "april",
        "august",
        "autumn",
        "bill",
        "board",
        "bonnie",
        "brighton",
        "britain",
        "camden",
        "carmen",
        "chance",
        "chase",
        "charity",
        "china",
        "christian",
        "clay",
        "cleveland",
        "crystal",
        "dale",
        "dawn",
        "dean",
        "delta",
        "destiny",
        "dominion",
        "early",
        "ebony",
        "else",
        "england",
        "fair",
        "faith",
        "forest",
        "ford",
        "frank",
        "gay",
        "general",
        "gene",
        "gold",
        "grace",
        "grant",
        "green",
        "guy",
        "hall",
        "harmony",
        "heath",
        "hope",
        "hunter",
        "ivory",
        "january",
        "jack",
        "jade",
        "joy",
        "june",
        "justice",
        "king",
        "lane",
        "lea",
        "lee",
        "les",
        "long",
        "lord",
        "love",
        "lucky",
        "major",
        "mark",
        "marshall",
        "mason",
        "may",
        "merit",
        "miles",
        "mindy",
        "minor",
        "mint",
        "misty",
        "morgan",
        "my",
        "nation",
        "noble",
        "norman",
        "north",
        "page",
        "pat",
        "patience",
        "pearl",
        "penny",
        "price",
        "prince",
        "rich",
        "river",
        "rose",
        "royal",
        "ruby",
        "sage",
        "said",
        "sandy",
        "see",
        "september",
        "shelby",
        "sharp",
        "sky",
        "spring",
        "star",
        "sterling",
        "stone",
        "summer",
        "sunny",
        "tempest",
        "trinity",
        "troy",
        "true",
        "unity",
        "violet",
        "will",
        "wilson",
        "winter",
        "young",
        "york",
        "london",
        "hamilton",
        "so",
        "an",
        "in",
        "on",
        "the",
        "is",
        "it",
        "or",
        "all",
        "do",
        "see",
        "my",
        "she",
        "her",
        "his",
    ]
)
# The Board's own words that are also given names in the Census lists.
BOARD_VOCABULARY: Final = frozenset(
    [
        "probation",
        "prison",
        "prisons",
        "partners",
        "partnership",
        "commissioning",
        "offender",
        "offenders",
        "reoffending",
        "mayor",
        "policing",
        "crime",
        "justice",
        "police",
        "council",
        "councils",
        "service",
        "services",
        "strategy",
        "pilot",
        "outcome",
        "outcomes",
        "workshop",
        "agenda",
        "theme",
        "chair",
        "welcome",
        "item",
        "items",
        "action",
        "actions",
        "board",
        "meeting",
        "note",
        "minutes",
        "mental",
        "health",
        "housing",
        "employment",
        "veterans",
    ]
)
# In resources/, built by resources/build_census_names.py: one name a line, sorted.
GIVEN_NAMES_FILE: Final = "census_given_names.txt"
SURNAMES_FILE: Final = "census_surnames.txt"
# A title before a capitalised word names a person: "Ms Jones", and in a public body's notes
# "Cllr Smith" (a councillor) as often as any.
HONORIFICS: Final = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Cllr",
    "Councillor",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
)

_WORD: Final = re.compile(r"\b[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)*\b")
_EMAIL: Final = re.compile(r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\b")
# A UK number: 0 or +44 then 9 or 10 more digits, spaces, dashes or brackets between them.
_PHONE: Final = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s-]?\)?\s?\d){8,9}(?!\d)"
)
_HONORIFIC: Final = re.compile(r"\b(?:" + "|".join(HONORIFICS) + r")\.?\s+[A-Z][a-z]+")
_TOKEN: Final = re.compile(r"\w+")  # a word, as \b sees words
# Between the texts of a note searched at once: none of the patterns above matches it, and XML
# (hence a note's text) cannot hold it.
_APART: Final = "\x00"


class PersonalData(NamedTuple):
    """One thing found: ``kind`` is ``name``, ``email`` or ``phone``; ``text`` as printed."""

    kind: str
    text: str


@cache
def given_names() -> frozenset[str]:
    """The Census given names, lower case."""
    return frozenset(_census_text(GIVEN_NAMES_FILE).split())


@lru_cache(maxsize=8)
def _people_pattern(people: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for every person the archive names: a note is scanned once, not per name.

    ``people`` longest first, so that the longest name that starts at a place is found.
    """
    if not people:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in people) + r")\b")


@cache
def surnames() -> "SortedWords":  # defined below
    """The Census surnames, lower case: "Mark Smith" is a person, "Hope Accommodation" not."""
    return SortedWords(_census_text(SURNAMES_FILE))


def _census_text(file_name: str) -> str:
    """A Census list, one word a line. Read as bytes: read as text, each line ending was
    turned into a new line on the way, which took several times as long; a checkout that
    wrote Windows line endings still gives new lines."""
    text = (resources.FOLDER / file_name).read_bytes().decode("ascii")
    return text.replace("\r\n", "\n") if "\r" in text else text


class SortedWords:
    """Membership in a sorted list of words kept as its text, one word a line.

    The Census surnames are 88,799 words, and a note asks about a handful ("Mark Smith"):
    making a set of them cost an export more than all of its other checks, so the text is
    searched in place, by halves, and nothing is built.
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        """``text``: words in ascending order (as ``sorted`` orders them), each ending in a
        new line."""
        self._text = text

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        text = self._text
        low, high = 0, len(text)  # both are the start of a line (or the end of the text)
        while low < high:
            start = text.rfind("\n", 0, (low + high) // 2) + 1  # the line holding the middle
            end = text.index("\n", start)
            line = text[start:end]
            if line == word:
                return True
            if line < word:
                low = end + 1
            else:
                high = start
        return False


class NameFinder(NamedTuple):
    """Finds personal data in text; built once per check with what the archive knows.

    ``people`` are full names recorded in the archive; ``organisation_words`` the words of
    every organisation's name and abbreviation (never a person); ``allowed`` names the user
    accepted for this meeting (an official named in their public role).
    """

    people: tuple[str, ...] = ()  # every full name, longest first
    organisation_words: frozenset[str] = frozenset()
    allowed: frozenset[str] = frozenset()
    # The surnames of the people at this meeting, as written: minutes name a person present
    # by the surname alone ("Linden said ..."), which no list of given names catches.
    surnames_alone: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        people: Iterable[str],
        organisations: Iterable[str],
        allowed: Iterable[str],
        present: Iterable[str] = (),
    ) -> "NameFinder":
        """``present``: the full names of the people at the meeting checked (its attendees);
        each one's surname alone is a name too, unless it is an ordinary word or an
        organisation's (see :meth:`_ordinary`)."""
        words = {w.casefold() for name in organisations for w in re.findall(r"[A-Za-z]+", name)}
        full_names = {" ".join(p.split()) for p in people if len(p.split()) >= 2}
        finder = cls(
            tuple(sorted(full_names, key=lambda name: (-len(name), name))),
            frozenset(words),
            frozenset(a.casefold() for a in allowed),
        )
        last_words = (name.split()[-1] for name in present if len(name.split()) >= 2)
        surnames_alone = frozenset(
            word
            for word in last_words
            if _WORD.fullmatch(word) and not finder._ordinary(word.casefold())
        )
        return finder._replace(surnames_alone=surnames_alone)

    def _only_people_in(self, text: str) -> "NameFinder":
        """This finder, knowing only the people whose every word is a word of ``text``.

        The others cannot be found in it, nor in any part of it: a name is found only where
        it starts and ends a word, so each of its words is a word there. An archive names
        thousands of people and a note a few; one pattern of them all took longer to make
        and to run than the whole export.
        """
        words = set(_TOKEN.findall(text))
        people = tuple(
            name for name in self.people if all(word in words for word in _TOKEN.findall(name))
        )
        return self._replace(people=people)

    def find_each(self, texts: Sequence[str]) -> list[list[PersonalData]]:
        """``[self.find(text) for text in texts]``, for the many short texts of a note.

        Most paragraphs hold nothing to find, and asking each one cost more than the rest of
        the check: here every pattern runs once over all the texts, joined by a character no
        pattern matches, and :meth:`find` is asked only about the texts something matched
        in. (Such a character is to a pattern what the start or end of a text is, so the
        matches in each text are its own; unless a person's recorded name holds it.)
        """
        if any(_APART in name for name in self.people):
            return [self.find(text) for text in texts]
        joined = _APART.join(texts)
        finder = self._only_people_in(joined)
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        people = _people_pattern(finder.people)
        # Patterns whose every match holds a text that most notes lack are skipped without it.
        email = _EMAIL if "@" in joined else None
        honorific = _HONORIFIC if any(title in joined for title in HONORIFICS) else None
        patterns = [p for p in (email, _PHONE, honorific, people) if p is not None]
        found = [m.start() for pattern in patterns for m in pattern.finditer(joined)]
        given, alone = given_names(), self.surnames_alone
        found += [
            m.start()
            for m in _WORD.finditer(joined)
            if m.group().casefold() in given or m.group() in alone
        ]
        matched = {bisect_right(starts, position) - 1 for position in found}
        return [finder.find(text) if index in matched else [] for index, text in enumerate(texts)]

    def find(self, text: str) -> list[PersonalData]:
        found: list[PersonalData] = []
        found += [PersonalData("email", m.group()) for m in _EMAIL.finditer(text)]
        found += [PersonalData("phone", m.group().strip()) for m in _PHONE.finditer(text)]
        names: list[str] = []
        people = _people_pattern(self.people)
        if people is not None:
            names += [m.group() for m in people.finditer(text)]
        names += [m.group() for m in _HONORIFIC.finditer(text)]
        words = list(_WORD.finditer(text))
        for index, match in enumerate(words):
            word = match.group()
            key = word.casefold()
            if key not in given_names():
                if word in self.surnames_alone:
                    names.append(word)  # "Sophie Linden" too, where she is named whole
                continue
            following = words[index + 1] if index + 1 < len(words) else None
            after = following.group().casefold() if following is not None else ""
            surname = (
                following is not None
                and text[match.end() : following.start()] == " "
                and not self._ordinary(after)
                # "Will", "Grace", "Mark" start a name only before a known surname.
                and (not self._ordinary(key) or after in surnames())
            )
            if surname and following is not None:
                names.append(f"{word} {following.group()}")
            elif not self._ordinary(key):
                names.append(word)
        seen: set[str] = set()
        for name in names:
            if name.casefold() in self.allowed or name.casefold() in seen:
                continue
            if any(name in other and name != other for other in names):
                continue  # "Sarah" inside "Sarah Jones" is one finding
            seen.add(name.casefold())
            found.append(PersonalData("name", name))
        return found

    def _ordinary(self, key: str) -> bool:
        return key in COMMON_WORDS or key in BOARD_VOCABULARY or key in self.organisation_words
