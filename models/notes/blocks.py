"""The block tree of an item's notes: immutable NamedTuples, so it can be cached, compared in
tests and handed to any exporter (see :mod:`models.notes` for the subset it stands for)."""

from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeAlias

LINE_BREAK_TEXT: Final = "\n"
"""The text of a :class:`Run` that stands for a hard line break (and nothing else)."""


class Run(NamedTuple):
    """A stretch of text with one formatting; ``Run("\\n")`` is a hard line break."""

    text: str
    bold: bool = False
    italic: bool = False

    @property
    def is_line_break(self) -> bool:
        return self.text == LINE_BREAK_TEXT


class Paragraph(NamedTuple):
    runs: tuple[Run, ...]


class Heading(NamedTuple):
    """A sub-heading inside an item: ``###`` is level 3, ``####`` level 4."""

    level: Literal[3, 4]
    runs: tuple[Run, ...]


if TYPE_CHECKING:
    _Sublist: TypeAlias = "ListBlock | None"  # (defined below)
else:
    # What the annotation says matters to the type checker only. At run time typing compiles a
    # string annotation as the class is made, and a process's first compile() builds all of
    # Python's syntax-tree classes first: a noticeable part of an export's start, for one
    # field (benchmarks/start_parts.py).
    _Sublist = object


class ListItem(NamedTuple):
    runs: tuple[Run, ...]
    children: _Sublist = None


class ListBlock(NamedTuple):
    """A bullet or numbered list; ``start`` is the first number of a numbered list."""

    ordered: bool
    items: tuple[ListItem, ...]
    start: int = 1


Block = Paragraph | Heading | ListBlock


def plain_text(blocks: tuple[Block, ...]) -> str:
    """The words of ``blocks`` without markup, one block per line (for previews and checks)."""
    lines: list[str] = []

    def add_list(block: ListBlock) -> None:
        for item in block.items:
            lines.append(runs_text(item.runs))
            if item.children is not None:
                add_list(item.children)

    for block in blocks:
        if isinstance(block, ListBlock):
            add_list(block)
        else:
            lines.append(runs_text(block.runs))
    return "\n".join(lines)


def runs_text(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs)


def merge_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Join neighbouring runs with the same formatting; drop breaks at either end."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and not previous.is_line_break
            and not run.is_line_break
            and (previous.bold, previous.italic) == (run.bold, run.italic)
        ):
            merged[-1] = Run(previous.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    while merged and merged[0].is_line_break:
        merged.pop(0)
    while merged and merged[-1].is_line_break:
        merged.pop()
    return tuple(merged)
