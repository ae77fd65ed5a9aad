"""``skilltrack check [--fix]``: finds damage, broken references and logical problems; repairs the safe ones
in one transaction, after a verified backup, losing nothing else.
"""

import json
import sqlite3
from pathlib import Path
from typing import Any

from skilltrack.record.backup import list_backups
from skilltrack.record.check import CHECKS, find_problems, fix_problems
from tests.cli.helpers import Run
from tests.maintenance.helpers import all_rows, counts, execute
from tests.reliability.records import fingerprint

SESSION_COLUMNS = "uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, note, created_at_utc"


def session_row(uuid: str, skill_id: int, **changes: object) -> str:
    values: dict[str, object] = {
        "uuid": uuid,
        "skill_id": skill_id,
        "started_at_utc": "2026-03-05 10:00:00.000000",
        "time_zone": "UTC",
        "local_day": "2026-03-05",
        "minutes": 30,
        "kind": "study",
        "note": "",
        "created_at_utc": "2026-03-05 10:30:00.000000",
    } | changes
    literals = ", ".join(f"'{value}'" if isinstance(value, str) else str(value) for value in values.values())
    return f"INSERT INTO learning_session ({SESSION_COLUMNS}) VALUES ({literals})"


def copy_of_session(session_id: int, uuid: str, note: str | None = None) -> str:
    note_sql = "note" if note is None else f"'{note}'"
    return (
        f"INSERT INTO learning_session ({SESSION_COLUMNS}) SELECT '{uuid}', skill_id, started_at_utc, "
        f"time_zone, local_day, minutes, kind, {note_sql}, datetime(created_at_utc, '+1 day') "
        f"FROM learning_session WHERE id = {session_id}"
    )


FIXABLE = {
    "orphan-sessions": [session_row("a" * 32, 99), session_row("b" * 32, 98)],
    "orphan-ratings": [
        "INSERT INTO skill_rating (uuid, skill_id, level, rated_on, note, created_at_utc) "
        f"VALUES ('{'c' * 32}', 99, 3, '2026-03-05', '', '2026-03-05 00:00:00')"
    ],
    "orphan-aliases": ["INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (99, 'ghost', 'ghost')"],
    "orphan-project-skills": ["INSERT INTO project_skill (project_id, skill_id) VALUES (99, 1)"],
    "evidence-missing-project": ["UPDATE evidence SET project_id = 99 WHERE uuid LIKE '%5b8d81'"],
    "timer-without-skill": ["UPDATE running_timer SET skill_id = 99"],
    "duplicate-sessions": [copy_of_session(1, "d" * 32), copy_of_session(1, "e" * 32)],
    "same-time-sessions": [
        # Session 3 again under another skill: one session imported twice, the map forgotten.
        f"INSERT INTO learning_session ({SESSION_COLUMNS}) SELECT '{'7' * 32}', "
        "(SELECT min(id) FROM skill WHERE id <> learning_session.skill_id), started_at_utc, time_zone, "
        "local_day, minutes, kind, note, datetime(created_at_utc, '+1 day') "
        "FROM learning_session WHERE id = 3"
    ],
    "alias-collides-with-skill": [
        "INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (1, 'PostgreSQL', 'postgresql')"
    ],
    "orphan-interviews": [
        "INSERT INTO interview_practice (uuid, session_id, round, score, rubric, created_at_utc) "
        f"VALUES ('{'f' * 32}', 999, 'coding', 3, '{{}}', '2026-03-05 00:00:00.000000')"
    ],
    "story-missing-project": ["UPDATE story SET project_id = 99"],
    "interview-session-kind": [
        "UPDATE learning_session SET kind = 'study' WHERE id IN (SELECT session_id FROM interview_practice)"
    ],
    "posting-empty-title": ["UPDATE posting SET title = ' \t '"],
    "story-empty-title": ["UPDATE story SET title = '', title_key = ''"],
}
"""Statements that plant each repairable problem, as a file written with foreign keys off could have."""

UNFIXABLE = {
    "session-minutes": [
        "PRAGMA ignore_check_constraints = ON",
        session_row("1" * 32, 1, minutes=0, note="stop before start"),
        session_row("2" * 32, 1, minutes=2000, started_at_utc="2026-03-06 10:00:00"),
    ],
    "session-local-day": [session_row("3" * 32, 2, local_day="2026-03-20", note="far from its start")],
    "rating-level": [
        "PRAGMA ignore_check_constraints = ON",
        "INSERT INTO skill_rating (uuid, skill_id, level, rated_on, note, created_at_utc) "
        f"VALUES ('{'4' * 32}', 1, 7, '2026-03-05', '', '2026-03-05 00:00:00')",
    ],
    "extra-profile": [
        "PRAGMA ignore_check_constraints = ON",
        "INSERT INTO profile (id, uuid, name, title, updated_at_utc) "
        f"VALUES (2, '{'5' * 32}', 'B', '', '2026-03-05 00:00:00')",
    ],
    "possible-duplicate-sessions": [copy_of_session(2, "6" * 32, note="another note")],
    "overlapping-sessions": [
        # Ten minutes into session 4, another skill's session starts.
        f"INSERT INTO learning_session ({SESSION_COLUMNS}) SELECT '{'8' * 32}', "
        "(SELECT min(id) FROM skill WHERE id <> learning_session.skill_id), "
        "strftime('%Y-%m-%d %H:%M:%f000', started_at_utc, '+10 minutes'), time_zone, local_day, 20, kind, "
        "'started during another', created_at_utc FROM learning_session WHERE id = 4"
    ],
}


