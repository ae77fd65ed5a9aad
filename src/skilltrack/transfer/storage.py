"""Bulk reads and writes of learning sessions for imports: 100,000 rows without an ORM object each.

Values go to SQLite exactly as SQLAlchemy would store them: each formatter is checked against the
column type's own bind processor on a probe value, and that processor is used instead if they ever
differ. Everything runs on the caller's session, inside its transaction.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Column
from sqlmodel import Session

from skilltrack.db.models import LearningSession
from skilltrack.transfer.fields import stored_utc

LOOKUP_CHUNK = 500
"""Values per ``IN (...)`` lookup (well under SQLite's limit on bound parameters)."""
INSERT_CHUNK = 10_000
IMPORT_CACHE_KIB = 64 * 1024
"""Page cache while importing: big inserts into several indexes are much faster when they fit."""

MINUTE = len("2001-02-03 04:05")
"""A stored start cut to its minute."""

SESSION_COLUMNS = (
    "uuid",
    "skill_id",
    "started_at_utc",
    "time_zone",
    "local_day",
    "minutes",
    "kind",
    "note",
    "created_at_utc",
)

_Item = TypeVar("_Item")
_TABLE: Any = LearningSession.__table__  # type: ignore[attr-defined]


def chunks(items: Sequence[_Item], size: int) -> Iterator[Sequence[_Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _checked(
    column: Column[Any], fast: Callable[[Any], Any], probe: Any, session: Session
) -> Callable[[Any], Any]:
    dialect = session.get_bind().dialect
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    if processor is None:
        return fast if fast(probe) == probe else (lambda value: value)
    return fast if fast(probe) == processor(probe) else processor


def _hex(value: UUID | str) -> str:
    return value if isinstance(value, str) else value.hex


class SessionStore:
    """Formats and bulk statements for ``learning_session``, bound to one open transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        columns = _TABLE.c
        self.instant: Callable[[datetime], Any] = _checked(
            columns.started_at_utc, stored_utc, datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC), session
        )
        self.day: Callable[[date], Any] = _checked(
            columns.local_day, date.isoformat, date(2001, 2, 3), session
        )
        probe = UUID("6f1d2c8e-3b7a-5e41-9c0d-5a8b7e2f4d13")
        self.uuid: Callable[[UUID | str], Any] = _checked(columns.uuid, _hex, probe, session)
        self.uuid_is_hex = self.uuid is _hex
        """Stored UUIDs are 32 hex digits: derived ones (already hex) go in as they are."""

        self.texts_as_stored = self.instant is stored_utc
        """True when the starts importers computed (``Found.start``) are what SQLAlchemy would store."""
        self.days_as_stored = self.day is date.isoformat
        """True when a day's ISO text is what SQLAlchemy would store."""

    def _driver(self, sql: str, parameters: Any) -> Any:
        return self.session.connection().exec_driver_sql(sql, parameters)

    def existing_uuids(self, uuids: Sequence[str]) -> set[str]:
        """Which of ``uuids`` (as stored: 32 hex digits) the table already holds.

        Looked up in chunks; or, when the table holds fewer sessions than are asked about, read whole
        in one pass (a new record costs nothing).
        """
        (held,) = self._driver("SELECT count(*) FROM learning_session", ()).one()
        if int(held) <= len(uuids):
            wanted = set(uuids)
            rows = self._driver("SELECT uuid FROM learning_session", ())
            return {str(value) for (value,) in rows if value in wanted}
        present: set[str] = set()
        for chunk in chunks(uuids, LOOKUP_CHUNK):
            marks = ", ".join("?" * len(chunk))
            rows = self._driver(f"SELECT uuid FROM learning_session WHERE uuid IN ({marks})", tuple(chunk))
            present.update(str(value) for (value,) in rows)
        return present

    def sessions_in_minutes(self, minutes: Sequence[str]) -> set[tuple[int, str, int]]:
        """``(skill_id, start minute, minutes)`` of the sessions starting in any of the sorted ``minutes``.

        A minute is a stored start cut to ``YYYY-MM-DD HH:MM`` (what a CSV keeps of it). Each chunk of
        minutes is looked up as one range of the start index, so each session is read at most once.
        """
        found: set[tuple[int, str, int]] = set()
        for chunk in chunks(minutes, LOOKUP_CHUNK):
            wanted = set(chunk)
            rows = self._driver(
                "SELECT skill_id, started_at_utc, minutes FROM learning_session "
                "WHERE started_at_utc >= ? AND started_at_utc < ?",
                (chunk[0], chunk[-1] + "~"),  # "~" sorts after every character a stored start holds
            )
            for skill_id, start, length in rows:
                minute = str(start)[:MINUTE]
                if minute in wanted:
                    found.add((int(skill_id), minute, int(length)))
        return found

    def insert(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert rows of :data:`SESSION_COLUMNS` values, already formatted as stored."""
        marks = ", ".join("?" * len(SESSION_COLUMNS))
        sql = f"INSERT INTO learning_session ({', '.join(SESSION_COLUMNS)}) VALUES ({marks})"
        rows = iter(rows)
        while chunk := list(islice(rows, INSERT_CHUNK)):  # never all the rows at once
            self._driver(sql, chunk)

    @contextmanager
    def large_cache(self) -> Iterator[None]:
        """A bigger page cache for this connection while a bulk import runs, then the old one back."""
        (before,) = self._driver("PRAGMA cache_size", ()).one()
        self._driver(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}", ())
        try:
            yield
        finally:
            with suppress(Exception):  # the transaction failing is what matters; it is reported
                self._driver(f"PRAGMA cache_size = {int(before)}", ())
