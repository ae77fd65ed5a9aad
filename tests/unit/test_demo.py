"""The demo record: believable sizes, nothing in the future, part-way to Senior, and deterministic."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from skilltrack.demo import populate_demo
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import Readiness, Status, assess
from skilltrack.record.errors import RecordError
from skilltrack.record.evidence import evidence_rows
from skilltrack.record.facts import load_facts
from skilltrack.record.opener import Record, open_record
from skilltrack.record.profile import read_profile
from skilltrack.record.projects import project_rows
from skilltrack.record.sessions import recent_sessions
from skilltrack.record.skills import rating_history, skill_rows

TODAY = date(2026, 11, 24)


@pytest.fixture
def demo_db(tmp_path: Path, framework: Framework) -> Iterator[Record]:
    record = open_record(tmp_path / "demo.sqlite3")
    populate_demo(record, framework, today=TODAY)
    yield record
    record.close()


def _populated(path: Path, framework: Framework, seed: int) -> list[tuple[date, int, str]]:
    record = open_record(path)
    try:
        populate_demo(record, framework, today=TODAY, seed=seed)
        return _sessions(record)
    finally:
        record.close()


def _sessions(record: Record) -> list[tuple[date, int, str]]:
    with record.reading() as db:
        rows = recent_sessions(db, limit=10_000)
    return [(row.local_day, row.minutes, row.skill) for row in rows]


def _readiness(record: Record, framework: Framework) -> Readiness:
    with record.reading() as db:
        facts = load_facts(db, framework=framework, today=TODAY)
    return assess(facts, framework, TODAY)


def test_profile_is_alex_aiming_for_senior(demo_db: Record) -> None:
    with demo_db.reading() as db:
        profile = read_profile(db)
    assert profile.name == "Alex Rivera"
    assert profile.title == "Backend Engineer II"
    assert profile.target_level == "senior"
    assert profile.time_zone == "Europe/Lisbon"
    assert profile.career_started_on is not None
    assert profile.target_date is not None
    assert 3.3 < (TODAY - profile.career_started_on).days / 365.25 < 3.6
    assert 140 < (profile.target_date - TODAY).days < 165


def test_counts_are_in_the_believable_ranges(demo_db: Record) -> None:
    with demo_db.reading() as db:
        skills = skill_rows(db, today=TODAY)
        ratings = [rating_history(db, skill_id=skill.id) for skill in skills]
        projects = project_rows(db)
        evidence = evidence_rows(db)
    assert 20 <= len(skills) <= 30
    assert all(1 <= len(history) <= 4 for history in ratings)
    assert any(skill.name == "Elixir" and skill.kind == "other" for skill in skills)
    assert len(projects) == 5
    assert sum(project.in_production for project in projects) == 3
    assert sum(project.ended_on is None for project in projects) == 1
    assert 10 <= len(evidence) <= 14
    assert all(TODAY - timedelta(days=550) <= entry.occurred_on <= TODAY for entry in evidence)

    sessions = _sessions(demo_db)
    assert 230 <= len(sessions) <= 280
    assert 170 * 60 <= sum(minutes for _, minutes, _ in sessions) <= 220 * 60
    assert all(15 <= minutes <= 240 for _, minutes, _ in sessions)


def test_no_session_is_after_today_and_the_streak_is_current(demo_db: Record) -> None:
    days = {day for day, _, _ in _sessions(demo_db)}
    assert max(days) <= TODAY
    assert min(days) >= TODAY - timedelta(days=366)
    assert {TODAY - timedelta(days=n) for n in range(1, 4)} <= days


def test_recent_mock_interviews_are_logged(demo_db: Record) -> None:
    with demo_db.reading() as db:
        rows = recent_sessions(db, limit=10_000)
    since = TODAY - timedelta(days=89)
    mocks = [row for row in rows if row.kind == "mock-interview" and row.local_day >= since]
    assert mocks
    assert {"System design", "Python", "Debugging", "Behavioural interview"} <= {row.skill for row in mocks}


def test_readiness_is_part_way_to_senior(demo_db: Record, framework: Framework) -> None:
    readiness = _readiness(demo_db, framework)
    percent = {level.level.id: level.percent for level in readiness.levels}
    assert 40 <= percent["senior"] <= 85
    assert percent["senior"] > percent["lead"] >= percent["staff"]
    senior = next(level for level in readiness.levels if level.level.id == "senior")
    assert any(result.status is not Status.MET for result in senior.results)
    assert not readiness.orphaned_evidence


def test_same_seed_gives_the_same_sessions(tmp_path: Path, framework: Framework) -> None:
    first = _populated(tmp_path / "first.sqlite3", framework, seed=7)
    second = _populated(tmp_path / "second.sqlite3", framework, seed=7)
    assert first == second


def test_another_seed_gives_other_sessions(tmp_path: Path, framework: Framework) -> None:
    first = _populated(tmp_path / "first.sqlite3", framework, seed=7)
    second = _populated(tmp_path / "second.sqlite3", framework, seed=8)
    assert first != second


def test_a_record_with_skills_is_refused(demo_db: Record, framework: Framework) -> None:
    before = _sessions(demo_db)
    with pytest.raises(RecordError):
        populate_demo(demo_db, framework, today=TODAY)
    assert _sessions(demo_db) == before