def check(run: Run, *options: str) -> tuple[int, dict[str, Any]]:
    result = run("check", "--json", *options)
    assert "Traceback" not in result.err
    data: dict[str, Any] = json.loads(result.out)
    return result.code, data


def evidence_projects(path: Path) -> dict[str, int | None]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT uuid, project_id FROM evidence").fetchall())
    finally:
        connection.close()


def kinds(findings: list[dict[str, Any]]) -> dict[str, int]:
    return {str(finding["kind"]): int(finding["count"]) for finding in findings}


def test_a_complete_record_has_no_problems(run: Run, record: Path) -> None:
    result = run("check")
    assert result.code == 0, result.err
    assert "no problems" in result.out


def test_every_check_has_a_planted_problem_here() -> None:
    assert {check.kind for check in CHECKS} == set(FIXABLE) | set(UNFIXABLE)
    assert {check.kind for check in CHECKS if check.repair} == set(FIXABLE)


def test_check_finds_planted_problems_and_fix_repairs_them_losing_nothing_else(
    run: Run, record: Path
) -> None:
    original = all_rows(record)
    execute(record, *(statement for statements in FIXABLE.values() for statement in statements))
    planted = counts(record)

    code, found = check(run)

    assert code == 1
    assert kinds(found["problems"]) == {
        "orphan-sessions": 2,
        "orphan-ratings": 1,
        "orphan-aliases": 1,
        "orphan-project-skills": 1,
        "evidence-missing-project": 1,
        "timer-without-skill": 1,
        "duplicate-sessions": 2,
        "same-time-sessions": 1,
        "alias-collides-with-skill": 1,
        "orphan-interviews": 1,
        "story-missing-project": 1,
        "interview-session-kind": 1,
        "posting-empty-title": 1,
        "story-empty-title": 1,
    }
    assert all(finding["fixable"] for finding in found["problems"])
    text = run("check")
    assert text.code == 1
    assert "check --fix" in text.out and "sessions of a skill that does not exist: 2" in text.out

    code, fixed = check(run, "--fix")

    assert code == 0, fixed
    assert fixed["clean"] and fixed["problems"] == []
    assert {item["kind"]: item["rows"] for item in fixed["fixed"]} == kinds(found["problems"])
    # A verified backup holding every planted row was taken before the repair.
    [backup] = [item for item in list_backups(record) if item.kind == "pre-fix"]
    assert fixed["backup"] == str(backup.path)
    assert counts(backup.path) == planted

    after = all_rows(record)
    # The repair took out exactly the planted rows and untied the evidence; nothing else changed.
    for table in ("skill", "project", "profile", "skill_rating", "skill_alias", "project_skill"):
        assert after[table] == original[table], table
    assert after["learning_session"] == original["learning_session"]  # the oldest copy is kept
    assert len(after["evidence"]) == len(original["evidence"])
    untied = [row for row in after["evidence"] if row not in original["evidence"]]
    assert len(untied) == 1
    assert evidence_projects(record) == evidence_projects(backup.path) | {
        "000000000000000000000000005b8d81": None
    }
    assert after["running_timer"] == []
    # The round's session is a mock interview again; the planted round without a session is gone.
    assert after["interview_practice"] == original["interview_practice"]
    assert story_and_posting(record) == (
        ("Untitled story 00000000", "untitled story 00000000", None),
        "Untitled posting 00000000",
    )

    again = run("check")
    assert again.code == 0, again.out
    assert "no problems" in again.out


def story_and_posting(path: Path) -> tuple[tuple[object, ...], object]:
    connection = sqlite3.connect(path)
    try:
        story = connection.execute("SELECT title, title_key, project_id FROM story").fetchone()
        posting = connection.execute("SELECT title FROM posting").fetchone()[0]
        return tuple(story), posting
    finally:
        connection.close()


