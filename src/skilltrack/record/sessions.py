"""Learning sessions and the running timer: every read and write of ``learning_session`` and
``running_timer``, and the one :func:`log_session` that ``skilltrack log``, the app and the timer use.

Each read is an aggregate over indexed columns or a page of rows, never a loop over every session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import (
    SessionStart,
    before_career_start,
    parse_time_zone,
    resolve_session_start,
    wall_clock_start,
    week_start,
)
from skilltrack.domain.durations import MAX_SESSION_MINUTES
from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import MOCK_INTERVIEW
from skilltrack.domain.text import clean_note
from skilltrack.record import ids
from skilltrack.record.changes import Edited
from skilltrack.record.errors import RecordError
from skilltrack.record.profile import home_zone
from skilltrack.record.skills import Ladder, resolve_skill
from skilltrack.record.values import marks, new_id, read_instant, stored_day, stored_instant

if TYPE_CHECKING:
    from uuid import UUID

    from skilltrack.domain.facts import PracticeQuery, PracticeTally
    from skilltrack.domain.session_draft import SessionDraft


class LoggedSession(NamedTuple):
    """A session just written, and the week's total with it, for the line that confirms it."""

    id: str
    skill: str
    minutes: int
    kind: str
    local_day: date
    week_minutes: int
    notice: str
    """Set when the skill was created just now, to tell the person."""
    moved: str = ""
    """Set when a session given no time was placed clear of sessions already logged."""
    start_note: str = ""
    """Set when the start time typed came twice (the clocks went back): which of the two was taken."""
    early: str = ""
    """Set when the session's day is a year or more before the profile's career start: a warning, with
    how to move the session or change the career start (the session is logged all the same)."""


class SessionRow(NamedTuple):
    uuid: UUID
    skill: str
    local_day: date
    started_at_utc: datetime
    time_zone: str
    minutes: int
    kind: str
    note: str


class TimerRow(NamedTuple):
    skill: str
    kind: str
    started_at_utc: datetime
    time_zone: str


class TimerStarted(NamedTuple):
    skill: str
    kind: str
    started_local: datetime
    notice: str


class TimerStopped(NamedTuple):
    skill: str
    kind: str
    minutes: int
    local_day: date


# ── writes ──────────────────────────────────────────────────────────────────────────────────────

