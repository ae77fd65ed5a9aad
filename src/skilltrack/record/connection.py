"""Connections to a record's file and its identity, asked of SQLite alone.

Shared by the opener, backups, restores and ``check``: the settings every connection gets, a read-only
connection, :func:`identify`, which tells a skilltrack record from anything else without Python
ever opening the file (see :mod:`skilltrack.record.opener` for why that matters), and the record's
identity (:func:`record_identity`): which record a file is, so that backups are never confused.
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
IDENTITY_SINCE = 3
"""The first schema whose records carry their identity (the one row of ``record_identity``)."""
_HEX = frozenset("0123456789abcdef")


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
    return _identify(path, with_identity=False)[0]


def identify_with_identity(path: Path) -> tuple[int, str | None]:
    """:func:`identify`, and the record's identity read in the same connection (``None``: it has none)."""
    return _identify(path, with_identity=True)


def _identify(path: Path, *, with_identity: bool) -> tuple[int, str | None]:
    if path.is_dir():
        raise StorageError(path, "is a folder, not a skilltrack database", "give a file path")
    identity = None
    try:
        connection = read_only(path)
        try:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if (
                with_identity
                and application_id == APPLICATION_ID
                and IDENTITY_SINCE <= version <= SCHEMA_VERSION
            ):
                identity = read_identity(connection)
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
    return int(version), identity


def read_identity(connection: sqlite3.Connection) -> str | None:
    """The identity of the record ``connection`` is open on: 32 lowercase hex digits, or ``None`` for a
    record made before records had one (schema 1 and 2), or whose identity is missing or malformed."""
    table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_identity'"
    ).fetchone()
    if table is None:
        return None
    row = connection.execute("SELECT uuid FROM record_identity WHERE id = 1").fetchone()
    value = None if row is None else row[0]
    # It becomes part of file names: only the form skilltrack writes is taken as an identity.
    if isinstance(value, str) and len(value) == 32 and set(value) <= _HEX:
        return value
    return None


def write_identity(connection: sqlite3.Connection, identity: str) -> None:
    """Give the record ``connection`` is open on this identity (inside the caller's transaction)."""
    connection.execute("INSERT OR REPLACE INTO record_identity (id, uuid) VALUES (1, ?)", (identity,))


def record_identity(path: Path) -> str | None:
    """The identity of the record at ``path``, asked of SQLite read-only (one connection, two small
    queries); ``None`` when it has none. :class:`StorageError` when the file cannot be read."""
    try:
        connection = read_only(path)
        try:
            return read_identity(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise explain_sqlite_error(path, error) from None
