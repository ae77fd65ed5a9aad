"""The one way into the record: :func:`open_record` and the short transactions of :class:`Record`.

Every command and the app reach the record's file through this module and plain ``sqlite3``, as
datasette, sqlite-utils and beets do for a local SQLite file. Opening refuses what is not ours, creates
a new file atomically, upgrades an older one after a verified backup, and sets on every connection:
foreign keys on, WAL, a busy timeout and ``synchronous=FULL``. Reads run in one deferred transaction,
so that everything one screen or command reads sees one moment; writes in one short
``BEGIN IMMEDIATE`` transaction, so that the app and a shell command can both write at once.

**Never open the record, its ``-wal`` or its ``-shm`` with Python's own I/O (``open()``, ``os.open``,
``Path.read_bytes``, ``shutil.copy``) in a process that may hold a connection to it.** On POSIX, closing
*any* descriptor of a file drops *every* lock the process holds on it, SQLite's included ("How To Corrupt
An SQLite Database File", §2.2): another process then believes it is alone, checkpoints and deletes the
WAL, and this one goes on writing into a deleted file. So a file's identity is asked of SQLite itself
(``PRAGMA application_id``, ``user_version``, ``page_count``), copies go through the backup API, and files
a person names (an import, a posting, a report's output) are refused when they are the record
(:func:`skilltrack.files.refuse_record_files`). ``tests/reliability/test_one_door.py`` holds every
command and the app to this with an audit hook.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from skilltrack.record.backup_names import backed_up_lately, utc_now
from skilltrack.record.connection import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    configure_connection,
    identify_with_identity,
    record_identity,
)
from skilltrack.record.ddl import SCHEMA_VERSION
from skilltrack.record.errors import NoRecordError, StorageError, explain_sqlite_error

TYPE_CHECKING = False  # not typing's: importing typing cost every command a few milliseconds
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


class Record:
    """An open record: one connection, handed out one short transaction at a time.

    Safe to share between threads (the app's workers): transactions take turns on the connection.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, *, created: bool = False) -> None:
        self.path = path
        self.created = created
        """Whether opening it made it: this process started a new record at ``path``."""
        self._connection = connection
        self._turn = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query in it sees the same record."""
        with self._transaction("BEGIN") as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One user action's write: ``BEGIN IMMEDIATE``, committed whole, or rolled back on any error."""
        with self._transaction("BEGIN IMMEDIATE") as connection:
            yield connection

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._turn:
            connection = self._connection
            try:
                connection.execute(begin)
                try:
                    yield connection
                    connection.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled back already (a full disk, an I/O error): then there is
                    # nothing to roll back, and the first error is the one worth telling.
                    if connection.in_transaction:
                        with suppress(sqlite3.Error):
                            connection.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise explain_sqlite_error(self.path, error) from error

    def close(self) -> None:
        with self._turn:
            self._connection.close()


def open_record(path: Path, *, create: bool = True, threads: bool = False) -> Record:
    """The record at ``path``, ready for transactions; :class:`StorageError` for anything unsafe.

    ``create``: make a new record when there is none (else :class:`NoRecordError`). ``threads``: the
    record will be used from several threads (the app). An older schema is upgraded after a verified
    backup; an automatic backup is taken when one is due (a failure warns and never stops the command).
    """
    path = path.expanduser().absolute()
    created = False
    if not path.exists():
        if not create:
            raise NoRecordError(path)
        created = create_record(path)
    # The identity is read in the same connection that checks the file is ours: backups are named after it.
    version, identity = identify_with_identity(path)
    if version < SCHEMA_VERSION:
        from skilltrack.record.migrations import upgrade

        upgrade(path, version)
        identity = record_identity(path)  # an upgrade to schema 3 gives the record its identity
    _auto_backup_if_due(path, identity)
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=not threads
        )
        configure_connection(connection)
    except sqlite3.Error as error:
        raise explain_sqlite_error(path, error) from None
    return Record(path, connection, created=created)


def start_record(path: Path, first_write: Callable[[sqlite3.Connection], T]) -> tuple[Record, T] | None:
    """A new record at ``path`` whose first transaction is ``first_write``, with what it returned.

    The record appears only if that write commits: a first command refused for its input leaves no file
    behind. ``None`` when a record appeared at ``path`` meanwhile (another process's first write): write
    to that one.
    """
    path = path.expanduser().absolute()
    written: list[T] = []
    if not create_record(path, first_write=lambda db: written.append(first_write(db))):
        return None
    record = open_record(path, create=False)
    record.created = True
    return record, written[0]


def _auto_backup_if_due(path: Path, identity: str | None) -> None:
    """An automatic backup of the record with ``identity`` when none is younger than half an hour;
    never raises (a failure warns).

    Whether one is due is read from the backups' names alone (they carry the record's identity), never
    from inside them, so the copying machinery is imported only when a copy is taken (it cost a tenth
    of ``skilltrack log``).
    """
    now = utc_now()
    try:
        if backed_up_lately(path, now, identity):
            return
    except (OSError, ValueError):
        pass  # auto_backup meets the same problem and says what it is
    from skilltrack.record.backup import auto_backup

    auto_backup(path, now=now)


def create_record(path: Path, *, first_write: Callable[[sqlite3.Connection], object] | None = None) -> bool:
    """Build a new record beside ``path`` and link it into place only if nothing is there yet; whether
    this call placed it (``False``: another process created it first, and that one is used).

    ``first_write`` runs in the transaction that builds the schema: if it raises, nothing is placed.
    """
    from skilltrack.record.ddl import SCHEMA

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(path, f"its folder cannot be created ({error.strerror})") from None
    building = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.new")
    try:
        connection = sqlite3.connect(building, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN")
            for statement in SCHEMA:
                connection.execute(statement)
            from skilltrack.record.connection import write_identity
            from skilltrack.record.values import new_id

            write_identity(connection, new_id())  # which record this is, for its backups' names
            from skilltrack.record.operations import start_operations

            start_operations(connection)  # this copy as a replica, and the triggers that record changes
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if first_write is not None:
                first_write(connection)
            connection.execute("COMMIT")
        finally:
            connection.close()
        from skilltrack.record.backup import set_aside_orphan_journal

        set_aside_orphan_journal(path)
        try:
            os.link(building, path)
        except FileExistsError:  # another process created it first: use theirs
            return False
        return True
    except sqlite3.Error as error:
        raise explain_sqlite_error(path, error) from None
    except OSError as error:
        raise StorageError(path, f"cannot be created ({error.strerror})", "check the folder") from None
    finally:
        building.unlink(missing_ok=True)
