"""How the record stores values, and the few plain-SQL reads a write needs (for ``skilltrack log``).

Split from :mod:`skilltrack.db.reads`, which re-exports all of it: ``log`` runs on these alone, and
defining the row types of every other read took longer than its write. No dataclasses, no ORM.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError

# ── how the ORM stores values (see skilltrack.db.models) ─────────────────────────────────────────


def stored_instant(moment: datetime) -> str:
    """An aware instant as the record stores it: naive UTC text with microseconds."""
    if moment.tzinfo is None:
        raise ValueError("instants are stored in UTC and must carry a time zone")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def read_instant(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def stored_day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def marks(values: Sequence[object]) -> str:
    """One ``?`` per value, for ``IN (…)``."""
    return ", ".join("?" * len(values))


# ── what a write needs to know ──────────────────────────────────────────────────────────────────


def home_zone(connection: sqlite3.Connection, fallback: ZoneInfo) -> ZoneInfo:
    """The zone sessions are placed in: the profile's home zone, else ``fallback`` (the machine's)."""
    row = connection.execute("SELECT time_zone FROM profile WHERE id = 1").fetchone()
    configured = None if row is None else row[0]
    if configured:
        try:
            return parse_time_zone(configured)
        except InputError:
            return fallback
    return fallback


def find_skill_id(connection: sqlite3.Connection, keys: Iterable[str]) -> tuple[int, str] | None:
    """``(id, name)`` of the first skill whose name key or alias key is one of ``keys``."""
    wanted = list(keys)
    placeholders = marks(wanted)
    row = connection.execute(
        f"SELECT id, name FROM skill WHERE name_key IN ({placeholders}) "
        f"OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key IN ({placeholders})) "
        "ORDER BY id LIMIT 1",
        [*wanted, *wanted],
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def minutes_between(connection: sqlite3.Connection, first: date, last: date) -> int:
    """Minutes logged on the local days ``first`` to ``last``, both included."""
    row = connection.execute(
        "SELECT coalesce(sum(minutes), 0) FROM learning_session WHERE local_day >= ? AND local_day <= ?",
        (first.isoformat(), last.isoformat()),
    ).fetchone()
    return int(row[0])
