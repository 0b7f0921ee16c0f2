"""The app's icon: the file the window sets is one Qt reads, at the size the desktops want."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QImage

from rrb_desktop.app import APP_ICON_RESOURCE


def test_the_window_icon_is_a_square_picture_qt_can_read() -> None:
    image = QImage(str(files("resources").joinpath(APP_ICON_RESOURCE)))

    assert not image.isNull()
    assert (image.width(), image.height()) == (256, 256)
    assert image.hasAlphaChannel()  # rounded corners: transparent outside the square
