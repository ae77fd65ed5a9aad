"""Every released schema version has a fixture record here, and each opens in this skilltrack with every
row kept.

When a new schema version is released, add ``fixtures/schemaN.sqlite3`` (made by a ``make_schemaN.py``
beside it, using the code of that version, every table with rows) before changing the schema again. The
old fixtures stay as they are: they are the files people still have on disk, and each must upgrade to the
current schema through ``open_record`` without losing a row. Rebuilding a table with foreign keys on
would cascade-delete child rows; these tests would catch that.
"""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from skilltrack.record.connection import APPLICATION_ID
from skilltrack.record.migrations import SCHEMA_VERSION
from skilltrack.record.opener import open_record

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_FILES = sorted(FIXTURES.glob("schema*.sqlite3"))


def fixture_version(path: Path) -> int:
    match = re.fullmatch(r"schema(\d+)\.sqlite3", path.name)
    assert match, path
    return int(match[1])


def snapshot(path: Path) -> dict[str, tuple[int, set[str]]]:
    """Per table: the row count, and the UUIDs (or, for tables without one, the rowids)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        result = {}
        for table in tables:
            columns = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
            key = "uuid" if "uuid" in columns else "rowid"
            keys = {str(row[0]) for row in connection.execute(f'SELECT {key} FROM "{table}"')}
            count = int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            result[table] = (count, keys)
        return result
    finally:
        connection.close()


def test_there_is_a_fixture_for_every_schema_version_up_to_the_current_one() -> None:
    assert {fixture_version(path) for path in FIXTURE_FILES} == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[path.stem for path in FIXTURE_FILES])
def test_a_fixture_opens_in_this_version_with_every_row_kept(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    shutil.copyfile(fixture, path)  # the fixture itself is never opened for writing
    before = snapshot(path)
    assert before, "the fixture has no tables"
    empty = [table for table, (count, _) in before.items() if count == 0]
    assert not empty, f"the fixture should have rows in every table: {empty}"

    open_record(path).close()

    after = snapshot(path)
    for table, (count, keys) in before.items():
        assert table in after, f"table {table} is gone"
        assert after[table][0] == count, f"{table}: {count} rows before, {after[table][0]} after"
        assert after[table][1] == keys, f"{table}: rows changed identity"
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def schema(path: Path) -> set[tuple[str, str, str]]:
    """Every table and index with its SQL, whitespace folded (SQLite keeps the text as written)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            (str(kind), str(name), " ".join(str(sql).split()).replace("( ", "(").replace(" )", ")"))
            for kind, name, sql in connection.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            )
        }
    finally:
        connection.close()


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[path.stem for path in FIXTURE_FILES])
def test_an_upgraded_fixture_has_exactly_the_schema_of_a_new_record(fixture: Path, tmp_path: Path) -> None:
    """The upgrade steps and the models describe the same tables, columns, constraints and indexes."""
    upgraded = tmp_path / "upgraded.sqlite3"
    shutil.copyfile(fixture, upgraded)
    open_record(upgraded).close()
    new = tmp_path / "new.sqlite3"
    open_record(new).close()

    assert schema(upgraded) == schema(new)
