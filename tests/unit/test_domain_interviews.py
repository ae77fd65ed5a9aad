"""The interview loop's rules: rounds, scores and rubrics as typed, the trend, and when a round is ready."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework, PracticeRule
from skilltrack.domain.interviews import (
    GUIDE_SECTION,
    ROUNDS,
    TREND_DOWN,
    TREND_STEADY,
    TREND_TOO_FEW,
    TREND_UP,
    PracticeBar,
    RoundFacts,
    interview_status,
    parse_round,
    parse_rubric,
    parse_score,
    practice_bars,
    round_by_id,
    round_status,
    trend,
    uncounted_skill,
)
from tests.probes import imports_load

TODAY = date(2026, 11, 24)
SYSTEM_DESIGN = round_by_id("system-design")


# ── rounds and the ladder ──────────────────────────────────────────────────────────────────────


def test_the_four_rounds_in_the_loops_order() -> None:
    assert [r.id for r in ROUNDS] == ["system-design", "coding", "debugging", "behavioural"]


def test_each_rounds_skill_is_in_the_ladder_and_its_expectation_cites_the_guide(framework: Framework) -> None:
    for interview_round in ROUNDS:
        term = framework.term(interview_round.skill)
        assert term is not None and term.name == interview_round.skill
        [expectation] = [e for e in framework.expectations if e.id == interview_round.expectation_id]
        assert expectation.section == GUIDE_SECTION
        assert len(interview_round.criteria) >= 5


def test_built_in_bars_are_the_ladders_practice_rules(framework: Framework) -> None:
    """The ready rule uses the ladder's own count and window; the constants must not drift from it."""
    for interview_round in ROUNDS:
        [expectation] = [e for e in framework.expectations if e.id == interview_round.expectation_id]
        rule = expectation.rule
        assert isinstance(rule, PracticeRule)
        assert "mock-interview" in rule.session_kinds
        assert interview_round.skill in rule.skills
        assert interview_round.bar == PracticeBar(
            rule.min_sessions, rule.within_days, rule.session_kinds, rule.skills
        )
        assert interview_round.bar.rule == rule
    assert practice_bars(framework) == practice_bars(None)


def test_a_custom_ladders_kinds_and_skills_set_which_sessions_a_round_counts(framework: Framework) -> None:
    """The loop counts what the ladder in force counts: its session kinds and skills, not only its count."""
    changed = replace(
        framework,
        expectations=tuple(
            replace(e, rule=PracticeRule(("practice",), ("Python",), 3, 30))
            if e.id == "senior.interview.coding"
            else e
            for e in framework.expectations
        ),
    )
    assert practice_bars(changed)["coding"] == PracticeBar(3, 30, ("practice",), ("Python",))
    assert practice_bars(changed)["debugging"] == practice_bars(framework)["debugging"]


def test_a_skill_the_round_does_not_count_is_refused_naming_the_ones_it_does() -> None:
    debugging = round_by_id("debugging")
    error = uncounted_skill(debugging, debugging.bar, "Kafka")
    assert error.field == "skill"
    assert "Kafka does not count toward the debugging round (senior.interview.debugging)" in str(error)
    assert "use one of: Debugging." in str(error)
    coding = round_by_id("coding")
    assert "use one of: Go, Python, Java, Node.js, Rust, Coding interview." in str(
        uncounted_skill(coding, coding.bar, "Kafka")
    )


def test_system_design_rubric_covers_what_the_issue_names() -> None:
    assert [c.id for c in SYSTEM_DESIGN.criteria] == [
        "requirements",
        "api",
        "data-model",
        "scaling",
        "failure-modes",
        "trade-offs",
    ]


# ── parsing ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("system-design", "system-design"),
        ("System Design", "system-design"),
        ("system_design", "system-design"),
        ("sys", "system-design"),
        ("CODING", "coding"),
        ("deb", "debugging"),
        ("behavioral", "behavioural"),
        ("Behav", "behavioural"),
    ],
)
def test_parse_round_accepts_case_spacing_and_prefixes(typed: str, expected: str) -> None:
    assert parse_round(typed).id == expected


