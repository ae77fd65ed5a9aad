"""Reads the plan and the report need, in plain SQL over a ``sqlite3`` connection (no ORM at import).

Minutes per full week and so far this week, and the profile: each an aggregate over indexed columns.
Each skill's progress is the record's (skilltrack.db.reads), read once for readiness and the plan.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from skilltrack.db import reads
from skilltrack.db.stored import stored_day
from skilltrack.domain.dates import week_start
from skilltrack.domain.plan import PACE_WEEKS, PlanFacts, skill_progress

if TYPE_CHECKING:
    from skilltrack.domain.record import Record, SkillFacts


@dataclass(frozen=True)
class ProfileFacts:
    name: str = ""
    title: str = ""
    target_level: str | None = None
    target_date: date | None = None
    career_started_on: date | None = None


def weekly_minutes(connection: sqlite3.Connection, today: date, weeks: int = PACE_WEEKS) -> tuple[int, ...]:
    """Minutes logged in each of the ``weeks`` full weeks before this one, oldest first."""
    first = week_start(today) - timedelta(weeks=weeks)
    rows = connection.execute(
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


def profile_facts(connection: sqlite3.Connection) -> ProfileFacts:
    """The profile's settings (skilltrack.db.reads) with the name, title and target date beside them."""
    settings = reads.profile_settings(connection)
    row = connection.execute("SELECT name, title, target_date FROM profile WHERE id = 1").fetchone()
    name, title, target_date = row if row is not None else ("", "", None)
    return ProfileFacts(
        name=name or "",
        title=title or "",
        target_level=settings.target_level or None,
        target_date=stored_day(target_date or None),
        career_started_on=settings.career_started_on,
    )


def load_plan_facts(
    connection: sqlite3.Connection,
    today: date,
    *,
    record: "Record | None" = None,
    target_level: str | None = None,
) -> PlanFacts:
    """The plan's facts. ``record``: the record readiness was assessed from, whose skills the plan
    uses (read here when not given). ``target_level``: the level the target date is for."""
    profile = profile_facts(connection)
    monday = week_start(today)
    return PlanFacts(
        weekly_minutes=weekly_minutes(connection, today),
        target_date=profile.target_date,
        career_started_on=profile.career_started_on,
        skills=skill_progress(record.skills if record is not None else _skills(connection, today)),
        target_level=target_level,
        minutes_this_week=sum(reads.daily_minutes(connection, monday, today).values()),
    )


def _skills(connection: sqlite3.Connection, today: date) -> "list[SkillFacts]":
    from skilltrack.domain.record import SkillFacts

    shipped = reads.shipped_projects_by_skill(connection)
    return [
        SkillFacts(
            row.name,
            row.kind,
            row.aliases,
            row.level,
            minutes_total=row.minutes_total,
            shipped_projects=shipped.get(row.id, ()),
        )
        for row in reads.skill_rows(connection, today)
    ]
