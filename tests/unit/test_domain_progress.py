"""Progress: a level's percent week by week, the week each expectation was first shown (or lapsed), and
what moved since last month, from readiness as it stood each week; and its text and JSON."""

from datetime import date, timedelta

import pytest

from skilltrack.domain.facts import EvidenceFacts, RecordFacts, SkillFacts
from skilltrack.domain.framework import (
    Area,
    EvidenceKind,
    EvidenceRule,
    Expectation,
    Framework,
    HandsOnRule,
    Level,
    Rule,
    SkillLevelRule,
    SkillTerm,
)
from skilltrack.domain.progress import LAST_MONTH_DAYS, Happened, Progress, progress_of
from skilltrack.domain.readiness import Readiness, Status, assess
from skilltrack.render.progress import progress_json, progress_text, sparkline

TODAY = date(2026, 11, 24)
DAYS = [TODAY - timedelta(weeks=back) for back in range(8, -1, -1)]
"""Nine Tuesdays, eight weeks ago to today."""


def _expectation(id: str, rule: Rule, weight: int = 1) -> Expectation:
    return Expectation(
        id=id, level="senior", area="core", title=id, section="", why="", rule=rule, weight=weight
    )


GO = _expectation("go", SkillLevelRule(("Go",), min_level=4), weight=2)
KAFKA = _expectation("kafka", HandsOnRule(("Kafka",)))
INCIDENTS = _expectation("incidents", EvidenceRule(("incident",), min_count=1, within_days=30))
FRAMEWORK = Framework(
    name="Test ladder",
    guide="",
    about="",
    levels=(Level("senior", "Senior", "", "", 0),),
    areas=(Area("core", "Core"),),
    skills=(SkillTerm("Go", "language"), SkillTerm("Kafka", "messaging")),
    evidence_kinds=(EvidenceKind("incident", "Incident handled", "", schedulable=False),),
    expectations=(GO, KAFKA, INCIDENTS),
)

GO_RATED_ON = DAYS[2]  # Go 4 claimed from here…
GO_HOURS = {DAYS[5] - timedelta(days=1): 600}  # …and shown from here
KAFKA_ALWAYS = 600  # Kafka shown before the series begins
INCIDENT_DAYS = (
    DAYS[1] - timedelta(days=2),
    DAYS[7],
)  # met at DAYS[1], lapsed at DAYS[5], met again at DAYS[7]


def _as_of(day: date) -> RecordFacts:
    go_minutes = sum(minutes for logged_on, minutes in GO_HOURS.items() if logged_on <= day)
    return RecordFacts(
        skills=(
            SkillFacts("Go", "language", level=4 if day >= GO_RATED_ON else None, minutes_total=go_minutes),
            SkillFacts("Kafka", "messaging", minutes_total=KAFKA_ALWAYS),
        ),
        evidence=tuple(
            EvidenceFacts(f"i{number}", "incident", f"Incident {number}", occurred)
            for number, occurred in enumerate(INCIDENT_DAYS)
            if occurred <= day
        ),
    )


def _series(days: list[date] = DAYS) -> list[tuple[date, Readiness]]:
    return [(day, assess(_as_of(day), FRAMEWORK, day)) for day in days]


@pytest.fixture
def progress() -> Progress:
    return progress_of("senior", _series())


def test_one_point_a_week_each_the_level_as_it_stood_that_day(progress: Progress) -> None:
    assert [point.day for point in progress.points] == DAYS
    for point, (_, readiness) in zip(progress.points, _series(), strict=True):
        level = readiness.level("senior")
        assert (point.percent, point.shown_percent, point.met, point.claimed, point.total) == (
            level.percent,
            level.shown_percent,
            level.met,
            level.count(Status.CLAIMED),
            level.total,
        )
        assert point.partial == level.count(Status.PARTIAL)
    # Kafka (1 of 4), + the incident, + Go 4 claimed (half of 2), − the incident + Go shown, + incident.
    assert [point.percent for point in progress.points] == [25, 50, 75, 75, 75, 75, 75, 100, 100]
    assert [point.shown_percent for point in progress.points] == [25, 50, 50, 50, 50, 75, 75, 100, 100]
    assert progress.today == progress.points[-1]
    assert progress.change == 75


