"""``skilltrack log`` as people type it: negative and malformed lengths refused with one clear line and
nothing written, relative dates stored on the right day, and start times the clocks skipped refused."""

import json
import re

import pytest

from skilltrack.domain.dates import DATE_FORMS
from skilltrack.domain.durations import DURATION_ACCEPTED
from tests.cli.helpers import Run, one_error_line, sessions

# NOW (tests/conftest.py) is 18:30 UTC on Tuesday 2026-11-24.


@pytest.mark.parametrize("typed", ["-5m", "-1h", "-90", "-1:30", "-1h30m"])
def test_a_negative_duration_is_refused_as_negative_and_nothing_is_written(run: Run, typed: str) -> None:
    result = run("log", "go", typed)

    assert result.code == 2
    assert result.out == ""
    assert one_error_line(result) == f"skilltrack: duration: {typed!r} is negative; use {DURATION_ACCEPTED}"
    assert sessions(run) == []


@pytest.mark.parametrize(("typed", "minutes"), [("1h61m", 61), ("1:75", 75), ("2h 60m", 60)])
def test_minutes_past_59_beside_hours_are_refused(run: Run, typed: str, minutes: int) -> None:
    result = run("log", "go", typed)

    assert result.code == 2
    line = one_error_line(result)
    assert line.startswith(f"skilltrack: duration: {typed!r} has {minutes} minutes: with hours, give 0–59")
    assert sessions(run) == []


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("last monday", "2026-11-23"),
        ("Monday", "2026-11-23"),
        ("fri", "2026-11-20"),
        ("tue", "2026-11-17"),  # today is a Tuesday: the last one past is a week ago
        ("3 days ago", "2026-11-21"),
        ("2 weeks ago", "2026-11-10"),
        ("yesterday", "2026-11-23"),
    ],
)
def test_a_relative_date_is_stored_on_the_right_day(run: Run, typed: str, day: str) -> None:
    result = run("log", "go", "30m", "--date", typed)

    assert result.code == 0, result.err
    [row] = sessions(run)
    assert row["date"] == day
    assert row["minutes"] == 30


def test_a_weekday_typed_on_that_weekday_means_a_week_ago(run: Run) -> None:
    result = run("log", "go", "30m", "--date", "monday", now="2026-11-23T12:00:00+00:00")

    assert result.code == 0, result.err
    assert "on Mon 2026-11-16." in result.out


def test_a_date_that_is_no_form_is_refused_with_the_forms(run: Run) -> None:
    result = run("log", "go", "30m", "--date", "last week")

    assert result.code == 2
    assert one_error_line(result) == f"skilltrack: date: 'last week' is not a date; use {DATE_FORMS}"
    assert sessions(run) == []


def test_a_start_time_the_clocks_skipped_is_refused_naming_the_zone(run: Run) -> None:
    assert run("profile", "--set", "time_zone=Europe/Berlin").code == 0

    result = run("log", "go", "30m", "--date", "2026-03-29", "--at", "02:30", now="2026-03-30T12:00:00+00:00")

    assert result.code == 2
    assert one_error_line(result) == (
        "skilltrack: at: 02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks went forward "
        "from 02:00 to 03:00; use 03:00 or later, or a time before 02:00"
    )
    assert sessions(run) == []


def test_a_start_time_that_came_twice_is_stored_at_its_first_occurrence(run: Run) -> None:
    assert run("profile", "--set", "time_zone=Europe/Berlin").code == 0

    result = run("log", "go", "30m", "--date", "2026-10-25", "--at", "02:30", now="2026-10-26T12:00:00+00:00")

    assert result.code == 0, result.err
    [row] = sessions(run)
    assert row["started_at"] == "2026-10-25T00:30:00+00:00"  # 02:30 CEST, before the clocks went back
    assert row["date"] == "2026-10-25"
    assert row["time_zone"] == "Europe/Berlin"


def test_the_note_on_a_start_time_that_came_twice_is_printed(run: Run) -> None:
    assert run("profile", "--set", "time_zone=Europe/Berlin").code == 0

    result = run("log", "go", "30m", "--date", "2026-10-25", "--at", "02:30", now="2026-10-26T12:00:00+00:00")

    assert result.code == 0, result.err
    assert result.err == ""
    assert (
        "Note: 02:30 on 2026-10-25 came twice in Europe/Berlin: the clocks went back from 03:00 to 02:00; "
        "took the first, 02:30 (CEST, UTC+02:00), before they went back."
    ) in result.out.splitlines()


# ── a day well before the career start: logged, with a warning on stderr ──────────────────────────


def test_a_session_decades_before_the_career_start_is_logged_with_a_warning(run: Run) -> None:
    assert run("profile", "--set", "career_start=2023-06-01").code == 0

    result = run("log", "go", "30m", "--date", "1990-01-01")

    assert result.code == 0, result.err
    assert result.out.endswith("\nLogged 30m of Go (study) on Mon 1990-01-01. This week: 0m.\n")
    [row] = sessions(run)
    assert row["date"] == "1990-01-01"
    assert one_error_line(result) == (
        "Warning: 1990-01-01 is 33 years before your career start (2023-06-01); logged anyway. If the date "
        f"is wrong: skilltrack session edit {row['id'][:8]} --date YYYY-MM-DD; if the career start is (see: "
        "skilltrack profile): skilltrack profile --set career_start=YYYY-MM-DD."
    )


