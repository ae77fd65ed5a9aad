"""The weekly plan and the forecast: hours to the biggest gaps, evidence as tasks, dates and assumptions."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.facts import EvidenceFacts, PracticeTally, RecordFacts, SkillFacts
from skilltrack.domain.framework import (
    Area,
    EvidenceKind,
    EvidenceRule,
    Expectation,
    ExperienceRule,
    Framework,
    HandsOnRule,
    Level,
    PracticeRule,
    Rule,
    SkillLevelRule,
    SkillTerm,
)
from skilltrack.domain.plan import (
    DEFAULT_CADENCE_WEEKS,
    HOURS_PER_LEVEL,
    MAX_WEEKLY_MINUTES,
    PRACTICE_SESSION_MINUTES,
    Plan,
    PlanFacts,
    PlanItem,
    Shape,
    SkillProgress,
    build_plan,
    skill_progress,
)
from skilltrack.domain.readiness import assess, practice_query

TODAY = date(2026, 11, 24)  # a Tuesday
MONDAY = date(2026, 11, 23)


def _expectation(id: str, rule: Rule, weight: int) -> Expectation:
    return Expectation(
        id=id, level="senior", area="core", title=id, section="", why="", rule=rule, weight=weight
    )


BROKER = _expectation("broker", HandsOnRule(skills=("Kafka", "RabbitMQ"), min_hours=10), 5)
INCIDENTS = _expectation("incidents", EvidenceRule(kinds=("incident",), min_count=2, within_days=365), 4)
LANGUAGE = _expectation("language", SkillLevelRule(skills=("Go",), min_level=4), 3)
YEARS = _expectation("years", ExperienceRule(min_years=4, min_shipped_projects=1), 2)
MOCKS = _expectation(
    "mocks",
    PracticeRule(
        session_kinds=("mock-interview",), skills=("System design",), min_sessions=3, within_days=90
    ),
    1,
)
FRAMEWORK = Framework(
    name="Test ladder",
    guide="",
    about="",
    levels=(Level("senior", "Senior", "", "", 0),),
    areas=(Area("core", "Core"),),
    skills=(
        SkillTerm("Kafka", "messaging", ("apache kafka",)),
        SkillTerm("RabbitMQ", "messaging"),
        SkillTerm("Go", "language", ("golang",)),
        SkillTerm("System design", "practice"),
    ),
    evidence_kinds=(EvidenceKind("incident", "Incident handled", ""),),
    expectations=(BROKER, INCIDENTS, LANGUAGE, YEARS, MOCKS),
)
CAREER_START = date(2023, 6, 1)


def _record(
    *,
    kafka_minutes: int = 0,
    kafka_level: int | None = None,
    go_level: int | None = None,
    incidents: int = 0,
    mocks: int = 0,
    career: date | None = CAREER_START,
    shipped: bool = True,
) -> RecordFacts:
    assert isinstance(MOCKS.rule, PracticeRule)
    return RecordFacts(
        career_started_on=career,
        shipped_projects=("Ledger",) if shipped else (),
        skills=(
            SkillFacts("Kafka", "messaging", level=kafka_level, minutes_total=kafka_minutes),
            SkillFacts("Go", "language", aliases=("golang",), level=go_level),
        ),
        evidence=tuple(
            EvidenceFacts(f"e{number}", "incident", f"Incident {number}", TODAY - timedelta(days=number))
            for number in range(incidents)
        ),
        practice={practice_query(MOCKS.rule, FRAMEWORK, TODAY): PracticeTally(sessions=mocks)},
    )


def _plan(
    record: RecordFacts,
    weekly: tuple[int, ...] = (300,) * 8,
    *,
    target: date | None = None,
    today: date = TODAY,
    target_level: str | None = None,
    logged: int = 0,
) -> Plan:
    level = assess(record, FRAMEWORK, today).level("senior")
    kafka = record.find_skill("Kafka")
    assert kafka is not None
    progress = SkillProgress(kafka.minutes_total, kafka.level)
    facts = PlanFacts(
        weekly_minutes=weekly,
        target_date=target,
        career_started_on=record.career_started_on,
        skills={"kafka": progress, "apache kafka": progress},
        target_level=target_level,
        minutes_this_week=logged,
    )
    return build_plan(level, FRAMEWORK, facts, today)


def _item(plan: Plan, expectation_id: str) -> PlanItem:
    return next(item for item in plan.items if item.result.expectation.id == expectation_id)


def test_the_weeks_hours_go_to_the_biggest_hour_shaped_gap_first() -> None:
    plan = _plan(_record(kafka_minutes=240))

    hours = [item for item in plan.items if item.shape is Shape.HOURS]
    assert [item.result.expectation.id for item in hours] == ["broker", "language", "mocks"]
    broker, language, mocks = hours
    assert broker.minutes_left == 600 - 240
    assert broker.minutes_this_week == 300
    assert language.minutes_left == 4 * HOURS_PER_LEVEL * 60
    assert language.minutes_this_week == 0
    assert mocks.minutes_left == 3 * PRACTICE_SESSION_MINUTES
    assert sum(item.minutes_this_week for item in plan.items) == 300
    assert plan.pace_minutes == 300
    assert plan.week_of == MONDAY


def test_a_small_gap_takes_only_what_it_needs_and_the_rest_goes_on() -> None:
    plan = _plan(_record(kafka_minutes=540, go_level=4))

    mocks, broker = (item for item in plan.items if item.shape is Shape.HOURS)
    assert (mocks.result.expectation.id, broker.result.expectation.id) == ("mocks", "broker")
    assert mocks.minutes_this_week == mocks.minutes_left == 180
    assert broker.minutes_this_week == broker.minutes_left == 60
    assert "1h this week" in broker.how
    assert sum(item.minutes_this_week for item in plan.items) == plan.hours_left == 240


def test_a_skill_rated_at_the_rules_level_needs_no_hours() -> None:
    plan = _plan(_record(kafka_level=3))

    assert "broker" not in [item.result.expectation.id for item in plan.items]


def test_evidence_is_a_task_with_a_cadence_and_said_so() -> None:
    plan = _plan(_record(incidents=0))

    incidents = _item(plan, "incidents")
    assert incidents.shape is Shape.TASK
    assert incidents.tasks_left == 2
    assert incidents.cadence_weeks == 2
    assert incidents.minutes_this_week == 0
    assert "one every 2 weeks" in incidents.how
    assert incidents.ready_on == MONDAY + timedelta(weeks=2, days=6)
    assert incidents in plan.this_week
    assert any("Evidence cannot be bought with hours" in said for said in plan.forecast.assumptions)


def test_a_near_target_date_asks_for_a_task_every_week() -> None:
    plan = _plan(_record(incidents=0), target=TODAY + timedelta(days=10))

    assert _item(plan, "incidents").cadence_weeks == 1


def test_years_of_experience_come_on_a_known_date() -> None:
    plan = _plan(_record())

    years = _item(plan, "years")
    assert years.shape is Shape.TIME
    assert years.ready_on == CAREER_START + timedelta(days=round(4 * 365.25))
    assert years.minutes_left == 0


def test_without_a_career_start_there_is_no_date_and_it_says_why() -> None:
    plan = _plan(_record(career=None))

    years = _item(plan, "years")
    assert years.shape is Shape.TASK
    assert years.ready_on is None
    assert plan.forecast.reached_on is None
    assert "career start is not set" in plan.forecast.summary


def test_a_missing_shipped_project_is_a_task_hours_cannot_close() -> None:
    plan = _plan(_record(career=date(2010, 1, 1), shipped=False))

    years = _item(plan, "years")
    assert years.shape is Shape.TASK
    assert "shipped to production" in years.unknown_because
    assert plan.forecast.reached_on is None


def test_no_history_means_no_pace_and_no_date() -> None:
    plan = _plan(_record(), weekly=(0,) * 8)

    assert plan.pace_minutes == 0
    assert all(item.minutes_this_week == 0 for item in plan.items)
    assert plan.forecast.reached_on is None
    assert plan.forecast.on_track is None
    assert "no learning was logged in the last 8 full weeks" in plan.forecast.summary
    assert "0m a week" in plan.forecast.assumptions[0]


def test_when_everything_is_met_the_level_is_reached_today() -> None:
    record = _record(kafka_level=3, go_level=4, incidents=2, mocks=3, career=date(2010, 1, 1))
    plan = _plan(record, target=TODAY + timedelta(days=30))

    assert plan.items == ()
    assert plan.forecast.reached_on == TODAY
    assert plan.forecast.on_track is True
    assert "every expectation is met" in plan.forecast.summary


def _hours_only_record() -> RecordFacts:
    return _record(go_level=4, incidents=2, mocks=3, career=date(2010, 1, 1), kafka_minutes=0)


def test_the_forecast_projects_the_hours_at_the_pace() -> None:
    plan = _plan(_hours_only_record(), weekly=(120,) * 8)

    assert plan.hours_left == 600
    assert plan.forecast.reached_on == TODAY + timedelta(days=35)
    assert "no target date is set" in plan.forecast.summary


def test_on_track_and_behind_against_the_target_date() -> None:
    on_track = _plan(_hours_only_record(), weekly=(120,) * 8, target=TODAY + timedelta(days=60))
    behind = _plan(_hours_only_record(), weekly=(120,) * 8, target=TODAY + timedelta(days=14))

    assert on_track.forecast.on_track is True
    assert "on track" in on_track.forecast.summary
    assert behind.forecast.on_track is False
    assert "behind your target" in behind.forecast.summary
    assert "about 5h a week" in behind.forecast.summary  # 600 minutes in 14 days


def test_a_target_date_in_the_past_is_said() -> None:
    plan = _plan(_hours_only_record(), weekly=(120,) * 8, target=TODAY - timedelta(days=3))

    assert plan.forecast.on_track is False
    assert "has passed" in plan.forecast.summary


def test_every_assumption_the_plan_rests_on_is_stated() -> None:
    said = " ".join(_plan(_record()).forecast.assumptions)

    assert "2026-09-28 to 2026-11-22" in said
    assert f"{HOURS_PER_LEVEL} h of deliberate study" in said
    assert f"{PRACTICE_SESSION_MINUTES} minutes" in said
    assert "career start plus the years" in said
    assert "hands-on gap" in said


weeks = st.lists(st.integers(min_value=0, max_value=6000), min_size=8, max_size=8).map(tuple)


@settings(max_examples=150, deadline=None)
@given(
    weekly=weeks,
    kafka_minutes=st.integers(min_value=0, max_value=900),
    go_level=st.none() | st.integers(min_value=0, max_value=5),
    incidents=st.integers(min_value=0, max_value=3),
    mocks=st.integers(min_value=0, max_value=4),
    career=st.none() | st.dates(min_value=date(2000, 1, 1), max_value=TODAY),
    shipped=st.booleans(),
    target_days=st.none() | st.integers(min_value=-100, max_value=2000),
    logged=st.integers(min_value=0, max_value=3000),
)
def test_plans_hold_together_for_any_history(
    weekly: tuple[int, ...],
    kafka_minutes: int,
    go_level: int | None,
    incidents: int,
    mocks: int,
    career: date | None,
    shipped: bool,
    target_days: int | None,
    logged: int,
) -> None:
    record = _record(
        kafka_minutes=kafka_minutes,
        go_level=go_level,
        incidents=incidents,
        mocks=mocks,
        career=career,
        shipped=shipped,
    )
    target = None if target_days is None else TODAY + timedelta(days=target_days)
    plan = _plan(record, weekly, target=target, logged=logged)
    hours = [item for item in plan.items if item.shape is Shape.HOURS]

    # The week spends the real average less what is already logged this week, no more, and never more
    # on a gap than it needs.
    assert plan.budget_minutes == max(plan.pace_minutes - logged, 0)
    assert sum(item.minutes_this_week for item in plan.items) == min(plan.budget_minutes, plan.hours_left)
    assert all(0 <= item.minutes_this_week <= item.minutes_left for item in hours)
    assert all(item.minutes_this_week == 0 for item in plan.items if item.shape is not Shape.HOURS)
    # Biggest first: once a gap is not fully funded, nothing after it gets hours.
    short = next(
        (i for i, item in enumerate(hours) if item.minutes_this_week < item.minutes_left), len(hours)
    )
    assert all(item.minutes_this_week == 0 for item in hours[short + 1 :])
    # A date exactly when one can be told, never before today, and on track exactly when not after the target.
    forecast = plan.forecast
    undated = [item for item in plan.items if item.ready_on is None]
    assert (forecast.reached_on is None) == bool(undated)
    if not plan.pace_minutes and not sum(weekly) and hours:
        assert forecast.reached_on is None
    if forecast.reached_on is not None:
        assert forecast.reached_on >= TODAY
        if target is not None:
            assert forecast.on_track == (forecast.reached_on <= target)
        else:
            assert forecast.on_track is None
    assert forecast.assumptions and forecast.assumptions[0].startswith("Your pace is the average")
    # What hours cannot close is one sentence; a pace is never asked past a full working week.
    assert "Not by hours" not in forecast.summary
    assert forecast.summary.count("Hours cannot close") <= 1
    if "would fit at about" in forecast.summary:
        assert any(item.ready_on is not None and item.ready_on > (target or TODAY) for item in hours)
    # A gap with no hours this week says why, never pointing at gaps above that got none.
    for index, item in enumerate(hours):
        if not item.minutes_this_week and "after the gaps above" in item.how:
            assert any(above.minutes_this_week for above in hours[:index])
    for item in undated:
        assert item.unknown_because
    # More hours a week never makes the date later.
    faster = _plan(
        record, tuple(minutes * 2 + 60 for minutes in weekly), target=target, logged=logged
    ).forecast
    if forecast.reached_on is not None:
        assert faster.reached_on is not None
        assert faster.reached_on <= forecast.reached_on


@pytest.mark.parametrize("history", [(), (0,), (100, 200)])
def test_any_number_of_weeks_is_averaged(history: tuple[int, ...]) -> None:
    plan = _plan(_hours_only_record(), history)

    assert plan.pace_minutes == (round(sum(history) / len(history)) if history else 0)


def test_the_target_date_is_only_for_the_target_level() -> None:
    near = TODAY + timedelta(days=10)
    own = _plan(_record(incidents=0), target=near, target_level="senior")
    other = _plan(_record(incidents=0), target=near, target_level="staff")

    assert own.forecast.target_date == near
    assert _item(own, "incidents").cadence_weeks == 1
    # Planning another level: no target date, the default cadence, and it says whose date it is.
    assert other.forecast.target_date is None
    assert other.forecast.on_track is None
    assert _item(other, "incidents").cadence_weeks == DEFAULT_CADENCE_WEEKS
    assert "behind your target" not in other.forecast.summary
    assert "There is no target date for Senior: yours is set for staff." in other.forecast.summary
    assert "no target date is set" not in other.forecast.summary


def test_a_target_no_pace_can_reach_is_said_so_without_a_figure() -> None:
    plan = _plan(_hours_only_record(), weekly=(120,) * 8, target=TODAY + timedelta(days=1))

    summary = plan.forecast.summary
    assert plan.forecast.on_track is False
    assert (
        f"10 h of learning left is not reachable by {(TODAY + timedelta(days=1)).isoformat()} at any pace"
        in (summary)
    )
    assert f"more than {MAX_WEEKLY_MINUTES // 60} h a week" in summary
    assert "would fit at about" not in summary


def test_the_pace_asked_stops_at_a_full_working_week() -> None:
    # 600 minutes in 2 days is 35 h a week: still said; in 1 day it would be 70 h, which is not.
    fits = _plan(_hours_only_record(), weekly=(60,) * 8, target=TODAY + timedelta(days=2))

    assert "would fit at about 35h a week" in fits.forecast.summary


def test_what_hours_cannot_close_by_the_target_is_one_sentence() -> None:
    plan = _plan(_record(incidents=0, kafka_level=3, go_level=4, mocks=3), target=TODAY + timedelta(days=1))

    summary = plan.forecast.summary
    assert summary.count("Hours cannot close") == 1
    assert "“incidents” and “years”" in summary
    assert f"the last closes on {(CAREER_START + timedelta(days=round(4 * 365.25))).isoformat()}" in summary
    assert "Not by hours" not in summary


def test_with_no_pace_the_plan_says_what_it_needs_not_gaps_above() -> None:
    plan = _plan(_record(), weekly=(0,) * 8)

    hours = [item for item in plan.items if item.shape is Shape.HOURS]
    assert hours
    for item in hours:
        assert item.how.startswith("log some time this week: the plan starts from your pace")
        assert "after the gaps above" not in item.how


def test_the_weeks_budget_is_the_pace_less_what_is_logged_this_week() -> None:
    plan = _plan(_record(kafka_minutes=240), weekly=(300,) * 8, logged=35)

    assert plan.logged_this_week == 35
    assert plan.budget_minutes == 265
    assert sum(item.minutes_this_week for item in plan.items) == 265
    assert _item(plan, "broker").how.startswith("4h25m this week")


def test_a_week_already_logged_in_full_plans_nothing_more_and_says_why() -> None:
    plan = _plan(_record(), weekly=(300,) * 8, logged=400)

    assert plan.budget_minutes == 0
    assert all(item.minutes_this_week == 0 for item in plan.items)
    first = next(item for item in plan.items if item.shape is Shape.HOURS)
    assert first.how.startswith("after this week: your pace (5h) is already logged this week")


def test_the_plans_skills_come_from_the_records_skills() -> None:
    progress = skill_progress(
        [
            SkillFacts("Kafka", "messaging", aliases=("Apache Kafka",), level=2, minutes_total=90),
            SkillFacts("Go", "language", minutes_total=30, shipped_projects=("Ledger",)),
        ]
    )

    assert progress["kafka"] == progress["apache kafka"] == SkillProgress(90, 2, False)
    assert progress["go"] == SkillProgress(30, None, True)


@pytest.mark.parametrize(
    ("expectation_id", "label"),
    [("broker", "5h"), ("language", "later"), ("incidents", "task"), ("years", "time")],
)
def test_the_this_week_cell_is_written_once(expectation_id: str, label: str) -> None:
    plan = _plan(_record(kafka_minutes=240))

    assert _item(plan, expectation_id).this_week_label == label