def test_milestones_are_the_weeks_an_expectation_was_first_shown_or_lapsed(progress: Progress) -> None:
    assert [(m.day, m.expectation.id, m.happened) for m in progress.milestones] == [
        (DAYS[1], "incidents", Happened.MET),
        (DAYS[5], "go", Happened.MET),
        (DAYS[5], "incidents", Happened.LAPSED),
        (DAYS[7], "incidents", Happened.MET_AGAIN),
    ]
    # Kafka was shown before the series began: when is not known, and it is said apart.
    assert [expectation.id for expectation in progress.already_met] == ["kafka"]


def test_a_claim_is_not_a_milestone_until_the_record_shows_it(progress: Progress) -> None:
    claimed_on = progress.points[2]
    assert (claimed_on.claimed, claimed_on.met) == (1, 2)
    assert all(m.day != GO_RATED_ON for m in progress.milestones)


def test_since_last_month_compares_today_with_four_weeks_ago(progress: Progress) -> None:
    assert progress.since == TODAY - timedelta(days=LAST_MONTH_DAYS) == DAYS[4]
    # Go went from claimed to shown; the incidents lapsed and were met again in between: no change.
    assert [(c.expectation.id, c.before.status, c.after.status) for c in progress.met] == [
        ("go", Status.CLAIMED, Status.MET)
    ]
    assert [c.percent_points for c in progress.met] == [50]
    assert progress.lost == ()
    assert progress.moved == ()


def test_what_was_shown_a_month_ago_and_is_not_now_is_lost() -> None:
    progress = progress_of("senior", _series(DAYS[:6]))

    assert progress.since == DAYS[1]  # the nearest to four weeks before DAYS[5]
    assert [(c.expectation.id, c.after.status, c.percent_points) for c in progress.lost] == [
        ("incidents", Status.MISSING, -100)
    ]
    assert [(c.expectation.id, c.before.status) for c in progress.met] == [("go", Status.MISSING)]


def test_a_series_of_one_day_is_today_alone() -> None:
    progress = progress_of("senior", _series([TODAY]))

    assert [point.day for point in progress.points] == [TODAY]
    assert progress.milestones == ()
    assert progress.change == 0
    assert progress.since == TODAY
    assert (progress.met, progress.lost, progress.moved) == ((), (), ())


def test_the_text_says_the_change_the_milestones_and_what_moved(progress: Progress) -> None:
    text = progress_text(progress)

    assert text.startswith("Senior over 8 weeks: 25% on 2026-09-29 → 100% today (+75 points)\n")
    assert f"  {sparkline([25, 50, 75, 75, 75, 75, 75, 100, 100])}  100%" in text
    assert "Today: 100% · 3 met, 0 partial, 0 claimed of 3; 100% shown by the record alone." in text
    assert "  2026-10-06  met        incidents" in text
    assert "  2026-11-03  lapsed     incidents" in text
    assert "  2026-11-17  met again  incidents" in text
    assert "Met before 2026-09-29: 1" in text
    assert text.endswith("Since 2026-10-27\n met:\n  go (claimed → met, +50 points)\n")


def test_the_json_holds_every_point_and_milestone(progress: Progress) -> None:
    document = progress_json(progress)

    assert document["format"] == "skilltrack-progress"
    assert document["level"] == {"id": "senior", "title": "Senior"}
    assert [point["date"] for point in document["points"]] == [day.isoformat() for day in DAYS]
    assert document["points"][-1] == {
        "date": "2026-11-24",
        "percent": 100,
        "shown_percent": 100,
        "met": 3,
        "partial": 0,
        "claimed": 0,
        "total": 3,
    }
    assert document["milestones"][0] == {
        "date": DAYS[1].isoformat(),
        "expectation": "incidents",
        "title": "incidents",
        "happened": "met",
    }
    assert document["met_before_the_series"] == ["kafka"]
    assert document["since"] == DAYS[4].isoformat()
    assert document["since_last_month"] == {
        "met": [{"expectation": "go", "title": "go", "before": "claimed", "after": "met", "points": 50}],
        "lost": [],
        "moved": [],
    }


@pytest.mark.parametrize(
    ("percents", "drawn"),
    [([0, 50, 100], " ▄█"), ([], ""), ([-5, 120], " █"), ([12, 13], "▁▁")],
)
def test_the_sparkline_is_one_block_a_point(percents: list[int], drawn: str) -> None:
    assert sparkline(percents) == drawn
