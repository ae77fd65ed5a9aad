"""Three defects that were, each proven fixed here: the CSV's start read in the wrong zone, an export
failing on rows that point at nothing, and a dry run that created the record."""

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.maintenance.helpers import execute
from tests.transfer.helpers import Run, row_counts, session_count

SCHEMA2_FIXTURE = Path(__file__).parent.parent / "reliability" / "fixtures" / "schema2.sqlite3"


def sessions_of(run: Run, path: Path) -> list[dict[str, Any]]:
    result = run("--db", str(path), "session", "list", "--limit", "1000", "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def essence(run: Run, path: Path) -> list[tuple[Any, ...]]:
    return sorted(
        (row["date"], row["started_at"], row["time_zone"], row["minutes"], row["skill"])
        for row in sessions_of(run, path)
    )


# --- a: the CSV's start ---------------------------------------------------------------------------


def test_a_csv_re_imported_after_a_time_zone_change_finds_its_own_sessions(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    assert run("profile", "--set", "time_zone=Asia/Tokyo").code == 0
    assert run("log", "Go", "45m", "--date", "2026-11-20", "--at", "08:00").code == 0
    path = tmp_path / "sessions.csv"
    assert run("export", "--format", "csv", "-o", str(path)).code == 0

    assert run("profile", "--set", "time_zone=America/New_York").code == 0
    result = run("import", str(path))
    assert result.code == 0, result.err
    assert "Imported 0 sessions (0 h); 1 duplicate skipped." in result.out
    assert session_count(db_path) == 1
    assert path.read_text(encoding="utf-8").splitlines()[1] == (
        "2026-11-20,08:00,45,Go,study,,2026-11-20T08:00:00+09:00,Asia/Tokyo"
    )

    # Into a new record kept in yet another zone: the same instant, day and zone as the original.
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "profile", "--set", "time_zone=America/New_York").code == 0
    assert run("--db", str(other), "import", str(path)).code == 0
    assert (
        essence(run, other)
        == essence(run, db_path)
        == [("2026-11-20", "2026-11-19T23:00:00+00:00", "Asia/Tokyo", 45, "Go")]
    )
    assert run("--db", str(other), "export", "--format", "csv").out == path.read_text(encoding="utf-8")


def test_a_csv_session_that_started_before_midnight_of_its_day_re_imports(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_path: Path
) -> None:
    monkeypatch.setenv("SKILLTRACK_NOW", "2026-11-25T00:20:00+00:00")
    assert (
        run("log", "Go", "45m", "--date", "2026-11-25").code == 0
    )  # it just ended: began 23:35 the day before
    [row] = sessions_of(run, db_path)
    assert (row["date"], row["started_at"]) == ("2026-11-25", "2026-11-24T23:35:00+00:00")
    path = tmp_path / "sessions.csv"
    assert run("export", "--format", "csv", "-o", str(path)).code == 0

    back = run("import", str(path))
    assert back.code == 0, back.err  # it used to be refused: 23:35 on the 25th is in the future
    assert "Imported 0 sessions (0 h); 1 duplicate skipped." in back.out
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "import", str(path)).code == 0
    assert essence(run, other) == essence(run, db_path)


