"""Connections to a record's file and its identity, asked of SQLite alone.

Shared by the opener, backups, restores and ``check``: the settings every connection gets, a read-only
connection, and :func:`identify`, which tells a skilltrack record from anything else without Python
ever opening the file (see :mod:`skilltrack.record.opener` for why that matters).
"""

import sqlite3
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote

from skilltrack.record.ddl import SCHEMA_VERSION
from skilltrack.record.errors import StorageError, explain_sqlite_error

APPLICATION_ID = 0x534B5452
"""``PRAGMA application_id`` of every skilltrack file ("SKTR"): how we know a file is ours."""
BUSY_TIMEOUT_MS = 10_000
"""How long a transaction waits for another program's write to finish before giving up."""


def configure_connection(connection: sqlite3.Connection) -> None:
    """Every connection to the record: we issue BEGIN ourselves, foreign keys on, WAL, full sync."""
    connection.isolation_level = None  # pysqlite's own transaction handling must stay out
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    # A read-only file keeps its journal mode: reads still work, and writes report the problem.
    with suppress(sqlite3.OperationalError):
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (checks, backups' sources), for any thread."""
    return sqlite3.connect(
        f"file:{quote(str(path))}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )


def identify(path: Path) -> int:
    """The schema version of the skilltrack record at ``path``, asked of SQLite without writing a byte.

    :class:`StorageError` for a folder, an empty file, a file that is not SQLite, another program's
    database, a damaged file, or one written by a newer skilltrack.
    """
    if path.is_dir():
        raise StorageError(path, "is a folder, not a skilltrack database", "give a file path")
    try:
        connection = read_only(path)
        try:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if "file is not a database" in str(error):
            raise StorageError(
                path, "is not a skilltrack database", "it was left untouched; check the path given to --db"
            ) from None
        raise explain_sqlite_error(path, error) from None
    if pages == 0:
        raise StorageError(
            path,
            "is empty, so it is not a skilltrack database",
            "it was left untouched; remove it to start a new record there, or use --db PATH",
        )
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
