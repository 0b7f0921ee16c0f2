"""A transcript as text: pasting the printed form, and the speakers a typed label may mean.

Both serve the turns editor and need no Qt, so they are tested on their own:

- :func:`split_transcript` reads a transcript pasted in its printed form (the published
  2017 hearing: ``**Name (Role):** words`` paragraphs, editorial notes in square brackets)
  into turns, losing no word;
- :func:`speaker_choices` ranks the labels a few typed letters may stand for, members first,
  so that ``soph`` is ``Sophie Linden (Deputy Mayor for Policing and Crime) (Co-Chair)``;
- :func:`printed_note` and :func:`note_words` are an editorial note as stored and printed
  (each paragraph in square brackets) and as typed (without them).
"""

import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from models.compiled_on_use import CompiledOnUse
from models.meeting_doc import MemberDoc, TurnDoc, member_of_label
from models.notes.writer import canonical_notes

# ``**Label:** words`` or ``**Label**: words`` (the colon inside or outside the bold).
_BOLD_LABEL: Final = CompiledOnUse(
    r"^\*\*(?P<label>[^*\n]+?)(?::\*\*|\*\*:)\s*(?P<words>.*)$", re.S
)
# ``Label: words`` without the bold (the conversion lost it): a label only if it names a member.
_PLAIN_LABEL: Final = CompiledOnUse(r"^(?P<label>[^:\n]{2,200}?):\s+(?P<words>.*)$", re.S)
# ``[At this point ...]``, also as the conversion printed it: a heading, or in italics.
_EDITORIAL: Final = CompiledOnUse(r"^(?:#{1,6}\s*)?\*?(?P<note>\[[^\]]*\])\*?$", re.S)
_BLANK_LINE: Final = CompiledOnUse(r"\n[ \t]*\n")


class PastedTranscript(NamedTuple):
    """What a paste holds: ``lead``, words before the first label (they continue the turn
    the paste lands in), then whole ``turns``."""

    lead: str
    turns: tuple[TurnDoc, ...]


def split_transcript(text: str, members: Sequence[MemberDoc] = ()) -> PastedTranscript:
    """Split pasted text into turns at each speaker label and editorial note.

    Paragraphs are separated by a blank line or, as text copied from Word comes, by a line
    break. A paragraph opening with a bold ``**Label:**`` starts a turn; so does a plain
    ``Label:`` when the label names one of ``members`` (``Martin Hewitt (...): I am ...``).
    A paragraph that is only a bracketed note (``[At this point ...]``) is an editorial note.
    Any other paragraph belongs to the turn before it (after an editorial note, to a new
    turn of the speaker before the note); words before any label are the ``lead``.
    """
    lead: list[str] = []
    turns: list[tuple[str | None, list[str]]] = []
    last_speaker: str | None = None
    for paragraph in _paragraphs(text):
        editorial = _EDITORIAL().match(paragraph)
        if editorial is not None:
            turns.append((None, [editorial.group("note")]))
            continue
        label, words = _label(paragraph, members)
        if label is not None:
            turns.append((label, [words] if words else []))
            last_speaker = label
        elif turns and turns[-1][0] is not None:
            turns[-1][1].append(paragraph)
        elif last_speaker is not None:
            # Words right after an editorial note: the speaker before it goes on (as in the
            # 2017 hearing, where the summing-up continues after the recording was lost).
            turns.append((last_speaker, [paragraph]))
        else:
            lead.append(paragraph)
    return PastedTranscript(
        canonical_notes("\n\n".join(lead)),
        tuple(TurnDoc(speaker, canonical_notes("\n\n".join(words))) for speaker, words in turns),
    )


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    found = []
    for block in _BLANK_LINE().split(text):
        found += [line.strip() for line in block.split("\n") if line.strip()]
    return found


def _label(paragraph: str, members: Sequence[MemberDoc]) -> tuple[str | None, str]:
    bold = _BOLD_LABEL().match(paragraph)
    if bold is not None:
        return " ".join(bold.group("label").split()), bold.group("words").strip()
    plain = _PLAIN_LABEL().match(paragraph)
    if plain is not None and member_of_label(members, plain.group("label")) is not None:
        return " ".join(plain.group("label").split()), plain.group("words").strip()
    return None, paragraph


def printed_note(words: str) -> str:
    """An editorial note as it is stored and printed: each paragraph in square brackets
    (``[At this point the sound recording was lost]``), those it already has kept.

    The brackets are what makes a note a note on paper: a Word file read back
    (:mod:`models.word_import.transcript`) and a pasted transcript know a note by them, so a
    note typed without them came back as words of the previous speaker.
    """
    paragraphs = [part.strip() for part in _BLANK_LINE().split(words) if part.strip()]
    return "\n\n".join(part if is_bracketed_note(part) else f"[{part}]" for part in paragraphs)


def note_words(text: str) -> str:
    """An editorial note as the words box shows it: its paragraphs without their brackets
    (the box is labelled *Editorial note*; :func:`printed_note` puts them back)."""
    paragraphs = [part.strip() for part in _BLANK_LINE().split(text) if part.strip()]
    words = (part[1:-1].strip() if is_bracketed_note(part) else part for part in paragraphs)
    return "\n\n".join(words)


def is_bracketed_note(paragraph: str) -> bool:
    """Whether the paragraph is one bracketed note: ``[...]`` whose first bracket closes at the
    end (``[Inaudible] he said [laughter]`` is words with two asides, not a note)."""
    if not (paragraph.startswith("[") and paragraph.endswith("]")):
        return False
    depth = 0
    for index, char in enumerate(paragraph):
        depth += (char == "[") - (char == "]")
        if depth == 0:
            return index == len(paragraph) - 1
    return False


def default_label(member: MemberDoc) -> str:
    """The label a member's turns get unless one was printed: ``Name (Role - Organisation)``
    as the house style prints speakers, and ``(Co-Chair)`` for a chair."""
    details = " - ".join(part for part in (member.role, member.organisation) if part)
    label = f"{member.name} ({details})" if details else member.name
    return f"{label} (Co-Chair)" if member.chair else label


def speaker_choices(members: Sequence[MemberDoc], labels: Sequence[str], typed: str) -> list[str]:
    """The labels ``typed`` may stand for, best first.

    Candidates are the labels already spoken in the hearing (so a member keeps the label they
    were first given) and each member's :func:`default_label` when they have not spoken yet.
    A candidate matches when a word of it starts with the typed letters (``lind``), or its
    initials do (``sl`` for Sophie Linden); those whose label starts with them come first.
    Nothing typed: every candidate, in the members' order.
    """
    spoken_by = {member_of_label(members, label) for label in labels}
    candidates = list(dict.fromkeys(labels))
    candidates += [
        default_label(member) for index, member in enumerate(members) if index not in spoken_by
    ]
    order = {label: member_of_label(members, label) for label in candidates}
    candidates.sort(key=lambda label: (order[label] is None, order[label] or 0))
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        return candidates
    ranked: list[tuple[int, int, str]] = []
    for index, label in enumerate(candidates):
        folded = label.casefold()
        words = re.findall(r"\w+", folded)
        initials = "".join(word[0] for word in words)
        if folded.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in words) or initials.startswith(wanted):
            rank = 1
        elif wanted in folded:
            rank = 2
        else:
            continue
        ranked.append((rank, index, label))
    return [label for _rank, _index, label in sorted(ranked)]
