"""Writing notes: the block tree back into the one canonical stored Markdown.

The editor stores what it shows through :func:`render_markdown`, so the same notes are always
stored as the same text, and :func:`~models.notes.parser.parse_notes` reads it back.
"""

from __future__ import annotations

import functools
import itertools
import logging
from typing import Final

from models.compiled_on_use import CompiledOnUse
from models.notes.blocks import (
    LINE_BREAK_TEXT,
    Block,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    merge_runs,
)
from models.notes.fast_parser import ASCII_PUNCTUATION
from models.notes.parser import parse_notes

logger = logging.getLogger(__name__)

# --- The canonical stored form -------------------------------------------------------------
#
# The rich-text editor stores what it shows as Markdown written by :func:`render_markdown`,
# never by Qt's ``toMarkdown`` (which wraps at 80 columns and escapes at will), so the same
# notes are always stored as the same text and ``parse_notes(render_markdown(b))`` gives the
# blocks back. The form, chosen for people reading the JSON export as much as for the parser:
#
# * one line per paragraph, list item or sub-heading (no wrapping); blocks are separated by
#   a blank line, list items are not (tight lists);
# * a hard line break is a backslash at the end of the line (visible, unlike two spaces),
#   the next line indented to the text of its list item;
# * ``-`` bullets and ``1.``, ``2.``, ... numbers counting from the list's start. A list right
#   after another list of the same kind would join it, so that one is written with ``*`` or
#   ``1)`` markers instead (how CommonMark tells two lists apart);
# * a nested list is indented to the text of its item: two spaces under ``-``, three under
#   ``1.``, four under ``10.``, as CommonMark requires (two spaces under a number would end the
#   numbered list instead);
# * ``**bold**`` and ``*italic*``; bold inside a sub-heading is dropped, as sub-headings are
#   bold anyway, in Word and on screen;
# * a backslash escapes only what the parser would otherwise read as markup: every literal
#   ``*``, an ``_`` that could start or end emphasis, a ``\\`` before punctuation, and ``#``,
#   ``-``, ``+`` or ``1.`` at the start of a line (or ``#`` at the end of a sub-heading).
#
# Some trees have no exact Markdown spelling, and :func:`canonical_blocks` says what they
# become: spaces at either end of a line are dropped (Markdown drops them), as are empty
# paragraphs and sub-headings; a space inside formatting keeps it only if the words either
# side have it; formatting that would start right after a letter at a punctuation mark (or end
# at one right before a letter) moves past that mark, as CommonMark reads ``a**"b"**`` as
# plain text; and a word whose formatting changes inside it in a way CommonMark cannot say
# keeps only the formatting all of it has. Text is never lost.

_BOLD: Final = 1
_ITALIC: Final = 2
_DELIMITERS: Final = {_BOLD: "**", _ITALIC: "*"}
# Every line break a run of text can hold: they become hard line breaks.
_TEXT_LINE_BREAKS: Final = CompiledOnUse("\r\n|[\r\n\x0b\u2028]")
# Line starts the block parser would read as a sub-heading, a bullet or a number.
_HEADING_START: Final = CompiledOnUse(r"#{1,6}(?=[ \t]|\Z)")
_BULLET_START: Final = CompiledOnUse(r"[-+](?=[ \t]|\Z)")
_NUMBER_START: Final = CompiledOnUse(r"\d{1,9}(?=[.)](?:[ \t]|\Z))")
# A run of # at the end of a sub-heading after a space would be read as its closing sequence.
_HEADING_END: Final = CompiledOnUse(r"(?:^|[ \t])(#+)\Z")
_MAX_LIST_NUMBER: Final = 999_999_999  # CommonMark reads at most nine digits as a number


def render_markdown(blocks: tuple[Block, ...]) -> str:
    """Write blocks as notes in the one canonical form (see above); ``parse_notes`` reads it
    back as :func:`canonical_blocks` of ``blocks`` (which is ``blocks`` for parsed notes)."""
    return _write_blocks(blocks)[1]


