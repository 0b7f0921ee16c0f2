"""Build the Census name lists the pre-publication check reads (``resources/census_*.txt``).

The ``names`` package (MIT licence) ships the US Census Bureau's 1990 name lists (public
domain) one name a line with three columns of frequencies, in order of frequency. Parsing
them cost every export process several milliseconds for the given names, and tens for the
3 MB of surnames. The files built here hold only the names, lower case, sorted, one a line:
the given names are read with one ``split``, and a surname is looked up by a binary search of
the text itself (:class:`exporters.personal_data.SortedWords`), with nothing built.

Run ``.venv/bin/python resources/build_census_names.py`` after upgrading ``names`` and commit
the files; a unit test fails when they no longer match its lists.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

from exporters.personal_data import GIVEN_NAMES_FILE, SURNAMES_FILE

HERE = Path(__file__).resolve().parent
# Each file and the ``names`` lists it is made of.
SOURCES = {
    GIVEN_NAMES_FILE: ("dist.female.first", "dist.male.first"),
    SURNAMES_FILE: ("dist.all.last",),
}


def census_names(lists: tuple[str, ...]) -> list[str]:
    """The names of the ``names`` package's ``lists``, lower case, sorted, each once."""
    package = files("names")
    found: set[str] = set()
    for list_name in lists:
        for line in package.joinpath(list_name).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].casefold())
    return sorted(found)


def file_text(names: list[str]) -> str:
    """One name a line, as :mod:`exporters.personal_data` reads them."""
    return "".join(f"{name}\n" for name in names)


def main() -> int:
    for file_name, lists in SOURCES.items():
        path = HERE / file_name
        path.write_text(file_text(census_names(lists)), encoding="ascii", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
