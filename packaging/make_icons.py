"""Render the app icon from ``rrb-desktop.svg``: the PNG the window shows and the Windows ICO.

Run by hand after editing the SVG (``python packaging/make_icons.py``); the outputs are
committed, so a build needs no SVG renderer. Qt's own SVG renderer draws the sizes; the
ICO holds them as PNG images, which every Windows since Vista reads. macOS builds turn the
PNG into an ``.icns`` at build time (PyInstaller does it when Pillow is installed).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "rrb-desktop.svg"
WINDOW_PNG = HERE.parent / "resources" / "rrb-desktop.png"
WINDOWS_ICO = HERE / "rrb-desktop.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO container (ICONDIR, one ICONDIRENTRY per size, then the PNG data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (QPainter needs a GUI application)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 2
    WINDOW_PNG.write_bytes(render_png(renderer, 256))
    WINDOWS_ICO.write_bytes(ico_bytes({size: render_png(renderer, size) for size in ICO_SIZES}))
    print(WINDOW_PNG)
    print(WINDOWS_ICO)
    return 0


if __name__ == "__main__":
    sys.exit(main())