def canonical_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks :func:`render_markdown` writes: ``blocks`` less what Markdown cannot say."""
    return _write_blocks(blocks)[0]


def canonical_notes(markdown: str) -> str:
    """Notes as the editor stores them: the same blocks, always spelt the same way."""
    return render_markdown(parse_notes(markdown))


def _write_blocks(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], str]:
    """Write a block tree and, alongside, the tree the written text stands for."""
    written: list[Block] = []
    chunks: list[str] = []
    alternative = False  # whether the list written last used the other markers
    for block in blocks:
        if isinstance(block, ListBlock):
            previous = written[-1] if written else None
            follows_twin = isinstance(previous, ListBlock) and previous.ordered == block.ordered
            use_alternative = follows_twin and not alternative
            rendered = _render_list(block, indent="", nested=False, alternative=use_alternative)
            if rendered is not None:
                alternative = use_alternative
                written.append(rendered[0])
                chunks.append("\n".join(rendered[1]))
            continue
        heading = isinstance(block, Heading)
        runs, lines = _render_runs(block.runs, heading=heading)
        if not runs:
            continue
        if isinstance(block, Heading):
            written.append(Heading(block.level, runs))
            chunks.append("#" * block.level + " " + lines[0])
        else:
            written.append(Paragraph(runs))
            chunks.append(_join_lines(lines, ""))
    return tuple(written), "\n\n".join(chunks)


def _join_lines(lines: list[str], indent: str) -> str:
    """The lines of one block, joined by hard line breaks (a backslash ends the line)."""
    return ("\\\n" + indent).join(lines)


def _render_list(
    block: ListBlock, *, indent: str, nested: bool, alternative: bool
) -> tuple[ListBlock, list[str]] | None:
    """A list's canonical tree and lines (None if it has no items)."""
    items = block.items
    if nested:  # no third level: sub-items' own sub-items follow them, as the parser does
        items = tuple(_flatten(items))
    if not items:
        return None
    start = min(max(block.start, 0), _MAX_LIST_NUMBER) if block.ordered else 1
    written: list[ListItem] = []
    lines: list[str] = []
    for index, item in enumerate(items):
        if block.ordered:
            number = min(start + index, _MAX_LIST_NUMBER)
            marker = f"{number}{')' if alternative else '.'}"
        else:
            marker = "*" if alternative else "-"
        content_indent = indent + " " * (len(marker) + 1)
        runs, item_lines = _render_runs(item.runs)
        if runs:
            lines.append(f"{indent}{marker} " + _join_lines(item_lines, content_indent))
        else:
            lines.append(indent + marker)
        children: ListBlock | None = None
        if item.children is not None and not nested:
            rendered = _render_list(
                item.children, indent=content_indent, nested=True, alternative=False
            )
            if rendered is not None:
                children = rendered[0]
                first = children.items[0]
                if runs and (not first.runs or (children.ordered and children.start != 1)):
                    # An empty item, or a number other than 1, cannot interrupt the item's
                    # text: it would join it. A blank line ends the text first.
                    lines.append("")
                lines.extend(rendered[1])
        written.append(ListItem(runs, children))
    return ListBlock(block.ordered, tuple(written), start), lines


def _flatten(items: tuple[ListItem, ...]) -> list[ListItem]:
    flat: list[ListItem] = []
    for item in items:
        flat.append(ListItem(item.runs))
        if item.children is not None:
            flat.extend(_flatten(item.children.items))
    return flat


