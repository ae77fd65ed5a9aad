"""Readiness week by week from the dated record (``record.progress``), held to what it means: each week's
readiness is what ``assess(load_facts(...))`` says on that day of a copy of the record with everything
after that day deleted; the last week is today's ``status``."""

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from skilltrack.domain.dates import SessionStart
from skilltrack.domain.drafts import EvidenceDraft, ProjectDraft
from skilltrack.domain.framework import Framework
from skilltrack.domain.progress import Happened
from skilltrack.domain.readiness import LevelReadiness, Readiness, Status, assess
from skilltrack.guide import load_builtin_framework
from skilltrack.record.evidence import add_evidence
from skilltrack.record.facts import load_facts
from skilltrack.record.opener import Record, open_record
from skilltrack.record.overview import load_overview
from skilltrack.record.profile import update_profile
from skilltrack.record.progress import DEFAULT_WEEKS, load_progress, load_series, series_days
from skilltrack.record.projects import add_project
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import rate_skill, resolve_skill
from tests.conftest import TODAY

FRAMEWORK = load_builtin_framework()
WEEKS = 12
T = TypeVar("T")


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _populate(db: sqlite3.Connection) -> None:
    """A record whose readiness moves over the last twelve weeks, in every way it can: ratings (claims),
    hours that show them, a project shipping, evidence arriving and aging out, practice in and out of its
    window."""
    update_profile(db, changes={"career_started_on": date(2022, 9, 1), "target_level": "senior"})

    def skill_id(name: str) -> int:
        return resolve_skill(db, typed=name, ladder=lambda: FRAMEWORK).skill.id

    def log(name: str, days: int, minutes: int, kind: str = "study") -> None:
        start = SessionStart(datetime.combine(ago(days), time(9), tzinfo=UTC), ago(days), "UTC")
        insert_session(db, skill_id=skill_id(name), start=start, minutes=minutes, kind=kind)

    def rate(name: str, days: int, level: int) -> None:
        rate_skill(db, skill_id=skill_id(name), level=level, rated_on=ago(days))

    def evidence(kind: str, days: int, title: str, expectation: str | None = None) -> None:
        draft = EvidenceDraft(kind, title, ago(days), expectation_id=expectation)
        add_evidence(db, draft=draft, framework=FRAMEWORK)

    rate("Go", 100, 3)
    rate("Go", 40, 4)  # claimed from here, shown once Ledger ships with it
    for days, minutes in ((80, 120), (60, 120), (30, 180)):
        log("Go", days, minutes)
    rate("Python", 70, 2)
    for days in range(84, -1, -7):
        log("Kafka", days, 60)  # ten hours reached mid-series
    rate("PostgreSQL", 50, 3)
    rate("Datadog", 15, 3)  # a claim that stays one
    add_project(
        db,
        draft=ProjectDraft("Ledger", "backend engineer", ago(200), ago(20), True, ("Go", "PostgreSQL")),
        ladder=lambda: FRAMEWORK,
        allow_new=False,
    )
    add_project(
        db,
        draft=ProjectDraft("Search", "backend engineer", ago(60), None, False, ("Redis",)),
        ladder=lambda: FRAMEWORK,
        allow_new=False,
    )
    evidence("incident", 400, "Broker outage")  # ages out of 365 days five weeks ago
    evidence("incident", 300, "Ledger double charge")
    evidence("incident", 3, "Queue backlog")  # on-call met again
    evidence("design-doc", 45, "Outbox design", "senior.design.design-docs")
    evidence("mentoring", 60, "Onboarded a new hire")
    for days in (100, 95, 5):
        log("System design", days, 60, kind="mock-interview")


@pytest.fixture(scope="module")
def record_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path: Path = tmp_path_factory.mktemp("progress") / "record.sqlite3"
    record = open_record(path)
    with record.writing() as db:
        _populate(db)
    record.close()
    yield path


