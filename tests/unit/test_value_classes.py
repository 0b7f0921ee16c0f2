"""The app's NamedTuple classes are made without compiling their annotations."""

from __future__ import annotations

import importlib
import re
import typing
from pathlib import Path

from tests.conftest import PROJECT_ROOT

PACKAGES = ("models", "exporters", "rrb_desktop", "ui")
NAMED_TUPLE_CLASS = re.compile(r"^class \w+\(NamedTuple\):", re.MULTILINE)
FUTURE_ANNOTATIONS = "from __future__ import annotations"


def test_modules_defining_named_tuples_evaluate_their_annotations() -> None:
    """With ``from __future__ import annotations`` every annotation is a string, and
    ``typing.NamedTuple`` compiles each field's as the class is made: most of what making
    the class costs, paid by every process that imports the module (see
    ``models.meeting_doc``)."""
    defining = _defining(PACKAGES)
    assert len(defining) > 10  # the search itself works
    postponing = [
        str(path.relative_to(PROJECT_ROOT))
        for path in defining
        if FUTURE_ANNOTATIONS in Path(path).read_text(encoding="utf-8")
    ]
    assert postponing == []


def test_the_value_classes_of_models_and_exporters_quote_no_annotation() -> None:
    """A quoted field (a class defined below) is compiled as the class is made, and a
    process's first ``compile()`` builds all of Python's syntax-tree classes before it: a
    cost to every export for one field. A class defined below is named through an alias the
    type checker reads (as ``models.notes.blocks`` does for a list item's sublist)."""
    quoted = []
    for path in _defining(("models", "exporters")):
        module = importlib.import_module(
            ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        )
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, tuple)
                and value.__module__ == module.__name__
                and hasattr(value, "_fields")
            ):
                quoted += [
                    f"{module.__name__}.{name}.{field}"
                    for field, annotation in value.__annotations__.items()
                    if isinstance(annotation, (str, typing.ForwardRef))
                ]
    assert quoted == []


def _defining(packages: tuple[str, ...]) -> list[Path]:
    """The modules of ``packages`` that define a NamedTuple class."""
    return [
        path
        for package in packages
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        if NAMED_TUPLE_CLASS.search(path.read_text(encoding="utf-8"))
    ]
