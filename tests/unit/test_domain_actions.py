"""The one next action of a gap: its kind (can it go in a week?), its words, its skill and its time."""

from datetime import date

import pytest

from skilltrack.domain.actions import (
    HOURS_PER_LEVEL,
    PRACTICE_SESSION_MINUTES,
    SHOWN_MINUTES,
    ActionKind,
    NextAction,
    evidence_of,
    hours_on,
    practice_sessions,
    study_toward,
)
from skilltrack.domain.facts import RecordFacts, SkillFacts
from skilltrack.domain.framework import EvidenceKind, EvidenceRule, Framework
from skilltrack.domain.readiness import Status, assess

DESIGN_DOC = EvidenceKind("design-doc", "Design doc led", "")
REVIEW = EvidenceKind("code-review", "Substantive code review", "")
INCIDENT = EvidenceKind("incident", "Incident handled", "", schedulable=False)
UNSCHEDULABLE = {"incident", "postmortem", "mentoring", "performance-win", "reliability-win"}


def datadog(minutes: int = 0) -> SkillFacts:
    return SkillFacts("Datadog", "observability", level=3, minutes_total=minutes)


@pytest.mark.parametrize(
    ("kind", "schedulable"),
    [
        (ActionKind.PRACTICE, True),
        (ActionKind.TASK, True),
        (ActionKind.SHIP, False),
        (ActionKind.WHEN_IT_HAPPENS, False),
        (ActionKind.TIME, False),
        (ActionKind.PROFILE, False),
    ],
)
def test_only_practice_and_planned_tasks_can_go_in_a_week(kind: ActionKind, schedulable: bool) -> None:
    assert NextAction(kind, "anything").schedulable is schedulable


def test_hours_that_show_a_skill() -> None:
    assert hours_on("Datadog", None) == NextAction(
        ActionKind.PRACTICE,
        "log 10 h of Datadog or use it in a shipped project",
        "Datadog",
        minutes=SHOWN_MINUTES,
    )
    assert (
        hours_on("Datadog", datadog(minutes=0)).text == "log 10 h of Datadog or use it in a shipped project"
    )
    some = hours_on("Datadog", datadog(minutes=252))
    assert some.text == "log 5.8 h more of Datadog or use it in a shipped project"
    assert some.minutes == SHOWN_MINUTES - 252
    assert hours_on("Datadog", datadog(minutes=900)).minutes == 0


def test_hours_without_the_shipped_project_way_when_the_rule_does_not_take_it() -> None:
    action = hours_on("Kafka", None, wanted=20 * 60, shipped=False)
    assert (action.text, action.minutes) == ("log 20 h of Kafka", 1200)


@pytest.mark.parametrize(("level", "hours"), [(None, 80), (0, 80), (1, 60), (3, 20)])
def test_study_toward_a_level_takes_its_hours_per_step(level: int | None, hours: int) -> None:
    action = study_toward("Go", level, 4)
    assert action == NextAction(
        ActionKind.PRACTICE,
        f"study Go toward level 4 (about {hours} h) and rate it again",
        "Go",
        minutes=hours * 60,
    )
    assert action.minutes == (4 - (level or 0)) * HOURS_PER_LEVEL * 60


def test_practice_sessions_say_how_many() -> None:
    one = practice_sessions(1, "mock-interview", " on System design", "System design")
    assert one == NextAction(
        ActionKind.PRACTICE,
        "log 1 more mock-interview session on System design",
        "System design",
        minutes=PRACTICE_SESSION_MINUTES,
        count=1,
    )
    assert practice_sessions(3, "practice", "", None).text == "log 3 more practice sessions"


def test_evidence_that_can_be_planned_is_a_task() -> None:
    assert evidence_of([DESIGN_DOC], 1, 365) == NextAction(
        ActionKind.TASK, "add 1 more piece of evidence: design doc led", count=1
    )
    two = evidence_of([DESIGN_DOC, REVIEW], 2, None)
    assert two.text == "add 2 more pieces of evidence: design doc led or substantive code review"
    assert two.schedulable


def test_evidence_nobody_can_schedule_is_recorded_when_it_happens() -> None:
    assert evidence_of([INCIDENT], 2, 365) == NextAction(
        ActionKind.WHEN_IT_HAPPENS,
        "record incident handled when it happens (2 more within 365 days)",
        count=2,
    )
    assert evidence_of([INCIDENT], 1, None).text == "record incident handled when it happens (1 more)"
    # One of the kinds happening by itself is enough to make the whole gap one to wait for.
    mixed = evidence_of([DESIGN_DOC, INCIDENT], 1, 90)
    assert mixed.kind is ActionKind.WHEN_IT_HAPPENS
    assert not mixed.schedulable


def test_the_built_in_ladder_marks_what_happens_by_itself(framework: Framework) -> None:
    assert {kind.id for kind in framework.evidence_kinds if not kind.schedulable} == UNSCHEDULABLE


def test_every_gap_of_the_built_in_ladder_has_one_action_of_the_right_kind(
    framework: Framework, today: date
) -> None:
    readiness = assess(RecordFacts(), framework, today)
    for result in readiness.level("staff").results:
        assert result.status is Status.MISSING
        action = result.action
        assert action is not None, result.expectation.id
        assert action.text == result.next_step
        rule = result.expectation.rule
        if isinstance(rule, EvidenceRule):
            happens = any(kind in UNSCHEDULABLE for kind in rule.kinds)
            expected = ActionKind.WHEN_IT_HAPPENS if happens else ActionKind.TASK
            assert action.kind is expected, result.expectation.id
            assert action.count >= 1
        if action.kind is ActionKind.PRACTICE:
            assert action.minutes > 0, result.expectation.id


def test_the_last_minutes_are_never_said_as_nothing() -> None:
    action = hours_on("Datadog", datadog(minutes=SHOWN_MINUTES - 2))
    assert action.minutes == 2
    assert "0 h" not in action.text