@pytest.mark.parametrize("typed", ["", "  ", "x", "leetcode", "system-designs"])
def test_parse_round_refuses_naming_the_four(typed: str) -> None:
    with pytest.raises(InputError) as error:
        parse_round(typed)
    assert error.value.field == "round"
    assert "system-design, coding, debugging, behavioural" in error.value.problem


@given(st.text(max_size=30))
def test_parse_round_either_parses_or_raises_a_clear_error(typed: str) -> None:
    try:
        parsed = parse_round(typed)
    except InputError as error:
        assert error.field == "round"
    else:
        assert parsed in ROUNDS


@pytest.mark.parametrize("typed", ["1", " 5 ", "3"])
def test_parse_score_accepts_one_to_five(typed: str) -> None:
    assert parse_score(typed) == int(typed)


@given(st.text(max_size=10))
def test_parse_score_only_accepts_whole_numbers_one_to_five(typed: str) -> None:
    try:
        score = parse_score(typed)
    except InputError as error:
        assert error.field == "score"
        assert "1 (weak) to 5 (strong)" in error.problem
    else:
        assert typed.strip() in {"1", "2", "3", "4", "5"}
        assert score == int(typed.strip())


def test_parse_rubric_matches_ids_titles_and_unambiguous_prefixes_in_rubric_order() -> None:
    assert parse_rubric(["Trade-offs explained=5", "FAIL=4", "api=3", "data model=2"], SYSTEM_DESIGN) == {
        "api": 3,
        "data-model": 2,
        "failure-modes": 4,
        "trade-offs": 5,
    }
    assert parse_rubric([], SYSTEM_DESIGN) == {}


def test_an_exact_criterion_wins_over_longer_ones_it_prefixes() -> None:
    # "api" is a criterion; nothing else starts with it, but an exact key must always win.
    assert parse_rubric(["API=2"], SYSTEM_DESIGN) == {"api": 2}


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["requirements"], "is not CRITERION=SCORE"),
        (["=3"], "is not a criterion"),
        (["colour=3"], "is not a criterion of the system design round; use one of requirements, api"),
        (["requirements=6"], "is not a score"),
        (["req=3", "Requirements=4"], "requirements is scored twice"),
    ],
)
def test_parse_rubric_refuses(pairs: list[str], message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_rubric(pairs, SYSTEM_DESIGN)
    assert error.value.field.startswith("rubric")
    assert message in error.value.problem


def test_an_ambiguous_prefix_names_the_candidates() -> None:
    with pytest.raises(
        InputError, match="could be code-quality or communication or complexity or correctness"
    ):
        parse_rubric(["co=3"], round_by_id("coding"))


@given(st.lists(st.text(max_size=20), max_size=4))
def test_parse_rubric_either_parses_or_raises_a_clear_error(pairs: list[str]) -> None:
    try:
        scores = parse_rubric(pairs, SYSTEM_DESIGN)
    except InputError as error:
        assert error.field.startswith("rubric")
    else:
        assert set(scores) <= {c.id for c in SYSTEM_DESIGN.criteria}
        assert all(1 <= score <= 5 for score in scores.values())


# ── trend and status ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((), TREND_TOO_FEW),
        ((4,), TREND_TOO_FEW),
        ((4, 3), TREND_UP),
        ((3, 4), TREND_DOWN),
        ((4, 3, 3, 4), TREND_STEADY),
        ((3, 3, 4), TREND_DOWN),  # half a point is a move
        ((5, 4, 2, 2), TREND_UP),
        ((2, 2, 4, 5, 5, 5, 1), TREND_DOWN),  # only the latest six count
    ],
)
def test_trend_compares_the_newer_half_with_the_older(scores: tuple[int, ...], expected: str) -> None:
    assert trend(scores) == expected