def _render_runs(
    runs: tuple[Run, ...], *, heading: bool = False
) -> tuple[tuple[Run, ...], list[str]]:
    """The canonical runs of a block and its Markdown, one string per line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        bold = run.bold and not heading
        pieces = _TEXT_LINE_BREAKS().split(run.text.replace("\x00", "\ufffd"))
        for index, piece in enumerate(pieces):
            if index:  # a line break (a sub-heading has room for one line only)
                if heading:
                    lines[-1].append(Run(" "))
                else:
                    lines.append([])
            if piece:
                lines[-1].append(Run(piece, bold, run.italic))
    written_lines = [_render_line(tuple(line), heading=heading) for line in lines]
    # No line breaks at either end, as the parser has none.
    while written_lines and not written_lines[0][0]:
        written_lines.pop(0)
    while written_lines and not written_lines[-1][0]:
        written_lines.pop()
    written: list[Run] = []
    for index, (line_runs, _text) in enumerate(written_lines):
        if index:
            written.append(Run(LINE_BREAK_TEXT))
        written.extend(line_runs)
    return tuple(written), [text for _runs, text in written_lines]


# A line is worked on as segments: (text, formatting flags).
_Segment = tuple[str, int]
# CommonMark's whitespace (Unicode Zs, tab, line ends): a delimiter next to it cannot open
# (before it) or close (after it).
_SPACE_CHARS: Final = frozenset(
    [chr(code) for code in range(0x2000, 0x200B)]
    + list("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000")
)


@functools.lru_cache(maxsize=8192)
def _render_line(runs: tuple[Run, ...], *, heading: bool) -> tuple[tuple[Run, ...], str]:
    """One line (no breaks): its canonical runs and its Markdown.

    Cached: the editor writes the whole notes at every keystroke, and all lines but one are
    the same as the time before.
    """
    text = "".join(run.text for run in runs)
    start = len(text) - len(text.lstrip())
    stripped = text.strip()
    if not stripped:
        return (), ""
    if len({_flags_of(run) for run in runs}) == 1:  # the usual line: one formatting throughout
        segments = [(stripped, _flags_of(runs[0]))]
        return _runs_of(segments), _write_segments(segments, heading=heading)
    flags: list[int] = []
    changes: set[int] = set()  # where the formatting may change
    for run in runs:
        changes.add(len(flags) - start)
        flags.extend([_flags_of(run)] * len(run.text))
    flags = flags[start : start + len(stripped)]
    text = stripped
    changes = {index for index in changes if 0 < index < len(text)}
    _settle(text, flags, changes)
    emitted = _emit_checked(text, flags, changes, heading=heading)
    if emitted is None:
        # Formatting changes inside a word that CommonMark cannot spell: keep, for each
        # such word, only the formatting all of it has.
        _unify_words(text, flags, changes)
        _settle(text, flags, changes)
        emitted = _emit_checked(text, flags, changes, heading=heading)
    if emitted is None:  # pragma: no cover - a bug in the writer; the words still survive
        logger.warning("Formatting of a line of notes could not be written; dropped it")
        segments = [(text, 0)]
        return _runs_of(segments), _write_segments(segments, heading=heading)
    return emitted


def _flags_of(run: Run) -> int:
    return (_BOLD if run.bold else 0) | (_ITALIC if run.italic else 0)


def _runs_of(segments: list[_Segment]) -> tuple[Run, ...]:
    runs = [Run(text, bool(flags & _BOLD), bool(flags & _ITALIC)) for text, flags in segments]
    return merge_runs(tuple(runs))


@functools.cache
def _is_punctuation(char: str) -> bool:
    """CommonMark's punctuation, as markdown-it decides it (imported when first asked)."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar  # noqa: PLC0415

    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _is_word_char(char: str) -> bool:
    return char not in _SPACE_CHARS and not _is_punctuation(char)


def _settle(text: str, flags: list[int], changes: set[int]) -> None:
    """Move formatting off the places CommonMark cannot put a delimiter (in place).

    ``changes`` holds every index where the formatting may change (``flags[i - 1] !=
    flags[i]``); it is kept so.
    """
    _settle_punctuation(text, flags, changes)
    _settle_spaces(text, flags, changes)