def test_the_warning_names_a_command_that_moves_the_session(run: Run) -> None:
    assert run("profile", "--set", "career_start=2023-06-01").code == 0
    warned = run("log", "go", "30m", "--date", "2015-03-02")
    command = warned.err.split("If the date is wrong: ")[1].split(";")[0].split()

    moved = run(*command[1:-1], "2025-03-02")

    assert moved.code == 0, moved.err
    assert moved.err == ""
    assert [row["date"] for row in sessions(run)] == ["2025-03-02"]


@pytest.mark.parametrize(
    ("career_start", "day"),
    [
        (None, "1990-01-01"),  # no career start set: nothing to hold the day against
        ("2023-06-01", "2022-06-02"),  # within the year before the career start: studying for the first job
        ("2023-06-01", "2024-01-10"),
    ],
)
def test_no_warning_without_a_career_start_or_within_the_year_before(
    run: Run, career_start: str | None, day: str
) -> None:
    settings = [] if career_start is None else ["--set", f"career_start={career_start}"]
    assert run("profile", "--set", "name=Ana", *settings).code == 0

    result = run("log", "go", "30m", "--date", day)

    assert result.code == 0
    assert result.err == ""


def test_moving_a_session_before_the_career_start_warns_and_keeps_the_change(run: Run) -> None:
    assert run("profile", "--set", "career_start=2023-06-01").code == 0
    assert run("log", "go", "30m", "--date", "2024-02-01", "--at", "09:00").code == 0
    [row] = sessions(run)
    short = row["id"][:8]

    moved = run("session", "edit", short, "--date", "2021-02-01")
    kept = run("session", "edit", short, "--note", "a note")

    assert moved.code == 0, moved.err
    assert "Changed the session" in moved.out
    assert one_error_line(moved).startswith(
        "Warning: 2021-02-01 is 2 years before your career start (2023-06-01); changed anyway. "
        f"If the date is wrong: skilltrack session edit {short} --date YYYY-MM-DD;"
    )
    assert kept.code == 0 and kept.err == ""  # the day did not change: no second warning
    assert [row["date"] for row in sessions(run)] == ["2021-02-01"]


# ── session edit: the same lengths and start times as log ──────────────────────────────────────────


@pytest.fixture
def berlin_session(run: Run) -> str:
    """The short id of a 30-minute session at 09:00 on 2026-10-20, logged in Europe/Berlin."""
    assert run("profile", "--set", "time_zone=Europe/Berlin").code == 0
    assert run("log", "go", "30m", "--date", "2026-10-20", "--at", "09:00").code == 0
    [row] = sessions(run)
    return str(row["id"])[:8]


def test_session_edit_refuses_a_negative_length_as_negative(run: Run, berlin_session: str) -> None:
    result = run("session", "edit", berlin_session, "--duration", "-5m")

    assert result.code == 2
    assert one_error_line(result) == f"skilltrack: duration: '-5m' is negative; use {DURATION_ACCEPTED}"
    assert [row["minutes"] for row in sessions(run)] == [30]


def test_session_edit_refuses_a_start_the_clocks_skipped(run: Run, berlin_session: str) -> None:
    result = run("session", "edit", berlin_session, "--date", "2026-03-29", "--at", "02:30")

    assert result.code == 2
    assert one_error_line(result) == (
        "skilltrack: at: 02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks went forward "
        "from 02:00 to 03:00; use 03:00 or later, or a time before 02:00"
    )
    assert [row["date"] for row in sessions(run)] == ["2026-10-20"]


def test_session_edit_says_which_of_two_times_it_took(run: Run, berlin_session: str) -> None:
    result = run("session", "edit", berlin_session, "--date", "2026-10-25", "--at", "02:30")

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Note: 02:30 on 2026-10-25 came twice in Europe/Berlin: the clocks went back from 03:00 to 02:00; "
        "took the first, 02:30 (CEST, UTC+02:00), before they went back."
    )
    [row] = sessions(run)
    assert row["started_at"] == "2026-10-25T00:30:00+00:00"


def test_session_edit_as_json_carries_the_note_of_which_time_it_took(run: Run, berlin_session: str) -> None:
    result = run("session", "edit", berlin_session, "--date", "2026-10-25", "--at", "02:30", "--json")

    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert [note.split(":")[0] for note in document["notes"]] == ["02"]
    assert "came twice in Europe/Berlin" in document["notes"][0]
    assert document["changed"]["date"]["to"] == "2026-10-25"


def test_session_edit_takes_a_relative_date(run: Run, berlin_session: str) -> None:
    result = run("session", "edit", berlin_session, "--date", "3 days ago")

    assert result.code == 0, result.err
    [row] = sessions(run)
    assert row["date"] == "2026-11-21"
    assert row["started_at"] == "2026-11-21T08:00:00+00:00"  # 09:00 in Berlin kept, now in winter time


# ── every date option says what it takes ───────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (("log",), "--date"),
        (("session", "edit"), "--date"),
        (("skill", "rate"), "--date"),
        (("project", "add"), "--from"),
        (("project", "add"), "--to"),
        (("project", "edit"), "--from"),
        (("project", "edit"), "--to"),
        (("evidence", "add"), "--date"),
        (("evidence", "edit"), "--date"),
        (("posting", "add"), "--date"),
        (("posting", "edit"), "--date"),
        (("interview", "add"), "--date"),
    ],
)
def test_every_date_option_lists_the_accepted_forms_in_its_help(
    run: Run, command: tuple[str, ...], option: str
) -> None:
    result = run(*command, "--help")

    assert result.code == 0
    options = " ".join(result.out.split()).split("options:", 1)[1]
    described = re.search(rf" {option} [A-Z_]+ (.*?)(?= -[-a-z]|$)", options)
    assert described is not None, options
    assert DATE_FORMS in described[1]
