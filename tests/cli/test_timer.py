"""The timer: ``start``, ``status`` while it runs, ``stop`` logs the elapsed minutes, ``cancel`` nothing."""

import pytest

from tests.cli.helpers import Run, one_error_line, sessions, skill_names
from tests.conftest import NOW

LATER_50 = "2026-11-24T19:20:00+00:00"
LATER_20 = "2026-11-24T18:50:00+00:00"


def test_start_status_stop_logs_the_elapsed_minutes(run: Run) -> None:
    started = run("start", "golang", "--kind", "mock interview")
    assert started.code == 0, started.err
    assert "Note: added Go (language) to your skills." in started.out
    assert "Started a timer for Go (mock-interview) at 18:30." in started.out

    running = run("status", now=LATER_20)
    assert running.code == 0, running.err
    assert "Timer      Go (mock-interview), running 20m" in running.out
    timer = run("status", "--json").json()["timer"]
    assert timer == {"skill": "Go", "kind": "mock-interview", "started_at": "2026-11-24T18:30:00+00:00"}
    assert sessions(run) == []

    stopped = run("stop", "--note", "two rounds", now=LATER_50)
    assert stopped.code == 0, stopped.err
    assert "Logged 50m of Go (mock-interview) on Tue 2026-11-24." in stopped.out
    [row] = sessions(run)
    assert row["minutes"] == 50
    assert row["skill"] == "Go"
    assert row["kind"] == "mock-interview"
    assert row["note"] == "two rounds"
    assert row["started_at"] == "2026-11-24T18:30:00+00:00"
    assert row["date"] == "2026-11-24"

    after = run("status")
    assert "Timer" not in after.out
    assert run("status", "--json").json()["timer"] is None
    assert run("status", "--json").json()["this_week_minutes"] == 50


def test_status_right_after_start_says_under_a_minute(run: Run) -> None:
    run("start", "Go")

    assert "Timer      Go (study), running under a minute" in run("status").out


def test_stop_within_a_minute_logs_one_minute(run: Run) -> None:
    run("start", "Go")

    assert run("stop", now="2026-11-24T18:30:10+00:00").code == 0

    assert [row["minutes"] for row in sessions(run)] == [1]


def test_starting_twice_is_refused(run: Run) -> None:
    assert run("start", "Go").code == 0

    again = run("start", "Python", now=LATER_20)

    assert again.code == 2
    line = one_error_line(again)
    assert line.startswith("skilltrack: timer:")
    assert "already running" in line
    assert "Go" in line
    assert run("status", "--json").json()["timer"]["skill"] == "Go"


def test_stop_with_no_timer_is_refused(run: Run) -> None:
    result = run("stop")

    assert result.code == 2
    assert result.out == ""
    assert one_error_line(result) == (
        "skilltrack: timer: no timer is running; start one with: skilltrack start SKILL"
    )
    assert sessions(run) == []


def test_cancel_with_no_timer_is_refused(run: Run) -> None:
    result = run("cancel")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: timer: no timer is running")


def test_cancel_writes_nothing(run: Run) -> None:
    run("log", "Python", "30m")
    before = sessions(run)
    assert run("start", "Go").code == 0

    cancelled = run("cancel", now=LATER_20)

    assert cancelled.code == 0, cancelled.err
    assert "Cancelled the Go timer after 20m; nothing was logged." in cancelled.out
    assert sessions(run) == before
    assert run("status", "--json").json()["timer"] is None
    assert run("stop", now=LATER_50).code == 2
    assert run("start", "Go", now=LATER_50).code == 0  # a new timer can start after a cancel


@pytest.mark.usefixtures("empty_record")
def test_start_refuses_bad_input_without_starting(run: Run) -> None:
    bad_kind = run("start", "Go", "--kind", "nap")
    near_miss = run("start", "postgress")

    assert bad_kind.code == 2
    assert one_error_line(bad_kind).startswith("skilltrack: kind:")
    assert near_miss.code == 2
    assert "did you mean PostgreSQL?" in near_miss.err
    assert run("status", "--json").json()["timer"] is None
    assert skill_names(run) == []


def test_a_timer_over_a_day_cannot_be_stopped_but_can_be_cancelled(run: Run) -> None:
    run("start", "Go")

    stopped = run("stop", now="2026-11-25T19:00:00+00:00")

    assert stopped.code == 2
    assert one_error_line(stopped).startswith("skilltrack: timer:")
    assert sessions(run) == []
    assert run("cancel").code == 0
    assert run("status", "--json", now=NOW).json()["timer"] is None
