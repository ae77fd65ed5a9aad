"""Shared types and small helpers for the command-line tests (fixtures live in conftest.py)."""

import json
import sqlite3
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from skilltrack.record.opener import open_record

T = TypeVar("T")


class Result(NamedTuple):
    """What one run of the command printed, and how it ended."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Run(Protocol):
    """Run ``skilltrack ARGS…``; ``now`` moves the fixed clock (SKILLTRACK_NOW) for this and later runs."""

    def __call__(self, *args: str, now: str | None = None) -> Result: ...


NO_RECORD = "there is no record here yet"
"""What a command that only reads says on a path with no record (and it makes none)."""


def listed(result: Result) -> list[dict[str, Any]]:
    """The rows a ``list --json`` printed; none when there is no record at all."""
    if result.code == 1 and NO_RECORD in result.err:
        return []
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def sessions(run: Run) -> list[dict[str, Any]]:
    return listed(run("session", "list", "--limit", "1000", "--json"))


def skills(run: Run) -> list[dict[str, Any]]:
    return listed(run("skill", "list", "--json"))


def skill_names(run: Run) -> list[str]:
    return [str(row["name"]) for row in skills(run)]


def read_record(path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    """``read(db)`` in one read transaction on the record at ``path``, opened and closed around it."""
    record = open_record(path)
    try:
        with record.reading() as db:
            return read(db)
    finally:
        record.close()


def one_error_line(result: Result) -> str:
    """The single stderr line of a refused command (and nothing on stdout)."""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    return lines[0]


MINIMAL_LADDER = textwrap.dedent(
    """\
    format = "skilltrack-ladder"
    version = 1
    name = "Tiny test ladder"

    [[levels]]
    id = "apprentice"
    title = "Apprentice"
    summary = "Writes Python."

    [[areas]]
    id = "craft"
    title = "Craft"

    [[skills]]
    name = "Python"
    kind = "language"
    aliases = ["py"]

    [[evidence_kinds]]
    id = "design-doc"
    title = "Design document"

    [[expectations]]
    id = "apprentice.craft.python"
    level = "apprentice"
    area = "craft"
    title = "Writes Python without help"
    section = "Craft"
    rule = { kind = "skill_level", skills = ["Python"], min_level = 2 }
    """
)
"""A small valid ladder: one level, one area, one skill, one evidence kind, one expectation."""


def write_ladder(folder: Path, text: str = MINIMAL_LADDER, name: str = "ladder.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def broken_ladder(folder: Path) -> Path:
    """The minimal ladder with its one expectation pointing at an area that does not exist."""
    return write_ladder(
        folder,
        MINIMAL_LADDER.replace('area = "craft"\ntitle = "Writes', 'area = "nowhere"\ntitle = "Writes'),
        name="broken.toml",
    )
