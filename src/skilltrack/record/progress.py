"""Readiness as it stood each week: the record's dated facts (ratings, sessions, projects, evidence) read
once, aggregated by day in SQL, and rolled forward week by week; never the record replayed per week.

What a week needs is a handful of queries over indexed columns: each skill's minutes before the window
and per day within it, every rating and evidence entry with its day, the shipped projects with the day
they count from, and per practice rule its sessions per day. The facts as of each day are then sums over
those days, and the last point is today's readiness exactly as ``status`` reads it.
"""

import sqlite3
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from skilltrack.domain.facts import PracticeQuery, PracticeTally, RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework, PracticeRule
from skilltrack.domain.progress import Progress, progress_of
from skilltrack.domain.readiness import Readiness, assess, practice_query
from skilltrack.record import evidence, profile, projects, sessions, skills
from skilltrack.record.facts import load_facts

RECENT_DAYS = skills.RECENT_DAYS
DEFAULT_WEEKS = 52


@dataclass(frozen=True)
class _SkillDays:
    """One skill's minutes: the total before the window, and each day within it with running totals."""

    before: int
    last_before: date | None
    days: list[date]
    running: list[int]
    """Minutes up to and including each of ``days``."""

    def minutes_until(self, day: date) -> int:
        index = bisect_right(self.days, day)
        return self.before + (self.running[index - 1] if index else 0)

    def last_until(self, day: date) -> date | None:
        index = bisect_right(self.days, day)
        return self.days[index - 1] if index else self.last_before


@dataclass(frozen=True)
class _Practice:
    """One practice rule's sessions per day over the window (and its run-in)."""

    rule: PracticeRule
    days: list[date]
    sessions: list[int]
    minutes: list[int]
    """Running totals up to and including each of ``days``."""

    def tally(self, first: date, last: date) -> PracticeTally:
        low, high = bisect_right(self.days, first - timedelta(days=1)), bisect_right(self.days, last)
        if high <= low:
            return PracticeTally()
        before_sessions = self.sessions[low - 1] if low else 0
        before_minutes = self.minutes[low - 1] if low else 0
        return PracticeTally(
            self.sessions[high - 1] - before_sessions,
            self.minutes[high - 1] - before_minutes,
            self.days[high - 1],
        )


def series_days(today: date, weeks: int, began: date | None) -> list[date]:
    """Today and the same weekday of each week before it, ``weeks`` back at most and not before the week
    the record began; oldest first."""
    days = [today - timedelta(weeks=back) for back in range(weeks, -1, -1)]
    if began is not None:
        days = [day for day in days if day > began - timedelta(days=7)] or [today]
    return days


def _began(db: sqlite3.Connection) -> date | None:
    """The first day the record has anything dated on: a session, a rating, evidence or a project."""
    (first,) = db.execute(
        "SELECT min(day) FROM (SELECT min(local_day) AS day FROM learning_session "
        "UNION ALL SELECT min(rated_on) FROM skill_rating UNION ALL SELECT min(occurred_on) FROM evidence "
        "UNION ALL SELECT min(started_on) FROM project)"
    ).fetchone()
    return date.fromisoformat(first) if first else None


def load_series(
    db: sqlite3.Connection, *, framework: Framework, today: date, weeks: int = DEFAULT_WEEKS
) -> list[tuple[date, Readiness]]:
    """Readiness as it stood on each day of :func:`series_days`, the last one today's."""
    days = series_days(today, weeks, _began(db))
    start = days[0]
    window_start = start - timedelta(days=RECENT_DAYS)
    before = sessions.skill_minutes_before(db, day=window_start)
    by_day = sessions.skill_minutes_by_day(db, first=window_start, last=today)
    skill_days = {
        skill_id: _SkillDays(
            before.get(skill_id, (0, None))[0],
            before.get(skill_id, (0, None))[1],
            [day for day, _ in by_day.get(skill_id, [])],
            list(accumulate(minutes for _, minutes in by_day.get(skill_id, []))),
        )
        for skill_id in {*before, *by_day}
    }
    rated = skills.ratings_by_skill(db)
    aliases = skills.aliases_by_skill(db)
    named = skills.skill_kinds(db)
    shipped = projects.shipped_projects_dated(db)
    all_evidence = evidence.evidence_facts(db)
    career = profile.read_profile(db).career_started_on
    practice = [
        _practice(db, rule, framework, start, today)
        for rule in dict.fromkeys(e.rule for e in framework.expectations if isinstance(e.rule, PracticeRule))
    ]
    series = []
    for day in days[:-1]:
        facts = RecordFacts(
            career_started_on=career,
            shipped_projects=tuple(name for shipped_on, name, _ in shipped if shipped_on <= day),
            skills=tuple(
                _skill_as_of(day, skill_id, name, kind, aliases, rated, skill_days, shipped)
                for skill_id, name, kind in named
            ),
            evidence=tuple(entry for entry in all_evidence if entry.occurred_on <= day),
            practice=_tallies(practice, framework, day),
        )
        series.append((day, assess(facts, framework, day)))
    series.append((today, assess(load_facts(db, framework=framework, today=today), framework, today)))
    return series


def _practice(
    db: sqlite3.Connection, rule: PracticeRule, framework: Framework, start: date, today: date
) -> _Practice:
    query = practice_query(rule, framework, start)  # counts from the first point's window on
    rows = sessions.practice_by_day(db, query=query, last=today)
    return _Practice(
        rule,
        [day for day, _, _ in rows],
        list(accumulate(count for _, count, _ in rows)),
        list(accumulate(minutes for _, _, minutes in rows)),
    )


def _tallies(
    practice: Sequence[_Practice], framework: Framework, day: date
) -> dict[PracticeQuery, PracticeTally]:
    tallies = {}
    for each in practice:
        query = practice_query(each.rule, framework, day)
        tallies[query] = each.tally(query.since, day)
    return tallies


def _skill_as_of(
    day: date,
    skill_id: int,
    name: str,
    kind: str,
    aliases: dict[int, tuple[str, ...]],
    rated: dict[int, list[tuple[date, int]]],
    skill_days: dict[int, _SkillDays],
    shipped: list[tuple[date, str, tuple[int, ...]]],
) -> SkillFacts:
    ratings = [rating for rating in rated.get(skill_id, []) if rating[0] <= day]
    minutes = skill_days.get(skill_id)
    total = minutes.minutes_until(day) if minutes else 0
    recent = total - minutes.minutes_until(day - timedelta(days=RECENT_DAYS)) if minutes else 0
    return SkillFacts(
        name=name,
        kind=kind,
        aliases=aliases.get(skill_id, ()),
        level=ratings[-1][1] if ratings else None,
        rated_on=ratings[-1][0] if ratings else None,
        minutes_total=total,
        minutes_recent=recent,
        last_practised=minutes.last_until(day) if minutes else None,
        shipped_projects=tuple(
            project for shipped_on, project, used in shipped if shipped_on <= day and skill_id in used
        ),
    )


def load_progress(
    db: sqlite3.Connection,
    *,
    framework: Framework,
    today: date,
    level_id: str | None,
    weeks: int = DEFAULT_WEEKS,
) -> Progress:
    """The progress of ``level_id`` (the target level when ``None``) over the last ``weeks`` weeks."""
    chosen = level_id or profile.target_level(db, framework=framework)
    return progress_of(chosen, load_series(db, framework=framework, today=today, weeks=weeks))
