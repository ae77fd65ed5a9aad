"""The real Watson and Timewarrior files import as expected, through the real entry point."""

import shutil
from pathlib import Path

import pytest

from tests.transfer.helpers import (
    Run,
    one_error_line,
    row_counts,
    session_count,
    sessions,
    skill_names,
    write,
)

WATSON_FILES = ("watson-frames.json", "watson-log.json", "watson-log.csv")

# (skill, kind, note) of the twelve Watson frames, oldest first.
WATSON_SESSIONS = [
    ("Kafka", "reading", "tags: study"),
    ("Go", "practice", ""),
    ("System design", "mock-interview", ""),
    ("PostgreSQL", "practice", "tags: indexes"),
    ("side-project", "build", "tags: go, grpc"),
    ("Kubernetes", "course", ""),
    ("Go", "practice", ""),
    ("observability", "study", "tags: tracing"),
    ("Terraform", "practice", ""),
    ("Behavioural interview", "mock-interview", ""),
    ("Redis", "study", ""),
    ("Debugging", "mock-interview", ""),
]
WATSON_MINUTES = [75, 40, 90, 35, 150, 45, 45, 60, 100, 45, 65, 50]


@pytest.mark.parametrize("name", WATSON_FILES)
def test_each_watson_file_imports_its_twelve_frames(run: Run, samples: Path, name: str) -> None:
    result = run("import", str(samples / name))
    assert result.code == 0, result.err
    assert "Imported 12 sessions (13.3 h); 0 duplicates skipped." in result.out
    rows = sessions(run)
    assert [(row["skill"], row["kind"], row["note"]) for row in rows] == WATSON_SESSIONS
    assert [row["minutes"] for row in rows] == WATSON_MINUTES
    assert rows[0]["started_at"] == "2026-11-02T19:00:00+00:00"
    assert rows[0]["date"] == "2026-11-02"
    assert {row["time_zone"] for row in rows} == {"UTC"}


def test_the_mapping_is_shown_before_the_summary(run: Run, samples: Path) -> None:
    result = run("import", str(samples / "watson-frames.json"))
    out = result.out
    for line in (
        "go            → Go (added from the ladder)",
        "postgres      → PostgreSQL (added from the ladder)",
        "kubernetes    → Kubernetes (added from the ladder)",
        "system-design → System design (added from the ladder)",
        "behavioural   → Behavioural interview (added from the ladder)",
        "side-project  → (new skill) side-project",
        "mock-interview → mock-interview",
        "Kept in the notes (neither skill nor kind): study, indexes, go, grpc, tracing",
    ):
        assert line in out
    assert out.index("→") < out.index("Imported 12 sessions")


def test_timewarrior_takes_the_skill_from_the_tag_that_names_one(run: Run, samples: Path) -> None:
    result = run("import", str(samples / "timewarrior-export.json"))
    assert result.code == 0, result.err
    assert "Imported 8 sessions (9.9 h); 0 duplicates skipped." in result.out
    got = [(row["skill"], row["kind"], row["note"], row["minutes"]) for row in sessions(run)]
    assert got == [
        ("Kafka", "reading", "tags: study", 75),
        ("Go", "practice", "", 40),
        ("System design", "mock-interview", "URL shortener, 45 min design + review", 90),
        ("PostgreSQL", "practice", "", 35),
        ("Go", "build", "tags: grpc, side-project", 150),
        ("Kubernetes", "course", "", 45),
        ("Tracing", "study", "OpenTelemetry spans and sampling (tags: observability)", 60),
        ("Terraform", "practice", "", 100),
    ]
    assert "mock interview → mock-interview" in result.out


@pytest.mark.parametrize("name", [*WATSON_FILES, "timewarrior-export.json"])
def test_importing_the_same_file_twice_adds_nothing(
    run: Run, samples: Path, db_path: Path, name: str
) -> None:
    assert run("import", str(samples / name)).code == 0
    counts = row_counts(db_path)
    again = run("import", str(samples / name))
    assert again.code == 0, again.err
    assert "Imported 0 sessions (0 h)" in again.out
    assert row_counts(db_path) == counts


def test_the_same_sessions_from_every_watson_file_are_imported_once(
    run: Run, samples: Path, db_path: Path
) -> None:
    """Frames file, log --json and log --csv hold the same frames (the CSV with short ids and local times)."""
    for name in WATSON_FILES:
        assert run("import", str(samples / name)).code == 0
    assert session_count(db_path) == 12


def test_a_dry_run_writes_nothing(run: Run, samples: Path, db_path: Path) -> None:
    assert run("log", "Go", "30m").code == 0
    before = db_path.read_bytes()
    counts = row_counts(db_path)
    result = run("import", str(samples / "watson-frames.json"), "--dry-run")
    assert result.code == 0, result.err
    assert (
        "Dry run: would import 12 sessions (13.3 h); 0 duplicates skipped. Nothing was written." in result.out
    )
    assert "Kafka" in result.out  # counts per skill
    assert row_counts(db_path) == counts
    assert db_path.read_bytes() == before


def test_a_dry_run_counts_the_duplicates_it_would_skip(run: Run, samples: Path) -> None:
    assert run("import", str(samples / "watson-frames.json")).code == 0
    result = run("import", str(samples / "watson-log.json"), "--dry-run")
    assert "would import 0 sessions (0 h); 12 duplicates skipped" in result.out


def test_map_sends_a_project_to_another_skill(run: Run, samples: Path) -> None:
    result = run("import", str(samples / "watson-frames.json"), "--map", "side-project=Go")
    assert result.code == 0, result.err
    assert "side-project  → Go (added from the ladder)  (--map)" in result.out
    assert "side-project" not in skill_names(run)
    go = [row for row in sessions(run) if row["skill"] == "Go"]
    assert len(go) == 3


