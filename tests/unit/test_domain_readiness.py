"""Readiness: each rule kind against hand-built records, what is shown and what is only claimed, level sums,
gaps and orphaned evidence."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.actions import HOURS_PER_LEVEL, ActionKind, NextAction
from skilltrack.domain.facts import EvidenceFacts, PracticeQuery, PracticeTally, RecordFacts, SkillFacts
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
from skilltrack.domain.readiness import (
    ExpectationResult,
    LevelReadiness,
    Status,
    assess,
    evaluate,
    practice_queries,
    practice_query,
)

TODAY = date(2026, 11, 24)

LEVELS = (
    Level("senior", "Senior", "", "", 0),
    Level("lead", "Lead", "", "", 1),
    Level("staff", "Staff", "", "", 2),
)
SKILLS = (
    SkillTerm("Go", "language", ("golang",)),
    SkillTerm("Python", "language", ("py",)),
    SkillTerm("PostgreSQL", "datastore", ("postgres", "pg")),
    SkillTerm("MySQL", "datastore"),
    SkillTerm("Kafka", "messaging", ("apache kafka",)),
    SkillTerm("RabbitMQ", "messaging", ("rabbit",)),
    SkillTerm("System design", "practice", ("system-design", "sysdesign")),
)
EVIDENCE_KINDS = (
    EvidenceKind("incident", "Incident handled", "", schedulable=False),
    EvidenceKind("design-doc", "Design doc led", ""),
    EvidenceKind("mentoring", "Mentoring", "", schedulable=False),
)


def expectation(id: str, rule: Rule, *, level: str = "senior", weight: int = 1) -> Expectation:
    return Expectation(
        id=id,
        level=level,
        area="core",
        title=id,
        section="Core responsibilities",
        why="",
        rule=rule,
        weight=weight,
    )


def ladder(*expectations: Expectation) -> Framework:
    return Framework(
        name="test ladder",
        guide="",
        about="",
        levels=LEVELS,
        areas=(Area("core", "Core"),),
        skills=SKILLS,
        evidence_kinds=EVIDENCE_KINDS,
        expectations=expectations,
        source="test",
    )


def judge(rule: Rule, record: RecordFacts, *, today: date = TODAY) -> ExpectationResult:
    wanted = expectation("senior.x", rule)
    return evaluate(wanted, record, ladder(wanted), today)


def skill(
    name: str, level: int | None = None, *, hours: float = 0, shipped: tuple[str, ...] = ()
) -> SkillFacts:
    return SkillFacts(
        name=name, kind="other", level=level, minutes_total=round(hours * 60), shipped_projects=shipped
    )


def evidence(
    kind: str, days_ago: int = 0, *, expectation_id: str | None = None, uuid: str | None = None
) -> EvidenceFacts:
    return EvidenceFacts(
        uuid=uuid or f"{kind}-{days_ago}-{expectation_id}",
        kind=kind,
        title=f"{kind} {days_ago} days ago",
        occurred_on=TODAY - timedelta(days=days_ago),
        expectation_id=expectation_id,
    )


# ---------------------------------------------------------------- skill_level

GO_4 = SkillLevelRule(("Go", "Python"), min_level=4)


def test_a_rating_alone_claims_the_expectation_and_counts_half() -> None:
    result = judge(GO_4, RecordFacts(skills=(skill("Go", 4),)))
    assert result.status is Status.CLAIMED
    assert (result.shown, result.claims, result.fraction) == (0.0, 1.0, 0.5)
    assert result.reason == "Go 4 — claimed: not shown yet by hours, a shipped project or evidence"
    assert result.action == NextAction(
        ActionKind.PRACTICE, "log 10 h of Go or use it in a shipped project", "Go", minutes=600
    )


def test_five_hours_show_half_of_the_ratings_share() -> None:
    result = judge(GO_4, RecordFacts(skills=(skill("Go", 4, hours=5),)))
    assert result.status is Status.CLAIMED
    assert result.shown == pytest.approx(0.5)
    assert result.claims == pytest.approx(1.0)
    assert result.fraction == pytest.approx(0.75)
    assert result.next_step == "log 5 h more of Go or use it in a shipped project"


@pytest.mark.parametrize(
    ("go", "tied"),
    [
        (skill("Go", 4, hours=10), ()),
        (skill("Go", 4, hours=40), ()),
        (skill("Go", 4, shipped=("Payments",)), ()),
        (skill("Go", 4), (evidence("design-doc", 3, expectation_id="senior.x"),)),
    ],
    ids=["ten-hours", "forty-hours", "a-shipped-project", "evidence-tied-to-it"],
)
def test_ten_hours_a_shipped_project_or_tied_evidence_show_the_rating(
    go: SkillFacts, tied: tuple[EvidenceFacts, ...]
) -> None:
    result = judge(GO_4, RecordFacts(skills=(go,), evidence=tied))
    assert result.status is Status.MET
    assert (result.shown, result.claims, result.fraction) == (1.0, 1.0, 1.0)
    assert result.reason == "Go 4"
    assert result.action is None
    assert result.next_step == ""


def test_evidence_of_another_expectation_does_not_show_a_rating() -> None:
    other = evidence("design-doc", 3, expectation_id="senior.other")
    assert judge(GO_4, RecordFacts(skills=(skill("Go", 4),), evidence=(other,))).status is Status.CLAIMED


def test_skill_level_above_the_bar_counts_as_met_not_more() -> None:
    result = judge(SkillLevelRule(("Go",), min_level=3), RecordFacts(skills=(skill("Go", 5, hours=10),)))
    assert result.fraction == 1.0


def test_skill_level_matches_the_record_by_alias() -> None:
    rule = SkillLevelRule(("Go",), min_level=3)
    assert judge(rule, RecordFacts(skills=(skill("golang", 3, hours=10),))).status is Status.MET
    assert judge(rule, RecordFacts(skills=(skill("golang", 3),))).status is Status.CLAIMED


def test_skill_level_partial() -> None:
    result = judge(GO_4, RecordFacts(skills=(skill("Go", 2, hours=10),)))
    assert result.fraction == pytest.approx(0.5)
    assert result.status is Status.PARTIAL
    assert result.reason.startswith("Go 2 — needs")
    assert "4" in result.reason
    assert result.next_step == "study Go toward level 4 (about 40 h) and rate it again"
    assert result.action is not None
    assert (result.action.kind, result.action.skill, result.action.minutes) == (
        ActionKind.PRACTICE,
        "Go",
        2 * HOURS_PER_LEVEL * 60,
    )


def test_a_low_rating_alone_is_partial_at_half_its_share() -> None:
    result = judge(GO_4, RecordFacts(skills=(skill("Go", 2),)))
    assert result.status is Status.PARTIAL
    assert (result.shown, result.claims) == (0.0, 0.5)
    assert result.fraction == pytest.approx(0.25)


def test_skill_level_missing() -> None:
    result = judge(GO_4, RecordFacts())
    assert result.fraction == 0.0
    assert result.status is Status.MISSING
    assert result.reason.startswith("nothing rated — needs")
    assert "Go or Python" in result.reason
    assert result.next_step == "study Go toward level 4 (about 80 h) and rate it again"


def test_skill_level_unrated_skill_is_missing() -> None:
    result = judge(SkillLevelRule(("Go",), min_level=3), RecordFacts(skills=(skill("Go", None, hours=50),)))
    assert result.status is Status.MISSING


@pytest.mark.parametrize(
    ("levels", "fraction"),
    [
        ({"Go": 4, "Python": 4}, 1.0),
        ({"Go": 5, "Python": 4, "Kafka": 5}, 1.0),
        ({"Go": 4, "Python": 2}, 0.75),
        ({"Go": 4}, 0.5),
        ({"Python": 1}, 0.125),
        ({"Kafka": 5}, 0.0),
        ({}, 0.0),
    ],
)
def test_skill_level_count_two(levels: dict[str, int], fraction: float) -> None:
    rule = SkillLevelRule(("Go", "Python", "Java"), min_level=4, count=2)
    shown = RecordFacts(skills=tuple(skill(name, level, hours=10) for name, level in levels.items()))
    claimed = RecordFacts(skills=tuple(skill(name, level) for name, level in levels.items()))
    assert judge(rule, shown).fraction == pytest.approx(fraction)
    # The same ratings with nothing behind them count half.
    assert judge(rule, claimed).fraction == pytest.approx(fraction / 2)


def test_skill_level_count_two_names_both_ratings() -> None:
    record = RecordFacts(skills=(skill("Go", 4), skill("Python", 2)))
    result = judge(SkillLevelRule(("Go", "Python"), min_level=4, count=2), record)
    assert "Go 4" in result.reason
    assert "Python 2" in result.reason
    assert result.status is Status.PARTIAL


def test_a_claim_asks_for_the_hours_of_the_skill_closest_to_shown() -> None:
    record = RecordFacts(skills=(skill("Go", 4, hours=2), skill("Python", 5, hours=7)))
    result = judge(GO_4, record)
    assert result.status is Status.CLAIMED
    assert result.skill == "Python"
    assert result.next_step == "log 3 h more of Python or use it in a shipped project"


# ---------------------------------------------------------------- hands_on

KAFKA = HandsOnRule(("Kafka",))


def test_hands_on_a_level_alone_is_claimed() -> None:
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", 3),)))
    assert result.status is Status.CLAIMED
    assert result.fraction == pytest.approx(0.5)
    assert result.reason.startswith("Kafka: 0 h logged, level 3 — claimed")
    assert result.next_step == "log 10 h of Kafka or use it in a shipped project"


def test_hands_on_met_by_level_once_evidence_of_it_is_tied() -> None:
    tied = evidence("design-doc", 3, expectation_id="senior.x")
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", 3),), evidence=(tied,)))
    assert result.status is Status.MET
    assert result.reason.startswith("Kafka:")
    assert "level 3" in result.reason
    assert result.next_step == ""


def test_hands_on_met_by_hours() -> None:
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", None, hours=10),)))
    assert result.status is Status.MET
    assert "10 h logged" in result.reason


def test_hands_on_met_by_a_shipped_project() -> None:
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", 1, shipped=("Payments",)),)))
    assert result.status is Status.MET
    assert result.reason == "Kafka: shipped in Payments"


def test_hands_on_shipped_project_ignored_when_the_rule_does_not_take_it() -> None:
    rule = HandsOnRule(("Kafka",), shipped_project=False)
    result = judge(rule, RecordFacts(skills=(skill("Kafka", None, shipped=("Payments",)),)))
    assert result.status is Status.MISSING
    assert "shipped project" not in result.reason
    assert result.next_step == "log 10 h of Kafka"


def test_hands_on_partial_reads_like_a_person_wrote_it() -> None:
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", 2, hours=6),)))
    # Six hours show 0.6; the rating claims 2/3, of which the hours show 0.6 × 2/3: the rest counts half.
    assert result.shown == pytest.approx(0.6)
    assert result.claims == pytest.approx(2 / 3)
    assert result.fraction == pytest.approx(0.6 + (2 / 3 - 0.6) / 2)
    assert result.status is Status.PARTIAL
    assert result.reason.startswith("Kafka: 6 h logged, level 2 — needs level 3 or 10 h")
    assert "a shipped project" in result.reason
    assert result.next_step == "log 4 h more of Kafka or use it in a shipped project"


def test_hands_on_partial_by_hours_beats_level() -> None:
    result = judge(KAFKA, RecordFacts(skills=(skill("Kafka", 1, hours=9),)))
    assert result.fraction == pytest.approx(0.9)


def test_hands_on_nothing_logged() -> None:
    result = judge(KAFKA, RecordFacts())
    assert result.status is Status.MISSING
    assert result.reason.startswith("Kafka: nothing logged")
    assert result.next_step == "log 10 h of Kafka or use it in a shipped project"


def test_hands_on_matches_the_record_by_alias() -> None:
    rule = HandsOnRule(("PostgreSQL",))
    assert judge(rule, RecordFacts(skills=(skill("postgres", 3),))).status is Status.CLAIMED
    assert judge(rule, RecordFacts(skills=(skill("postgres", 3, hours=10),))).status is Status.MET


def test_hands_on_one_of_several() -> None:
    rule = HandsOnRule(("Kafka", "RabbitMQ"))
    assert judge(rule, RecordFacts(skills=(skill("RabbitMQ", hours=10),))).status is Status.MET
    assert judge(rule, RecordFacts(skills=(skill("RabbitMQ", 3),))).status is Status.CLAIMED
    nothing = judge(rule, RecordFacts())
    assert nothing.status is Status.MISSING
    assert "Kafka or RabbitMQ" in nothing.reason


def test_hands_on_count_two() -> None:
    rule = HandsOnRule(("Kafka", "RabbitMQ"), count=2)
    one = judge(rule, RecordFacts(skills=(skill("Kafka", shipped=("Payments",)),)))
    assert one.fraction == pytest.approx(0.5)
    assert one.status is Status.PARTIAL
    assert "RabbitMQ" in one.next_step
    both = judge(rule, RecordFacts(skills=(skill("Kafka", 3, hours=10), skill("RabbitMQ", hours=12))))
    assert both.status is Status.MET
    claimed = judge(rule, RecordFacts(skills=(skill("Kafka", 3), skill("RabbitMQ", hours=12))))
    assert claimed.status is Status.CLAIMED
    assert claimed.fraction == pytest.approx(0.75)
    assert claimed.skill == "Kafka"


# ---------------------------------------------------------------- shown and claimed, for any record

SKILL_NAMES = ("Go", "Python", "Kafka")
ratings = st.none() | st.integers(min_value=0, max_value=5)
minutes = st.sampled_from([0, 1, 60, 299, 300, 599, 600, 601, 1200]) | st.integers(
    min_value=0, max_value=3000
)
skill_facts = st.builds(
    lambda name, level, logged, shipped: SkillFacts(
        name, "other", level=level, minutes_total=logged, shipped_projects=("Payments",) if shipped else ()
    ),
    st.sampled_from(SKILL_NAMES),
    ratings,
    minutes,
    st.booleans(),
)
skill_rules: st.SearchStrategy[Rule] = st.one_of(
    st.builds(
        lambda names, level, count: SkillLevelRule(
            tuple(names), min_level=level, count=min(count, len(names))
        ),
        st.lists(st.sampled_from(SKILL_NAMES), min_size=1, max_size=3, unique=True),
        st.integers(min_value=1, max_value=5),
        st.integers(min_value=1, max_value=3),
    ),
    st.builds(
        lambda names, level, hours, shipped, count: HandsOnRule(
            tuple(names),
            min_level=level,
            min_hours=hours,
            shipped_project=shipped,
            count=min(count, len(names)),
        ),
        st.lists(st.sampled_from(SKILL_NAMES), min_size=1, max_size=3, unique=True),
        st.integers(min_value=1, max_value=5),
        st.sampled_from([1, 5, 10, 20]),
        st.booleans(),
        st.integers(min_value=1, max_value=3),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    rule=skill_rules,
    skills=st.lists(skill_facts, max_size=3, unique_by=lambda facts: facts.name),
    tied=st.booleans(),
)
def test_what_counts_is_what_is_shown_and_half_of_what_is_only_claimed(
    rule: Rule, skills: list[SkillFacts], tied: bool
) -> None:
    ties = (evidence("design-doc", 1, expectation_id="senior.x"),) if tied else ()
    result = judge(rule, RecordFacts(skills=tuple(skills), evidence=ties))

    assert 0.0 <= result.shown <= result.claims <= 1.0
    assert result.fraction == pytest.approx(result.shown + 0.5 * (result.claims - result.shown))
    assert 0.0 <= result.fraction <= 1.0
    assert (result.status is Status.MET) == (result.shown >= 1.0 - 1e-6)
    if result.status is not Status.MET:
        assert (result.status is Status.CLAIMED) == (result.claims >= 1.0 - 1e-6)
    # Every gap has its one next action; what is shown has none.
    assert (result.action is None) == (result.status is Status.MET)
    # Nothing behind any rating: what a rating claims is never shown.
    if not tied and not any(facts.minutes_total or facts.shipped_projects for facts in skills):
        assert result.shown == 0.0


# ---------------------------------------------------------------- experience

EXPERIENCE = ExperienceRule(min_years=4, min_shipped_projects=1)


def test_experience_met() -> None:
    record = RecordFacts(career_started_on=TODAY - timedelta(days=1461), shipped_projects=("Payments",))
    result = judge(EXPERIENCE, record)
    assert result.status is Status.MET
    assert "4.0 years" in result.reason
    assert "1 shipped project" in result.reason
    assert "projects" not in result.reason


def test_experience_counts_years_and_shipped_projects_equally() -> None:
    record = RecordFacts(career_started_on=TODAY - timedelta(days=1461 // 2))
    result = judge(EXPERIENCE, record)
    assert result.fraction == pytest.approx((730 / 365.25 / 4 + 0) / 2)
    assert result.status is Status.PARTIAL
    assert "0 shipped projects" in result.reason
    # One next action: the years come by themselves, the project does not.
    assert result.action == NextAction(
        ActionKind.SHIP, "add a project shipped to production when it ships", count=1
    )


def test_experience_short_only_of_years_says_the_day_they_come() -> None:
    started = TODAY - timedelta(days=730)
    result = judge(EXPERIENCE, RecordFacts(career_started_on=started, shipped_projects=("Payments",)))
    reached = started + timedelta(days=1461)
    assert result.action == NextAction(ActionKind.TIME, f"time: 4 years on {reached.isoformat()}", on=reached)
    assert not result.action.schedulable


def test_experience_with_shipped_projects_short() -> None:
    rule = ExperienceRule(min_years=4, min_shipped_projects=2)
    record = RecordFacts(career_started_on=date(2010, 1, 1), shipped_projects=("Payments",))
    assert judge(rule, record).fraction == pytest.approx(0.75)


def test_experience_without_a_career_start() -> None:
    result = judge(EXPERIENCE, RecordFacts(shipped_projects=("Payments", "Search")))
    assert result.fraction == pytest.approx(0.5)
    assert "career start not set" in result.reason
    assert "2 shipped projects" in result.reason
    assert "set your career start" in result.next_step
    assert result.action is not None and result.action.kind is ActionKind.PROFILE


def test_experience_with_nothing() -> None:
    result = judge(EXPERIENCE, RecordFacts())
    assert result.status is Status.MISSING


def test_experience_career_start_in_the_future_is_zero_years() -> None:
    result = judge(
        EXPERIENCE, RecordFacts(career_started_on=TODAY + timedelta(days=10), shipped_projects=("A",))
    )
    assert result.fraction == pytest.approx(0.5)


# ---------------------------------------------------------------- evidence

INCIDENTS = EvidenceRule(("incident",), min_count=2, within_days=365)


@pytest.mark.parametrize(("count", "fraction"), [(0, 0.0), (1, 0.5), (2, 1.0), (5, 1.0)])
def test_evidence_counts(count: int, fraction: float) -> None:
    record = RecordFacts(evidence=tuple(evidence("incident", days) for days in range(count)))
    result = judge(INCIDENTS, record)
    assert result.fraction == pytest.approx(fraction)
    assert len(result.evidence) == count


def test_evidence_reason_and_step() -> None:
    result = judge(INCIDENTS, RecordFacts(evidence=(evidence("incident", 3),)))
    assert result.reason == "1 of 2: incident handled in the last 365 days"
    # An incident cannot be planned: it is recorded when it happens.
    assert result.action == NextAction(
        ActionKind.WHEN_IT_HAPPENS,
        "record incident handled when it happens (1 more within 365 days)",
        count=1,
    )


def test_evidence_that_can_be_planned_is_a_task() -> None:
    rule = EvidenceRule(("design-doc",), min_count=3, within_days=365)
    result = judge(rule, RecordFacts(evidence=(evidence("design-doc", 3),)))
    assert result.action == NextAction(
        ActionKind.TASK, "add 2 more pieces of evidence: design doc led", count=2
    )
    assert result.action.schedulable


def test_evidence_of_other_kinds_does_not_count() -> None:
    result = judge(INCIDENTS, RecordFacts(evidence=(evidence("mentoring"), evidence("design-doc"))))
    assert result.status is Status.MISSING
    assert result.evidence == ()


def test_evidence_window_edges() -> None:
    inside = evidence("incident", 364)
    outside = evidence("incident", 365)
    result = judge(INCIDENTS, RecordFacts(evidence=(inside, outside)))
    assert result.evidence == (inside,)
    assert result.fraction == pytest.approx(0.5)


@pytest.mark.parametrize("within_days", [1, 7, 90])
def test_evidence_window_edges_for_any_window(within_days: int) -> None:
    rule = EvidenceRule(("incident",), min_count=1, within_days=within_days)
    assert judge(rule, RecordFacts(evidence=(evidence("incident", within_days - 1),))).status is Status.MET
    assert judge(rule, RecordFacts(evidence=(evidence("incident", within_days),))).status is Status.MISSING


def test_evidence_without_a_window_counts_forever() -> None:
    rule = EvidenceRule(("incident",), min_count=1)
    assert judge(rule, RecordFacts(evidence=(evidence("incident", 5000),))).status is Status.MET


def test_evidence_tied_to_the_expectation_counts_whatever_its_kind() -> None:
    tied = evidence("mentoring", 10, expectation_id="senior.x")
    result = judge(INCIDENTS, RecordFacts(evidence=(tied, evidence("incident", 1))))
    assert result.status is Status.MET
    assert tied in result.evidence


def test_evidence_tied_to_the_expectation_still_needs_the_window() -> None:
    tied = evidence("mentoring", 400, expectation_id="senior.x")
    assert judge(INCIDENTS, RecordFacts(evidence=(tied,))).status is Status.MISSING


def test_evidence_is_listed_newest_first() -> None:
    old, new, middle = evidence("incident", 100), evidence("incident", 1), evidence("incident", 50)
    result = judge(INCIDENTS, RecordFacts(evidence=(old, new, middle)))
    assert result.evidence == (new, middle, old)


def test_evidence_tied_to_other_rule_kinds_is_reported_with_the_result() -> None:
    tied = evidence("design-doc", 3, expectation_id="senior.x")
    result = judge(SkillLevelRule(("Go",), min_level=3), RecordFacts(evidence=(tied,)))
    assert result.evidence == (tied,)
    assert result.status is Status.MISSING


# ---------------------------------------------------------------- practice

PRACTICE = PracticeRule(("mock-interview",), ("System design",), min_sessions=2, within_days=90)


def test_practice_query_covers_every_name_of_the_skills_and_the_window() -> None:
    query = practice_query(PRACTICE, ladder(), TODAY)
    assert query.session_kinds == frozenset({"mock-interview"})
    assert query.skills == frozenset({"system design", "system-design", "sysdesign"})
    assert query.since == TODAY - timedelta(days=89)


def test_practice_query_keeps_unknown_skills_by_key() -> None:
    rule = PracticeRule(("practice",), ("Elixir ",), min_sessions=1, within_days=7)
    assert practice_query(rule, ladder(), TODAY).skills == frozenset({"elixir"})


def test_practice_query_without_skills_means_any() -> None:
    rule = PracticeRule(("practice",), (), min_sessions=1, within_days=7)
    assert practice_query(rule, ladder(), TODAY).skills == frozenset()


@pytest.mark.parametrize(("sessions", "status"), [(0, Status.MISSING), (1, Status.PARTIAL), (2, Status.MET)])
def test_practice_uses_the_tally_for_its_query(sessions: int, status: Status) -> None:
    query = practice_query(PRACTICE, ladder(), TODAY)
    record = RecordFacts(practice={query: PracticeTally(sessions=sessions, minutes=60 * sessions)})
    result = judge(PRACTICE, record)
    assert result.status is status
    assert result.fraction == pytest.approx(sessions / 2)
    assert f"{sessions} of 2" in result.reason


def test_practice_without_a_tally_is_missing() -> None:
    result = judge(PRACTICE, RecordFacts())
    assert result.status is Status.MISSING
    assert "2" in result.next_step
    assert "System design" in result.next_step


def test_practice_ignores_tallies_for_other_questions() -> None:
    stale = practice_query(PRACTICE, ladder(), TODAY - timedelta(days=1))
    other_kind = PracticeQuery(
        frozenset({"study"}), practice_query(PRACTICE, ladder(), TODAY).skills, stale.since
    )
    record = RecordFacts(practice={stale: PracticeTally(sessions=9), other_kind: PracticeTally(sessions=9)})
    assert judge(PRACTICE, record).status is Status.MISSING


def test_practice_reason_mentions_the_last_session() -> None:
    query = practice_query(PRACTICE, ladder(), TODAY)
    tally = PracticeTally(sessions=1, minutes=60, last_day=date(2026, 11, 20))
    result = judge(PRACTICE, RecordFacts(practice={query: tally}))
    assert "2026-11-20" in result.reason


def test_practice_queries_lists_every_practice_rule(framework: Framework, today: date) -> None:
    queries = practice_queries(framework, today)
    expected = {
        practice_query(e.rule, framework, today)
        for e in framework.expectations
        if isinstance(e.rule, PracticeRule)
    }
    assert queries == expected
    assert queries


def test_hours_evidence_sessions_and_years_show_by_themselves() -> None:
    query = practice_query(PRACTICE, ladder(), TODAY)
    record = RecordFacts(
        career_started_on=TODAY - timedelta(days=800),
        evidence=(evidence("incident", 3),),
        practice={query: PracticeTally(sessions=1, minutes=60)},
        skills=(skill("Kafka", None, hours=4),),
    )
    for rule in (INCIDENTS, PRACTICE, EXPERIENCE, KAFKA):
        result = judge(rule, record)
        assert result.claims == result.shown
        assert result.status is Status.PARTIAL


# ---------------------------------------------------------------- levels, percent, gaps, orphans


def three_level_ladder() -> Framework:
    return ladder(
        expectation("senior.go", SkillLevelRule(("Go",), min_level=4), weight=2),
        expectation("senior.incidents", INCIDENTS),
        expectation("lead.design", EvidenceRule(("design-doc",), min_count=3, within_days=365), level="lead"),
        expectation("staff.mentoring", EvidenceRule(("mentoring",), min_count=4), level="staff", weight=3),
    )


def test_levels_are_cumulative() -> None:
    readiness = assess(RecordFacts(), three_level_ladder(), TODAY)
    ids = {level.level.id: [r.expectation.id for r in level.results] for level in readiness.levels}
    assert ids == {
        "senior": ["senior.go", "senior.incidents"],
        "lead": ["senior.go", "senior.incidents", "lead.design"],
        "staff": ["senior.go", "senior.incidents", "lead.design", "staff.mentoring"],
    }
    assert [level.level.id for level in readiness.levels] == ["senior", "lead", "staff"]


def test_lead_includes_every_senior_expectation_of_the_built_in_ladder(
    framework: Framework, today: date
) -> None:
    readiness = assess(RecordFacts(), framework, today)
    senior = {r.expectation.id for r in readiness.level("senior").results}
    lead = {r.expectation.id for r in readiness.level("lead").results}
    staff = {r.expectation.id for r in readiness.level("staff").results}
    assert senior < lead < staff
    assert staff == framework.expectation_ids


def test_percent_is_weighted() -> None:
    # The weight-2 senior expectation shown (Go 4 and 10 h of it), incidents missing.
    record = RecordFacts(skills=(skill("Go", 4, hours=10),))
    readiness = assess(record, three_level_ladder(), TODAY)
    senior = readiness.level("senior")
    assert (senior.met, senior.total) == (1, 2)
    assert senior.percent == 66  # 2 of 3 weight, rounded down
    assert senior.shown_percent == 66
    assert readiness.level("lead").percent == 50  # 2 of 4
    assert readiness.level("staff").percent == 28  # 2 of 7


def test_a_claim_counts_half_in_the_percent_and_is_said_in_the_summary() -> None:
    readiness = assess(RecordFacts(skills=(skill("Go", 4),)), three_level_ladder(), TODAY)
    senior = readiness.level("senior")
    assert (senior.met, senior.count(Status.CLAIMED), senior.total) == (0, 1, 2)
    assert senior.percent == 33  # half of 2 of 3 weight
    assert senior.shown_percent == 0
    assert senior.counts == "0 met, 1 claimed of 2"
    assert senior.summary == "33% · 0 met, 1 claimed of 2"
    assert [result.expectation.id for result in senior.results_of(Status.CLAIMED)] == ["senior.go"]
    # A claim is still a gap: what shows it is the next thing to do.
    assert senior.gaps[0].expectation.id == "senior.go"
    assert senior.gaps[0].gap == pytest.approx(1.0)


def test_the_summary_leaves_out_statuses_no_expectation_has() -> None:
    record = RecordFacts(skills=(skill("Go", 4, hours=10),), evidence=(evidence("incident"),))
    senior = assess(record, three_level_ladder(), TODAY).level("senior")
    assert senior.summary == "83% · 1 met, 1 partial of 2"
    nothing = assess(RecordFacts(), three_level_ladder(), TODAY).level("staff")
    assert nothing.summary == "0% · 0 met of 4"


def test_percent_gives_partial_credit() -> None:
    record = RecordFacts(skills=(skill("Go", 2, hours=10),), evidence=(evidence("incident"),))
    senior = assess(record, three_level_ladder(), TODAY).level("senior")
    # Go 2 of 4 (shown by its hours) is half of weight 2; one incident of two is half of weight 1.
    assert senior.percent == 50
    assert senior.met == 0


def test_percent_is_100_when_everything_is_met() -> None:
    record = RecordFacts(
        skills=(skill("Go", 5, hours=10),),
        evidence=(
            *(evidence("incident", days) for days in range(2)),
            *(evidence("design-doc", days) for days in range(3)),
            *(evidence("mentoring", days) for days in range(4)),
        ),
    )
    readiness = assess(record, three_level_ladder(), TODAY)
    assert [level.percent for level in readiness.levels] == [100, 100, 100]
    assert all(level.gaps == () for level in readiness.levels)


def test_a_level_with_nothing_to_meet_is_complete() -> None:
    assert LevelReadiness(LEVELS[0], ()).percent == 100


def test_gaps_are_sorted_biggest_first_and_exclude_met() -> None:
    framework = ladder(
        expectation("senior.small", EvidenceRule(("incident",), min_count=1)),  # gap 1
        expectation("senior.met", SkillLevelRule(("Go",), min_level=1), weight=5),  # no gap once shown
        expectation("senior.heavy-half", EvidenceRule(("design-doc",), min_count=2), weight=4),  # gap 2
        expectation("senior.light-quarter", EvidenceRule(("mentoring",), min_count=4), weight=2),  # gap 1.5
    )
    evidence_of = (evidence("design-doc"), evidence("mentoring"))
    record = RecordFacts(skills=(skill("Go", 1, hours=10),), evidence=evidence_of)
    senior = assess(record, framework, TODAY).level("senior")
    assert [r.expectation.id for r in senior.gaps] == [
        "senior.heavy-half",
        "senior.light-quarter",
        "senior.small",
    ]
    assert [r.gap for r in senior.gaps] == pytest.approx([2.0, 1.5, 1.0])
    assert (senior.met, senior.total) == (1, 4)
    # The same rating with nothing behind it is a claim: half of its weight 5 is the biggest gap.
    claimed = assess(RecordFacts(skills=(skill("Go", 1),), evidence=evidence_of), framework, TODAY)
    gaps = claimed.level("senior").gaps
    assert (gaps[0].expectation.id, gaps[0].status) == ("senior.met", Status.CLAIMED)
    assert gaps[0].gap == pytest.approx(2.5)


def test_orphaned_evidence_is_reported_and_still_counts() -> None:
    orphan = evidence("incident", 2, expectation_id="senior.retired")
    tied = evidence("design-doc", 1, expectation_id="lead.design")
    loose = evidence("incident", 3)
    record = RecordFacts(evidence=(orphan, tied, loose))
    readiness = assess(record, three_level_ladder(), TODAY)
    assert readiness.orphaned_evidence == (orphan,)
    assert orphan in record.evidence
    incidents = next(r for r in readiness.level("senior").results if r.expectation.id == "senior.incidents")
    assert incidents.status is Status.MET
    assert orphan in incidents.evidence


def test_no_orphans_when_every_tie_is_known() -> None:
    record = RecordFacts(
        evidence=(evidence("design-doc", expectation_id="lead.design"), evidence("incident"))
    )
    assert assess(record, three_level_ladder(), TODAY).orphaned_evidence == ()


def test_readiness_level_lookup() -> None:
    readiness = assess(RecordFacts(), three_level_ladder(), TODAY)
    assert readiness.level("lead").level.id == "lead"
    with pytest.raises(KeyError):
        readiness.level("principal")


# ---------------------------------------------------------------- the built-in ladder


def test_an_empty_record_against_the_built_in_ladder(framework: Framework, today: date) -> None:
    readiness = assess(RecordFacts(), framework, today)
    assert [level.level.id for level in readiness.levels] == ["senior", "lead", "staff"]
    for level in readiness.levels:
        assert level.percent == 0
        assert level.met == 0
        assert level.total == len(framework.expectations_for(level.level.id))
        assert len(level.gaps) == level.total
        for result in level.results:
            assert result.status is Status.MISSING
            assert result.fraction == 0.0
            assert result.reason
            assert result.next_step
            assert result.evidence == ()
    assert readiness.orphaned_evidence == ()


def test_an_empty_record_with_answered_practice_questions(framework: Framework, today: date) -> None:
    practice = {query: PracticeTally() for query in practice_queries(framework, today)}
    readiness = assess(RecordFacts(practice=practice), framework, today)
    assert all(level.percent == 0 for level in readiness.levels)


def test_a_record_that_meets_everything_in_the_built_in_ladder(framework: Framework, today: date) -> None:
    record = RecordFacts(
        career_started_on=date(2010, 1, 1),
        shipped_projects=("Payments", "Search"),
        skills=tuple(
            SkillFacts(term.name, term.kind, level=5, minutes_total=100 * 60, shipped_projects=("Payments",))
            for term in framework.skills
        ),
        evidence=tuple(
            evidence(kind.id, days, uuid=f"{kind.id}-{days}")
            for kind in framework.evidence_kinds
            for days in range(5)
        ),
        practice={
            query: PracticeTally(sessions=10, minutes=600, last_day=today)
            for query in practice_queries(framework, today)
        },
    )
    readiness = assess(record, framework, today)
    for level in readiness.levels:
        assert level.percent == 100, [r.expectation.id for r in level.gaps]
        assert level.gaps == ()
        assert level.met == level.total


def test_a_partly_filled_record_against_the_built_in_ladder(framework: Framework, today: date) -> None:
    record = RecordFacts(
        career_started_on=date(2021, 1, 1),
        shipped_projects=("Payments",),
        skills=(
            skill("Go", 4, hours=12),
            skill("Python", 2),
            skill("postgres", 3),
            skill("Kafka", 2, hours=6),
        ),
        evidence=(evidence("incident", 10), evidence("incident", 400), evidence("code-review", 5)),
    )
    readiness = assess(record, framework, today)
    senior, lead, staff = readiness.levels
    assert 0 < senior.percent < 100
    assert senior.percent >= lead.percent >= staff.percent
    by_id = {r.expectation.id: r for r in senior.results}
    assert by_id["senior.languages.primary"].status is Status.MET
    assert by_id["senior.data-stores.relational"].status is Status.CLAIMED  # rated, nothing behind it
    assert by_id["senior.data-stores.relational"].skill == "PostgreSQL"
    assert by_id["senior.reliability.on-call"].status is Status.PARTIAL
    messaging = by_id["senior.distributed-systems.messaging"]
    assert messaging.status is Status.PARTIAL
    assert messaging.reason.startswith("Kafka: 6 h logged, level 2 — needs")


# ---------------------------------------------------------------- found wrong (see the report)


def test_a_claimed_hands_on_result_names_the_rating_that_claims_it() -> None:
    record = RecordFacts(skills=(skill("Grafana", 2, hours=2.8), skill("Datadog", 3)))
    result = judge(HandsOnRule(("Datadog", "Grafana")), record)

    assert result.status is Status.CLAIMED
    assert result.reason.startswith("Datadog: 0 h logged, level 3 — claimed")