def test_a_csv_of_the_first_layout_and_rows_added_by_hand_still_import(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    old = tmp_path / "old.csv"
    old.write_text(
        "date,start,minutes,skill,kind,note\n2026-11-02,19:00,75,Kafka,reading,\n", encoding="utf-8"
    )
    assert run("import", str(old)).code == 0
    by_hand = tmp_path / "by-hand.csv"
    by_hand.write_text(
        "date,start,minutes,skill,kind,note,started_at,time_zone\n2026-11-03,07:30,40,Go,practice,,,\n",
        encoding="utf-8",
    )
    assert run("import", str(by_hand)).code == 0
    assert essence(run, db_path) == [
        ("2026-11-02", "2026-11-02T19:00:00+00:00", "UTC", 75, "Kafka"),
        ("2026-11-03", "2026-11-03T07:30:00+00:00", "UTC", 40, "Go"),
    ]


HEADER = "date,start,minutes,skill,kind,note,started_at,time_zone\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("2026-11-03,07:30,40,Go,study,,2026-11-03T07:30:00,UTC", "line 2: started_at: "),
        ("2026-11-03,07:30,40,Go,study,,yesterday,UTC", 'line 2: started_at: "yesterday" is not a time'),
        ("2026-11-03,07:30,40,Go,study,,2026-11-03T07:30:00+00:00,Mars/Base", "line 2: time_zone: "),
        (
            "2026-11-09,07:30,40,Go,study,,2026-11-03T07:30:00+00:00,UTC",
            "line 2: date: 2026-11-09 is more than",
        ),
        (
            "2026-11-30,07:30,40,Go,study,,2026-11-30T07:30:00+00:00,UTC",
            "line 2: started_at: 2026-11-30T07:30",
        ),
        ("2026-11-03,07:30,40,Go,study,,2026-11-03T07:30:00+00:00", "line 2: time_zone: is missing"),
    ],
)
def test_a_bad_started_at_or_time_zone_is_refused_naming_line_and_field(
    run: Run, tmp_path: Path, db_path: Path, row: str, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.code == 2, result.out
    assert result.err.startswith(f"skilltrack: {expected}"), result.err
    assert session_count(db_path) == 0


# --- b: an export of a record with rows that point at nothing -------------------------------------


def test_export_names_orphaned_rows_and_the_repair_instead_of_failing(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    shutil.copyfile(SCHEMA2_FIXTURE, db_path)
    execute(
        db_path,
        "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, "
        f"note, created_at_utc) VALUES ('{'a' * 32}', 99, '2026-03-05 10:00:00.000000', 'UTC', "
        "'2026-03-05', 30, 'study', '', '2026-03-05 10:30:00.000000')",
        "UPDATE story SET project_id = 77",
    )
    target = tmp_path / "out.json"
    for args in (("export",), ("export", "-o", str(target)), ("export", "--format", "csv")):
        result = run(*args)
        assert result.code == 1, result
        assert result.out == ""
        [line] = result.err.strip().splitlines()
        assert "unexpected problem" not in line and "KeyError" not in line
        assert "sessions of a skill that does not exist: 1 (session aaaaaaaa on 2026-03-05)" in line
        if args[-1] != "csv":
            assert "stories tied to a project that does not exist: 1 (story 00000000: Led the move" in line
        assert line.endswith(
            "run skilltrack check --fix to repair them (a verified backup is taken first), then export again"
        )
    assert not target.exists()

    assert run("check", "--fix").code == 0
    repaired = run("export")
    assert repaired.code == 0, repaired.err
    assert repaired.json()["stories"][0]["project_uuid"] is None


# --- c: a dry run creates nothing -----------------------------------------------------------------


@pytest.mark.parametrize("sample", ["watson-frames.json", "skilltrack"])
def test_a_dry_run_into_a_record_not_created_yet_creates_nothing(
    run: Run, samples: Path, tmp_path: Path, sample: str
) -> None:
    if sample == "skilltrack":
        source = tmp_path / "source.sqlite3"
        shutil.copyfile(SCHEMA2_FIXTURE, source)
        path = tmp_path / "record.json"
        assert run("--db", str(source), "export", "-o", str(path)).code == 0
    else:
        path = samples / sample
    missing = tmp_path / "not-yet" / "record.sqlite3"
    result = run("--db", str(missing), "import", str(path), "--dry-run")
    assert result.code == 0, result.err
    assert not missing.parent.exists()
    assert f"There is no record at {missing} yet; this is what a new one would get." in result.out
    assert "would import" in result.out and "Nothing was written." in result.out
    assert row_counts(missing)["learning_session"] == 0
