"""The domain core and the exporters must work without Qt: the CLI, the tests and any
future server run them headless, and a Qt import there would be a design leak."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_models_and_exporters_import_without_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import models, exporters\n"
        "for package in (models, exporters):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import models.services, models.interchange, models.database, exporters.docx_export\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(leaked))\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"PySide6 imported by: {result.stdout}{result.stderr}"
