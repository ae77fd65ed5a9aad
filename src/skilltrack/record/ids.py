"""Finding a row by the start of its id, as the lists show it, in plain SQL over a ``sqlite3`` connection.

Ids are stored as 32 hex digits; a typed prefix of at least four of them (dashes and case ignored) picks
one row, or says there is none or more than one.
"""

import re
import sqlite3

from skilltrack.record.errors import RecordError

MIN_ID_PREFIX = 4
_TABLE = re.compile(r"[a-z_]+")


def id_prefix(typed: str) -> str | None:
    """The hex digits of a typed id prefix, or ``None`` when it is not one (too short, not hex)."""
    cleaned = typed.strip().lower().replace("-", "")
    if len(cleaned) < MIN_ID_PREFIX or any(char not in "0123456789abcdef" for char in cleaned):
        return None
    return cleaned


def rows_with_prefix(connection: sqlite3.Connection, table: str, prefix: str, *, limit: int = 2) -> list[int]:
    """The ids (integer keys) of up to ``limit`` rows of ``table`` whose uuid starts with ``prefix``."""
    if not _TABLE.fullmatch(table):
        raise ValueError(f"not a table name: {table!r}")
    # Compared as text with substr: a prefix holds no LIKE wildcards to escape, and case is already fixed.
    found = connection.execute(
        f"SELECT id FROM {table} WHERE substr(uuid, 1, ?) = ? LIMIT ?", (len(prefix), prefix, limit)
    ).fetchall()
    return [int(row[0]) for row in found]


def find_id(connection: sqlite3.Connection, table: str, typed: str, *, what: str, listed_by: str) -> int:
    """The integer key of the one row of ``table`` whose id starts with ``typed``.

    ``what`` names the row (``posting``), ``listed_by`` the command that shows the ids (``posting list``).
    """
    prefix = id_prefix(typed)
    if prefix is None:
        raise RecordError(
            f"id: {typed!r} is not a {what} id; give at least {MIN_ID_PREFIX} characters of one ({listed_by})"
        )
    found = rows_with_prefix(connection, table, prefix)
    if not found:
        raise RecordError(f"id: no {what} has an id starting with {typed!r}")
    if len(found) > 1:
        raise RecordError(f"id: more than one {what} starts with {typed!r}; give more characters")
    return found[0]
