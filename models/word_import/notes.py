"""An item's body, read back from Word paragraphs into the notes Markdown subset.

Sub-headings, lists (one nested level), numbered lists, bold and italic come back as the
blocks of :mod:`models.notes`, written in the one canonical form, so an imported note is
stored exactly as the editor would store the same text typed in. An ``Actions:`` label and
the list under it are actions, not notes; a sentence that reads like an action
(``MPS to review ...``) stays in the notes and is reported as a possible action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from models.notes import Block, Heading, ListBlock, ListItem, Paragraph, Run, render_markdown
from models.word_import.document import Line
from models.word_import.wording import split_owners

_ACTIONS_LABEL: Final = re.compile(r"^\s*actions?\s*:\s*", re.IGNORECASE)
_INLINE_BULLETS: Final = re.compile(r"\s*[\u2022\u25cf\u25aa\u00b7]\s*")


@dataclass
class ItemBody:
    """What an item's paragraphs hold: the notes, the printed actions, possible actions."""

    notes: str = ""
    actions: list[str] = field(default_factory=list)
    run_on_actions: list[str] = field(default_factory=list)
    possible_actions: list[str] = field(default_factory=list)


def read_item_body(lines: list[Line], item_level: int | None, known: set[str]) -> ItemBody:
    """Turn ``lines`` into notes and actions; ``item_level`` is the outline level of the
    item heading (None when the item was a table row or a bold line)."""
    body = ItemBody()
    blocks: list[Block] = []
    sub_levels = sorted({line.heading for line in lines if line.heading is not None})
    base = item_level + 1 if item_level is not None else (sub_levels[0] if sub_levels else 3)
    pending: list[Line] = []
    in_actions = False

    def flush_list() -> None:
        if pending:
            blocks.extend(_lists(pending))
            pending.clear()

    for line in lines:
        text = line.text
        if not text:
            continue
        label = _ACTIONS_LABEL.match(text)
        if label and line.list_level is None and line.heading is None:
            flush_list()
            in_actions = True
            rest = text[label.end() :].strip()
            if rest:
                parts = [part for part in _INLINE_BULLETS.split(rest) if part.strip()]
                body.actions.extend(part.strip() for part in parts)
                if len(parts) == 1 and rest.count(" to ") > 1:
                    body.run_on_actions.append(rest)
            continue
        if in_actions and line.list_level is not None:
            body.actions.append(text)
            continue
        in_actions = False
        if line.list_level is not None:
            pending.append(line)
            if split_owners(text, known) is not None:
                body.possible_actions.append(text)
            continue
        flush_list()
        if line.heading is not None:
            blocks.append(Heading(3 if line.heading <= base else 4, line.runs))
        else:
            blocks.append(Paragraph(line.runs))
            if split_owners(text, known) is not None:
                body.possible_actions.append(text)
    flush_list()
    body.notes = render_markdown(tuple(blocks))
    return body


def _lists(lines: list[Line]) -> list[ListBlock]:
    """Consecutive list paragraphs as lists: a change of kind at the top level starts a new
    list; deeper paragraphs nest under the item before them (one level, as the subset has)."""
    lists: list[ListBlock] = []
    top: list[tuple[tuple[Run, ...], list[Line]]] = []
    ordered = lines[0].ordered

    def close() -> None:
        if top:
            items = tuple(ListItem(runs, _children(children)) for runs, children in top)
            lists.append(ListBlock(ordered, items))
            top.clear()

    for line in lines:
        level = line.list_level or 0
        if level > 0 and top:
            top[-1][1].append(line)
            continue
        if top and line.ordered != ordered:
            close()
        if not top:
            ordered = line.ordered
        top.append((line.runs, []))
    close()
    return lists


def _children(lines: list[Line]) -> ListBlock | None:
    if not lines:
        return None
    return ListBlock(lines[0].ordered, tuple(ListItem(line.runs) for line in lines))
