"""``skilltrack log``: durations, skill names and aliases, options, and refusals that write nothing."""

from pathlib import Path

import pytest

from tests.cli.helpers import Run, one_error_line, sessions, skill_names, skills


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("45m", 45), ("1h30m", 90), ("1.5h", 90), ("90", 90), ("1:30", 90), ("2h", 120), ("1H 5M", 65)],
)
def test_every_duration_form_stores_the_right_minutes(run: Run, typed: str, minutes: int) -> None:
    result = run("log", "Go", typed)

    assert result.code == 0, result.err
    assert result.err.startswith("Started a new record at ")
    [row] = sessions(run)
    assert row["minutes"] == minutes
    assert row["skill"] == "Go"
    assert row["kind"] == "study"
    assert row["date"] == "2026-11-24"


def test_a_whole_day_ending_now_counts_for_the_day_it_started(run: Run) -> None:
    assert run("log", "Go", "24h").code == 0

    [row] = sessions(run)
    assert row["minutes"] == 1440
    assert row["started_at"] == "2026-11-23T18:30:00+00:00"
    assert row["date"] == "2026-11-23"


def test_a_session_without_date_or_time_has_just_ended(run: Run) -> None:
    assert run("log", "Go", "45m").code == 0

    [row] = sessions(run)
    assert row["started_at"] == "2026-11-24T17:45:00+00:00"
    assert row["time_zone"] == "UTC"


def test_log_reports_what_it_logged_and_the_week_so_far(run: Run) -> None:
    first = run("log", "Go", "45m")
    second = run("log", "Go", "1h")

    assert "Logged 45m of Go (study) on Tue 2026-11-24. This week: 45m." in first.out
    assert "Logged 1h of Go (study) on Tue 2026-11-24. This week: 1h45m." in second.out


@pytest.mark.parametrize(
    ("alias", "canonical", "kind"),
    [
        ("postgres", "PostgreSQL", "datastore"),
        ("k8s", "Kubernetes", "infrastructure"),
        ("golang", "Go", "language"),
    ],
)
def test_aliases_map_to_the_canonical_skill_in_an_empty_record(
    run: Run, alias: str, canonical: str, kind: str
) -> None:
    result = run("log", alias, "30m")

    assert result.code == 0, result.err
    assert f"Note: added {canonical} ({kind}) to your skills." in result.out
    assert f"of {canonical} (study)" in result.out
    [skill] = skills(run)
    assert skill["name"] == canonical
    assert skill["kind"] == kind
    assert [row["skill"] for row in sessions(run)] == [canonical]


def test_a_known_skill_gets_no_notice_the_second_time(run: Run) -> None:
    run("log", "postgres", "30m")

    again = run("log", "PostgreSQL", "30m")

    assert again.code == 0
    assert "to your skills" not in again.out


@pytest.mark.parametrize("typed", ["GO", "go", "Go", "  go  ", "GOLANG"])
def test_skill_names_are_case_insensitive(run: Run, typed: str) -> None:
    assert run("log", "Go", "10m").code == 0

    result = run("log", typed, "20m")

    assert result.code == 0, result.err
    assert skill_names(run) == ["Go"]
    assert sorted(row["minutes"] for row in sessions(run)) == [10, 20]


def test_uppercase_alias_in_an_empty_record(run: Run) -> None:
    assert run("log", "POSTGRES", "30m").code == 0
    assert skill_names(run) == ["PostgreSQL"]


def test_a_near_miss_is_refused_with_a_suggestion_and_writes_nothing(run: Run) -> None:
    result = run("log", "postgress", "1h")

    assert result.code == 2
    assert result.out == ""
    line = one_error_line(result)
    assert line.startswith("skilltrack: skill:")
    assert "did you mean PostgreSQL?" in line
    assert "--new" in line
    assert skills(run) == []
    assert sessions(run) == []


def test_a_near_miss_of_a_skill_in_the_record_suggests_it(run: Run) -> None:
    run("skill", "add", "Terraformer")

    result = run("log", "terraformr", "1h")

    assert result.code == 2
    assert "did you mean Terraformer?" in result.err
    assert len(sessions(run)) == 0


