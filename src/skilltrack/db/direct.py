"""The record through sqlite3 alone: what ``log``, ``status`` and the app's dashboard need, fast.

Importing SQLAlchemy and SQLModel and setting up their mappers takes most of a second, longer than
any of these commands' work even at 100,000 sessions. This module opens a record that is already in
the current schema with the same checks and connection settings as :mod:`skilltrack.db.engine`
(which takes both from here), runs reads (:mod:`skilltrack.db.reads`) in one deferred transaction
and writes in one short ``BEGIN IMMEDIATE`` one, and never imports the ORM.

Anything unusual — no file yet, an older or newer schema, a file that is not a record — gives
``None`` from :func:`opened`, and the caller takes the ORM path, which creates, upgrades or refuses
exactly as before. The tables and columns used here are the ones :mod:`skilltrack.db.models`
defines; ``tests/unit/test_direct.py`` holds the two together.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from skilltrack.db import stored
from skilltrack.db.backup_names import auto_backup_if_due
from skilltrack.db.errors import RecordError, StorageError, explain_sqlite_error
from skilltrack.db.migrations import SCHEMA_VERSION
from skilltrack.domain.dates import resolve_session_start, week_start
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.errors import InputError
from skilltrack.domain.names import clean_name, name_key
from skilltrack.domain.session_draft import SessionDraft

APPLICATION_ID = 0x534B5452
"""``PRAGMA application_id`` of every skilltrack file ("SKTR"): how we know a file is ours."""
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


# ── the checks and settings both paths use ──────────────────────────────────────────────────────


def inspect_file(path: Path) -> int:
    """The schema version of a skilltrack file, reading it without writing a byte."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise StorageError(path, "is a folder, not a skilltrack database", "give a file path") from None
    except OSError as error:
        raise StorageError(path, f"cannot be read ({error.strerror})", "check its permissions") from None
    if size == 0:
        raise StorageError(
            path,
            "is empty, so it is not a skilltrack database",
            "it was left untouched; remove it to start a new record there, or use --db PATH",
        )
    if header != SQLITE_HEADER:
        raise StorageError(
            path,
            "is not a skilltrack database",
            "it was left untouched; check the path given to --db",
        )
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise explain_sqlite_error(path, error) from None
    if application_id != APPLICATION_ID or version < 1:
        raise StorageError(
            path,
            "is an SQLite database of another program, not a skilltrack record",
            "it was left untouched; check the path given to --db",
        )
    if version > SCHEMA_VERSION:
        raise StorageError(
            path,
            f"was written by a newer skilltrack (schema {version}; this one knows up to {SCHEMA_VERSION})",
            "upgrade skilltrack to use it; the file was left untouched",
        )
    return int(version)


def configure_connection(connection: sqlite3.Connection) -> None:
    """Every connection to the record: we issue BEGIN ourselves, foreign keys on, WAL, full sync."""
    connection.isolation_level = None  # pysqlite's own transaction handling must stay out
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # A read-only file keeps its journal mode: reads still work, and writes report the problem.
    with suppress(sqlite3.OperationalError):
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


# ── the record, opened directly ─────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class DirectRecord:
    path: Path
    connection: sqlite3.Connection

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query in it sees the same record."""
        with self._transaction("BEGIN"):
            yield self.connection

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One user action's write: ``BEGIN IMMEDIATE``, commit on success, roll back on any error."""
        with self._transaction("BEGIN IMMEDIATE"):
            yield self.connection

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        try:
            self.connection.execute(begin)
            try:
                yield
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")
        except sqlite3.Error as error:
            if self.connection.in_transaction:
                with suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
            raise explain_sqlite_error(self.path, error) from error

    def close(self) -> None:
        self.connection.close()


def open_direct(path: Path, *, check_same_thread: bool = True) -> DirectRecord | None:
    """The record at ``path`` opened without the ORM, or ``None`` when the ORM path must handle it."""
    path = path.expanduser().absolute()
    if not path.is_file():
        return None  # a new record: the ORM path creates it
    try:
        if inspect_file(path) != SCHEMA_VERSION:
            return None  # an older schema: the ORM path upgrades it after a backup
    except StorageError:
        return None  # the ORM path refuses it with the same message
    auto_backup_if_due(path)  # at most one per 30 minutes; a failure warns and never stops the command
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=check_same_thread
        )
        configure_connection(connection)
    except sqlite3.Error:
        return None
    return DirectRecord(path, connection)


@contextmanager
def opened(path: Path) -> Iterator[DirectRecord | None]:
    record = open_direct(path)
    try:
        yield record
    finally:
        if record is not None:
            record.close()


def today(connection: sqlite3.Connection, now_utc: datetime, fallback_zone: ZoneInfo) -> date:
    """Today in the record's home zone."""
    return now_utc.astimezone(stored.home_zone(connection, fallback_zone)).date()


# ── log ─────────────────────────────────────────────────────────────────────────────────────────


LOG_INSERT = (
    "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, "
    "note, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
"""Every column of ``learning_session`` but its id, stored as the ORM stores them (see stored)."""


def new_uuid_hex() -> str:
    """What ``uuid.uuid4().hex`` gives (a random version-4 UUID, as the record stores it), made here
    because importing :mod:`uuid` took longer than writing the session."""
    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)  # the RFC 4122 variant
    value = (value & ~(0xF000 << 64)) | (4 << 76)  # version 4
    return f"{value:032x}"


@dataclass(frozen=True)
class LoggedSession:
    skill: str
    minutes: int
    kind: str
    local_day: date
    week_minutes: int
    notice: str


def log_session(
    record: DirectRecord, draft: SessionDraft, *, now_utc: datetime, fallback_zone: ZoneInfo
) -> LoggedSession | None:
    """Log a session on a skill the record already knows by that name or alias.

    ``None`` (and nothing written) when the skill is not in the record: creating it from the ladder,
    or suggesting a near name, is the ORM path's work (:func:`skilltrack.actions.log_session`).
    """
    name = clean_name(draft.skill, field="skill")
    with record.writing() as connection:
        zone = stored.home_zone(connection, fallback_zone)
        today = now_utc.astimezone(zone).date()
        if draft.day is not None and draft.day > today:
            raise InputError("date", f"{draft.day.isoformat()} is in the future; use today or earlier")
        start = resolve_session_start(
            minutes=draft.minutes, now_utc=now_utc, zone=zone, day=draft.day, at=draft.at
        )
        found = stored.find_skill_id(connection, {name_key(name)})
        if found is None:
            return None
        if not 1 <= draft.minutes <= MAX_SESSION_MINUTES:
            raise RecordError("duration: use between 1 minute and 24 hours")
        skill_id, skill = found
        connection.execute(
            LOG_INSERT,
            (
                new_uuid_hex(),
                skill_id,
                stored.stored_instant(start.started_at_utc),
                start.time_zone,
                start.local_day.isoformat(),
                draft.minutes,
                draft.kind,
                draft.note,
                stored.stored_instant(datetime.now(UTC)),
            ),
        )
        week = stored.minutes_between(connection, week_start(today), today)
    return LoggedSession(skill, draft.minutes, draft.kind, start.local_day, week, "")
