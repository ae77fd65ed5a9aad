"""Bulk reads and writes of the record for imports: rows looked up by the thousand, sessions written by
the hundred thousand, never a Python object each.

Everything runs on the caller's connection, inside its transaction. Values go in as the record stores
them (:mod:`skilltrack.record.values`); the importer hands them over already so.
"""

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any, TypeVar

from skilltrack.record.sessions import INSERT_SESSION
from skilltrack.record.values import marks

LOOKUP_CHUNK = 500
"""Values per ``IN (...)`` lookup (well under SQLite's limit on bound parameters)."""
IMPORT_CACHE_KIB = 64 * 1024
"""Page cache while importing: big inserts into several indexes are much faster when they fit."""

_Item = TypeVar("_Item")


def batched(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ids_by_uuid(db: sqlite3.Connection, table: str, uuids: Iterable[str]) -> dict[str, int]:
    """The row id of each of ``uuids`` (32 hex digits) that ``table`` holds."""
    found: dict[str, int] = {}
    for chunk in batched(uuids, LOOKUP_CHUNK):
        rows = db.execute(f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks(chunk)})", chunk)
        found.update((str(uuid), int(row_id)) for uuid, row_id in rows)
    return found


def has_sessions(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM learning_session LIMIT 1").fetchone() is not None


def sessions_in_minutes(db: sqlite3.Connection, minutes: Sequence[str]) -> set[tuple[int, str, int]]:
    """``(skill_id, start minute, minutes)`` of the sessions starting in any of the sorted ``minutes``.

    A minute is a stored start cut to ``YYYY-MM-DD HH:MM`` (what a CSV keeps of it). Each chunk of
    minutes is looked up as one range of the start index, so each session is read at most once.
    """
    cut = len("2001-02-03 04:05")
    found: set[tuple[int, str, int]] = set()
    for chunk in batched(minutes, LOOKUP_CHUNK):
        wanted = set(chunk)
        rows = db.execute(
            "SELECT skill_id, started_at_utc, minutes FROM learning_session "
            "WHERE started_at_utc >= ? AND started_at_utc < ?",
            (chunk[0], chunk[-1] + "~"),  # "~" sorts after every character a stored start holds
        )
        for skill_id, start, length in rows:
            minute = str(start)[:cut]
            if minute in wanted:
                found.add((int(skill_id), minute, int(length)))
    return found


def insert_sessions(db: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows of :data:`~skilltrack.record.sessions.INSERT_SESSION`'s columns, as stored; ``rows`` is
    read as it goes."""
    db.executemany(INSERT_SESSION, rows)


@contextmanager
def large_cache(db: sqlite3.Connection) -> Iterator[None]:
    """A bigger page cache for this connection while a bulk import runs (its rows, then their operations
    for sync), then the old one back."""
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(sqlite3.Error):  # the transaction failing is what matters; it is reported
            db.execute(f"PRAGMA cache_size = {int(before)}")