INSERT_SESSION = (
    "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, "
    "note, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
"""One session's row; bulk imports (:mod:`skilltrack.transfer.storage`) write these columns in this order."""


def insert_session(
    db: sqlite3.Connection, *, skill_id: int, start: SessionStart, minutes: int, kind: str, note: str = ""
) -> tuple[int, str]:
    """Write one session (its values already checked but for its length); its key and id."""
    if not 1 <= minutes <= MAX_SESSION_MINUTES:
        raise RecordError("duration: use between 1 minute and 24 hours")
    session_id = new_id()
    cursor = db.execute(
        INSERT_SESSION,
        (
            session_id,
            skill_id,
            stored_instant(start.started_at_utc),
            start.time_zone,
            start.local_day.isoformat(),
            minutes,
            kind,
            note,
            stored_instant(datetime.now(UTC)),
        ),
    )
    return int(cursor.lastrowid or 0), session_id


def place_session(
    db: sqlite3.Connection,
    *,
    draft: SessionDraft,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
    allow_overlap: bool = False,
) -> Placed:
    """When a session as typed starts and the local day it counts for, in the home zone; and today.

    A session given a start time that would overlap a session already logged is an
    :class:`OverlapError`, unless ``allow_overlap``. One given no time was never timed: today it ends
    now, or where the sessions it would overlap begin; on a past day it starts at noon, or where they
    end; :attr:`Placed.moved` says so. Only a day with no room left refuses it.
    """
    zone = home_zone(db, fallback=fallback_zone)
    today = now_utc.astimezone(zone).date()
    if draft.day is not None and draft.day > today:
        raise InputError("date", f"{draft.day.isoformat()} is in the future; use today or earlier")
    start = resolve_session_start(
        minutes=draft.minutes, now_utc=now_utc, zone=zone, day=draft.day, at=draft.at
    )
    if allow_overlap:
        return Placed(start, today)
    if draft.at is not None:
        refuse_overlap(db, start_utc=start.started_at_utc, minutes=draft.minutes, zone=zone)
        return Placed(start, today)
    return _clear_of_others(db, start, draft.minutes, zone, today, later=start.local_day != today)


class Placed(NamedTuple):
    start: SessionStart
    today: date
    moved: str = ""
    """How a session given no time was moved clear of the sessions already logged, to tell the person."""


# ── overlaps ────────────────────────────────────────────────────────────────────────────────────


class Overlap(NamedTuple):
    """A session already in the record that another one would overlap."""

    key: int
    uuid: str
    skill: str
    started_at_utc: datetime
    minutes: int

    @property
    def ends_at_utc(self) -> datetime:
        return self.started_at_utc + timedelta(minutes=self.minutes)


class OverlapError(InputError):
    """A session that would overlap one already logged, naming that one. Commands add how to keep both
    anyway (``--overlap``; a checkbox in the app)."""

    def __init__(self, other: Overlap, zone: ZoneInfo, *, fits_at: datetime | None = None) -> None:
        start, end = other.started_at_utc.astimezone(zone), other.ends_at_utc.astimezone(zone)
        problem = (
            f"it would overlap the {_length(other.minutes)} of {other.skill} from {start:%H:%M} to "
            f"{end:%H:%M} on {start:%a %Y-%m-%d} (session {other.uuid[:8]})"
        )
        if fits_at is not None:
            problem += f"; it fits if it started at {fits_at.astimezone(zone):%H:%M}"
        super().__init__("at", problem)
        self.other = other


def _length(minutes: int) -> str:
    from skilltrack.domain.durations import format_minutes

    return format_minutes(minutes)


def overlapping_sessions(
    db: sqlite3.Connection, *, start_utc: datetime, minutes: int, excluding: int | None = None
) -> list[Overlap]:
    """The sessions that share any minute with ``minutes`` from ``start_utc``, in the order they start.

    One range read on the ``started_at_utc`` index: no session is longer than a day, so only those
    starting in the day before can reach into it. Back-to-back sessions do not overlap.
    """
    end = start_utc + timedelta(minutes=minutes)
    earliest = start_utc - timedelta(minutes=MAX_SESSION_MINUTES)
    found = []
    for key, uuid, skill, started, length in db.execute(
        "SELECT learning_session.id, learning_session.uuid, skill.name, learning_session.started_at_utc, "
        "learning_session.minutes FROM learning_session JOIN skill ON skill.id = learning_session.skill_id "
        "WHERE learning_session.started_at_utc > ? AND learning_session.started_at_utc < ? "
        "ORDER BY learning_session.started_at_utc",
        (stored_instant(earliest), stored_instant(end)),
    ):
        other = Overlap(int(key), str(uuid), str(skill), read_instant(started), int(length))
        if other.key != excluding and other.ends_at_utc > start_utc:
            found.append(other)
    return found


def refuse_overlap(
    db: sqlite3.Connection,
    *,
    start_utc: datetime,
    minutes: int,
    zone: ZoneInfo,
    excluding: int | None = None,
) -> None:
    """:class:`OverlapError` when ``minutes`` from ``start_utc`` would overlap a logged session; it
    says where the session would fit, ending where the first overlapped one starts, when that is free."""
    found = overlapping_sessions(db, start_utc=start_utc, minutes=minutes, excluding=excluding)
    if not found:
        return
    first = found[0]
    before = first.started_at_utc - timedelta(minutes=minutes)
    free = not overlapping_sessions(db, start_utc=before, minutes=minutes, excluding=excluding)
    same_day = before.astimezone(zone).date() == start_utc.astimezone(zone).date()
    raise OverlapError(first, zone, fits_at=before if free and same_day else None)


def _clear_of_others(
    db: sqlite3.Connection, start: SessionStart, minutes: int, zone: ZoneInfo, today: date, *, later: bool
) -> Placed:
    """An untimed session moved, on its own day, past the sessions it would overlap: ``later`` (from
    noon on a past day) or earlier (ending now, today)."""
    candidate = start.started_at_utc
    passed: list[Overlap] = []
    for _ in range(200):  # a day holds fewer sessions than this; the bound only guards the loop
        found = overlapping_sessions(db, start_utc=candidate, minutes=minutes)
        if not found:
            placed = start._replace(started_at_utc=candidate)
            return Placed(placed, today, _moved(placed, minutes, passed, zone) if passed else "")
        passed += found
        if later:
            candidate = max(other.ends_at_utc for other in found)
        else:
            candidate = min(other.started_at_utc for other in found) - timedelta(minutes=minutes)
        if candidate.astimezone(zone).date() != start.local_day:
            break
    refuse_overlap(db, start_utc=start.started_at_utc, minutes=minutes, zone=zone)
    raise AssertionError("a session that overlaps nothing needed no room")  # refuse_overlap raised


def _moved(placed: SessionStart, minutes: int, passed: list[Overlap], zone: ZoneInfo) -> str:
    start = placed.started_at_utc.astimezone(zone)
    end = start + timedelta(minutes=minutes)
    other = passed[0]
    other_start, other_end = other.started_at_utc.astimezone(zone), other.ends_at_utc.astimezone(zone)
    more = f" and {len(passed) - 1} more" if len(passed) > 1 else ""
    return (
        f"placed {start:%H:%M}–{end:%H:%M}, clear of {other.skill} {other_start:%H:%M}–{other_end:%H:%M}"
        f"{more} logged already; give a start time to say when"
    )


def log_session(
    db: sqlite3.Connection,
    *,
    draft: SessionDraft,
    ladder: Ladder,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
    allow_overlap: bool = False,
) -> LoggedSession:
    """Log a session as typed: the skill resolved by name or alias (a ladder name joins the record on
    first use), placed in the home zone clear of the sessions already logged, written, and the week's
    minutes read back."""
    start, today, moved = place_session(
        db, draft=draft, now_utc=now_utc, fallback_zone=fallback_zone, allow_overlap=allow_overlap
    )
    resolved = resolve_skill(db, typed=draft.skill, ladder=ladder, allow_new=draft.allow_new)
    _, session_id = insert_session(
        db, skill_id=resolved.skill.id, start=start, minutes=draft.minutes, kind=draft.kind, note=draft.note
    )
    week = minutes_between(db, first=week_start(today), last=today)
    return LoggedSession(
        session_id,
        resolved.skill.name,
        draft.minutes,
        draft.kind,
        start.local_day,
        week,
        resolved.notice,
        moved,
        start.note,
        career_start_warning(db, day=start.local_day, session_id=session_id),
    )


def career_start_warning(db: sqlite3.Connection, *, day: date, session_id: str, done: str = "logged") -> str:
    """A warning when a session's ``day`` is a year or more before the profile's career start (often a
    mistyped year), naming the session by its short id; empty otherwise. Never a refusal: either date
    may be the right one, and the sentence says how to change each."""
    row = db.execute("SELECT career_started_on FROM profile WHERE id = 1").fetchone()
    career_start = stored_day(row[0]) if row is not None else None
    return before_career_start(day, career_start, session_id=session_id[:8], done=done) or ""


class SessionChanges(NamedTuple):
    """What ``session edit`` (or the app) changes about a session; ``None`` keeps the value."""

    skill: str | None = None
    minutes: int | None = None
    day: date | None = None
    at: time | None = None
    kind: str | None = None
    note: str | None = None
    allow_new: bool = False
    """Add ``skill`` as a new skill even when it looks like a known one."""

    @property
    def empty(self) -> bool:
        return all(value is None for value in self[:6])


class SessionState(NamedTuple):
    """A session as it stands, for saying what an edit changed."""

    uuid: str
    skill: str
    local_day: date
    started_local: datetime
    minutes: int
    kind: str
    note: str


def edit_session(
    db: sqlite3.Connection,
    *,
    typed_id: str,
    changes: SessionChanges,
    ladder: Ladder,
    now_utc: datetime,
    allow_overlap: bool = False,
) -> Edited[SessionState]:
    """Change a session in place: its id, its mock interview's scores and everything else stay.

    Its times are read in the session's own time zone (where it was logged). A new day keeps the start
    time of day; a new start keeps the day. A mock interview stays one (its round is scored on it).
    """
    key = ids.find_id(db, "learning_session", typed_id, what="session", listed_by="session list")
    before = _state(db, key)
    skill_id, zone_name = db.execute(
        "SELECT skill_id, time_zone FROM learning_session WHERE id = ?", (key,)
    ).fetchone()
    zone = parse_time_zone(zone_name)
    notices: tuple[str, ...] = ()
    if changes.skill is not None:
        resolved = resolve_skill(db, typed=changes.skill, ladder=ladder, allow_new=changes.allow_new)
        skill_id, notices = resolved.skill.id, tuple(filter(None, [resolved.notice]))
    kind = before.kind if changes.kind is None else changes.kind
    interview = db.execute("SELECT 1 FROM interview_practice WHERE session_id = ?", (key,)).fetchone()
    if kind != before.kind and interview:
        raise InputError("kind", "a mock interview stays one; to drop its scores, remove the interview")
    if kind != before.kind and kind == MOCK_INTERVIEW:
        raise InputError("kind", "a mock interview is added with its round and score, as a new interview")
    minutes = before.minutes if changes.minutes is None else changes.minutes
    day = before.local_day if changes.day is None else changes.day
    started_utc = before.started_local.astimezone(UTC)
    if changes.day is not None or changes.at is not None:
        at = before.started_local.time() if changes.at is None else changes.at
        # The same checks as a start typed to log: a time the clocks skipped refused, one that came
        # twice taken at its first occurrence and said so.
        started_local, start_note = wall_clock_start(day, at, zone)
        started_utc = started_local.astimezone(UTC)
        if started_utc > now_utc:
            field = "at" if changes.at is not None else "date"
            raise InputError(field, f"{started_local:%H:%M} on {day.isoformat()} is in the future")
        notices += tuple(filter(None, [start_note]))
    moved = minutes != before.minutes or started_utc != before.started_local.astimezone(UTC)
    if moved and not allow_overlap:
        refuse_overlap(db, start_utc=started_utc, minutes=minutes, zone=zone, excluding=key)
    db.execute(
        "UPDATE learning_session SET skill_id = ?, started_at_utc = ?, local_day = ?, minutes = ?, kind = ?, "
        "note = ? WHERE id = ?",
        (
            skill_id,
            stored_instant(started_utc),
            day.isoformat(),
            minutes,
            kind,
            before.note if changes.note is None else clean_note(changes.note),
            key,
        ),
    )
    return Edited(before, _state(db, key), notices)


def _state(db: sqlite3.Connection, key: int) -> SessionState:
    uuid, skill, local_day, started, zone_name, minutes, kind, note = db.execute(
        "SELECT session.uuid, skill.name, session.local_day, session.started_at_utc, session.time_zone, "
        "session.minutes, session.kind, session.note "
        "FROM learning_session AS session JOIN skill ON skill.id = session.skill_id WHERE session.id = ?",
        (key,),
    ).fetchone()
    started_local = read_instant(started).astimezone(parse_time_zone(zone_name))
    return SessionState(
        str(uuid),
        str(skill),
        date.fromisoformat(local_day),
        started_local,
        int(minutes),
        str(kind),
        str(note),
    )


class RemovedSession(NamedTuple):
    skill: str
    minutes: int
    local_day: date


def remove_session(db: sqlite3.Connection, *, typed_id: str) -> RemovedSession:
    """Delete the session whose id starts with ``typed_id`` (its mock interview's scores go with it)."""
    key = ids.find_id(db, "learning_session", typed_id, what="session", listed_by="session list")
    skill, minutes, local_day = db.execute(
        "SELECT skill.name, learning_session.minutes, learning_session.local_day FROM learning_session "
        "JOIN skill ON skill.id = learning_session.skill_id WHERE learning_session.id = ?",
        (key,),
    ).fetchone()
    db.execute("DELETE FROM learning_session WHERE id = ?", (key,))
    return RemovedSession(str(skill), int(minutes), date.fromisoformat(local_day))


# ── the timer ───────────────────────────────────────────────────────────────────────────────────


def running_timer(db: sqlite3.Connection) -> TimerRow | None:
    row = db.execute(
        "SELECT skill.name, running_timer.kind, running_timer.started_at_utc, running_timer.time_zone "
        "FROM running_timer JOIN skill ON skill.id = running_timer.skill_id LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    skill, kind, started, time_zone = row
    return TimerRow(skill, kind, read_instant(started), time_zone)


def _timer(db: sqlite3.Connection) -> TimerRow:
    timer = running_timer(db)
    if timer is None:
        raise RecordError("timer: no timer is running; start one with: skilltrack start SKILL")
    return timer


def start_timer(
    db: sqlite3.Connection,
    *,
    typed_skill: str,
    kind: str,
    ladder: Ladder,
    now_utc: datetime,
    fallback_zone: ZoneInfo,
    allow_new: bool = False,
) -> TimerStarted:
    running = running_timer(db)
    if running is not None:
        raise RecordError(f"timer: a timer for {running.skill} is already running; stop or cancel it first")
    zone = home_zone(db, fallback=fallback_zone)
    resolved = resolve_skill(db, typed=typed_skill, ladder=ladder, allow_new=allow_new)
    db.execute(
        "INSERT INTO running_timer (id, skill_id, kind, started_at_utc, time_zone) VALUES (1, ?, ?, ?, ?)",
        (resolved.skill.id, kind, stored_instant(now_utc), zone.key),
    )
    return TimerStarted(resolved.skill.name, kind, now_utc.astimezone(zone), resolved.notice)


def stop_timer(
    db: sqlite3.Connection, *, now_utc: datetime, note: str = "", allow_overlap: bool = False
) -> TimerStopped:
    """Turn the running timer into a learning session (at least one minute) in one step; refused if it
    would overlap a session logged meanwhile, unless ``allow_overlap`` (the timer keeps running)."""
    timer = _timer(db)
    minutes = max(1, round((now_utc - timer.started_at_utc).total_seconds() / 60))
    if minutes > MAX_SESSION_MINUTES:
        raise RecordError(
            "timer: it has run for more than 24 hours; cancel it and log the time with "
            "skilltrack log SKILL DURATION --date ... --at ..."
        )
    zone = parse_time_zone(timer.time_zone)
    if not allow_overlap:
        refuse_overlap(db, start_utc=timer.started_at_utc, minutes=minutes, zone=zone)
    local_day = timer.started_at_utc.astimezone(zone).date()
    (skill_id,) = db.execute("SELECT skill_id FROM running_timer WHERE id = 1").fetchone()
    start = SessionStart(timer.started_at_utc, local_day, timer.time_zone)
    insert_session(
        db, skill_id=int(skill_id), start=start, minutes=minutes, kind=timer.kind, note=clean_note(note)
    )
    db.execute("DELETE FROM running_timer WHERE id = 1")
    return TimerStopped(timer.skill, timer.kind, minutes, local_day)


def cancel_timer(db: sqlite3.Connection) -> TimerRow:
    timer = _timer(db)
    db.execute("DELETE FROM running_timer WHERE id = 1")
    return timer


# ── reads ───────────────────────────────────────────────────────────────────────────────────────


def minutes_between(db: sqlite3.Connection, *, first: date, last: date) -> int:
    """Minutes logged on the local days ``first`` to ``last``, both included."""
    row = db.execute(
        "SELECT coalesce(sum(minutes), 0) FROM learning_session WHERE local_day >= ? AND local_day <= ?",
        (first.isoformat(), last.isoformat()),
    ).fetchone()
    return int(row[0])


def daily_minutes(db: sqlite3.Connection, *, first: date, last: date) -> dict[date, int]:
    """Minutes per local day from ``first`` to ``last`` (days with none are left out)."""
    return {
        date.fromisoformat(day): int(total)
        for day, total in db.execute(
            "SELECT local_day, sum(minutes) FROM learning_session "
            "WHERE local_day >= ? AND local_day <= ? GROUP BY local_day",
            (first.isoformat(), last.isoformat()),
        )
    }


def weekly_minutes(db: sqlite3.Connection, *, today: date, weeks: int) -> tuple[int, ...]:
    """Minutes logged in each of the ``weeks`` full weeks before this one, oldest first."""
    first = week_start(today) - timedelta(weeks=weeks)
    rows = db.execute(
        """
        SELECT CAST((julianday(local_day) - julianday(:first)) / 7 AS INTEGER) AS week, SUM(minutes)
        FROM learning_session
        WHERE local_day >= :first AND local_day < :monday
        GROUP BY week
        """,
        {"first": first.isoformat(), "monday": week_start(today).isoformat()},
    ).fetchall()
    by_week = {int(week): int(minutes) for week, minutes in rows}
    return tuple(by_week.get(week, 0) for week in range(weeks))


def skill_minutes_before(db: sqlite3.Connection, *, day: date) -> dict[int, tuple[int, date]]:
    """Per skill, the minutes logged before ``day`` and the last day with any."""
    return {
        int(skill_id): (int(minutes), date.fromisoformat(last))
        for skill_id, minutes, last in db.execute(
            "SELECT skill_id, sum(minutes), max(local_day) FROM learning_session WHERE local_day < ? "
            "GROUP BY skill_id",
            (day.isoformat(),),
        )
    }


def skill_minutes_by_day(
    db: sqlite3.Connection, *, first: date, last: date
) -> dict[int, list[tuple[date, int]]]:
    """Per skill, the minutes of each day from ``first`` to ``last`` with any, in order."""
    found: dict[int, list[tuple[date, int]]] = {}
    for skill_id, day, minutes in db.execute(
        "SELECT skill_id, local_day, sum(minutes) FROM learning_session "
        "WHERE local_day >= ? AND local_day <= ? GROUP BY skill_id, local_day ORDER BY skill_id, local_day",
        (first.isoformat(), last.isoformat()),
    ):
        found.setdefault(int(skill_id), []).append((date.fromisoformat(day), int(minutes)))
    return found


def practice_by_day(
    db: sqlite3.Connection, *, query: PracticeQuery, last: date
) -> list[tuple[date, int, int]]:
    """The sessions a practice rule counts, per day from the query's ``since`` to ``last``:
    ``(day, sessions, minutes)`` in order."""
    condition, values = counted_sessions(query)
    return [
        (date.fromisoformat(day), int(count), int(minutes))
        for day, count, minutes in db.execute(
            f"SELECT local_day, count(*), sum(minutes) FROM learning_session WHERE {condition} "
            "AND local_day >= ? AND local_day <= ? GROUP BY local_day ORDER BY local_day",
            [*values, query.since.isoformat(), last.isoformat()],
        )
    ]


def first_day(db: sqlite3.Connection) -> date | None:
    """The local day of the first session of the record (``None`` for a record without one)."""
    (day,) = db.execute("SELECT min(local_day) FROM learning_session").fetchone()
    return stored_day(day)


def active_days(db: sqlite3.Connection) -> list[date]:
    """Every local day with any learning, oldest first (one row per day, not per session)."""
    return [
        date.fromisoformat(day)
        for (day,) in db.execute("SELECT DISTINCT local_day FROM learning_session ORDER BY local_day")
    ]


def _session_rows(
    db: sqlite3.Connection, where: str, values: Sequence[object], order: str, limit: int | None
) -> list[SessionRow]:
    from uuid import UUID

    statement = (
        "SELECT learning_session.uuid, skill.name, learning_session.local_day, "
        "learning_session.started_at_utc, learning_session.time_zone, learning_session.minutes, "
        "learning_session.kind, learning_session.note "
        f"FROM learning_session JOIN skill ON skill.id = learning_session.skill_id {where} ORDER BY {order}"
    )
    if limit is not None:
        statement += " LIMIT ?"
        values = [*values, limit]
    return [
        SessionRow(
            uuid=UUID(uuid),
            skill=skill,
            local_day=date.fromisoformat(local_day),
            started_at_utc=read_instant(started),
            time_zone=time_zone,
            minutes=minutes,
            kind=kind,
            note=note,
        )
        for uuid, skill, local_day, started, time_zone, minutes, kind, note in db.execute(statement, values)
    ]


def recent_sessions(
    db: sqlite3.Connection, *, limit: int = 20, skill_id: int | None = None
) -> list[SessionRow]:
    """The newest sessions, of one skill or of all."""
    values: list[object] = [] if skill_id is None else [skill_id]
    where = "" if skill_id is None else "WHERE learning_session.skill_id = ?"
    newest_first = "learning_session.local_day DESC, learning_session.started_at_utc DESC"
    return _session_rows(db, where, values, newest_first, limit)


def sessions_on(db: sqlite3.Connection, *, day: date) -> list[SessionRow]:
    """The sessions that count for one local day, in the order they started."""
    where = "WHERE learning_session.local_day = ?"
    return _session_rows(db, where, [day.isoformat()], "learning_session.started_at_utc", None)


def counted_sessions(query: PracticeQuery, table: str = "learning_session") -> tuple[str, list[object]]:
    """The condition (on ``table``) that picks the sessions a practice rule counts, and its values:
    sessions of its kinds, on its skills (by name or alias; any skill when it names none)."""
    kinds = sorted(query.session_kinds)
    condition = f"{table}.kind IN ({marks(kinds)})"
    values: list[object] = [*kinds]
    if query.skills:
        keys = sorted(query.skills)
        placeholders = marks(keys)
        condition += (
            f" AND {table}.skill_id IN (SELECT id FROM skill WHERE name_key IN ({placeholders}) "
            f"OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key IN ({placeholders})))"
        )
        values += [*keys, *keys]
    return condition, values


def practice_tally(db: sqlite3.Connection, *, query: PracticeQuery) -> PracticeTally:
    """Sessions, minutes and the last day of the sessions a practice rule counts, since its window opens."""
    from skilltrack.domain.facts import PracticeTally

    condition, values = counted_sessions(query)
    count, minutes, last_day = db.execute(
        "SELECT count(*), coalesce(sum(minutes), 0), max(local_day) FROM learning_session "
        f"WHERE {condition} AND local_day >= ?",
        [*values, query.since.isoformat()],
    ).fetchone()
    return PracticeTally(int(count), int(minutes), stored_day(last_day))
