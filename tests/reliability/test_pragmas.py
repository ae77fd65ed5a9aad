"""Every connection is set up safely, writes take the write lock up front, and failed writes leave nothing."""

import sqlite3
import threading
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import Connection, event
from sqlmodel import select

from skilltrack.db import writes
from skilltrack.db.engine import Database
from skilltrack.db.errors import RecordError, StorageError
from skilltrack.db.models import LearningSession, Skill
from skilltrack.domain.framework import Framework
from tests.reliability.records import count_rows, raw_connection, session_start

PRAGMAS = ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")


def read_pragmas(connection: Connection) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in PRAGMAS:
        values[name] = connection.exec_driver_sql(f"PRAGMA {name}").scalar()
    return values


def assert_safe(values: dict[str, object]) -> None:
    assert values["foreign_keys"] == 1
    assert str(values["journal_mode"]).lower() == "wal"
    busy = values["busy_timeout"]
    assert isinstance(busy, int)
    assert busy >= 5000
    assert values["synchronous"] == 2  # FULL


def test_every_pooled_connection_is_set_up_safely(db: Database) -> None:
    seen: list[dict[str, object]] = []
    dbapi_ids: set[int] = set()
    with ExitStack() as stack:
        # Several connections checked out at once: each is a distinct SQLite connection.
        for _ in range(3):
            connection = stack.enter_context(db.engine.connect())
            dbapi_ids.add(id(connection.connection.dbapi_connection))
            seen.append(read_pragmas(connection))

        # One more, checked out from another thread while the others are still held.
        from_thread: list[dict[str, object]] = []
        failures: list[BaseException] = []

        def check_out_elsewhere() -> None:
            try:
                with db.engine.connect() as connection:
                    dbapi_ids.add(id(connection.connection.dbapi_connection))
                    from_thread.append(read_pragmas(connection))
            except BaseException as error:  # reported in the main thread
                failures.append(error)

        thread = threading.Thread(target=check_out_elsewhere)
        thread.start()
        thread.join(timeout=30)
        assert not failures, failures
        assert len(from_thread) == 1
        seen.extend(from_thread)

    assert len(dbapi_ids) == 4
    for values in seen:
        assert_safe(values)

    # The connections the sessions use (returned to the pool and handed out again) too.
    with db.reading() as session:
        assert_safe(read_pragmas(session.connection()))
    with db.writing() as session:
        assert_safe(read_pragmas(session.connection()))


def test_a_connection_made_after_the_pool_is_emptied_is_set_up_too(db: Database) -> None:
    with db.engine.connect() as connection:
        assert_safe(read_pragmas(connection))
    db.engine.dispose()
    with db.engine.connect() as connection:
        assert_safe(read_pragmas(connection))


def traced(db: Database) -> list[str]:
    """Every statement SQLite runs on connections made from now on."""
    statements: list[str] = []
    db.engine.dispose()  # the listener only sees new connections

    def trace(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(db.engine, "connect", trace)
    return statements


def transaction_statements(statements: list[str]) -> list[str]:
    """The statements from the first BEGIN on, normalised to upper case without extra spaces."""
    cleaned = [" ".join(statement.split()).upper() for statement in statements]
    begins = [index for index, statement in enumerate(cleaned) if statement.startswith("BEGIN")]
    assert begins, f"no BEGIN among {cleaned}"
    return cleaned[begins[0] :]


def test_writes_begin_immediate_and_reads_begin_deferred(db: Database) -> None:
    statements = traced(db)

    with db.writing() as session:
        session.add(Skill(name="Go", name_key="go", kind="language"))
    write = transaction_statements(statements)
    assert write[0] == "BEGIN IMMEDIATE"
    assert sum(statement.startswith("BEGIN") for statement in write) == 1
    insert = next(index for index, statement in enumerate(write) if statement.startswith("INSERT"))
    commit = next(index for index, statement in enumerate(write) if statement.startswith("COMMIT"))
    assert 0 < insert < commit

    statements.clear()
    with db.reading() as session:
        skills = session.exec(select(Skill)).all()
    assert [skill.name for skill in skills] == ["Go"]
    read = transaction_statements(statements)
    assert read[0] in ("BEGIN", "BEGIN DEFERRED")
    assert any(statement.startswith("SELECT") for statement in read[1:])
    assert not any(statement.startswith(("INSERT", "UPDATE", "DELETE")) for statement in read)


def test_every_write_transaction_begins_immediate(db: Database, framework: Framework) -> None:
    statements = traced(db)
    for number in range(3):
        with db.writing() as session:
            skill = writes.resolve_skill(session, "Go", framework).skill
            writes.log_session(session, skill, start=session_start(number), minutes=5, kind="study")
    begins = [statement.upper() for statement in statements if statement.upper().startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"] * 3


def assert_nothing_written_and_unlocked(db: Database) -> None:
    assert count_rows(db.path, "skill") == 0
    assert count_rows(db.path, "learning_session") == 0
    with db.reading() as session:
        assert session.exec(select(Skill)).all() == []
    # No transaction was left open: another connection can take the write lock at once.
    other = raw_connection(db.path)
    try:
        other.execute("PRAGMA busy_timeout = 0")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_an_exception_inside_a_write_rolls_it_back(db: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"), db.writing() as session:
        skill = Skill(name="Go", name_key="go", kind="language")
        session.add(skill)
        session.flush()  # the row really reached SQLite inside the transaction
        assert skill.id is not None
        session.add(
            LearningSession(
                skill_id=skill.id,
                started_at_utc=session_start(0).started_at_utc,
                time_zone="UTC",
                local_day=session_start(0).local_day,
                minutes=5,
            )
        )
        session.flush()
        raise RuntimeError("boom")
    assert_nothing_written_and_unlocked(db)


def test_a_refused_request_inside_a_write_rolls_it_back(db: Database, framework: Framework) -> None:
    with pytest.raises(RecordError), db.writing() as session:
        writes.add_skill(session, "Go", framework)
        writes.add_skill(session, "Go", framework)  # a duplicate: refused
    assert_nothing_written_and_unlocked(db)


def test_a_constraint_failure_inside_a_write_rolls_it_back_as_storage_error(db: Database) -> None:
    with pytest.raises(StorageError) as caught, db.writing() as session:
        session.add(Skill(name="Go", name_key="go", kind="language"))
        session.flush()
        session.add(
            LearningSession(
                skill_id=9999,  # no such skill: the foreign key refuses it
                started_at_utc=session_start(0).started_at_utc,
                time_zone="UTC",
                local_day=session_start(0).local_day,
                minutes=5,
            )
        )
        session.flush()
    assert str(db.path) in str(caught.value)
    assert_nothing_written_and_unlocked(db)
