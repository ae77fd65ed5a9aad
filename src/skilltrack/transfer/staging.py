"""Where a file's sessions wait between reading and writing: a private temporary SQLite database.

A file may hold a million sessions. They are checked a piece at a time as the file is read and kept
here, already as the record stores them, so that memory holds one piece at a time; what concerns them
all (a uuid given twice, the same session twice, tallies for the summary) is decided here in SQL; and
the new ones go from here into the record, inside the import's one transaction. The database is
SQLite's own temporary file (``connect("")``), removed when it is closed; it is never the record.

Two tables: ``session`` for the sessions of a skilltrack export (:meth:`Staging.add_sessions`), and
``found`` for those of another tool's file or our CSV (:meth:`Staging.add_found`), whose skill is still
a name: one of the :attr:`SessionFile.groups`, until the importer decides the skill of each.
"""

import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import count, repeat
from operator import attrgetter
from typing import Any, Self
from zoneinfo import ZoneInfo

from skilltrack.transfer.document import SessionColumns
from skilltrack.transfer.external import Found, Parsed, Skipped

CACHE_KIB = 16 * 1024
"""Page cache of the staging database: 100,000 sessions fit; more spill to its temporary file."""

_SCHEMA = (
    # journal off: the database dies with the import, and nothing here is ever rolled back
    "PRAGMA journal_mode = OFF",
    "PRAGMA synchronous = OFF",
    f"PRAGMA cache_size = -{CACHE_KIB}",
    "CREATE TABLE session (position INTEGER PRIMARY KEY, uuid TEXT NOT NULL, skill_uuid TEXT NOT NULL, "
    "started_at_utc TEXT NOT NULL, time_zone TEXT NOT NULL, local_day TEXT NOT NULL, "
    "minutes INTEGER NOT NULL, kind TEXT NOT NULL, note TEXT NOT NULL, created_at_utc TEXT NOT NULL, "
    "present INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE skill_id (skill_uuid TEXT PRIMARY KEY, id INTEGER NOT NULL)",
    "CREATE TABLE found (position INTEGER PRIMARY KEY, uuid TEXT NOT NULL, started_at_utc TEXT NOT NULL, "
    "time_zone TEXT NOT NULL, local_day TEXT NOT NULL, minutes INTEGER NOT NULL, kind TEXT NOT NULL, "
    "grouping INTEGER NOT NULL, annotation TEXT NOT NULL, duplicate INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE target (grouping INTEGER PRIMARY KEY, skill TEXT NOT NULL, skill_id INTEGER)",
    "CREATE TABLE recorded (skill_id INTEGER, minute TEXT, minutes INTEGER, "
    "PRIMARY KEY (skill_id, minute, minutes)) WITHOUT ROWID",
)
MINUTE = len("2001-02-03 04:05")
"""A stored start cut to its minute (what a CSV keeps of it)."""


def _minute(table: str) -> str:
    """The start minute of a row of ``found`` called ``table`` (the expression of the index
    ``found_minute``, which SQLite matches whatever the table is called)."""
    return f"substr({table}.started_at_utc, 1, {MINUTE})"


GroupKey = tuple[tuple[str, ...], bool, tuple[str, ...]]
"""What decides a found session's skill and note: its names, whether to choose among them, its tags."""

_POSITION, _UUID, _START, _MINUTES, _KIND, _ANNOTATION = (
    attrgetter(name) for name in ("position", "uuid", "start", "minutes", "kind", "annotation")
)
_GROUP_KEY = attrgetter("names", "choose", "tags")
_KIND_SEEN = attrgetter("kind_tag", "kind")


@dataclass
class Group:
    number: int
    first: Found
    """The first session of the group in the file (a refusal about its skill names it)."""


@dataclass
class SessionFile:
    """Another tool's file (or our CSV) as read: what it is, and what its sessions hold besides their
    rows in the staging database."""

    source: str
    """What was read, for the summary: ``Watson frames``, ``Timewarrior export``…"""
    name_field: str
    record_kind: str
    skipped: list[Skipped] = field(default_factory=list)
    kinds: set[tuple[str, str]] = field(default_factory=set)
    """``(the tag that gave the kind, the kind)`` of every session."""
    groups: dict[GroupKey, Group] = field(default_factory=dict)
    """Every distinct :data:`GroupKey`, in the order of the file."""

    def record(self, found: Found) -> str:
        """How a message names the record ``found`` came from: ``frame 12``, ``line 7``…"""
        return f"{self.record_kind} {found.position}"


