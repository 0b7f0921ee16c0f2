"""When two pieces of text name the same thing: one key for organisations and boards.

People type "MOPAC", paste it in fullwidth letters from a PDF, import "É" composed one way
from one file and the other way from another, or carry a zero-width space or soft hyphen from Word.
All of them are one organisation, so comparisons go through :func:`text_key`: Unicode NFKC
(compatibility forms such as fullwidth letters become plain ones), case folding, invisible
format characters removed and runs of white space made one space. The text shown to the user
stays exactly as typed; only the comparison uses the key.
"""

from __future__ import annotations

import unicodedata


def visible_text(text: str) -> str:
    """Text as a reader sees it: compatibility forms (fullwidth letters) made plain,
    invisible format characters removed, runs of white space one space. Case is kept."""
    visible = "".join(
        char for char in unicodedata.normalize("NFKC", text) if unicodedata.category(char) != "Cf"
    )
    return " ".join(visible.split())


def text_key(text: str) -> str:
    """What makes two names or abbreviations the same."""
    # Case folding can undo NFKC (e.g. "ẞ" folds to "ss", fine; some fold to decomposed
    # forms), so normalise once more after it.
    return " ".join(unicodedata.normalize("NFKC", visible_text(text).casefold()).split())
