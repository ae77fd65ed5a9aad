"""Export → import into an empty record → export gives the same bytes; CSV keeps the sessions."""

import contextlib
import csv
import io
import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from skilltrack.cli import main
from skilltrack.domain.names import name_key
from skilltrack.record.opener import open_record
from skilltrack.record.values import new_id, stored_instant
from skilltrack.transfer.export import write_json
from tests.conftest import NOW
from tests.transfer.helpers import Run, one_error_line, row_counts, session_count, sessions

STEPS: list[tuple[str, ...]] = [
    (
        "profile",
        "--set",
        "name=Ana Lima",
        "--set",
        "title=Backend engineer",
        "--set",
        "career_start=2019-03-01",
        "--set",
        "target_level=lead",
        "--set",
        "target_date=2027-06-30",
        "--set",
        "time_zone=Europe/Lisbon",
    ),
    ("skill", "add", "Go"),
    ("skill", "add", "Event sourcing", "--kind", "practice", "--alias", "ES", "--alias", "event store"),
    ("skill", "rate", "Go", "4", "--date", "2026-11-20", "--note", "first"),
    ("skill", "rate", "Go", "2", "--date", "2026-11-20", "--note", "second, same day: this one counts"),
    ("skill", "rate", "postgres", "3", "--date", "2026-10-01"),
    (
        "log",
        "Go",
        "45m",
        "--date",
        "2026-11-03",
        "--at",
        "07:30",
        "--kind",
        "practice",
        "--note",
        'quotes " and, commas; ünïcødé ✓',
    ),
    ("log", "k8s", "1h30m", "--date", "2026-11-04", "--at", "23:30", "--note", "line one\nline two"),
    # Logged as meant to overlap the k8s session: two sessions at one time travel as they are.
    (
        "log",
        "Event sourcing",
        "25m",
        "--date",
        "2026-11-04",
        "--at",
        "23:30",
        "--kind",
        "reading",
        "--overlap",
    ),
    ("log", "kafka", "2h", "--kind", "mock-interview"),
    (
        "project",
        "add",
        "Payments ledger",
        "--role",
        "tech lead",
        "--from",
        "2025-01-10",
        "--to",
        "2025-12-20",
        "--production",
        "--skills",
        "Go, postgres, Kafka",
        "--impact",
        "2M events/day",
        "--link",
        "https://example.com/a",
        "--link",
        "https://example.com/b",
    ),
    ("project", "add", "Side thing", "--role", "backend engineer", "--from", "2026-02-01"),
    (
        "evidence",
        "add",
        "Led the outbox design doc",
        "--kind",
        "design-doc",
        "--date",
        "2026-11-10",
        "--project",
        "Payments ledger",
        "--link",
        "https://example.com/doc",
        "--note",
        "approved",
        "--expectation",
        "senior.languages.primary",
    ),
    ("evidence", "add", "Mentored Rui", "--kind", "mentoring", "--date", "2026-11-12"),
    ("start", "Go", "--kind", "build"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record with something in every table: aliases, same-day ratings, projects, evidence, a timer,
    saved postings, a mock interview round on the mock-interview session, stories.

    Made once through the real command line (at the fixed NOW, in UTC), then the rows of schema 2 as the
    record stores them; each test gets a copy.
    """
    folder = tmp_path_factory.mktemp("built")
    path = folder / "record.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SKILLTRACK_NOW", NOW)
        patch.setenv("SKILLTRACK_CONFIG", str(folder / "config.toml"))
        patch.setenv("TZ", "UTC")
        patch.delenv("SKILLTRACK_FRAMEWORK", raising=False)
        for step in STEPS:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(["--db", str(path), *step]) == 0, step
    add_schema2_rows(path)
    return path


CREATED = datetime(2026, 11, 20, 9, 15, 30, 123456, tzinfo=UTC)


def add_schema2_rows(path: Path) -> None:
    record = open_record(path)
    try:
        with record.writing() as db:
            for number, (posted, status, title) in enumerate(
                [
                    (date(2026, 11, 2), "applied", "Senior Backend Engineer"),
                    (date(2026, 10, 5), "considering", 'Staff engineer, "platform" ✓'),
                ]
            ):
                db.execute(
                    "INSERT INTO posting (uuid, company, title, link, posted_on, status, status_changed_on, "
                    "text, match_at_save, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new_id(),
                        f"Company {number}",
                        title,
                        "https://jobs.example.com/1" if number == 0 else "",
                        posted.isoformat(),
                        status,
                        posted.isoformat(),
                        "Requirements:\n- Go\n- PostgreSQL\n",
                        62 - number,
                        stored_instant(CREATED),
                    ),
                )
            [(mock,)] = db.execute("SELECT id FROM learning_session WHERE kind = 'mock-interview'").fetchall()
            db.execute(
                "INSERT INTO interview_practice (uuid, session_id, round, score, rubric, created_at_utc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    new_id(),
                    mock,
                    "system-design",
                    4,
                    json.dumps({"trade-offs": 4, "api": 3}),
                    stored_instant(CREATED),
                ),
            )
            [(project,)] = db.execute("SELECT id FROM project WHERE name = 'Payments ledger'").fetchall()
            for title, project_id, expectation, themes in (
                ("Led the outbox move", project, "senior.design.design-docs", ["trade-off", "leading"]),
                ("Übernahme: on-call", None, None, []),
            ):
                db.execute(
                    "INSERT INTO story (uuid, title, title_key, situation, task, action, result, project_id, "
                    "expectation_id, themes, created_at_utc, updated_at_utc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new_id(),
                        title,
                        name_key(title),
                        "Orders were lost.",
                        "Make events reliable.",
                        "Wrote the doc;\nshipped it in steps.",
                        "No lost events.",
                        project_id,
                        expectation,
                        json.dumps(themes),
                        stored_instant(CREATED),
                        stored_instant(CREATED + timedelta(days=1)),
                    ),
                )
    finally:
        record.close()


def build_record(built: Path, db_path: Path) -> None:
    shutil.copyfile(built, db_path)


def test_json_export_import_export_is_byte_identical(
    run: Run, built: Path, tmp_path: Path, db_path: Path
) -> None:
    build_record(built, db_path)
    first = run("export")
    assert first.code == 0, first.err
    document = first.json()
    assert document["format"] == "skilltrack"
    assert document["schema_version"] == 2
    assert document["profile"]["name"] == "Ana Lima"
    assert document["timer"]["kind"] == "build"
    assert {len(document[key]) for key in ("projects", "evidence", "postings", "stories")} == {2}
    [interview] = document["interviews"]
    [mock] = [row for row in document["sessions"] if row["kind"] == "mock-interview"]
    assert interview["session_uuid"] == mock["uuid"]
    assert interview["rubric"] == {"api": 3, "trade-offs": 4}
    [story] = [row for row in document["stories"] if row["project_uuid"] is not None]
    assert story["project_uuid"] == next(
        p["uuid"] for p in document["projects"] if p["name"] == "Payments ledger"
    )
    assert story["themes"] == ["trade-off", "leading"]
    assert len(document["ratings"]) == 3
    assert document["sessions"][0]["started_at"].endswith("+00:00")
    assert first.out == json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    export = tmp_path / "record.json"
    export.write_text(first.out, encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    imported = run("--db", str(empty), "import", str(export))
    assert imported.code == 0, imported.err
    assert row_counts(empty) == row_counts(db_path)
    assert all(count > 0 for count in row_counts(empty).values()), row_counts(empty)
    second = run("--db", str(empty), "export")
    assert second.code == 0, second.err
    assert second.out == first.out

    # The same again imports nothing and changes nothing.
    again = run("--db", str(empty), "import", str(export))
    assert "Imported 0 new entries." in again.out
    assert run("--db", str(empty), "export").out == first.out


def test_the_level_after_a_round_trip_is_the_last_rating_of_the_day(
    run: Run, built: Path, tmp_path: Path, db_path: Path
) -> None:
    build_record(built, db_path)
    assert {row["name"]: row["level"] for row in run("skill", "list", "--json").json()}["Go"] == 2
    export = tmp_path / "record.json"
    assert run("export", "-o", str(export)).code == 0
    empty = tmp_path / "empty.sqlite3"
    assert run("--db", str(empty), "import", str(export)).code == 0
    levels = {row["name"]: row["level"] for row in run("--db", str(empty), "skill", "list", "--json").json()}
    assert levels["Go"] == 2


def test_streamed_json_equals_json_dumps_of_the_whole(run: Run, built: Path, db_path: Path) -> None:
    build_record(built, db_path)
    record = open_record(db_path)
    try:
        out = io.StringIO()
        with record.reading() as db:
            exported = write_json(db, out)
    finally:
        record.close()
    document = json.loads(out.getvalue())
    assert out.getvalue() == json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert exported.sessions == 4


@pytest.mark.usefixtures("empty_record")
def test_an_empty_record_exports_and_imports(run: Run, tmp_path: Path) -> None:
    first = run("export")
    assert first.code == 0
    assert first.json() == {
        "evidence": [],
        "format": "skilltrack",
        "profile": None,
        "projects": [],
        "interviews": [],
        "postings": [],
        "ratings": [],
        "schema_version": 2,
        "sessions": [],
        "skills": [],
        "stories": [],
        "timer": None,
    }
    export = tmp_path / "empty.json"
    export.write_text(first.out, encoding="utf-8")
    assert run("--db", str(tmp_path / "other.sqlite3"), "import", str(export)).code == 0


def test_importing_into_a_record_that_has_the_same_skill_under_another_id(
    run: Run, built: Path, tmp_path: Path, db_path: Path
) -> None:
    build_record(built, db_path)
    export = tmp_path / "record.json"
    assert run("export", "-o", str(export)).code == 0
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "log", "golang", "30m").code == 0
    assert run("--db", str(other), "profile", "--set", "name=Someone else").code == 0
    result = run("--db", str(other), "import", str(export))
    assert result.code == 0, result.err
    assert "Go → Go (the record already has it)" in result.out
    assert "the record's own profile was kept" in result.out
    go = [row for row in sessions_of(run, other) if row["skill"] == "Go"]
    assert len(go) == 2


def sessions_of(run: Run, path: Path) -> list[dict[str, Any]]:
    result = run("--db", str(path), "session", "list", "--limit", "1000", "--json")
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_csv_export_import_keeps_the_sessions(run: Run, built: Path, tmp_path: Path, db_path: Path) -> None:
    build_record(built, db_path)
    exported = run("export", "--format", "csv")
    assert exported.code == 0, exported.err
    rows = list(csv.reader(io.StringIO(exported.out)))
    assert rows[0] == ["date", "start", "minutes", "skill", "kind", "note", "started_at", "time_zone"]
    go = ["2026-11-03", "07:30", "45", "Go", "practice", 'quotes " and, commas; ünïcødé ✓']
    assert [*go, "2026-11-03T07:30:00+00:00", "Europe/Lisbon"] in rows
    # 23:30 in Lisbon: the start is shown in the session's own zone.
    # A session's note is one line: the line break typed into it was folded when it was logged.
    k8s = ["2026-11-04", "23:30", "90", "Kubernetes", "study", "line one line two"]
    assert [*k8s, "2026-11-04T23:30:00+00:00", "Europe/Lisbon"] in rows

    path = tmp_path / "sessions.csv"
    path.write_text(exported.out, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "profile", "--set", "time_zone=Europe/Lisbon").code == 0
    imported = run("--db", str(other), "import", str(path))
    assert imported.code == 0, imported.err
    assert "Imported 4 sessions" in imported.out

    def essence(path: Path) -> list[tuple[Any, ...]]:
        return sorted(
            (row["date"], row["started_at"], row["minutes"], row["skill"], row["kind"], row["note"])
            for row in sessions_of(run, path)
        )

    assert essence(other) == essence(tmp_path / "record.sqlite3")
    assert run("--db", str(other), "export", "--format", "csv").out == exported.out
    again = run("--db", str(other), "import", str(path))
    assert "Imported 0 sessions (0 h); 4 duplicates skipped." in again.out
    # Into the record it came from: the same sessions are recognised, nothing is added.
    back = run("import", str(path))
    assert "Imported 0 sessions (0 h); 4 duplicates skipped." in back.out


def test_export_to_a_file_is_atomic_and_says_what_it_wrote(
    run: Run, built: Path, tmp_path: Path, db_path: Path
) -> None:
    build_record(built, db_path)
    target = tmp_path / "out.json"
    target.write_text("old contents", encoding="utf-8")
    result = run("export", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out.startswith("Exported the whole record (4 sessions, 5 skills, 3 ratings, 2 projects")
    assert "2 saved postings, 1 mock interview, 2 stories)" in result.out
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "skilltrack"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
    assert run("export", "--format", "csv", "-o", str(tmp_path / "s.csv")).out == (
        f"Exported 4 sessions to {tmp_path / 's.csv'}.\n"
    )


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("export", "--format", "xml"), "format"),
        (("export", "-o", "/nonexistent-folder/out.json"), "output"),
    ],
)
@pytest.mark.usefixtures("empty_record")
def test_export_refuses_bad_options(run: Run, args: tuple[str, ...], field: str) -> None:
    assert one_error_line(run(*args)).startswith(f"skilltrack: {field}: ")


@pytest.mark.usefixtures("empty_record")
def test_export_to_a_folder_is_refused(run: Run, tmp_path: Path) -> None:
    assert "is a folder" in one_error_line(run("export", "-o", str(tmp_path)))


def test_export_streams_a_big_record(run: Run, tmp_path: Path, db_path: Path) -> None:
    from tests.transfer.make_watson import write_watson_frames

    frames = write_watson_frames(tmp_path / "frames.json", 1000)
    assert run("import", str(frames)).code == 0
    assert session_count(db_path) == 1000
    first = run("export")
    document = first.json()
    assert len(document["sessions"]) == 1000
    starts = [row["started_at"] for row in document["sessions"]]
    assert starts == sorted(starts)
    empty = tmp_path / "empty.sqlite3"
    path = tmp_path / "record.json"
    path.write_text(first.out, encoding="utf-8")
    assert run("--db", str(empty), "import", str(path)).code == 0
    assert run("--db", str(empty), "export").out == first.out
    assert [row["skill"] for row in sessions(run)][:1] != []


def test_csv_back_into_its_own_record_adds_nothing_though_it_keeps_no_seconds(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_path: Path
) -> None:
    monkeypatch.setenv("SKILLTRACK_NOW", "2026-11-24T18:30:27.250000+00:00")
    assert run("log", "Go", "40m").code == 0  # it just ended: started at 17:50:27.25
    assert sessions(run)[0]["started_at"] == "2026-11-24T17:50:27.250000+00:00"
    path = tmp_path / "sessions.csv"
    assert run("export", "--format", "csv", "-o", str(path)).code == 0
    assert path.read_text(encoding="utf-8").splitlines()[1] == (
        "2026-11-24,17:50,40,Go,study,,2026-11-24T17:50:27.250000+00:00,UTC"
    )
    result = run("import", str(path))
    assert "Imported 0 sessions (0 h); 1 duplicate skipped." in result.out
    assert session_count(db_path) == 1