def _settle_punctuation(text: str, flags: list[int], changes: set[int]) -> None:
    """Between a letter and a punctuation mark, formatting may end but not start; between a
    punctuation mark and a letter, start but not end: there it moves past the mark."""
    work = sorted(changes)
    while work:
        index = work.pop()
        if not 0 < index < len(text):
            continue
        before, after = flags[index - 1], flags[index]
        if before == after or text[index - 1] in _SPACE_CHARS or text[index] in _SPACE_CHARS:
            continue
        left, right = _is_punctuation(text[index - 1]), _is_punctuation(text[index])
        if after & ~before and right and not left:
            flags[index] = after & before
            moved = (index, index + 1)
        elif before & ~after and left and not right:
            flags[index - 1] = after & before
            moved = (index, index - 1)
        else:
            continue
        work.extend(moved)
        changes.update(moved)


def _settle_spaces(text: str, flags: list[int], changes: set[int]) -> None:
    """A delimiter before a space cannot open, nor one after a space close, so a run of
    spaces keeps only the formatting it shares with the words either side."""
    for index in sorted(changes):
        if not 0 < index < len(text) or flags[index - 1] == flags[index]:
            continue
        for probe in (index - 1, index):
            if text[probe] not in _SPACE_CHARS:
                continue
            first, end = probe, probe + 1
            while text[first - 1] in _SPACE_CHARS:  # the ends of a line are never spaces
                first -= 1
            while text[end] in _SPACE_CHARS:
                end += 1
            shared = flags[first - 1] & flags[end]
            for flag in flags[first:end]:
                shared &= flag
            flags[first:end] = [shared] * (end - first)
            changes.update((first, end))


def _unify_words(text: str, flags: list[int], changes: set[int]) -> None:
    """Give each word (a run of non-spaces) only the formatting all of its letters have."""
    for index in sorted(changes):
        if not 0 < index < len(text) or flags[index - 1] == flags[index]:
            continue
        if text[index - 1] in _SPACE_CHARS or text[index] in _SPACE_CHARS:
            continue
        first, end = index - 1, index + 1
        while first > 0 and text[first - 1] not in _SPACE_CHARS:
            first -= 1
        while end < len(text) and text[end] not in _SPACE_CHARS:
            end += 1
        shared = _BOLD | _ITALIC
        for flag in flags[first:end]:
            shared &= flag
        flags[first:end] = [shared] * (end - first)
        changes.update((first, end))


def _segments(text: str, flags: list[int], changes: set[int]) -> list[_Segment]:
    """Split a line where its formatting changes."""
    segments: list[_Segment] = []
    start = 0
    for index in sorted(changes):
        if 0 < index < len(text) and flags[index] != flags[index - 1]:
            segments.append((text[start:index], flags[start]))
            start = index
    segments.append((text[start:], flags[start]))
    return segments


def _emit_checked(
    text: str, flags: list[int], changes: set[int], *, heading: bool
) -> tuple[tuple[Run, ...], str] | None:
    """Write a line whose formatting changes; None if the parser would not read it back."""
    segments = _place_spaces(_segments(text, flags, changes))
    if segments is None:
        return None
    runs = _runs_of(segments)
    markdown = _write_segments(segments, heading=heading)
    inside_word = any(
        left[-1] not in _SPACE_CHARS and right[0] not in _SPACE_CHARS
        for (left, _), (right, _) in itertools.pairwise(segments)
    )
    if inside_word:  # delimiters between two letters: CommonMark's rules are subtle there
        check = markdown if not heading else _write_segments(segments, heading=False)
        if parse_notes(check) != (Paragraph(runs),):
            return None
    return runs, markdown


def _place_spaces(segments: list[_Segment]) -> list[_Segment] | None:
    """Where the nesting of ``**`` and ``*`` forces it, take formatting off spaces too.

    Delimiters nest: when bold ends while an italic opened inside it goes on, the italic
    must end with it and start again. That is possible across a space (which is then not
    italic), not inside a word (None).
    """
    placed = _joined(segments)
    if not all(any(flags & flag for _text, flags in placed) for flag in (_BOLD, _ITALIC)):
        return placed  # one kind of formatting only: nothing can cross
    while True:
        crossing = _first_crossing(placed)
        if crossing is None:
            return placed
        index, reopened = crossing
        text, flags = placed[index]
        if text[0] not in _SPACE_CHARS:
            return None
        rest = text.lstrip("".join(_SPACE_CHARS))
        spaces = text[: len(text) - len(rest)]
        placed[index : index + 1] = [(spaces, flags & ~reopened), (rest, flags)]
        placed = _joined([segment for segment in placed if segment[0]])


