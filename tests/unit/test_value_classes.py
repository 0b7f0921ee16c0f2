"""The app's NamedTuple classes are made without compiling their annotations."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import PROJECT_ROOT

PACKAGES = ("models", "exporters", "rrb_desktop", "ui")
NAMED_TUPLE_CLASS = re.compile(r"^class \w+\(NamedTuple\):", re.MULTILINE)
FUTURE_ANNOTATIONS = "from __future__ import annotations"


def test_modules_defining_named_tuples_evaluate_their_annotations() -> None:
    """With ``from __future__ import annotations`` every annotation is a string, and
    ``typing.NamedTuple`` compiles each field's as the class is made: most of what making
    the class costs, paid by every process that imports the module (see
    ``models.meeting_doc``). Such a module quotes only what is defined below it."""
    defining = [
        path
        for package in PACKAGES
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        if NAMED_TUPLE_CLASS.search(path.read_text(encoding="utf-8"))
    ]
    assert len(defining) > 10  # the search itself works
    postponing = [
        str(path.relative_to(PROJECT_ROOT))
        for path in defining
        if FUTURE_ANNOTATIONS in Path(path).read_text(encoding="utf-8")
    ]
    assert postponing == []
