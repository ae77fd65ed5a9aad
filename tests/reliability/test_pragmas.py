"""The record's connection is set up safely, writes take the write lock up front, and failed writes leave
nothing."""

import sqlite3

import pytest

from skilltrack.domain.framework import Framework
from skilltrack.record.errors import RecordError, StorageError
from skilltrack.record.opener import Record, open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import add_skill, insert_skill, resolve_skill
from tests.reliability.records import count_rows, raw_connection, session_start

PRAGMAS = ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")


def read_pragmas(db: sqlite3.Connection) -> dict[str, object]:
    return {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}


def assert_safe(values: dict[str, object]) -> None:
    assert values["foreign_keys"] == 1
    assert str(values["journal_mode"]).lower() == "wal"
    busy = values["busy_timeout"]
    assert isinstance(busy, int)
    assert busy >= 5000
    assert values["synchronous"] == 2  # FULL


def test_the_connection_is_set_up_safely_for_reads_and_writes(record: Record) -> None:
    with record.reading() as db:
        assert_safe(read_pragmas(db))
    with record.writing() as db:
        assert_safe(read_pragmas(db))


def test_a_record_opened_again_is_set_up_too(record: Record) -> None:
    record.close()
    again = open_record(record.path)
    try:
        with again.reading() as db:
            assert_safe(read_pragmas(db))
    finally:
        again.close()


def traced(record: Record) -> list[str]:
    """Every statement SQLite runs on the record's connection from now on."""
    statements: list[str] = []
    with record.reading() as db:
        db.set_trace_callback(statements.append)
    statements.clear()
    return statements


def transaction_statements(statements: list[str]) -> list[str]:
    """The statements, normalised to upper case without extra spaces."""
    return [" ".join(statement.split()).upper() for statement in statements]


def test_writes_begin_immediate_and_reads_begin_deferred(record: Record) -> None:
    statements = traced(record)
    with record.writing() as db:
        insert_skill(db, name="Go", kind="language", aliases=())
    written = transaction_statements(statements)
    assert written[0] == "BEGIN IMMEDIATE"
    assert sum(statement.startswith("BEGIN") for statement in written) == 1
    assert any(statement.startswith("INSERT") for statement in written)
    assert written[-1] == "COMMIT"

    statements.clear()
    with record.reading() as db:
        assert [name for (name,) in db.execute("SELECT name FROM skill")] == ["Go"]
    read = transaction_statements(statements)
    assert read[0] == "BEGIN"
    assert any(statement.startswith("SELECT") for statement in read[1:])
    assert not any(statement.startswith(("INSERT", "UPDATE", "DELETE")) for statement in read)


def test_every_write_transaction_begins_immediate(record: Record, framework: Framework) -> None:
    statements = traced(record)
    for number in range(3):
        with record.writing() as db:
            skill = resolve_skill(db, typed="Go", ladder=lambda: framework).skill
            insert_session(db, skill_id=skill.id, start=session_start(number), minutes=5, kind="study")
    begins = [statement for statement in transaction_statements(statements) if statement.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"] * 3


def assert_nothing_written_and_unlocked(record: Record) -> None:
    assert count_rows(record.path, "skill") == 0
    assert count_rows(record.path, "learning_session") == 0
    with record.reading() as db:
        assert db.execute("SELECT count(*) FROM skill").fetchone()[0] == 0
    # The write lock was released: another program can take it at once.
    other = raw_connection(record.path)
    try:
        other.execute("PRAGMA busy_timeout = 0")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_an_exception_inside_a_write_rolls_it_back(record: Record) -> None:
    with pytest.raises(RuntimeError, match="boom"), record.writing() as db:
        skill = insert_skill(db, name="Go", kind="language", aliases=())
        insert_session(db, skill_id=skill.id, start=session_start(0), minutes=5, kind="study")
        assert db.execute("SELECT count(*) FROM learning_session").fetchone()[0] == 1  # it reached SQLite
        raise RuntimeError("boom")
    assert_nothing_written_and_unlocked(record)


def test_a_refused_request_inside_a_write_rolls_it_back(record: Record, framework: Framework) -> None:
    with pytest.raises(RecordError), record.writing() as db:
        add_skill(db, typed="Go", framework=framework)
        add_skill(db, typed="Go", framework=framework)  # a duplicate: refused
    assert_nothing_written_and_unlocked(record)


def test_a_constraint_failure_inside_a_write_rolls_it_back_as_storage_error(record: Record) -> None:
    with pytest.raises(StorageError) as caught, record.writing() as db:
        skill = insert_skill(db, name="Go", kind="language", aliases=())
        db.execute(
            "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, "
            "kind, note, created_at_utc) VALUES ('ab', ?, '2026-01-01 12:00:00.000000', 'UTC', '2026-01-01', "
            "0, 'study', '', '2026-01-01 12:00:00.000000')",
            (skill.id,),
        )
    assert str(record.path) in str(caught.value)
    assert_nothing_written_and_unlocked(record)
