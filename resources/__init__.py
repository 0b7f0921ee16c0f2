"""Files the app ships: the reference template, the sample meeting, the Census name lists.

:data:`FOLDER` finds them by path, as plain files beside this module (in the source tree, an
installed package and the PyInstaller bundle alike): ``importlib.resources.files`` would do
the same, but its readers import ``zipfile`` for packages inside zips, which a command-line
export does not otherwise need (see ``exporters.lean``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

FOLDER: Final = Path(__file__).resolve().parent
