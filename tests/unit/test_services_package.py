"""``models.services`` loads its parts when a function is first asked for (so the window's
first screen is drawn before SQLAlchemy loads); every name it offers must still be there,
and be the one object its part defines."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

from models import services


def _type_checking_names() -> set[str]:
    """The names the package imports for the type checker (what mypy sees)."""
    tree = ast.parse(inspect.getsource(services))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    names.update(alias.asname or alias.name for alias in statement.names)
    return names


def test_every_name_the_type_checker_sees_is_offered() -> None:
    assert _type_checking_names() <= set(services.__all__)


def test_every_name_offered_is_the_object_its_part_defines() -> None:
    for name in services.__all__:
        value = getattr(services, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert getattr(importlib.import_module(value.__module__), name) is value, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_service"):
        getattr(services, "no_such_service")  # noqa: B009 (a name no code may use)
