"""Helpers for the export and import tests: results of a run, and raw looks at the record."""

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from skilltrack.domain.dates import SessionStart
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import resolve_skill

TABLES = (
    "profile",
    "skill",
    "skill_alias",
    "skill_rating",
    "project",
    "project_skill",
    "learning_session",
    "evidence",
    "running_timer",
    "posting",
    "interview_practice",
    "story",
)


class Result(NamedTuple):
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Run(Protocol):
    def __call__(self, *args: str, stdin: str = "") -> Result: ...


def one_error_line(result: Result) -> str:
    """The one stderr line of a refused command (exit 2, no traceback)."""
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


def row_counts(path: Path) -> dict[str, int]:
    """Rows in every table of the record (all zero for a record not created yet)."""
    if not path.exists():
        return dict.fromkeys(TABLES, 0)
    connection = connect(path)
    try:
        return {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in TABLES
        }
    finally:
        connection.close()


def session_count(path: Path) -> int:
    return row_counts(path)["learning_session"]


def integrity(path: Path) -> str:
    connection = connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def sessions(run: Run) -> list[dict[str, Any]]:
    """Every session as ``session list --json`` shows it, oldest first."""
    result = run("session", "list", "--limit", "100000", "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return sorted(rows, key=lambda row: (row["started_at"], row["skill"]))


def skill_names(run: Run) -> set[str]:
    result = run("skill", "list", "--json")
    assert result.code == 0, result.err
    return {str(row["name"]) for row in result.json()}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def record_with_sessions(path: Path, notes: Mapping[int, str]) -> Path:
    """A record holding a 30-minute session of Go at 09:00 UTC on each day of October 2026 in ``notes``
    (with its note), written as ``skilltrack log`` writes them."""
    record = open_record(path)
    try:
        with record.writing() as db:
            skill = resolve_skill(db, typed="Go", ladder=load_builtin_framework).skill
            for day, note in notes.items():
                start = SessionStart(datetime(2026, 10, day, 9, 0, tzinfo=UTC), date(2026, 10, day), "UTC")
                insert_session(db, skill_id=skill.id, start=start, minutes=30, kind="study", note=note)
    finally:
        record.close()
    return path
