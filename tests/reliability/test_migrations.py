"""Upgrades take a verified backup first, run in one transaction, and never lose or cascade-delete rows.

These tests take a record back to version 1 (without the tables versions 2 and 3 added) and give
``upgrade`` their own step from 1 to 2 (then the real one from 2 to 3), to prove the mechanics with steps
that fail in every way; the real steps are proved by the schema fixtures. The upgrade to schema 3 gives
the record its identity, and names the backup taken before it after that identity.
"""

import sqlite3
from pathlib import Path

import pytest

import skilltrack.record.backup as backup_module
import skilltrack.record.migrations as migrations
from skilltrack.record.backup import list_backups
from skilltrack.record.connection import APPLICATION_ID, record_identity
from skilltrack.record.errors import StorageError
from skilltrack.record.migrations import SCHEMA_VERSION, Step
from skilltrack.record.opener import open_record
from tests.reliability.records import (
    application_id,
    count_rows,
    fingerprint,
    make_record,
    raw_connection,
    scalar,
    user_version,
)

TABLES = ("skill", "skill_alias", "skill_rating", "learning_session", "project", "project_skill", "evidence")


SYNC_TABLES = ("sync_replica", "sync_operation", "sync_peer", "sync_merge")


@pytest.fixture
def record(db_path: Path) -> Path:
    """A version-1 record with rows in the tables that reference ``skill``."""
    make_record(db_path, sessions=30)
    connection = raw_connection(db_path)
    try:
        # Schema 1 had no sync: neither the triggers that record changes nor their tables.
        triggers = connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (trigger,) in triggers:
            connection.execute(f"DROP TRIGGER {trigger}")
        for table in ("posting", "interview_practice", "story", "record_identity", *SYNC_TABLES):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("PRAGMA user_version = 1")
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (1, 'Golang', 'golang')"
        )
        connection.execute(
            "INSERT INTO skill_rating (uuid, skill_id, level, rated_on, note, created_at_utc) "
            "VALUES ('00000000000000000000000000000001', 1, 3, '2026-01-01', '', '2026-01-01 00:00:00')"
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
    assert user_version(db_path) == 1
    return db_path


def counts(path: Path) -> dict[str, int]:
    return {table: count_rows(path, table) for table in TABLES}


def columns(path: Path, table: str) -> list[str]:
    connection = raw_connection(path)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def backups(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []


def add_level_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE skill ADD COLUMN target_level INTEGER")


def and_the_real_one(first: Step) -> Step:
    """``first``, then the real step from 1 to 2 (later steps record every table's rows, so the tables
    the real step adds must be there)."""
    real = migrations.STEPS[1]

    def step(connection: sqlite3.Connection) -> None:
        first(connection)
        real(connection)

    return step


def then_the_rest(first: Step) -> dict[int, Step]:
    """``first`` (with the real step) from schema 1 to 2, then the real steps from 2 on."""
    return {**migrations.STEPS, 1: and_the_real_one(first)}


def test_upgrade_backs_up_first_then_runs_the_step_and_keeps_every_row(record: Path) -> None:
    before = counts(record)
    assert before["learning_session"] == 30

    backup = migrations.upgrade(record, 1, then_the_rest(add_level_column))

    # A verified backup beside the file, taken before the step ran, named after the identity it gave.
    identity = record_identity(record)
    assert identity is not None
    assert backup.parent == record.parent / "backups"
    assert backups(record) == [backup]
    assert backup.name.startswith(f"record-{identity[:8]}-") and "schema1" in backup.name
    assert [item.path for item in list_backups(record)] == [backup]
    assert record_identity(backup) is None
    assert scalar(backup, "PRAGMA quick_check") == "ok"
    assert counts(backup) == before
    assert user_version(backup) == 1
    assert application_id(backup) == APPLICATION_ID
    assert "target_level" not in columns(backup, "skill")
    assert not list(backup.parent.glob("*.partial"))

    # The step ran, the version moved, and nothing was lost.
    assert "target_level" in columns(record, "skill")
    assert user_version(record) == SCHEMA_VERSION
    assert application_id(record) == APPLICATION_ID
    assert counts(record) == before
    assert scalar(record, "PRAGMA integrity_check") == "ok"


def test_open_record_upgrades_an_older_record_through_the_registered_steps(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts(record)
    monkeypatch.setitem(migrations.STEPS, 1, and_the_real_one(add_level_column))

    opened = open_record(record)
    try:
        with opened.reading() as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert db.execute("SELECT count(*) FROM learning_session").fetchone()[0] == 30
    finally:
        opened.close()
    assert "target_level" in columns(record, "skill")
    assert counts(record) == before
    assert len(backups(record)) == 1


def failing_sql_step(connection: sqlite3.Connection) -> None:
    add_level_column(connection)
    connection.execute("DELETE FROM learning_session WHERE id % 2 = 0")
    connection.execute("INSERT INTO no_such_table VALUES (1)")  # sqlite3.OperationalError


def failing_python_step(connection: sqlite3.Connection) -> None:
    add_level_column(connection)
    connection.execute("DELETE FROM learning_session WHERE id % 2 = 0")
    raise ValueError("a data conversion went wrong")


def dangling_reference_step(connection: sqlite3.Connection) -> None:
    add_level_column(connection)
    connection.execute("DELETE FROM skill")  # foreign keys are off: the sessions now point nowhere


def assert_unchanged(record: Path, before: dict[str, int], snapshot: tuple[int, str]) -> None:
    assert user_version(record) == 1
    assert counts(record) == before
    assert "target_level" not in columns(record, "skill")
    assert scalar(record, "PRAGMA integrity_check") == "ok"
    assert fingerprint(record) == snapshot


def test_a_step_failing_in_sql_leaves_the_file_unchanged_and_names_the_backup(record: Path) -> None:
    before, snapshot = counts(record), fingerprint(record)

    with pytest.raises(StorageError) as caught:
        migrations.upgrade(record, 1, then_the_rest(failing_sql_step))

    assert_unchanged(record, before, snapshot)
    [backup] = backups(record)
    assert str(record) in str(caught.value)
    assert str(backup) in str(caught.value)
    assert counts(backup) == before


def test_a_step_failing_in_python_leaves_the_file_unchanged(record: Path) -> None:
    before, snapshot = counts(record), fingerprint(record)

    with pytest.raises(Exception):  # noqa: B017 (which type is checked in the next test)
        migrations.upgrade(record, 1, then_the_rest(failing_python_step))

    assert_unchanged(record, before, snapshot)
    [backup] = backups(record)
    assert counts(backup) == before


def test_a_step_failing_in_python_is_a_storage_error_naming_the_backup(record: Path) -> None:
    with pytest.raises(StorageError) as caught:
        migrations.upgrade(record, 1, then_the_rest(failing_python_step))

    [backup] = backups(record)
    assert str(record) in str(caught.value)
    assert str(backup) in str(caught.value)


def test_a_step_leaving_broken_references_is_refused_and_names_the_backup(record: Path) -> None:
    before, snapshot = counts(record), fingerprint(record)

    with pytest.raises(StorageError) as caught:
        migrations.upgrade(record, 1, then_the_rest(dangling_reference_step))

    assert_unchanged(record, before, snapshot)
    assert "broken references" in str(caught.value)
    [backup] = backups(record)
    assert str(backup) in str(caught.value)


def orphan_a_session(record: Path) -> None:
    """A session pointing at a skill that is not there, as an older skilltrack could leave behind."""
    connection = raw_connection(record)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE learning_session SET skill_id = 999 WHERE id = 1")
    finally:
        connection.close()


def test_references_broken_before_the_upgrade_do_not_stop_it_and_are_kept_for_check(record: Path) -> None:
    orphan_a_session(record)
    before = counts(record)

    migrations.upgrade(record, 1, then_the_rest(add_level_column))

    assert user_version(record) == SCHEMA_VERSION
    assert counts(record) == before
    assert scalar(record, "SELECT skill_id FROM learning_session WHERE id = 1") == 999


def test_a_step_breaking_more_references_than_were_broken_is_still_refused(record: Path) -> None:
    orphan_a_session(record)
    before, snapshot = counts(record), fingerprint(record)

    with pytest.raises(StorageError) as caught:
        migrations.upgrade(record, 1, then_the_rest(dangling_reference_step))

    assert_unchanged(record, before, snapshot)
    assert "broken references" in str(caught.value)


def test_a_missing_step_is_refused_before_anything_is_written(record: Path) -> None:
    before, snapshot = counts(record), fingerprint(record)

    with pytest.raises(StorageError) as caught:
        migrations.upgrade(record, 1, {})

    assert "cannot upgrade" in str(caught.value)
    assert_unchanged(record, before, snapshot)
    assert backups(record) == []


def rebuild_skill_table(connection: sqlite3.Connection) -> None:
    """The usual SQLite table rebuild: create the new table, copy, drop the old one, rename."""
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'skill'"
    ).fetchone()
    create = str(row[0])
    assert create.startswith("CREATE TABLE skill ")
    head, _, rest = create.partition("(")
    assert head.strip() == "CREATE TABLE skill"
    new_create = f"CREATE TABLE skill_new (target_level INTEGER, {rest}"
    connection.execute(new_create)
    connection.execute(
        "INSERT INTO skill_new (id, uuid, name, name_key, kind, created_at_utc) "
        "SELECT id, uuid, name, name_key, kind, created_at_utc FROM skill"
    )
    connection.execute("DROP TABLE skill")
    connection.execute("ALTER TABLE skill_new RENAME TO skill")


def test_a_table_rebuild_does_not_cascade_delete_the_rows_that_reference_it(record: Path) -> None:
    before = counts(record)
    assert before["learning_session"] > 0 and before["skill_alias"] > 0 and before["skill_rating"] > 0

    migrations.upgrade(record, 1, then_the_rest(rebuild_skill_table))

    assert user_version(record) == SCHEMA_VERSION
    assert counts(record) == before
    assert "target_level" in columns(record, "skill")
    connection = raw_connection(record)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The references still work after the rebuild: deleting the skill now cascades as designed.
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM skill WHERE id = 1")
        assert connection.execute("SELECT count(*) FROM learning_session").fetchone() == (0,)
    finally:
        connection.close()


def test_the_same_rebuild_with_foreign_keys_on_would_delete_sessions(record: Path) -> None:
    """The control for the test above: it would catch an upgrade that left foreign keys on."""
    connection = raw_connection(record)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN IMMEDIATE")
        rebuild_skill_table(connection)
        lost = connection.execute("SELECT count(*) FROM learning_session").fetchone()
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    assert lost == (0,)
    assert count_rows(record, "learning_session") == 30


def test_a_record_upgraded_by_another_process_meanwhile_names_this_one_s_backup_after_its_identity(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes open an older record at once: each takes a backup, one upgrades, and the other's
    backup is named after the identity the first one gave (it holds none itself)."""
    take = backup_module.backup_before_upgrade

    def backup_then_another_process_upgrades(database: Path, from_version: int) -> Path:
        taken = take(database, from_version)
        monkeypatch.setattr(backup_module, "backup_before_upgrade", take)
        migrations.upgrade(database, from_version, then_the_rest(add_level_column))
        return taken

    monkeypatch.setattr(backup_module, "backup_before_upgrade", backup_then_another_process_upgrades)

    mine = migrations.upgrade(record, 1, then_the_rest(add_level_column))

    identity = record_identity(record)
    assert identity is not None
    assert user_version(record) == SCHEMA_VERSION
    assert len(backups(record)) == 2
    assert mine in backups(record)
    assert all(path.name.startswith(f"record-{identity[:8]}-") for path in backups(record))


def test_each_upgraded_record_gets_an_identity_of_its_own(record: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin" / "record.sqlite3"
    twin.parent.mkdir()
    twin.write_bytes(record.read_bytes())  # the same older file twice: two records from now on

    for path in (record, twin):
        migrations.upgrade(path, 1, then_the_rest(add_level_column))

    identities = {record_identity(record), record_identity(twin)}
    assert None not in identities and len(identities) == 2
