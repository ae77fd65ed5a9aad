"""A write while another program holds the write lock waits for it, then fails clearly if it stays held."""

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import skilltrack.record.connection as connection_module
import skilltrack.record.opener as opener_module
from skilltrack.record.connection import BUSY_TIMEOUT_MS
from skilltrack.record.errors import StorageError
from skilltrack.record.opener import Record, open_record
from skilltrack.record.skills import insert_skill
from tests.reliability.records import count_rows


def add_skill(record: Record, name: str) -> None:
    with record.writing() as db:
        insert_skill(db, name=name, kind="language", aliases=())


@pytest.fixture
def holder(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection holding the write lock (``BEGIN IMMEDIATE``) on a WAL record."""
    record = open_record(db_path)
    try:
        add_skill(record, "Go")  # opening the record turns the file to WAL
    finally:
        record.close()
    # Not tied to this thread: one test releases the lock from another.
    connection = sqlite3.connect(db_path, isolation_level=None, timeout=10, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO skill (uuid, name, name_key, kind, created_at_utc) VALUES "
        "('00000000000000000000000000000001', 'Rust', 'rust', 'language', '2026-01-01')"
    )
    try:
        yield connection
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()


def test_a_write_fails_clearly_once_the_busy_timeout_passes(
    db_path: Path, holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Connections read the busy timeout from these constants when they open: a short one keeps this fast.
    monkeypatch.setattr(opener_module, "BUSY_TIMEOUT_MS", 400)
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_MS", 400)
    record = open_record(db_path)
    try:
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            add_skill(record, "Python")
        waited = time.monotonic() - started

        assert waited >= 0.3, f"failed after {waited:.2f}s instead of waiting for the lock"
        assert waited < 5
        message = str(caught.value)
        assert str(db_path) in message
        assert "locked" in message
        assert caught.value.advice

        # Reading still works while the lock is held (WAL), and shows only committed rows.
        with record.reading() as db:
            assert [name for (name,) in db.execute("SELECT name FROM skill")] == ["Go"]

        # Once the other program is done, the same write goes through.
        holder.execute("ROLLBACK")
        add_skill(record, "Python")
    finally:
        record.close()
    assert count_rows(db_path, "skill") == 2


def test_a_write_waits_for_the_lock_and_then_succeeds(db_path: Path, holder: sqlite3.Connection) -> None:
    assert BUSY_TIMEOUT_MS >= 5000
    record = open_record(db_path)
    hold_for = 1.0

    failures: list[BaseException] = []

    def release_later() -> None:
        time.sleep(hold_for)
        try:
            holder.execute("COMMIT")
        except BaseException as error:  # reported in the main thread
            failures.append(error)

    # The holder's connection is used from the releasing thread only from now on.
    releaser = threading.Thread(target=release_later)
    try:
        started = time.monotonic()
        releaser.start()
        add_skill(record, "Python")
        waited = time.monotonic() - started
    finally:
        releaser.join(timeout=30)
        record.close()

    assert not failures, failures
    assert waited >= hold_for * 0.9, f"the write finished after {waited:.2f}s while the lock was held"
    assert waited < BUSY_TIMEOUT_MS / 1000
    assert count_rows(db_path, "skill") == 3  # Go, the holder's Rust, and Python
