"""The record's everyday reads, in plain SQL over a ``sqlite3.Connection``.

Both ways to the record call these: the ORM path through
:func:`skilltrack.db.engine.sqlite_connection` (so :mod:`skilltrack.db.queries` keeps its session
signatures), and :mod:`skilltrack.db.direct`, which opens the record without SQLAlchemy so that
``log``, ``status`` and the app's dashboard start fast. Nothing here imports the ORM. Each read is an
aggregate over indexed columns, never a loop over every session. Values come back as the ORM gives
them: dates as ``date``, instants as aware UTC ``datetime``, ids as ``UUID``. How values are stored,
and the reads a write needs, are in :mod:`skilltrack.db.stored` (re-exported here).
"""

from __future__ import annotations  # the record's and UUID's types are imported where they are used

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from skilltrack.db.stored import find_skill_id as find_skill_id
from skilltrack.db.stored import home_zone as home_zone
from skilltrack.db.stored import marks as _marks
from skilltrack.db.stored import minutes_between as minutes_between
from skilltrack.db.stored import read_instant as read_instant
from skilltrack.db.stored import stored_day as _day
from skilltrack.db.stored import stored_instant as stored_instant

if TYPE_CHECKING:
    # Imported where used: the dashboard's and the lists' reads need neither readiness nor uuid.
    from uuid import UUID

    from skilltrack.domain.framework import Framework
    from skilltrack.domain.record import EvidenceFacts, PracticeQuery, PracticeTally, Record

RECENT_DAYS = 90
"""The window "recent" hours and "last 90 days" columns count over."""


@dataclass(frozen=True)
class SkillRow:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    level: int | None
    rated_on: date | None
    minutes_total: int
    minutes_recent: int
    sessions: int
    last_practised: date | None
    minutes_last_30_days: int = 0
    minutes_30_days_before: int = 0


@dataclass(frozen=True)
class SessionRow:
    uuid: UUID
    skill: str
    local_day: date
    started_at_utc: datetime
    time_zone: str
    minutes: int
    kind: str
    note: str


@dataclass(frozen=True)
class EvidenceRow:
    uuid: UUID
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None
    project: str | None
    link: str
    note: str

    def facts(self) -> EvidenceFacts:
        from skilltrack.domain.record import EvidenceFacts

        return EvidenceFacts(
            uuid=str(self.uuid),
            kind=self.kind,
            title=self.title,
            occurred_on=self.occurred_on,
            expectation_id=self.expectation_id,
            project=self.project,
            link=self.link or None,
        )


@dataclass(frozen=True)
class TimerRow:
    skill: str
    kind: str
    started_at_utc: datetime
    time_zone: str


@dataclass(frozen=True)
class ProfileSettings:
    """The profile's settings that reads depend on (all ``None`` for a new record)."""

    career_started_on: date | None = None
    target_level: str | None = None
    time_zone: str | None = None


# ── the profile ─────────────────────────────────────────────────────────────────────────────────


