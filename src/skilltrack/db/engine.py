"""Opening the record safely: refuse what is not ours, create atomically, upgrade after a backup.

Every connection gets foreign keys, WAL, a busy timeout and ``synchronous=FULL``. The checks of a
file and these settings live in :mod:`skilltrack.db.direct`, the ORM-free path, so that both paths
share them. Reads run in a deferred transaction; writes in a short ``BEGIN IMMEDIATE`` one, so the
TUI and a shell command can both write without either failing half-way.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel

from skilltrack.db import models as _models  # noqa: F401  (registers the tables)
from skilltrack.db.backup import auto_backup, set_aside_orphan_journal
from skilltrack.db.direct import APPLICATION_ID as APPLICATION_ID
from skilltrack.db.direct import BUSY_TIMEOUT_MS, configure_connection
from skilltrack.db.direct import SQLITE_HEADER as SQLITE_HEADER
from skilltrack.db.direct import inspect_file as inspect_file
from skilltrack.db.errors import StorageError, explain_sqlite_error
from skilltrack.db.migrations import SCHEMA_VERSION, upgrade

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
    configure_connection(dbapi_connection)


def _on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