def test_a_story_tied_to_an_expectation_the_ladder_lacks_is_a_note_not_a_problem(
    run: Run, record: Path
) -> None:
    # "senior.design.docs" is not in the ladder (it calls that expectation senior.design.design-docs).
    execute(
        record,
        "UPDATE story SET title = 'Zeta', title_key = 'zeta', expectation_id = 'senior.design.docs'",
        "INSERT INTO story (uuid, title, title_key, situation, task, action, result, expectation_id, themes, "
        f"created_at_utc, updated_at_utc) VALUES ('{'9' * 32}', 'Alpha', 'alpha', 's', 't', 'a', 'r', "
        "'senior.design.design-docs', '[]', '2026-03-05 00:00:00', '2026-03-05 00:00:00')",
    )
    text = run("check")
    assert text.code == 0, text.out
    assert "no problems" in text.out
    assert "Note: stories tied to expectations this ladder does not have (kept in your record):" in text.out
    assert "  · senior.design.docs: story 00000000: Zeta" in text.out
    assert "Alpha" not in text.out
    code, data = check(run)
    assert code == 0 and data["clean"] and data["problems"] == []
    assert kinds(data["notes"]) == {"story-unknown-expectation": 1}
    before = all_rows(record)
    fixed = run("check", "--fix")
    assert fixed.code == 0 and "senior.design.docs" in fixed.out
    assert all_rows(record) == before  # kept as it is: nothing to repair


def test_fix_leaves_what_needs_a_person_and_says_so(run: Run, record: Path) -> None:
    execute(record, *(statement for statements in UNFIXABLE.values() for statement in statements))
    execute(record, *FIXABLE["orphan-aliases"])
    before = counts(record)
    # Rows breaking a rule are copied faithfully: they never stop the automatic backup.
    opened = run("status")
    assert opened.code == 0 and opened.err == ""
    assert [item.kind for item in list_backups(record)] == ["auto"]

    code, found = check(run)
    assert code == 1
    assert kinds(found["problems"]) == {
        "orphan-aliases": 1,
        "session-minutes": 2,
        "session-local-day": 1,
        "rating-level": 1,
        "extra-profile": 1,
        "possible-duplicate-sessions": 2,
        # The planted overlap, and the two sessions of the next days that the planted 2,000-minute
        # session runs over.
        "overlapping-sessions": 3,
    }

    fixed = run("check", "--fix")

    assert fixed.code == 1
    assert "aliases of a skill that does not exist: 1 deleted" in fixed.out
    assert "Still to look at" in fixed.out and "skilltrack session remove" in fixed.out
    assert counts(record) == before | {"skill_alias": before["skill_alias"] - 1}
    code, left = check(run)
    assert code == 1
    assert "orphan-aliases" not in kinds(left["problems"])
    assert not any(finding["fixable"] for finding in left["problems"])


def test_damage_is_reported_with_advice_to_restore_and_never_repaired(run: Run, record: Path) -> None:
    # An index that no longer matches its table: the file opens, but SQLite's integrity check fails.
    connection = sqlite3.connect(record, isolation_level=None)
    try:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_learning_session_started "
            "ON learning_session (note)' WHERE name = 'ix_learning_session_started'"
        )
    finally:
        connection.close()
    assert run("status").code == 0  # the file opens (and its quick check passes)
    snapshot = fingerprint(record)

    result = run("check", "--fix")

    assert result.code == 1
    assert "damage" in result.out and "restore a backup" in result.out
    assert fingerprint(record) == snapshot
    assert not [item for item in list_backups(record) if item.kind == "pre-fix"]


def test_find_and_fix_work_on_a_plain_connection(record: Path) -> None:
    execute(record, *FIXABLE["duplicate-sessions"], *FIXABLE["orphan-project-skills"])
    connection = sqlite3.connect(record, isolation_level=None)
    try:
        assert {finding.kind for finding in find_problems(connection)} == {
            "duplicate-sessions",
            "orphan-project-skills",
        }
        connection.execute("BEGIN IMMEDIATE")
        fixed = fix_problems(connection)
        connection.execute("COMMIT")
        assert {item.kind: item.rows for item in fixed} == {
            "duplicate-sessions": 2,
            "orphan-project-skills": 1,
        }
        assert find_problems(connection) == []
    finally:
        connection.close()


def test_fix_keeps_the_copy_of_a_session_that_carries_a_mock_interviews_scores(record: Path) -> None:
    """An exact copy of a scored mock interview, older than it: the copy goes, the scored session stays."""
    execute(
        record,
        f"INSERT INTO learning_session ({SESSION_COLUMNS}) SELECT '{'f' * 32}', skill_id, started_at_utc, "
        "time_zone, local_day, minutes, kind, note, datetime(created_at_utc, '-1 day') "
        "FROM learning_session WHERE id = (SELECT session_id FROM interview_practice)",
    )
    before = counts(record)
    connection = sqlite3.connect(record, isolation_level=None)
    try:
        assert [finding.kind for finding in find_problems(connection)] == ["duplicate-sessions"]
        connection.execute("BEGIN IMMEDIATE")
        fix_problems(connection)
        connection.execute("COMMIT")
        assert find_problems(connection) == []
        [(scored_uuid,)] = connection.execute(
            "SELECT s.uuid FROM interview_practice r JOIN learning_session s ON s.id = r.session_id"
        ).fetchall()
    finally:
        connection.close()
    after = counts(record)
    assert after["interview_practice"] == before["interview_practice"] == 1
    assert after["learning_session"] == before["learning_session"] - 1
    assert scored_uuid != "f" * 32
