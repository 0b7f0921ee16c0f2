"""What the preview made of recently rendered paragraphs, by each paragraph's XML.

The preview pane re-renders the whole note after every edit, and all but the edited
paragraph are the same as last time. A paragraph's look and runs in HTML
(``exporters.preview``) depend only on its XML and on the document's styles, so they are
kept by the paragraph's XML text, one cache per set of styles (the styles part's XML: ours,
or a user's template).

Serialising paragraphs one by one to make the keys would cost as much as reading them (lxml
writes every namespace the document declares on each one), so the container (the body, a
header, a table cell) is serialised once and cut into its paragraphs and tables at their
top-level tags: :func:`child_keys`. Its result is used only when it provably matches the
children: no comment, processing instruction or CDATA section whose text could look like a
tag, and exactly as many pieces as the container has paragraphs and tables.
"""

from __future__ import annotations

import re
from typing import Any, Final

from lxml.etree import tostring

from models.bounded_cache import BoundedCache

# A start, end or empty tag of a paragraph or table: ``<w:p>``, ``<w:p w:rsidR="1">``,
# ``</w:tbl>``, ``<w:p/>`` (not ``<w:pPr>``). Serialised XML escapes ``<`` and ``>`` in
# text and attribute values, so a tag always ends at the first ``>``.
_TAG: Final = re.compile(r"<(/?)w:(?:p|tbl)(?=[\s/>])[^>]*?(/?)>")
_NOT_ELEMENTS: Final = ("<!", "<?")  # a comment or CDATA section; a processing instruction
# Bounded in characters of paragraph XML: a few long notes' worth (the HTML held is smaller).
_CHARACTERS: Final = 2_000_000
_STYLE_SETS: Final = 2

Read = tuple[Any, str]  # (the paragraph's look, its runs as HTML): see exporters.preview
ParagraphCache = BoundedCache[str, Read]

_CACHES: Final = BoundedCache[str, ParagraphCache](_STYLE_SETS, 1)


def paragraph_cache(styles: Any) -> ParagraphCache:
    """The cache of paragraphs rendered with the styles part ``styles`` (its element)."""
    key = tostring(styles, encoding=str)
    cache = _CACHES.get(key)
    if cache is None:
        cache = ParagraphCache(_CHARACTERS, _CHARACTERS // 8)
        _CACHES.put(key, cache, 1)
    return cache


def clear_preview_cache() -> None:
    """Forget every rendered paragraph (the benchmark's cold render starts from nothing)."""
    _CACHES.clear()


def child_keys(container: Any, count: int) -> list[str] | None:
    """The XML of each paragraph and table directly inside ``container``, in order, or None
    when the serialised container cannot be cut into exactly ``count`` of them."""
    xml = tostring(container, encoding=str)
    if any(marker in xml for marker in _NOT_ELEMENTS):
        return None
    pieces: list[str] = []
    depth = 0
    start = 0
    for tag in _TAG.finditer(xml):
        closing, empty = tag.groups()
        if closing:
            depth -= 1
            if depth == 0:
                pieces.append(xml[start : tag.end()])
        elif empty:
            if depth == 0:
                pieces.append(tag.group(0))
        else:
            if depth == 0:
                start = tag.start()
            depth += 1
    return pieces if depth == 0 and len(pieces) == count else None