def test_new_adds_the_near_miss_as_its_own_skill(run: Run) -> None:
    result = run("log", "postgress", "1h", "--new")

    assert result.code == 0, result.err
    assert 'Note: added new skill "postgress" (kind: other).' in result.out
    [skill] = skills(run)
    assert skill["name"] == "postgress"
    assert skill["kind"] == "other"
    assert sessions(run)[0]["skill"] == "postgress"


def test_a_totally_new_name_is_created_with_a_notice(run: Run) -> None:
    result = run("log", "Elixir", "40m")

    assert result.code == 0, result.err
    assert 'Note: added new skill "Elixir" (kind: other).' in result.out
    assert skill_names(run) == ["Elixir"]
    [row] = sessions(run)
    assert (row["skill"], row["minutes"]) == ("Elixir", 40)


def test_date_at_kind_and_note(run: Run) -> None:
    result = run(
        "log",
        "Go",
        "1:30",
        "--date",
        "2026-11-20",
        "--at",
        "07:15",
        "--kind",
        "practice",
        "--note",
        "channels",
    )

    assert result.code == 0, result.err
    assert "on Fri 2026-11-20" in result.out
    [row] = sessions(run)
    assert row["date"] == "2026-11-20"
    assert row["started_at"] == "2026-11-20T07:15:00+00:00"
    assert row["minutes"] == 90
    assert row["kind"] == "practice"
    assert row["note"] == "channels"


def test_a_past_date_without_time_is_placed_at_noon(run: Run) -> None:
    assert run("log", "Go", "1h", "--date", "2026-11-01").code == 0

    [row] = sessions(run)
    assert row["date"] == "2026-11-01"
    assert row["started_at"] == "2026-11-01T12:00:00+00:00"


@pytest.mark.parametrize(("typed", "day"), [("today", "2026-11-24"), ("yesterday", "2026-11-23")])
def test_today_and_yesterday(run: Run, typed: str, day: str) -> None:
    assert run("log", "Go", "30m", "--date", typed).code == 0
    assert sessions(run)[0]["date"] == day


def test_at_today_starts_then(run: Run) -> None:
    assert run("log", "Go", "30m", "--at", "06:05").code == 0

    [row] = sessions(run)
    assert row["started_at"] == "2026-11-24T06:05:00+00:00"
    assert row["date"] == "2026-11-24"


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("mock interview", "mock-interview"),
        ("Mock Interview", "mock-interview"),
        ("mock_interview", "mock-interview"),
        ("mock-interview", "mock-interview"),
        ("READING", "reading"),
        ("build", "build"),
    ],
)
def test_session_kinds_are_normalised(run: Run, typed: str, kind: str) -> None:
    result = run("log", "Go", "30m", "--kind", typed)

    assert result.code == 0, result.err
    assert f"({kind})" in result.out
    assert sessions(run)[0]["kind"] == kind


BAD_INPUT = [
    pytest.param(["0"], "duration", id="duration-zero"),
    pytest.param(["0m"], "duration", id="duration-zero-minutes"),
    pytest.param(["-30"], "duration", id="duration-negative"),
    pytest.param(["--", "-30m"], "duration", id="duration-negative-minutes"),
    pytest.param(["25h"], "duration", id="duration-25h"),
    pytest.param(["24h1m"], "duration", id="duration-over-a-day"),
    pytest.param(["soon"], "duration", id="duration-garbage"),
    pytest.param(["1h30"], "duration", id="duration-half-unit"),
    pytest.param(["9" * 400], "duration", id="duration-overflowing-number"),
    pytest.param(["9" * 400 + "h"], "duration", id="duration-overflowing-hours"),
    pytest.param(["30m", "--date", "2026-02-30"], "date", id="date-impossible"),
    pytest.param(["30m", "--date", "2026-11-25"], "date", id="date-future"),
    pytest.param(["30m", "--date", "last week"], "date", id="date-garbage"),
    pytest.param(["30m", "--date", "1900-01-01"], "date", id="date-too-old"),
    pytest.param(["30m", "--at", "25:00"], "at", id="at-25"),
    pytest.param(["30m", "--at", "12:60"], "at", id="at-minute-60"),
    pytest.param(["30m", "--at", "noon"], "at", id="at-garbage"),
    pytest.param(["30m", "--at", "23:00"], "at", id="at-later-today"),
    pytest.param(["30m", "--kind", "nap"], "kind", id="kind-unknown"),
]


