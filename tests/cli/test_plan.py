"""``skilltrack plan``: this week's real hours on the biggest gaps, evidence as tasks, and a forecast."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import Run, one_error_line
from tests.probes import command_loads, imports_load

TODAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 23)


def plan_json(run: Run, *extra: str) -> dict[str, Any]:
    result = run("plan", "--json", *extra)
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()
    return document


def test_an_empty_record_has_no_pace_and_says_why(run: Run) -> None:
    text = run("plan")
    document = plan_json(run)

    assert text.code == 0, text.err
    assert text.out.startswith("Plan toward Senior for the week of 2026-11-23 — ")
    assert "Pace: 0m a week, the average of the 8 full weeks 2026-09-28 to 2026-11-22" in text.out
    assert "It assumes:" in text.out
    assert document["format"] == "skilltrack-plan"
    assert document["pace"]["average_minutes"] == 0
    assert [week["week_of"] for week in document["pace"]["weeks"]][:2] == ["2026-09-28", "2026-10-05"]
    assert document["this_week_minutes"] == 0
    assert document["forecast"]["reached_on"] is None
    assert document["forecast"]["on_track"] is None
    assert "no date" in document["forecast"]["summary"].lower()
    # No pace: the plan says what it needs instead of pointing at gaps above that got nothing.
    assert "after the gaps above" not in text.out
    assert "log some time this week: the plan starts from your pace" in text.out


def test_the_pace_is_the_last_eight_full_weeks_and_this_week_does_not_count(run: Run) -> None:
    for weeks_back in range(1, 9):
        day = MONDAY - timedelta(weeks=weeks_back) + timedelta(days=2)
        assert run("log", "Kafka", "2h", "--date", day.isoformat()).code == 0
    assert run("log", "Kafka", "5h", "--date", (MONDAY - timedelta(weeks=9)).isoformat()).code == 0
    assert run("log", "Kafka", "30m", "--date", TODAY.isoformat()).code == 0

    document = plan_json(run)
    text = run("plan").out

    assert [week["minutes"] for week in document["pace"]["weeks"]] == [120] * 8
    assert document["pace"]["average_minutes"] == 120
    assert document["pace"]["active_weeks"] == 8
    # This week's 30 minutes are not in the pace, but come out of this week's budget, and it says so.
    assert document["logged_this_week_minutes"] == 30
    assert document["budget_minutes"] == 90
    assert document["this_week_minutes"] == 90
    hours = [item for item in document["items"] if item["shape"] == "hours"]
    assert sum(item["minutes_this_week"] for item in document["items"]) == 90
    assert hours[0]["minutes_this_week"] == min(90, hours[0]["minutes_left"])
    assert "30m already logged this week, so 1h30m is left to plan this week" in text


def test_evidence_gaps_are_tasks_and_the_forecast_has_a_date_against_the_target(run: Run) -> None:
    for weeks_back in range(1, 9):
        run("log", "Go", "10h", "--date", (MONDAY - timedelta(weeks=weeks_back)).isoformat())
    run("profile", "--set", "career_start=2015-01-01", "--set", "target_date=2030-01-01")
    run("project", "add", "Ledger", "--role", "backend engineer", "--from", "2020-01-01", "--production")

    document = plan_json(run)
    text = run("plan").out

    tasks = [item for item in document["items"] if item["shape"] == "task"]
    assert tasks and all(item["minutes_this_week"] == 0 and item["cadence_weeks"] for item in tasks)
    assert any(item["next_step"].startswith("add ") for item in tasks)
    forecast = document["forecast"]
    assert forecast["reached_on"] is not None
    assert forecast["target_date"] == "2030-01-01"
    assert forecast["on_track"] is True
    assert "on track for your target of 2030-01-01" in forecast["summary"]
    assert any("Evidence cannot be bought with hours" in said for said in forecast["assumptions"])
    assert "This week" in text and "task " in text


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
    tasks = [item for item in staff["items"] if item["shape"] == "task" and item["tasks_left"] > 1]
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