def _first_crossing(segments: list[_Segment]) -> tuple[int, int] | None:
    """The first segment where a flag must close and open again, and those flags."""
    stack: list[int] = []
    for index, (_text, target) in enumerate(segments):
        keep = next((k for k, flag in enumerate(stack) if not flag & target), len(stack))
        reopened = sum(flag for flag in stack[keep:] if flag & target)
        if reopened:
            return index, reopened
        del stack[keep:]
        stack.extend(_opening_order(segments, index, target & ~sum(stack)))
    return None


def _joined(segments: list[_Segment]) -> list[_Segment]:
    """Neighbouring segments with the same formatting as one."""
    joined: list[_Segment] = []
    for text, flags in segments:
        if joined and joined[-1][1] == flags:
            joined[-1] = (joined[-1][0] + text, flags)
        else:
            joined.append((text, flags))
    return joined


def _opening_order(segments: list[_Segment], index: int, opening: int) -> list[int]:
    """The flags opening at ``segments[index]``, the longest-lasting first (outermost)."""
    if opening != _BOLD | _ITALIC:  # one flag (or none): nothing to order
        return [opening] if opening else []

    def reach(flag: int) -> int:
        length = 0
        for text, flags in segments[index:]:
            if not flags & flag:
                break
            length += len(text)
        return length

    opened = [flag for flag in (_BOLD, _ITALIC) if opening & flag]
    return sorted(opened, key=lambda flag: -reach(flag))


def _write_segments(segments: list[_Segment], *, heading: bool) -> str:
    """The Markdown of a line of segments (neighbours differ) as they are."""
    out: list[str] = []
    stack: list[int] = []
    last = len(segments) - 1
    for index, (text, target) in enumerate(segments):
        keep = next((k for k, flag in enumerate(stack) if not flag & target), len(stack))
        out.extend(_DELIMITERS[flag] for flag in reversed(stack[keep:]))
        del stack[keep:]
        opening = _opening_order(segments, index, target & ~sum(stack))
        out.extend(_DELIMITERS[flag] for flag in opening)
        stack.extend(opening)
        escaped = _escape(text)
        if index == 0 and not target and not heading:
            escaped = _escape_line_start(escaped, whole_line=index == last)
        if index == last and not target and heading:
            escaped = _HEADING_END().sub(lambda m: m.group(0).replace("#", "\\#", 1), escaped)
        out.append(escaped)
    out.extend(_DELIMITERS[flag] for flag in reversed(stack))
    return "".join(out)


def _escape(text: str) -> str:
    """Backslashes before the characters the inline parser would take for markup."""
    if "*" not in text and "_" not in text and "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "*":
            out.append("\\*")
        elif char == "\\":
            following = text[index + 1] if index + 1 < length else ""
            # before punctuation (or a delimiter or line break that may follow) it escapes
            out.append("\\\\" if not following or following in ASCII_PUNCTUATION else "\\")
        elif char == "_":
            end = index
            while end < length and text[end] == "_":
                end += 1
            # snake_case: an underscore between two letters is never emphasis
            inside_word = (
                index > 0 and end < length and _is_word_char(text[index - 1])
                and _is_word_char(text[end])
            )  # fmt: skip
            out.append(text[index:end] if inside_word else "\\_" * (end - index))
            index = end
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _escape_line_start(escaped: str, *, whole_line: bool) -> str:
    """Escape a sub-heading, bullet or number marker at the start of a line of text."""
    probe = escaped if whole_line else escaped + "x"  # a delimiter follows: no marker
    if _HEADING_START().match(probe) or _BULLET_START().match(probe):
        return "\\" + escaped
    number = _NUMBER_START().match(probe)
    if number:
        return escaped[: number.end()] + "\\" + escaped[number.end() :]
    return escaped