BAR = PracticeBar(min_sessions=2, within_days=90)


def test_never_practised_is_not_ready() -> None:
    status = round_status(RoundFacts("system-design"), BAR)
    assert (status.ready, status.sessions, status.average_score, status.last_practised) == (
        False,
        0,
        None,
        None,
    )
    assert status.reason == "no mock interviews yet; do 2 sessions in the last 90 days"


def test_too_few_recent_sessions_is_not_ready_even_with_good_scores() -> None:
    facts = RoundFacts("system-design", 3, 4.7, date(2026, 11, 1), 1, 5.0, (5, 5, 4))
    status = round_status(facts, BAR)
    assert not status.ready
    assert status.reason == "1 of 2 in the last 90 days; 1 more to go"


def test_enough_sessions_with_a_low_recent_average_is_not_ready() -> None:
    facts = RoundFacts("system-design", 2, 2.5, date(2026, 11, 1), 2, 2.5, (3, 2), 0, 2, 2)
    status = round_status(facts, BAR)
    assert not status.ready
    assert status.reason == "scored average 2.5 in the last 90 days; aim for 3 or more"
    assert status.trend == TREND_UP


def test_ready_goes_by_the_windows_scored_average_not_the_all_time_one() -> None:
    """An all-time average of 2.0 with a good recent one is ready; the reason names which average."""
    facts = RoundFacts("system-design", 6, 2.0, date(2026, 11, 1), 2, 4.0, (4, 4, 1, 1, 1, 1), 0, 6, 2)
    status = round_status(facts, BAR)
    assert status.ready
    assert (status.average_score, status.recent_average) == (2.0, 4.0)
    assert status.reason == "2 sessions in the last 90 days, average 4.0"


def test_unscored_sessions_count_toward_the_bar_and_say_they_are_unscored() -> None:
    """Mock interviews logged with ``log`` have no score: they meet the bar, and the reason says so."""
    only_unscored = round_status(RoundFacts("system-design", 2, None, date(2026, 11, 1), 2, None), BAR)
    assert only_unscored.ready
    assert only_unscored.reason == "2 sessions in the last 90 days, unscored"
    assert (only_unscored.recent_unscored, only_unscored.trend) == (2, TREND_TOO_FEW)
    mixed = RoundFacts("system-design", 3, 4.0, date(2026, 11, 1), 3, 4.0, (4,), 0, 1, 1)
    assert (
        round_status(mixed, BAR).reason == "3 sessions in the last 90 days (2 unscored), scored average 4.0"
    )
    low = RoundFacts("system-design", 3, 2.0, date(2026, 11, 1), 3, 2.0, (2,), 0, 1, 1)
    assert not round_status(low, BAR).ready


def test_enough_recent_sessions_averaging_three_is_ready() -> None:
    facts = RoundFacts("system-design", 4, 3.0, date(2026, 11, 20), 2, 3.0, (3, 3, 3, 3), 0, 4, 2)
    status = round_status(facts, BAR)
    assert status.ready
    assert status.reason == "2 sessions in the last 90 days, average 3.0"
    assert status.title == "System design"


def test_interview_status_lists_every_round_practised_or_not() -> None:
    status = interview_status([RoundFacts("debugging", 1, 4.0, TODAY, 1, 4.0, (4,), 30, 1, 1)], TODAY)
    assert [row.round_id for row in status.rounds] == [r.id for r in ROUNDS]
    assert status.round("debugging").ready
    assert status.ready_rounds == 1
    assert status.sessions == 1


def test_the_domain_and_read_modules_import_no_orm() -> None:
    """The reads must run without SQLAlchemy: importing them (and the domain) must not pull it in."""
    modules = ("skilltrack.record.interviews", "skilltrack.record.stories")
    assert imports_load(*modules, "skilltrack.domain.interviews", "skilltrack.domain.stories") == []