def profile_settings(connection: sqlite3.Connection) -> ProfileSettings:
    row = connection.execute(
        "SELECT career_started_on, target_level, time_zone FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return ProfileSettings()
    return ProfileSettings(_day(row[0]), row[1], row[2])


def target_level(connection: sqlite3.Connection, framework: Framework) -> str:
    """The profile's target level, or the ladder's first level when none (or an unknown one) is set."""
    level_ids = [level.id for level in framework.levels]
    chosen = profile_settings(connection).target_level
    return chosen if chosen in level_ids else level_ids[0]


# ── skills ──────────────────────────────────────────────────────────────────────────────────────


def _aliases_by_skill(connection: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for skill_id, alias in connection.execute("SELECT skill_id, alias FROM skill_alias ORDER BY id"):
        found.setdefault(skill_id, []).append(alias)
    return {skill_id: tuple(aliases) for skill_id, aliases in found.items()}


def _latest_ratings(connection: sqlite3.Connection) -> dict[int, tuple[int, date]]:
    rows = connection.execute(
        "SELECT rating.skill_id, rating.level, rating.rated_on FROM skill_rating AS rating "
        "JOIN (SELECT skill_id, max(rated_on) AS rated_on FROM skill_rating GROUP BY skill_id) AS newest "
        "ON newest.skill_id = rating.skill_id AND newest.rated_on = rating.rated_on "
        "ORDER BY rating.id"
    )
    # Several ratings on one day: the last one written wins.
    return {skill_id: (level, date.fromisoformat(rated_on)) for skill_id, level, rated_on in rows}


def skill_rows(connection: sqlite3.Connection, today: date) -> list[SkillRow]:
    """Every skill with its level, hours (all time, 90 and 30 days) and last practice, by name."""
    since = (today - timedelta(days=RECENT_DAYS - 1)).isoformat()
    month = (today - timedelta(days=29)).isoformat()
    month_before = (today - timedelta(days=59)).isoformat()
    # Two reads through ix_learning_session_skill_day (skill_id, local_day, minutes). One GROUP BY that
    # also compared every session's day, in CASE sums and in max(), took four times as long at 100,000
    # sessions: comparing text is the cost. So the all-time pass compares nothing, and the last day and
    # the windows are index seeks per skill that read only the sessions they count.
    totals = {
        skill_id: (int(total), int(count))
        for skill_id, total, count in connection.execute(
            "SELECT skill_id, sum(minutes), count(*) FROM learning_session GROUP BY skill_id"
        )
    }
    ratings = _latest_ratings(connection)
    aliases = _aliases_by_skill(connection)
    per_skill = "FROM learning_session WHERE skill_id = skill.id"
    rows = []
    for skill_id, name, kind, last, recent, last_30, before_30 in connection.execute(
        f"SELECT skill.id, skill.name, skill.kind, (SELECT max(local_day) {per_skill}), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :since), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :month), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :before AND local_day < :month) "
        "FROM skill ORDER BY skill.name_key",
        {"since": since, "month": month, "before": month_before},
    ):
        total, count = totals.get(skill_id, (0, 0))
        level, rated_on = ratings.get(skill_id, (None, None))
        rows.append(
            SkillRow(
                id=skill_id,
                name=name,
                kind=kind,
                aliases=aliases.get(skill_id, ()),
                level=level,
                rated_on=rated_on,
                minutes_total=total,
                minutes_recent=recent or 0,
                sessions=count,
                last_practised=_day(last),
                minutes_last_30_days=last_30 or 0,
                minutes_30_days_before=before_30 or 0,
            )
        )
    return rows


def shipped_projects_by_skill(connection: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for skill_id, project in connection.execute(
        "SELECT project_skill.skill_id, project.name FROM project_skill "
        "JOIN project ON project.id = project_skill.project_id "
        "WHERE project.in_production ORDER BY project.started_on"
    ):
        found.setdefault(skill_id, []).append(project)
    return {skill_id: tuple(names) for skill_id, names in found.items()}


# ── evidence ────────────────────────────────────────────────────────────────────────────────────


def evidence_rows(connection: sqlite3.Connection, kind: str | None = None) -> list[EvidenceRow]:
    from uuid import UUID

    where, values = ("WHERE evidence.kind = ?", [kind]) if kind is not None else ("", [])
    return [
        EvidenceRow(
            uuid=UUID(uuid),
            kind=evidence_kind,
            title=title,
            occurred_on=date.fromisoformat(occurred_on),
            expectation_id=expectation_id,
            project=project,
            link=link,
            note=note,
        )
        for (
            uuid,
            evidence_kind,
            title,
            occurred_on,
            expectation_id,
            project,
            link,
            note,
        ) in connection.execute(
            "SELECT evidence.uuid, evidence.kind, evidence.title, evidence.occurred_on, "
            "evidence.expectation_id, project.name, evidence.link, evidence.note "
            f"FROM evidence LEFT OUTER JOIN project ON project.id = evidence.project_id {where} "
            "ORDER BY evidence.occurred_on DESC, evidence.id DESC",
            values,
        )
    ]


def _uuid_text(stored: str) -> str:
    """``str(UUID(stored))`` without building a UUID: the record keeps them as 32 lowercase hex digits."""
    if len(stored) == 32 and stored.islower() and stored.isalnum():
        return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"
    from uuid import UUID

    return str(UUID(stored))


def _evidence_facts(connection: sqlite3.Connection) -> tuple[EvidenceFacts, ...]:
    """What readiness needs of every evidence entry, newest first, as :func:`evidence_rows` orders them."""
    from skilltrack.domain.record import EvidenceFacts

    return tuple(
        EvidenceFacts(
            uuid=_uuid_text(uuid),
            kind=kind,
            title=title,
            occurred_on=date.fromisoformat(occurred_on),
            expectation_id=expectation_id,
            project=project,
            link=link or None,
        )
        for uuid, kind, title, occurred_on, expectation_id, project, link in connection.execute(
            "SELECT evidence.uuid, evidence.kind, evidence.title, evidence.occurred_on, "
            "evidence.expectation_id, project.name, evidence.link "
            "FROM evidence LEFT OUTER JOIN project ON project.id = evidence.project_id "
            "ORDER BY evidence.occurred_on DESC, evidence.id DESC"
        )
    )


# ── sessions ────────────────────────────────────────────────────────────────────────────────────


def _session_rows(
    connection: sqlite3.Connection, where: str, values: Sequence[object], order: str, limit: int | None
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
        for uuid, skill, local_day, started, time_zone, minutes, kind, note in connection.execute(
            statement, values
        )
    ]


def recent_sessions(
    connection: sqlite3.Connection, *, limit: int = 20, skill_id: int | None = None
) -> list[SessionRow]:
    """The newest sessions, of one skill or of all."""
    values: list[object] = [] if skill_id is None else [skill_id]
    where = "" if skill_id is None else "WHERE learning_session.skill_id = ?"
    newest_first = "learning_session.local_day DESC, learning_session.started_at_utc DESC"
    return _session_rows(connection, where, values, newest_first, limit)


def sessions_on(connection: sqlite3.Connection, day: date) -> list[SessionRow]:
    """The sessions that count for one local day, in the order they started."""
    where = "WHERE learning_session.local_day = ?"
    return _session_rows(connection, where, [day.isoformat()], "learning_session.started_at_utc", None)


def active_days(connection: sqlite3.Connection) -> list[date]:
    """Every local day with any learning, oldest first (one row per day, not per session)."""
    return [
        date.fromisoformat(day)
        for (day,) in connection.execute("SELECT DISTINCT local_day FROM learning_session ORDER BY local_day")
    ]


def daily_minutes(connection: sqlite3.Connection, first: date, last: date) -> dict[date, int]:
    return {
        date.fromisoformat(day): int(total)
        for day, total in connection.execute(
            "SELECT local_day, sum(minutes) FROM learning_session "
            "WHERE local_day >= ? AND local_day <= ? GROUP BY local_day",
            (first.isoformat(), last.isoformat()),
        )
    }


def running_timer(connection: sqlite3.Connection) -> TimerRow | None:
    row = connection.execute(
        "SELECT skill.name, running_timer.kind, running_timer.started_at_utc, running_timer.time_zone "
        "FROM running_timer JOIN skill ON skill.id = running_timer.skill_id LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    skill, kind, started, time_zone = row
    return TimerRow(skill, kind, read_instant(started), time_zone)


def practice_tally(connection: sqlite3.Connection, query: PracticeQuery) -> PracticeTally:
    from skilltrack.domain.record import PracticeTally

    kinds = sorted(query.session_kinds)
    statement = (
        "SELECT count(*), coalesce(sum(minutes), 0), max(local_day) FROM learning_session "
        f"WHERE kind IN ({_marks(kinds)}) AND local_day >= ?"
    )
    values: list[object] = [*kinds, query.since.isoformat()]
    if query.skills:
        keys = sorted(query.skills)
        marks = _marks(keys)
        statement += (
            f" AND skill_id IN (SELECT id FROM skill WHERE name_key IN ({marks}) "
            f"OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key IN ({marks})))"
        )
        values += [*keys, *keys]
    count, minutes, last_day = connection.execute(statement, values).fetchone()
    return PracticeTally(int(count), int(minutes), _day(last_day))


# ── what readiness needs ────────────────────────────────────────────────────────────────────────


def load_record(connection: sqlite3.Connection, framework: Framework, today: date) -> Record:
    """Everything readiness needs, in a handful of aggregate queries."""
    from skilltrack.domain.readiness import practice_queries
    from skilltrack.domain.record import Record, SkillFacts

    shipped = shipped_projects_by_skill(connection)
    skills = tuple(
        SkillFacts(
            name=row.name,
            kind=row.kind,
            aliases=row.aliases,
            level=row.level,
            rated_on=row.rated_on,
            minutes_total=row.minutes_total,
            minutes_recent=row.minutes_recent,
            last_practised=row.last_practised,
            shipped_projects=shipped.get(row.id, ()),
        )
        for row in skill_rows(connection, today)
    )
    shipped_names = tuple(
        name
        for (name,) in connection.execute("SELECT name FROM project WHERE in_production ORDER BY started_on")
    )
    return Record(
        career_started_on=profile_settings(connection).career_started_on,
        shipped_projects=shipped_names,
        skills=skills,
        evidence=_evidence_facts(connection),
        practice={query: practice_tally(connection, query) for query in practice_queries(framework, today)},
    )
