"""Opening the record safely: refuse what is not ours, create atomically, upgrade after a backup.

Every connection gets foreign keys, WAL, a busy timeout and ``synchronous=FULL``. Reads run in a
deferred transaction; writes in a short ``BEGIN IMMEDIATE`` one, so the TUI and a shell command can
both write without either failing half-way.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel

from skilltrack.db import models as _models  # noqa: F401  (registers the tables)
from skilltrack.db.backup import auto_backup, set_aside_orphan_journal
from skilltrack.db.errors import StorageError, explain_sqlite_error
from skilltrack.db.migrations import SCHEMA_VERSION, upgrade

APPLICATION_ID = 0x534B5452
"""``PRAGMA application_id`` of every skilltrack file ("SKTR"): how we know a file is ours."""
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
_BEGIN_OPTION = "skilltrack_begin"


@dataclass(frozen=True)
class Database:
    """An open record. Use :meth:`reading` and :meth:`writing` for one short transaction each."""

    path: Path
    engine: Engine

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.translating_errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One user action's write: ``BEGIN IMMEDIATE``, commit on success, roll back on any error."""
        with self.translating_errors(), Session(self.engine, expire_on_commit=False) as session:
            session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
            yield session
            session.commit()

    @contextmanager
    def translating_errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as error:
            raise explain_sqlite_error(self.path, error.orig or error) from error
        except sqlite3.Error as error:
            raise explain_sqlite_error(self.path, error) from error

    def close(self) -> None:
        self.engine.dispose()


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The SQLite connection under an ORM session, for the reads written in plain SQL.

    Statements on it run in the session's transaction, so they see what the session sees.
    """
    connection: sqlite3.Connection = session.connection().connection.dbapi_connection  # type: ignore[assignment]
    return connection


def open_database(path: Path) -> Database:
    """Open (or create) the record at ``path``; raise :class:`StorageError` for anything unsafe."""
    path = path.expanduser().absolute()
    if not path.exists():
        _create(path)
    version = inspect_file(path)
    if version < SCHEMA_VERSION:
        upgrade(path, version)
    auto_backup(path)  # at most one per 30 minutes; a failure warns and never stops the command
    return Database(path, _make_engine(path))


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
        with _read_only(path) as connection:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
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


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10)
    try:
        yield connection
    finally:
        connection.close()


def _create(path: Path) -> None:
    """Build a new record beside ``path`` and link it into place only if nothing is there yet."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(path, f"its folder cannot be created ({error.strerror})") from None
    building = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        engine = create_engine(f"sqlite:///{building}", poolclass=NullPool)
        try:
            with engine.begin() as connection:
                SQLModel.metadata.create_all(connection)
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            engine.dispose()
        set_aside_orphan_journal(path)
        with suppress(FileExistsError):  # another process created it first: use theirs
            os.link(building, path)
    except DBAPIError as error:
        raise explain_sqlite_error(path, error.orig or error) from None
    except OSError as error:
        raise StorageError(path, f"cannot be created ({error.strerror})", "check the folder") from None
    finally:
        building.unlink(missing_ok=True)


def _make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # We issue BEGIN ourselves (see _on_begin); pysqlite's own transaction handling must stay out.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # A read-only file keeps its journal mode: reads still work, and writes report the problem.
    with suppress(sqlite3.OperationalError):
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
