"""The Qt binding itself: a defect there crashes the app, not just a test."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calling_qt_does_not_leak_references_to_none() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a Qt
    method that returns nothing; after a few thousand calls (a morning of typing) Python
    aborts with "none_dealloc". The pin in pyproject.toml avoids that release; this test
    fails, rather than crashing, if a future pin brings the defect back."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10
