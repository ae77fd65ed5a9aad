"""Replicas of one record for the sync tests: each a record file in a home of its own, run through the
real command line (in this process), with raw read-only looks at its file."""

import contextlib
import io
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from skilltrack.cli import main

REFERENCE_PROBLEMS = frozenset(
    {
        "orphan-sessions",
        "orphan-ratings",
        "orphan-aliases",
        "orphan-project-skills",
        "evidence-missing-project",
        "orphan-interviews",
        "story-missing-project",
        "timer-without-skill",
        "alias-collides-with-skill",
        "extra-profile",
        "story-empty-title",
        "session-minutes",
        "session-local-day",
        "rating-level",
    }
)
"""Problems of ``skilltrack check`` that no sequence of commands can make, so only a sync could."""


class Result(NamedTuple):
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(db: Path, *args: str) -> Result:
    """``skilltrack --db DB ARGS…`` in this process (the environment gives the instant, SKILLTRACK_NOW)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Replica:
    name: str
    db: Path

    def run(self, *args: str) -> Result:
        return cli(self.db, *args)

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.code == 0, (self.name, args, result)
        assert "Traceback" not in result.err and "unexpected problem" not in result.err, result.err
        return result

    def sync(self, folder: Path) -> Result:
        return self.ok("sync", str(folder))

    def export(self) -> str:
        return self.ok("export", "--format", "json").out

    def check_problems(self) -> set[str]:
        result = self.run("check", "--json")
        assert result.code in (0, 1), result
        return {problem["kind"] for problem in result.json()["problems"]}

    def query(self, sql: str, *values: object) -> list[tuple[Any, ...]]:
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return list(connection.execute(sql, values))
        finally:
            connection.close()

    def uuids(self, table: str) -> set[str]:
        return {str(row[0]) for row in self.query(f"SELECT uuid FROM {table}")}

    def integrity(self) -> str:
        return str(self.query("PRAGMA integrity_check")[0][0])


def make_replicas(root: Path, count: int) -> list[Replica]:
    replicas = []
    for index in range(count):
        home = root / f"home-{index}"
        home.mkdir(parents=True)
        replicas.append(Replica(f"replica {index}", home / "record.sqlite3"))
    return replicas


def sync_all(replicas: list[Replica], folder: Path, rounds: int = 2) -> None:
    """Every replica syncs in turn, ``rounds`` times: afterwards each has applied all of the others'."""
    for _ in range(rounds):
        for replica in replicas:
            replica.sync(folder)