@pytest.mark.parametrize(("rest", "field"), BAD_INPUT)
def test_bad_input_as_the_very_first_command_creates_nothing(
    run: Run, tmp_path: Path, rest: list[str], field: str
) -> None:
    result = run("log", "Elixir", *rest)

    assert result.code == 2
    assert result.out == ""
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert list(tmp_path.iterdir()) == [], "a refused first command leaves no record, backup or folder"


@pytest.mark.parametrize(("rest", "field"), BAD_INPUT)
def test_bad_input_writes_nothing_to_an_existing_record(run: Run, rest: list[str], field: str) -> None:
    assert run("log", "Go", "20m").code == 0
    before = sessions(run)

    result = run("log", "Go", *rest)

    assert result.code == 2
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert sessions(run) == before
    assert skill_names(run) == ["Go"]


@pytest.mark.parametrize("name", ["  ", "", "\t"])
def test_an_empty_skill_name_is_refused(run: Run, name: str) -> None:
    result = run("log", name, "30m")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: skill:")
    assert "empty" in result.err
    assert skills(run) == []
    assert sessions(run) == []


def test_an_over_long_skill_name_is_refused(run: Run) -> None:
    result = run("log", "x" * 61, "30m")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: skill:")
    assert skills(run) == []


def test_the_error_message_echoes_the_bad_value_and_what_is_accepted(run: Run) -> None:
    result = run("log", "Go", "soon")

    line = one_error_line(result)
    assert "'soon'" in line
    assert "45m" in line
    assert "1h30m" in line


def test_a_missing_duration_is_a_usage_error(run: Run) -> None:
    result = run("log", "Go")

    assert result.code == 2
    assert "duration" in result.err
    assert "--help" in result.err
    assert skills(run) == []


def test_the_profile_time_zone_decides_the_day(run: Run) -> None:
    # 18:30 UTC on the 24th is 08:30 on the 25th at UTC+14.
    assert run("profile", "--set", "time_zone=Pacific/Kiritimati").code == 0

    result = run("log", "Go", "30m")

    assert result.code == 0, result.err
    assert "on Wed 2026-11-25" in result.out
    [row] = sessions(run)
    assert row["date"] == "2026-11-25"
    assert row["time_zone"] == "Pacific/Kiritimati"


@pytest.mark.usefixtures("empty_record")
def test_session_list_text_and_remove(run: Run) -> None:
    assert run("session", "list").out.startswith("No sessions yet")
    run("log", "Go", "45m", "--note", "generics")
    run("log", "Python", "1h")
    listing = run("session", "list")
    assert "Go" in listing.out
    assert "generics" in listing.out
    go_id = next(row["id"] for row in sessions(run) if row["skill"] == "Go")

    removed = run("session", "remove", go_id[:8])

    assert removed.code == 0, removed.err
    assert "Removed the 45m Go session of 2026-11-24." in removed.out
    assert [row["skill"] for row in sessions(run)] == ["Python"]
    assert run("session", "remove", go_id[:8]).code == 2
    assert run("session", "remove", "zz").code == 2


def test_session_list_for_one_skill(run: Run) -> None:
    run("log", "Go", "45m")
    run("log", "Python", "1h")

    result = run("session", "list", "--skill", "golang", "--json")

    assert result.code == 0
    assert [row["skill"] for row in result.json()] == ["Go"]
    assert run("session", "list", "--skill", "Cobol").code == 2
    assert run("session", "list", "--limit", "0").code == 2
