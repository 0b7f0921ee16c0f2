"""Pictures of the five layouts for the README: ``.venv/bin/python scripts/render_layouts.py``.

Exports each published example (``tests/fixtures/examples/*.json``) in its own layout,
converts the note to PDF with LibreOffice and saves the first page as
``docs/layouts/{style}.png``, so the pictures always show what the exporter writes now; and the
first page of the 2025 example's internal record as ``docs/layouts/internal-record.png``. Needs
``soffice`` (LibreOffice) and ``pdftoppm`` (poppler-utils) on the PATH; not part of the tests
or CI, because the pictures depend on the fonts of the machine that renders them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exporters.docx_export import export_docx  # noqa: E402 (after the path is set)
from models.enums import Audience  # noqa: E402
from models.interchange import read_meeting_file  # noqa: E402

EXAMPLES = ROOT / "tests" / "fixtures" / "examples"
OUT = ROOT / "docs" / "layouts"
DPI = 70


def render(source: Path, folder: Path, audience: Audience = Audience.PUBLIC) -> Path:
    """Export ``source`` and save the first page of its note as a PNG; returns the PNG."""
    meeting = read_meeting_file(source)
    name = meeting.style.value if audience is Audience.PUBLIC else "internal-record"
    note = folder / f"{name}.docx"
    export_docx(meeting, note, audience=audience)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(note)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    stem = folder / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
         str(note.with_suffix(".pdf")), str(stem)],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    target = OUT / f"{name}.png"
    shutil.copyfile(stem.with_suffix(".png"), target)
    return target


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"render_layouts: {' and '.join(missing)} not found on the PATH", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for source in sorted(EXAMPLES.glob("*.json")):
            print(render(source, Path(folder)))
        print(render(EXAMPLES / "2025-03-20-public-note.json", Path(folder), Audience.INTERNAL))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