class Staging:
    """The staging database of one import (a context manager: closing it removes it)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.execute("BEGIN")  # one transaction to the end: nothing here outlives the import
        self._found: SessionFile | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._db.close()

    # ── the sessions of a skilltrack export ─────────────────────────────────────────────────────

    def add_sessions(self, first: int, sessions: SessionColumns) -> None:
        """Keep checked sessions; ``first`` is the place in the file of the first of them."""
        self._db.executemany(
            "INSERT INTO session (position, uuid, skill_uuid, started_at_utc, time_zone, local_day, minutes, "
            "kind, note, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            zip(
                count(first),
                sessions.uuids,
                sessions.skill_uuids,
                sessions.started_at,
                sessions.time_zones,
                sessions.local_days,
                sessions.minutes,
                sessions.kinds,
                sessions.notes,
                sessions.created_at,
            ),
        )

    def discard_sessions(self) -> None:
        """Forget the sessions kept so far (a document that names its ``sessions`` twice keeps the last)."""
        self._db.execute("DELETE FROM session")

    def first_repeated_uuid(self) -> tuple[int, int, str] | None:
        self._db.execute("CREATE INDEX IF NOT EXISTS session_uuid ON session (uuid)")
        row = self._db.execute(
            "SELECT later.position, min(earlier.position), later.uuid FROM session AS later "
            "JOIN session AS earlier ON earlier.uuid = later.uuid AND earlier.position < later.position "
            "GROUP BY later.position ORDER BY later.position LIMIT 1"
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]), str(row[2]))

    def first_of_other_skill(self, skill_uuids: Collection[str]) -> tuple[int, str] | None:
        row = self._db.execute(
            "SELECT position, skill_uuid FROM session "
            "WHERE skill_uuid NOT IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT 1",
            (json.dumps(list(skill_uuids)),),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def first_started_after(self, stored_instant: str) -> tuple[int, str] | None:
        row = self._db.execute(
            "SELECT position, started_at_utc FROM session WHERE started_at_utc > ? ORDER BY position LIMIT 1",
            (stored_instant,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def kinds_of(self, uuids: Collection[str]) -> dict[str, str]:
        if not uuids:
            return {}
        self._db.execute("CREATE INDEX IF NOT EXISTS session_uuid ON session (uuid)")
        return {
            str(uuid): str(kind)
            for uuid, kind in self._db.execute(
                "SELECT uuid, kind FROM session WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(list(uuids)),),
            )
        }

    def session_uuids(self) -> Iterator[tuple[int, str]]:
        """``(place, uuid)`` of every session, in the order of the file."""
        return self._in_pages("SELECT position, uuid FROM session WHERE position > ? ORDER BY position")

    def mark_present(self, places: Collection[int]) -> None:
        """The sessions at ``places`` are in the record already: they are left out."""
        self._db.executemany("UPDATE session SET present = 1 WHERE position = ?", zip(places))

    def session_counts(self) -> tuple[int, int]:
        """``(new, present)`` sessions (those left out for overlapping the record are neither)."""
        new, present = self._db.execute(
            "SELECT coalesce(sum(present = 0), 0), coalesce(sum(present = 1), 0) FROM session"
        ).fetchone()
        return int(new), int(present)

    def sessions_by_start(self) -> Iterator[tuple[int, str, int]]:
        """``(place, start, minutes)`` of the sessions still to write, the earliest start first."""
        return self._db.execute(
            "SELECT position, started_at_utc, minutes FROM session WHERE NOT present ORDER BY started_at_utc"
        )

    def mark_overlapping_sessions(self, places: Collection[int]) -> None:
        """The sessions at ``places`` overlap sessions of the record: they are left out."""
        self._db.executemany("UPDATE session SET present = 2 WHERE position = ?", zip(places))

    def overlapping_session_uuids(self) -> set[str]:
        """The uuids of the sessions left out for overlapping the record (their rounds stay out too)."""
        return {str(uuid) for (uuid,) in self._db.execute("SELECT uuid FROM session WHERE present = 2")}

    def new_sessions(self, skill_ids: dict[str, int]) -> Iterator[tuple[Any, ...]]:
        """The sessions to write, in the order of the file, as ``learning_session`` rows from ``uuid``
        on (``skill_ids``: the record's id of each skill of the file, by its uuid)."""
        self._db.executemany("INSERT OR REPLACE INTO skill_id VALUES (?, ?)", skill_ids.items())
        return self._db.execute(
            "SELECT session.uuid, skill_id.id, started_at_utc, time_zone, local_day, minutes, kind, note, "
            "created_at_utc FROM session JOIN skill_id USING (skill_uuid) WHERE NOT present ORDER BY position"
        )

    # ── the sessions of another tool's file, or of our CSV ──────────────────────────────────────

    @property
    def session_file(self) -> SessionFile:
        """What :meth:`add_found` has been given (at least once, if only no sessions, by the reader)."""
        if self._found is None:
            raise LookupError("no sessions of another tool have been read")
        return self._found

    def add_found(self, parsed: Parsed, *, zone: ZoneInfo) -> None:
        """Keep checked sessions; the day each counts for and its zone are the file's, else those of
        the start in ``zone`` (the record's home zone)."""
        if self._found is None:
            self._found = SessionFile(parsed.source, parsed.name_field, parsed.record_kind)
        described = self._found
        described.skipped += parsed.skipped
        found = parsed.found
        described.kinds.update(map(_KIND_SEEN, found))
        keys = list(map(_GROUP_KEY, found))
        for key, entry in zip(keys, found, strict=True):
            if key not in described.groups:
                described.groups[key] = Group(len(described.groups), entry)
        numbers = [described.groups[key].number for key in keys]
        starts = list(map(_START, found))
        self._db.executemany(
            "INSERT INTO found (position, uuid, started_at_utc, time_zone, local_day, minutes, kind, "
            "grouping, annotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            zip(
                map(_POSITION, found),
                map(_UUID, found),
                starts,
                _zones(found, zone),
                _days(found, starts, zone),
                map(_MINUTES, found),
                map(_KIND, found),
                numbers,
                map(_ANNOTATION, found),
                strict=True,
            ),
        )

    def set_targets(self, targets: dict[int, tuple[str, int | None]]) -> None:
        """The skill each group goes to: its key, and its id when the record has it."""
        self._db.executemany(
            "INSERT OR REPLACE INTO target VALUES (?, ?, ?)",
            ((number, key, skill_id) for number, (key, skill_id) in targets.items()),
        )

    def mark_repeats(self) -> None:
        """A session is a duplicate when an earlier one of the file has its uuid, or the same skill,
        start minute and length (the same session twice, as a CSV, which keeps no seconds, gives it)."""
        self._db.execute("CREATE INDEX IF NOT EXISTS found_uuid ON found (uuid)")
        self._db.execute(
            f"CREATE INDEX IF NOT EXISTS found_minute ON found (substr(started_at_utc, 1, {MINUTE}), minutes)"
        )
        self._db.execute(
            "UPDATE found SET duplicate = 1 WHERE EXISTS (SELECT 1 FROM found AS earlier "
            "WHERE earlier.uuid = found.uuid AND earlier.position < found.position) "
            "OR EXISTS (SELECT 1 FROM found AS earlier JOIN target USING (grouping) "
            f"WHERE {_minute('earlier')} = {_minute('found')} "
            "AND earlier.minutes = found.minutes AND earlier.position < found.position "
            "AND target.skill = (SELECT skill FROM target WHERE target.grouping = found.grouping))"
        )

    def found_uuids(self) -> Iterator[tuple[int, str]]:
        """``(place, uuid)`` of every session not yet known to be a duplicate, in the order of the file."""
        return self._in_pages(
            "SELECT position, uuid FROM found WHERE position > ? AND NOT duplicate ORDER BY position"
        )

    def mark_duplicates(self, places: Collection[int]) -> None:
        self._db.executemany("UPDATE found SET duplicate = 1 WHERE position = ?", zip(places))

    def minutes_of_recorded_skills(self) -> Iterator[str]:
        """Every start minute (sorted) of the sessions that go to a skill the record has already."""
        for (minute,) in self._db.execute(
            f"SELECT DISTINCT {_minute('found')} AS minute FROM found "
            "JOIN target USING (grouping) WHERE target.skill_id IS NOT NULL ORDER BY minute"
        ):
            yield str(minute)

    def add_recorded(self, sessions: Collection[tuple[int, str, int]]) -> None:
        """``(skill id, start minute, minutes)`` of sessions the record has, to tell duplicates by."""
        self._db.executemany("INSERT OR IGNORE INTO recorded VALUES (?, ?, ?)", sessions)

    def mark_recorded(self) -> None:
        """The sessions the record has already (:meth:`add_recorded`) are duplicates."""
        self._db.execute(
            "UPDATE found SET duplicate = 1 WHERE EXISTS (SELECT 1 FROM target JOIN recorded "
            "ON recorded.skill_id = target.skill_id WHERE target.grouping = found.grouping "
            f"AND recorded.minute = {_minute('found')} "
            "AND recorded.minutes = found.minutes)"
        )

    def tallies(self) -> dict[str, tuple[int, int]]:
        """``{skill key: (sessions, minutes)}`` of the sessions to write, in the order of the file."""
        return {
            str(skill): (int(sessions), int(minutes))
            for skill, sessions, minutes, _ in self._db.execute(
                "SELECT skill, count(*), sum(minutes), min(position) AS first FROM found "
                "JOIN target USING (grouping) WHERE NOT duplicate GROUP BY skill ORDER BY first"
            )
        }

    def duplicates(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM found WHERE duplicate = 1").fetchone()[0])

    def found_by_start(self) -> Iterator[tuple[int, str, int]]:
        """``(place, start, minutes)`` of the sessions still to write, the earliest start first."""
        return self._db.execute(
            "SELECT position, started_at_utc, minutes FROM found WHERE NOT duplicate ORDER BY started_at_utc"
        )

    def mark_overlapping(self, places: Collection[int]) -> None:
        """The sessions at ``places`` overlap sessions of the record: they are left out (``duplicate``
        2, apart from the duplicates' 1)."""
        self._db.executemany("UPDATE found SET duplicate = 2 WHERE position = ?", zip(places))

    def new_found(self) -> Iterator[tuple[Any, ...]]:
        """The sessions to write, in the order of the file: ``(uuid, skill key, start, zone, day,
        minutes, kind, group, annotation)``."""
        return self._db.execute(
            "SELECT uuid, skill, started_at_utc, time_zone, local_day, minutes, kind, grouping, annotation "
            "FROM found JOIN target USING (grouping) WHERE NOT duplicate ORDER BY position"
        )

    def _in_pages(self, query: str, size: int = 10_000) -> Iterator[tuple[int, str]]:
        """The rows of ``query`` (keyed by place, after the ``?`` place), a page at a time, so that rows
        may be marked while they are read."""
        after = -1
        while page := self._db.execute(f"{query} LIMIT {size}", (after,)).fetchall():
            yield from page
            after = page[-1][0]


def _zones(found: list[Found], zone: ZoneInfo) -> Iterator[str]:
    if any(entry.time_zone for entry in found):  # our CSV says each session's own zone
        return (entry.time_zone or zone.key for entry in found)
    return repeat(zone.key, len(found))


def _days(found: list[Found], starts: list[str], zone: ZoneInfo) -> Iterator[str]:
    """The day each session counts for: the file's (our CSV), else that of its start in ``zone``."""
    if zone.key == "UTC":
        days: Iterator[str] = (start[:10] for start in starts)
    else:
        days = (entry.started_at_utc.astimezone(zone).date().isoformat() for entry in found)
    if any(entry.local_day is not None for entry in found):
        return (
            entry.local_day.isoformat() if entry.local_day else day
            for entry, day in zip(found, days, strict=True)
        )
    return days