def _read(path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    record: Record = open_record(path, create=False)
    try:
        with record.reading() as db:
            return read(db)
    finally:
        record.close()


@pytest.fixture(scope="module")
def series(record_path: Path) -> list[tuple[date, Readiness]]:
    return _read(record_path, lambda db: load_series(db, framework=FRAMEWORK, today=TODAY, weeks=WEEKS))


def _as_it_stood(path: Path, copy: Path, day: date) -> Readiness:
    """Readiness on ``day`` the long way: a copy of the record with everything after ``day`` deleted."""
    source = sqlite3.connect(path)
    target = sqlite3.connect(copy, isolation_level=None)
    try:
        source.backup(target)
        target.execute("PRAGMA foreign_keys = ON")
        kept = day.isoformat()
        target.execute("DELETE FROM learning_session WHERE local_day > ?", (kept,))
        target.execute("DELETE FROM skill_rating WHERE rated_on > ?", (kept,))
        target.execute("DELETE FROM evidence WHERE occurred_on > ?", (kept,))
        target.execute("DELETE FROM project WHERE started_on > ?", (kept,))
        # A project still going on that day was not shipped yet, whatever it became later.
        target.execute(
            "UPDATE project SET in_production = 0 WHERE coalesce(ended_on, started_on) > ?", (kept,)
        )
        return assess(load_facts(target, framework=FRAMEWORK, today=day), FRAMEWORK, day)
    finally:
        source.close()
        target.close()


def test_the_series_is_weekly_and_ends_today(series: list[tuple[date, Readiness]]) -> None:
    assert [day for day, _ in series] == [TODAY - timedelta(weeks=back) for back in range(WEEKS, -1, -1)]


def test_each_week_is_readiness_as_it_stood_on_a_record_cut_at_that_day(
    record_path: Path, series: list[tuple[date, Readiness]], tmp_path: Path
) -> None:
    moved = set()
    for number, (day, rolled) in enumerate(series):
        cut = _as_it_stood(record_path, tmp_path / f"cut-{number}.sqlite3", day)
        for level, expected in zip(rolled.levels, cut.levels, strict=True):
            assert (level.percent, level.shown_percent, level.counts) == (
                expected.percent,
                expected.shown_percent,
                expected.counts,
            ), (day, level.level.id)
            for result, wanted in zip(level.results, expected.results, strict=True):
                assert result.expectation.id == wanted.expectation.id
                assert result.status is wanted.status, (day, result.expectation.id)
                assert result.shown == pytest.approx(wanted.shown), (day, result.expectation.id)
                assert result.claims == pytest.approx(wanted.claims), (day, result.expectation.id)
                assert result.next_step == wanted.next_step, (day, result.expectation.id)
        moved.add(rolled.level("senior").percent)
    # Not a flat line: the check above compared weeks that differ.
    assert len(moved) >= 4


def test_the_last_week_is_todays_status(record_path: Path, series: list[tuple[date, Readiness]]) -> None:
    overview = _read(record_path, lambda db: load_overview(db, framework=FRAMEWORK, today=TODAY))
    day, today = series[-1]
    assert day == TODAY
    for level, now in zip(today.levels, overview.readiness.levels, strict=True):
        assert level.summary == now.summary
        assert [r.status for r in level.results] == [r.status for r in now.results]


def test_milestones_name_the_week_first_shown_and_the_week_evidence_aged_out(record_path: Path) -> None:
    progress = _read(
        record_path,
        lambda db: load_progress(db, framework=FRAMEWORK, today=TODAY, level_id=None, weeks=WEEKS),
    )
    happened = [(m.day, m.expectation.id, m.happened) for m in progress.milestones]

    assert progress.level.id == "senior"  # the profile's target
    # Go 4 was claimed from 40 days ago; Ledger shipped with Go 20 days ago: shown from the next week.
    assert (ago(14), "senior.languages.primary", Happened.MET) in happened
    assert (ago(14), "senior.data-stores.relational", Happened.MET) in happened
    # The 400-day-old incident left the 365-day window five weeks ago; a new one came three days ago.
    assert (ago(35), "senior.reliability.on-call", Happened.LAPSED) in happened
    assert (TODAY, "senior.reliability.on-call", Happened.MET_AGAIN) in happened
    # Two mock interviews 100 and 95 days ago: out of the 90-day window last week.
    assert (ago(7), "senior.interview.system-design", Happened.LAPSED) in happened
    assert [m.day for m in progress.milestones] == sorted(m.day for m in progress.milestones)
    met_before = {expectation.id for expectation in progress.already_met}
    assert {"senior.reliability.on-call", "senior.interview.system-design"} <= met_before
    assert "senior.languages.primary" not in met_before
    # Datadog 3 stays a claim: never a milestone, and claimed today.
    observability = next(
        r for r in _target_today(record_path).results if r.expectation.id == "senior.observability.tooling"
    )
    assert observability.status is Status.CLAIMED
    assert all(m.expectation.id != "senior.observability.tooling" for m in progress.milestones)


def _target_today(path: Path) -> LevelReadiness:
    return _read(path, lambda db: load_overview(db, framework=FRAMEWORK, today=TODAY)).target


def test_the_series_starts_no_earlier_than_the_week_the_record_began() -> None:
    began = ago(20)  # a Wednesday: the Tuesday before it is the week it began, at zero
    assert series_days(TODAY, 52, began) == [ago(21), ago(14), ago(7), TODAY]
    assert series_days(TODAY, 52, None)[0] == TODAY - timedelta(weeks=52)
    assert series_days(TODAY, 2, ago(400)) == [ago(14), ago(7), TODAY]
    assert series_days(TODAY, 52, TODAY) == [TODAY]
    assert len(series_days(TODAY, DEFAULT_WEEKS, None)) == DEFAULT_WEEKS + 1


def test_an_empty_record_is_a_flat_year(tmp_path: Path, framework: Framework) -> None:
    path = tmp_path / "empty.sqlite3"
    open_record(path).close()
    progress = _read(path, lambda db: load_progress(db, framework=framework, today=TODAY, level_id="lead"))

    assert progress.points[-1].day == TODAY
    assert len(progress.points) == DEFAULT_WEEKS + 1
    assert {point.percent for point in progress.points} == {0}
    assert progress.level.id == "lead"
    assert progress.milestones == ()
