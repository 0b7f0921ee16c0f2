"""The models-level tests run on both homes of the archive: SQLite and PostgreSQL.

Only here, not for the window's tests: the models are where the dialects differ, and the
window talks to the models only.
"""

from __future__ import annotations

import pytest

from models.database import Database


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Database:
    """A migrated database of the test's own, on each dialect in turn."""
    if request.param == "postgresql":
        db: Database = request.getfixturevalue("postgres_database")
    else:
        db = request.getfixturevalue("sqlite_database")
    return db
