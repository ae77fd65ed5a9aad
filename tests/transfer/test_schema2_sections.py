"""Saved postings, mock interview rounds and stories in the skilltrack export: written, read back whole
and idempotently, every bad value refused naming its entry and field; version-1 files still read."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.transfer.helpers import Run, one_error_line, row_counts

SCHEMA2_FIXTURE = Path(__file__).parent.parent / "reliability" / "fixtures" / "schema2.sqlite3"

SKILL = "3b489a47-097a-46a7-8b78-c345238c19eb"
MOCK = "00000000-0000-4000-8000-000000000001"
STUDY = "00000000-0000-4000-8000-000000000002"
PROJECT = "00000000-0000-4000-8000-0000000000aa"
CREATED = "2026-11-01T10:00:00+00:00"


def document() -> dict[str, Any]:
    """A valid version-2 export with one of each new entry (the interview on the mock-interview session)."""
    return {
        "format": "skilltrack",
        "schema_version": 2,
        "skills": [{"uuid": SKILL, "name": "Go", "kind": "language", "aliases": [], "created_at": CREATED}],
        "projects": [
            {
                "uuid": PROJECT,
                "name": "Ledger",
                "role": "tech lead",
                "started_on": "2025-01-01",
                "created_at": CREATED,
            }
        ],
        "sessions": [
            {
                "uuid": uuid,
                "skill_uuid": SKILL,
                "started_at": f"2026-11-0{number}T19:00:00+00:00",
                "time_zone": "UTC",
                "local_day": f"2026-11-0{number}",
                "minutes": 60,
                "kind": kind,
                "note": "",
                "created_at": CREATED,
            }
            for number, (uuid, kind) in enumerate([(MOCK, "mock-interview"), (STUDY, "study")], start=1)
        ],
        "postings": [
            {
                "uuid": "00000000-0000-4000-8000-0000000000b1",
                "company": "Example Payments",
                "title": "Senior Backend Engineer",
                "link": "https://jobs.example.com/42",
                "posted_on": "2026-11-02",
                "status": "applied",
                "status_changed_on": "2026-11-03",
                "text": "Requirements:\n- Go\n",
                "match_at_save": 62,
                "created_at": CREATED,
            }
        ],
        "interviews": [
            {
                "uuid": "00000000-0000-4000-8000-0000000000c1",
                "session_uuid": MOCK,
                "round": "coding",
                "score": 3,
                "rubric": {"correctness": 4, "communication": 3},
                "created_at": CREATED,
            }
        ],
        "stories": [
            {
                "uuid": "00000000-0000-4000-8000-0000000000d1",
                "title": "Led the outbox move",
                "situation": "Orders were lost.",
                "task": "Make events reliable.",
                "action": "Wrote the doc.",
                "result": "No lost events.",
                "project_uuid": PROJECT,
                "expectation_id": "senior.design.design-docs",
                "themes": ["trade-off"],
                "created_at": CREATED,
                "updated_at": CREATED,
            }
        ],
    }


def write_document(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_the_schema2_fixture_round_trips_byte_for_byte(run: Run, tmp_path: Path, db_path: Path) -> None:
    shutil.copyfile(SCHEMA2_FIXTURE, db_path)
    first = run("export")
    assert first.code == 0, first.err
    exported = first.json()
    for section in (
        "skills",
        "ratings",
        "projects",
        "sessions",
        "evidence",
        "postings",
        "interviews",
        "stories",
    ):
        assert exported[section], section
    assert exported["interviews"][0]["rubric"] == {"communication": 3, "correctness": 4}
    assert exported["stories"][0]["themes"] == ["leading a decision", "trade-off"]
    path = write_document(tmp_path / "record.json", exported)
    empty = tmp_path / "empty.sqlite3"
    imported = run("--db", str(empty), "import", str(path))
    assert imported.code == 0, imported.err
    assert row_counts(empty) == row_counts(db_path)
    assert run("--db", str(empty), "export").out == first.out
    again = run("--db", str(empty), "import", str(path))
    assert "Imported 0 new entries." in again.out
    assert row_counts(empty) == row_counts(db_path)


def test_new_sections_import_once_and_show_in_the_summary(run: Run, tmp_path: Path, db_path: Path) -> None:
    path = write_document(tmp_path / "doc.json", document())
    dry = run("import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    for line in (
        "saved postings     1              0",
        "mock interviews    1              0",
        "stories            1              0",
    ):
        assert line in dry.out, dry.out
    first = run("import", str(path))
    assert first.code == 0, first.err
    counts = row_counts(db_path)
    assert (counts["posting"], counts["interview_practice"], counts["story"]) == (1, 1, 1)
    again = run("import", str(path))
    for line in (
        "saved postings     0              1",
        "mock interviews    0              1",
        "stories            0              1",
    ):
        assert line in again.out, again.out
    assert row_counts(db_path) == counts


def test_a_story_of_the_same_title_or_a_session_that_has_its_round_is_already_there(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    assert run("import", str(write_document(tmp_path / "doc.json", document()))).code == 0
    other = document()
    other["stories"][0]["uuid"] = "00000000-0000-4000-8000-0000000000d2"
    other["stories"][0]["title"] = "  LED the outbox   move "  # the same title, however typed
    other["interviews"][0]["uuid"] = "00000000-0000-4000-8000-0000000000c2"
    result = run("import", str(write_document(tmp_path / "other.json", other)))
    assert result.code == 0, result.err
    assert "Imported 0 new entries." in result.out
    counts = row_counts(db_path)
    assert (counts["interview_practice"], counts["story"]) == (1, 1)


def test_a_version_1_file_is_still_read_and_cannot_hold_the_new_sections(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    old = document()
    old["schema_version"] = 1
    for section in ("postings", "interviews", "stories"):
        del old[section]
    result = run("import", str(write_document(tmp_path / "v1.json", old)))
    assert result.code == 0, result.err
    assert row_counts(db_path)["learning_session"] == 2

    old["postings"] = []
    line = one_error_line(run("import", str(write_document(tmp_path / "v1-postings.json", old))))
    assert line == (
        "skilltrack: file: postings: is not a section of a version 1 file (it came with version 2); "
        "set schema_version to 2 or more"
    )


def change(section: str, index: int, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        doc[section][index][key] = value

    return apply


def second(section: str, **changes: object) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        doc[section].append({**doc[section][0], **changes})

    return apply


BAD: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "interview of a session not in the file",
        change("interviews", 0, "session_uuid", "00000000-0000-4000-8000-000000000099"),
        "interviews[0]: session_uuid: 00000000-0000-4000-8000-000000000099 is not the uuid of any session",
    ),
    (
        "interview of a study session",
        change("interviews", 0, "session_uuid", STUDY),
        f"interviews[0]: session_uuid: {STUDY} is a session of kind study; a mock interview's session has "
        "kind mock-interview",
    ),
    (
        "two rounds on one session",
        second("interviews", uuid="00000000-0000-4000-8000-0000000000c2"),
        f"interviews[1]: session_uuid: {MOCK} is also the session of interviews[0]",
    ),
    (
        "score out of range",
        change("interviews", 0, "score", 6),
        "interviews[0]: score: 6 is not a score; use 1 to 5",
    ),
    (
        "rubric score out of range",
        change("interviews", 0, "rubric", {"api": 0}),
        'interviews[0]: rubric["api"]: 0 is not a score; use 1 to 5',
    ),
    (
        "rubric not an object",
        change("interviews", 0, "rubric", [4]),
        "interviews[0]: rubric: is a list; expected an object of criterion: score",
    ),
    (
        "unknown round",
        change("interviews", 0, "round", "lunch"),
        'interviews[0]: round: "lunch" is not an interview round; use one of system-design, coding',
    ),
    (
        "missing session_uuid",
        lambda doc: doc["interviews"][0].pop("session_uuid"),
        "interviews[0]: session_uuid: is missing",
    ),
    (
        "unknown posting status",
        change("postings", 0, "status", "hired"),
        'postings[0]: status: "hired" is not a posting status; use one of considering, applied',
    ),
    (
        "match out of range",
        change("postings", 0, "match_at_save", 101),
        "postings[0]: match_at_save: 101 is not a match; use 0 to 100 (percent)",
    ),
    ("posting without a title", change("postings", 0, "title", "   "), "postings[0]: title: is empty"),
    ("posting bad day", change("postings", 0, "posted_on", "2026-02-30"), "postings[0]: posted_on: "),
    (
        "duplicate posting uuid",
        second("postings"),
        "postings[1]: uuid: 00000000-0000-4000-8000-0000000000b1 is also the uuid of postings[0]",
    ),
    ("story without a title", change("stories", 0, "title", ""), "stories[0]: title: is empty"),
    (
        "two stories of one title",
        second("stories", uuid="00000000-0000-4000-8000-0000000000d2", title="led THE outbox move"),
        'stories[1]: title: "led the outbox move" is also used by stories[0]',
    ),
    (
        "story of a project not in the file",
        change("stories", 0, "project_uuid", "00000000-0000-4000-8000-0000000000ab"),
        "stories[0]: project_uuid: 00000000-0000-4000-8000-0000000000ab is not the uuid of any project",
    ),
    (
        "story theme not text",
        change("stories", 0, "themes", ["ok", 1]),
        "stories[0]: themes[1]: is the number 1; expected text",
    ),
    (
        "story unknown field",
        change("stories", 0, "star", "x"),
        'stories[0]: "star": is not a field of this entry',
    ),
    (
        "stories not a list",
        lambda doc: doc.update(stories={}),
        "file: stories: is an object; expected a list",
    ),
]


@pytest.mark.parametrize(("broken", "expected"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_new_entry_changes_nothing_and_names_the_entry_and_field(
    run: Run, tmp_path: Path, db_path: Path, broken: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert run("log", "Go", "30m").code == 0
    before = row_counts(db_path)
    doc = document()
    broken(doc)
    line = one_error_line(run("import", str(write_document(tmp_path / "bad.json", doc))))
    assert line.startswith(f"skilltrack: {expected}"), line
    assert row_counts(db_path) == before
