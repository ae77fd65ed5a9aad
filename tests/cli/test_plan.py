"""``skilltrack plan``: at most three actions this week on what moves the level most, what happens by itself
kept apart, and a forecast range once there is history for a pace."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import Run, one_error_line
from tests.probes import command_loads, imports_load

pytestmark = pytest.mark.usefixtures("empty_record")  # reading commands make no record

TODAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 23)


def plan_json(run: Run, *extra: str) -> dict[str, Any]:
    result = run("plan", "--json", *extra)
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()
    return document


def log_weeks(run: Run, skill: str, duration: str, weeks: int, *, weekday: int = 2) -> None:
    """``duration`` of ``skill`` on one day (Wednesday unless told) of each of the last ``weeks`` full
    weeks."""
    for weeks_back in range(1, weeks + 1):
        day = MONDAY - timedelta(weeks=weeks_back) + timedelta(days=weekday)
        assert run("log", skill, duration, "--date", day.isoformat()).code == 0


def test_an_empty_record_has_no_pace_and_starts_with_an_hour_each(run: Run) -> None:
    text = run("plan")
    document = plan_json(run)

    assert text.code == 0, text.err
    assert text.out.startswith("Plan toward Senior for the week of 2026-11-23 — 0% ready\n")
    assert "Pace: too little history yet (0 full weeks since your first session; a pace needs 3)" in text.out
    assert "It assumes:" in text.out
    assert document["format"] == "skilltrack-plan"
    assert document["pace"] == {"average_minutes": None, "history_weeks": 0, "active_weeks": 0, "weeks": []}
    assert len(document["this_week"]) == 3
    assert all(item["minutes_this_week"] == 60 for item in document["this_week"])
    assert all(item["shape"] in ("hours", "task") for item in document["this_week"])
    forecast = document["forecast"]
    assert (forecast["reached_on"], forecast["earliest"], forecast["latest"], forecast["on_track"]) == (
        None,
        None,
        None,
        None,
    )
    assert forecast["summary"].startswith("Too little history yet for a date: 0 full weeks")
    assert "\nThis week\n  1h      " in text.out


def test_a_beginner_with_ten_days_of_history_gets_no_date(run: Run) -> None:
    for day in ("2026-11-14", "2026-11-18", "2026-11-23"):
        assert run("log", "Kafka", "2h", "--date", day).code == 0
    run("profile", "--set", "target_date=2027-06-01")

    document = plan_json(run)
    text = run("plan").out
    status = run("status").out

    assert document["pace"]["history_weeks"] == 2
    assert document["pace"]["average_minutes"] is None
    assert document["forecast"]["reached_on"] is None
    assert document["forecast"]["summary"] == (
        "Too little history yet for a date: 2 full weeks of learning since your first session, and a "
        "forecast needs 3. Your target date is 2027-06-01."
    )
    assert "Pace: too little history yet (2 full weeks since your first session; a pace needs 3)" in text
    assert all(item["minutes_this_week"] <= 60 for item in document["this_week"])
    target = "Target     Senior by 2027-06-01, 27 weeks left · forecast: none yet"
    assert f"{target} (too little history yet for a date)" in status


def test_the_pace_is_the_last_eight_full_weeks_and_this_week_does_not_count(run: Run) -> None:
    log_weeks(run, "Kafka", "2h", 8)
    assert run("log", "Kafka", "5h", "--date", (MONDAY - timedelta(weeks=9)).isoformat()).code == 0
    assert run("log", "Kafka", "30m", "--date", TODAY.isoformat()).code == 0

    document = plan_json(run)
    text = run("plan").out

    assert [week["minutes"] for week in document["pace"]["weeks"]] == [120] * 8
    assert [week["week_of"] for week in document["pace"]["weeks"]][:2] == ["2026-09-28", "2026-10-05"]
    assert document["pace"]["average_minutes"] == 120
    assert document["pace"]["active_weeks"] == 8
    assert document["pace"]["history_weeks"] == 9
    # This week's 30 minutes are not in the pace, but come out of this week's budget, and it says so.
    assert document["logged_this_week_minutes"] == 30
    assert sum(item["minutes_this_week"] for item in document["this_week"]) == 90
    first = document["this_week"][0]
    assert first["minutes_this_week"] == min(90, first["minutes_left"])
    assert (
        "Pace: 2h a week, the average of the 8 full weeks 2026-09-28 to 2026-11-22 (8 of 8 with learning)"
        in text
    )
    assert "30m already logged this week, so 1h30m is left to plan this week" in text


def test_this_week_is_at_most_three_lines_and_never_what_happens_by_itself(run: Run) -> None:
    log_weeks(run, "Go", "20h", 8)
    log_weeks(run, "Go", "20h", 8, weekday=3)

    document = plan_json(run)
    text = run("plan").out

    assert 1 <= len(document["this_week"]) <= 3
    lines = [item["action"] for item in document["this_week"]]
    assert len(lines) == len(set(lines))
    assert all(item["shape"] in ("hours", "task") for item in document["this_week"])
    happens = {item["expectation"]: item for item in document["when_it_happens"]}
    assert happens["senior.reliability.on-call"]["action"] == (
        "record incident handled when it happens (2 more within 365 days)"
    )
    assert all(item["minutes_this_week"] == 0 and item["ready_on"] is None for item in happens.values())
    assert "senior.reliability.on-call" not in {item["expectation"] for item in document["later"]}
    this_week = text.split("\nThis week\n", 1)[1].split("\n\n", 1)[0]
    assert len(this_week.splitlines()) == len(document["this_week"])
    assert "Record it when it happens\n  Handles incidents on call — record incident handled" in text
    assert document["forecast"]["left_out"] == list(
        dict.fromkeys(item["action"] for item in happens.values())
    )


def test_evidence_gaps_are_tasks_and_the_forecast_is_a_range_against_the_target(run: Run) -> None:
    for weeks_back, duration in zip(range(1, 9), ("6h", "14h") * 4, strict=True):
        run("log", "Go", duration, "--date", (MONDAY - timedelta(weeks=weeks_back)).isoformat())
    run("profile", "--set", "career_start=2015-01-01", "--set", "target_date=2030-01-01")
    run("project", "add", "Ledger", "--role", "backend engineer", "--from", "2020-01-01", "--production")

    document = plan_json(run)
    text = run("plan").out

    planned = document["this_week"] + document["later"]
    tasks = [item for item in planned if item["shape"] == "task"]
    assert tasks and all(item["cadence_weeks"] for item in tasks)
    assert any(item["action"].startswith("add ") for item in tasks)
    forecast = document["forecast"]
    assert forecast["earliest"] <= forecast["reached_on"] <= forecast["latest"]
    assert forecast["earliest"] < forecast["latest"]
    assert forecast["target_date"] == "2030-01-01"
    assert forecast["on_track"] is True
    assert f"between {forecast['earliest']} and {forecast['latest']}" in forecast["summary"]
    assert "on track for your target of 2030-01-01" in forecast["summary"]
    assert any("Evidence that can be planned is a task" in said for said in forecast["assumptions"])
    assert "\nLater\n" in text and "  task    " in text
    status = run("status").out
    assert (
        f"Target     Senior by 2030-01-01, 162 weeks left · forecast between {forecast['earliest']} and "
        f"{forecast['latest']}: on track"
    ) in status


def test_a_level_other_than_the_target(run: Run) -> None:
    document = plan_json(run, "--level", "STAFF")

    assert document["level"]["id"] == "staff"
    assert run("plan", "--level", "lead").out.startswith("Plan toward Lead")


def test_the_target_date_belongs_to_the_target_level_alone(run: Run) -> None:
    for weeks_back in range(1, 9):
        run("log", "Go", "3h", "--date", (MONDAY - timedelta(weeks=weeks_back)).isoformat())
    run("profile", "--set", "target_level=senior", "--set", "target_date=2027-01-15")

    senior = plan_json(run)["forecast"]
    staff = plan_json(run, "--level", "staff")
    report = run("report", "--format", "markdown", "--level", "staff").out

    assert senior["target_date"] == "2027-01-15"
    assert staff["forecast"]["target_date"] is None
    assert staff["forecast"]["on_track"] is None
    assert "There is no target date for Staff: yours is set for Senior." in staff["forecast"]["summary"]
    assert "behind your target" not in staff["forecast"]["summary"]
    # Evidence keeps the default cadence: the date does not squeeze another level's tasks.
    planned = staff["this_week"] + staff["later"]
    tasks = [item for item in planned if item["shape"] == "task" and item["tasks_left"] > 1]
    assert tasks and all(item["cadence_weeks"] == 2 for item in tasks)
    assert "behind your target" not in report
    assert "yours is set for Senior" in report


def test_a_target_no_pace_can_reach_says_so_once(run: Run) -> None:
    for weeks_back in range(1, 9):
        run("log", "Go", "3h", "--date", (MONDAY - timedelta(weeks=weeks_back)).isoformat())
    run("profile", "--set", "career_start=2024-01-01", "--set", "target_date=2026-11-25")
    run("project", "add", "Ledger", "--role", "backend engineer", "--from", "2024-06-01", "--production")

    summary = plan_json(run)["forecast"]["summary"]

    assert "not reachable by 2026-11-25 at any pace" in summary
    assert "would fit at about" not in summary
    assert "Not by hours" not in summary
    assert summary.count("Hours cannot close") == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    typed=st.text(max_size=20).filter(lambda text: text.strip().lower() not in {"senior", "lead", "staff"})
)
def test_a_bad_level_is_refused_naming_the_field(run: Run, typed: str) -> None:
    result = run("plan", f"--level={typed}")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: level:")


@pytest.mark.parametrize(
    "module", ["skilltrack.record.overview", "skilltrack.domain.plan", "skilltrack.render.plan"]
)
def test_the_plan_reads_do_not_import_the_orm(module: str) -> None:
    assert imports_load(module) == []


@pytest.mark.parametrize("args", [("plan",), ("plan", "--json", "--level", "staff")])
def test_plan_on_an_existing_record_runs_without_the_orm_and_agrees_with_it(
    run: Run, real_env: dict[str, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    assert run("log", "Go", "2h", "--date", "2026-11-10").code == 0
    ran = command_loads(real_env, tmp_path, *args)

    assert (ran.code, ran.loaded) == (0, [])
    assert ran.out == run(*args).out