def test_map_to_an_alias_or_a_new_name(run: Run, samples: Path) -> None:
    result = run("import", str(samples / "watson-frames.json"), "--map", "observability=otel")
    assert result.code == 0, result.err
    assert "observability → Tracing (added from the ladder)  (--map)" in result.out
    result = run(
        "import", str(samples / "timewarrior-export.json"), "--map", "side-project=Side work", "--dry-run"
    )
    assert result.code == 0, result.err


def test_map_picks_the_skill_among_timewarrior_tags(run: Run, samples: Path) -> None:
    result = run("import", str(samples / "timewarrior-export.json"), "--map", "grpc=gRPC")
    assert result.code == 0, result.err
    built = [row for row in sessions(run) if row["kind"] == "build"]
    assert [(row["skill"], row["note"]) for row in built] == [("gRPC", "tags: go, side-project")]


def test_map_is_checked(run: Run, samples: Path, db_path: Path) -> None:
    frames = str(samples / "watson-frames.json")
    assert "map:" in one_error_line(run("import", frames, "--map", "side-project"))
    assert "did you mean Go" in one_error_line(run("import", frames, "--map", "side-project=Goo"))
    assert "does not name the skill of any session" in one_error_line(
        run("import", frames, "--map", "gol=Go")
    )
    assert "is empty" in one_error_line(run("import", frames, "--map", "side-project= "))
    assert session_count(db_path) == 0


def test_a_name_close_to_a_known_skill_is_refused_not_guessed(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    frames = write(
        tmp_path / "frames.json",
        '[[1793646000, 1793650500, "kafka", "a1", [], 1795482100],'
        ' [1793691000, 1793693400, "postgress", "a2", ["practice"], 1795482100]]',
    )
    line = one_error_line(run("import", str(frames)))
    assert line.startswith(
        'skilltrack: frame 2: project: "postgress" is no skill yet and is close to PostgreSQL'
    )
    assert '--map "postgress=PostgreSQL"' in line
    assert session_count(db_path) == 0
    assert run("import", str(frames), "--map", "postgress=PostgreSQL").code == 0
    assert {row["skill"] for row in sessions(run)} == {"Kafka", "PostgreSQL"}


def test_an_ambiguous_timewarrior_interval_asks_for_a_map(run: Run, tmp_path: Path) -> None:
    export = write(
        tmp_path / "timew.json",
        '[{"id":1,"start":"20261102T190000Z","end":"20261102T201500Z","tags":["alpha","beta","study"]}]',
    )
    line = one_error_line(run("import", str(export)))
    assert line.startswith("skilltrack: interval 1: tags: none of")
    assert '--map "alpha=SKILL"' in line
    result = run("import", str(export), "--map", "beta=beta")
    assert result.code == 0, result.err
    assert [(row["skill"], row["note"]) for row in sessions(run)] == [("beta", "tags: alpha")]


def test_timewarrior_skips_running_and_untagged_intervals_and_says_so(run: Run, tmp_path: Path) -> None:
    export = write(
        tmp_path / "timew.json",
        "["
        '{"id":3,"start":"20261102T190000Z","end":"20261102T201500Z","tags":["kafka"]},'
        '{"id":2,"start":"20261103T190000Z","end":"20261103T201500Z"},'
        '{"id":1,"start":"20261124T170000Z","tags":["go"]}'
        "]",
    )
    result = run("import", str(export))
    assert result.code == 0, result.err
    assert "Skipped interval 2: it has no tags." in result.out
    assert "Skipped interval 3: still running (no end)." in result.out
    assert "Imported 1 session" in result.out


def test_import_reads_standard_input(run: Run, samples: Path) -> None:
    text = (samples / "timewarrior-export.json").read_text(encoding="utf-8")
    result = run("import", "-", stdin=text)
    assert result.code == 0, result.err
    assert "Imported 8 sessions" in result.out


def test_from_forces_the_format(run: Run, samples: Path, tmp_path: Path) -> None:
    renamed = shutil.copy(samples / "watson-frames.json", tmp_path / "data.txt")
    assert run("import", str(renamed), "--from", "watson").code == 0
    line = one_error_line(run("import", str(samples / "watson-frames.json"), "--from", "timewarrior"))
    assert line.startswith("skilltrack: interval 1:")
    line = one_error_line(run("import", str(samples / "watson-log.csv"), "--from", "csv"))
    assert (
        line == "skilltrack: line 1: header: expected date,start,minutes,skill,kind,note,started_at,time_zone"
    )


def test_sessions_are_placed_in_the_home_time_zone(run: Run, samples: Path) -> None:
    assert run("profile", "--set", "time_zone=Asia/Tokyo").code == 0
    assert run("import", str(samples / "watson-frames.json")).code == 0
    rows = sessions(run)
    assert {row["time_zone"] for row in rows} == {"Asia/Tokyo"}
    # 2026-11-02T19:00Z is 04:00 on the 3rd in Tokyo: the session counts for the 3rd there.
    assert rows[0]["started_at"] == "2026-11-02T19:00:00+00:00"
    assert rows[0]["date"] == "2026-11-03"


def test_watson_csv_times_are_local_to_the_home_zone(
    run: Run, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Lisbon")  # WET, UTC+0 in November: the same instants
    assert run("import", str(samples / "watson-log.csv")).code == 0
    monkeypatch.setenv("TZ", "Europe/Berlin")  # UTC+1: every start an hour earlier, so new sessions
    result = run("import", str(samples / "watson-log.csv"))
    assert "Imported 0 sessions" in result.out  # same short ids: the same frames
    rows = sessions(run)
    assert rows[0]["started_at"] == "2026-11-02T19:00:00+00:00"
    assert rows[0]["time_zone"] == "Europe/Lisbon"
