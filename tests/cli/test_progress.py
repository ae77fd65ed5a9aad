"""``skilltrack progress``: a level's readiness week by week, ending today with today's ``status``."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Run, one_error_line
from tests.probes import command_loads, imports_load

pytestmark = pytest.mark.usefixtures("empty_record")  # reading commands make no record

TODAY = date(2026, 11, 24)


def progress_json(run: Run, *extra: str) -> dict[str, Any]:
    result = run("progress", "--json", *extra)
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()
    return document


def a_record_that_moved(run: Run) -> None:
    """Go rated and then shown by its hours, incidents arriving, over the last six weeks."""
    steps = (
        ("profile", "--set", "career_start=2021-01-01"),
        ("skill", "rate", "Go", "4", "--date", (TODAY - timedelta(days=40)).isoformat()),
        ("log", "Go", "6h", "--date", (TODAY - timedelta(days=30)).isoformat()),
        ("log", "Go", "4h", "--date", (TODAY - timedelta(days=16)).isoformat()),
        (
            "evidence",
            "add",
            "Broker outage",
            "--kind",
            "incident",
            "--date",
            (TODAY - timedelta(days=25)).isoformat(),
        ),
        (
            "evidence",
            "add",
            "Ledger double charge",
            "--kind",
            "incident",
            "--date",
            (TODAY - timedelta(days=2)).isoformat(),
        ),
        ("log", "Kafka", "10h", "--date", (TODAY - timedelta(days=9)).isoformat()),
    )
    for args in steps:
        result = run(*args)
        assert result.code == 0, (args, result.err)


def test_the_points_end_today_with_todays_percent(run: Run) -> None:
    a_record_that_moved(run)

    document = progress_json(run, "--weeks", "8")
    status = run("status", "--json").json()
    senior = next(level for level in status["levels"] if level["id"] == "senior")

    points = document["points"]
    assert document["format"] == "skilltrack-progress"
    assert document["level"] == {"id": "senior", "title": "Senior"}
    assert [point["date"] for point in points] == [
        (TODAY - timedelta(weeks=back)).isoformat() for back in range(len(points) - 1, -1, -1)
    ]
    assert 2 <= len(points) <= 9
    today = points[-1]
    assert today["date"] == "2026-11-24"
    assert (today["percent"], today["shown_percent"], today["met"], today["claimed"], today["total"]) == (
        senior["percent"],
        senior["shown_percent"],
        senior["met"],
        senior["claimed"],
        senior["total"],
    )
    assert points[0]["percent"] < today["percent"]
    happened = {(m["expectation"], m["happened"]) for m in document["milestones"]}
    assert ("senior.languages.primary", "met") in happened
    assert ("senior.reliability.on-call", "met") in happened


def test_the_text_has_the_chart_today_and_since_last_month(run: Run) -> None:
    a_record_that_moved(run)

    document = progress_json(run, "--weeks", "8")
    text = run("progress", "--weeks", "8")

    assert text.code == 0, text.err
    first, today = document["points"][0], document["points"][-1]
    weeks = len(document["points"]) - 1
    assert text.out.startswith(
        f"Senior over {weeks} weeks: {first['percent']}% on {first['date']} → {today['percent']}% today "
    )
    assert f"Today: {today['percent']}% · {today['met']} met, " in text.out
    assert "Milestones (the week each was first seen)" in text.out
    assert f"Since {document['since']}" in text.out


def test_another_level_and_the_default_of_a_year(run: Run) -> None:
    assert run("log", "Go", "1h", "--date", "2025-06-02").code == 0

    lead = progress_json(run, "--level", "LEAD")
    assert lead["level"]["id"] == "lead"
    assert len(lead["points"]) == 53
    assert lead["points"][-1]["date"] == TODAY.isoformat()


@pytest.mark.parametrize("typed", ["0", "abc", "-3", "521", "2.5", ""])
def test_a_bad_number_of_weeks_is_refused_naming_weeks(run: Run, typed: str) -> None:
    result = run("progress", "--weeks", typed)

    assert result.code == 2
    assert result.out == ""
    line = one_error_line(result)
    assert line.startswith("skilltrack: weeks:")
    assert "whole number of weeks from 1 to 520" in line


def test_a_bad_level_is_refused_naming_the_level(run: Run) -> None:
    result = run("progress", "--level", "principal")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: level:")


def test_progress_reads_without_the_orm(run: Run, real_env: dict[str, str], tmp_path: Path) -> None:
    assert run("log", "Go", "2h", "--date", "2026-11-10").code == 0
    ran = command_loads(real_env, tmp_path, "progress", "--json", "--weeks", "4")

    assert (ran.code, ran.loaded) == (0, [])
    assert ran.out == run("progress", "--json", "--weeks", "4").out
    assert imports_load("skilltrack.record.progress", "skilltrack.render.progress") == []
