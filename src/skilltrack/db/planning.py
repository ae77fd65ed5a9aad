"""Reads the plan and the report need, in plain SQL over a ``sqlite3`` connection (no ORM at import).

Minutes per full week, each skill's progress and the profile: each an aggregate over indexed columns.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from skilltrack.domain.dates import week_start
from skilltrack.domain.plan import PACE_WEEKS, PlanFacts, SkillProgress


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


def skill_progress(connection: sqlite3.Connection) -> dict[str, SkillProgress]:
    """Each skill's minutes, current level and whether it shipped, under its name key and alias keys."""
    rows = connection.execute(
        """
        WITH totals AS (
            SELECT skill_id, SUM(minutes) AS minutes FROM learning_session GROUP BY skill_id
        ),
        latest AS (
            -- the newest day's rating; several on one day: the last one written
            SELECT skill_id, level FROM (
                SELECT skill_id, level,
                       row_number() OVER (PARTITION BY skill_id ORDER BY rated_on DESC, id DESC) AS place
                FROM skill_rating
            ) WHERE place = 1
        ),
        shipped AS (
            SELECT DISTINCT project_skill.skill_id
            FROM project_skill JOIN project ON project.id = project_skill.project_id
            WHERE project.in_production
        ),
        progress AS (
            SELECT skill.id, skill.name_key,
                   COALESCE(totals.minutes, 0) AS minutes,
                   latest.level,
                   shipped.skill_id IS NOT NULL AS shipped
            FROM skill
            LEFT JOIN totals ON totals.skill_id = skill.id
            LEFT JOIN latest ON latest.skill_id = skill.id
            LEFT JOIN shipped ON shipped.skill_id = skill.id
        )
        SELECT name_key, minutes, level, shipped FROM progress
        UNION ALL
        SELECT skill_alias.alias_key, progress.minutes, progress.level, progress.shipped
        FROM skill_alias JOIN progress ON progress.id = skill_alias.skill_id
        """
    ).fetchall()
    return {
        str(key): SkillProgress(int(minutes), None if level is None else int(level), bool(shipped))
        for key, minutes, level, shipped in rows
    }


def profile_facts(connection: sqlite3.Connection) -> ProfileFacts:
    row = connection.execute(
        "SELECT name, title, target_level, target_date, career_started_on FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return ProfileFacts()
    name, title, target_level, target_date, career_started_on = row
    return ProfileFacts(
        name=name or "",
        title=title or "",
        target_level=target_level or None,
        target_date=_day(target_date),
        career_started_on=_day(career_started_on),
    )


def load_plan_facts(connection: sqlite3.Connection, today: date) -> PlanFacts:
    profile = profile_facts(connection)
    return PlanFacts(
        weekly_minutes=weekly_minutes(connection, today),
        target_date=profile.target_date,
        career_started_on=profile.career_started_on,
        skills=skill_progress(connection),
    )


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    return date.fromisoformat(str(value)[:10])
