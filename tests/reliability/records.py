"""Helpers shared by the reliability tests: real records on disk, raw looks at them, and child processes."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.domain.dates import SessionStart
from skilltrack.record.opener import open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import insert_skill

WRITER = Path(__file__).with_name("writer_process.py")
"""The child process script: opens a record and commits sessions, one transaction each."""


def session_start(number: int) -> SessionStart:
    """A distinct, valid start for the ``number``-th session (spread over past days)."""
    day = date(2026, 1, 1) + timedelta(days=number % 300)
    started = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC) + timedelta(seconds=number)
    return SessionStart(started_at_utc=started, local_day=day, time_zone="UTC")


def make_record(path: Path, sessions: int = 20, note_size: int = 40) -> None:
    """A real skilltrack record at ``path`` with one skill and ``sessions`` sessions, closed cleanly."""
    record = open_record(path)
    try:
        with record.writing() as db:
            skill = insert_skill(db, name="Go", kind="language", aliases=())
            for number in range(sessions):
                insert_session(
                    db,
                    skill_id=skill.id,
                    start=session_start(number),
                    minutes=5 + number % 60,
                    kind="study",
                    note=f"session {number} " + "x" * note_size,
                )
    finally:
        record.close()


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection that manages its own transactions."""
    return sqlite3.connect(path, isolation_level=None, timeout=10)


def scalar(path: Path, sql: str) -> object:
    connection = raw_connection(path)
    try:
        row = connection.execute(sql).fetchone()
    finally:
        connection.close()
    assert row is not None
    value: object = row[0]
    return value


def count_rows(path: Path, table: str) -> int:
    value = scalar(path, f"SELECT count(*) FROM {table}")
    assert isinstance(value, int)
    return value


def integrity(path: Path) -> str:
    return str(scalar(path, "PRAGMA integrity_check"))


def user_version(path: Path) -> int:
    value = scalar(path, "PRAGMA user_version")
    assert isinstance(value, int)
    return value


def application_id(path: Path) -> int:
    value = scalar(path, "PRAGMA application_id")
    assert isinstance(value, int)
    return value


def fingerprint(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file, to prove it was not changed."""
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def child_environment() -> dict[str, str]:
    """The (already isolated) environment for child processes, unbuffered."""
    environment = dict(os.environ)
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


def start_writer(path: Path, count: int, tag: str, *, wait: bool = False) -> "subprocess.Popen[str]":
    """Start a child that commits ``count`` sessions to ``path`` and prints the total after each commit.

    With ``wait`` it first prints ``ready`` and waits for a line on stdin before opening the record
    (see :func:`release_together`; ``communicate()`` closes stdin afterwards).
    """
    command = [sys.executable, str(WRITER), str(path), str(count), tag]
    if wait:
        command.append("--wait")
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_environment(),
    )


def release_together(children: list["subprocess.Popen[str]"]) -> None:
    """Wait until every child started with ``wait=True`` is ready, then let them all go at once."""
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "ready":
            _, error = child.communicate(timeout=30)
            raise AssertionError(f"child did not start: {line!r} {error}")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
