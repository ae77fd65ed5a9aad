"""Which modules commands load: ``log``, ``status`` and ``report`` run without SQLAlchemy, SQLModel,
pydantic or Textual, ``log`` without even the readiness rules or the ladder, and no command at all
loads SQLAlchemy, SQLModel or pydantic (the record is reached through plain sqlite3 alone).

Each runs in a child process through skilltrack.cli.main, which then lists the watched modules it
loaded. What once took the ORM (a new record, an older schema, a skill the record does not know yet)
runs without it too.
"""

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import Run
from tests.probes import CommandRun, command_loads

ORM = ("sqlalchemy", "sqlmodel", "pydantic")
"""What no command may load: the schema's declaration is for tests and scripts, never the run time."""
SCHEMA1 = Path(__file__).parents[1] / "reliability" / "fixtures" / "schema1.sqlite3"
POSTING = Path(__file__).parents[1] / "fixtures" / "postings" / "senior-backend.txt"


@pytest.fixture
def logged(run: Run) -> None:
    """A record in the current schema with one skill and one session."""
    assert run("log", "Go", "1h", "--kind", "practice").code == 0


@pytest.mark.usefixtures("logged")
@pytest.mark.parametrize(
    "args",
    [
        ("log", "golang", "25m", "--note", "fast"),
        ("log", "go", "40m", "--date", "2026-11-20", "--at", "07:30"),
        ("status",),
        ("status", "--json"),
        ("report",),
        ("report", "--format", "json", "--level", "lead"),
        ("report", "--format", "html", "-o", "report.html"),
    ],
)
def test_everyday_commands_do_not_load_the_orm_or_the_app(
    args: tuple[str, ...], real_env: dict[str, str], tmp_path: Path
) -> None:
    ran = command_loads(real_env, tmp_path, *args)
    assert ran.code == 0, ran.out
    assert ran.loaded == []


@pytest.mark.usefixtures("logged")
def test_a_session_logged_on_the_fast_path_is_in_the_record(
    run: Run, real_env: dict[str, str], tmp_path: Path
) -> None:
    ran = command_loads(real_env, tmp_path, "log", "golang", "25m", "--note", "fast")
    assert ran.code == 0
    # The session logged before ends now, so this one is placed just before it (and says so).
    assert ran.out.splitlines() == [
        "Logged 25m of Go (study) on Tue 2026-11-24. This week: 1h25m.",
        "Note: placed 17:05–17:30, clear of Go 17:30–18:30 logged already; "
        "give a start time to say when (--at).",
    ]
    listed = json.loads(run("session", "list", "--json").out)
    assert [(row["skill"], row["minutes"], row["note"]) for row in listed] == [
        ("Go", 60, ""),
        ("Go", 25, "fast"),  # newest first by start: it was placed before the other
    ]


@pytest.mark.usefixtures("logged")
def test_a_skill_new_to_the_record_is_added_without_the_orm(real_env: dict[str, str], tmp_path: Path) -> None:
    ran = command_loads(real_env, tmp_path, "log", "k8s", "30m")
    assert ran.code == 0
    assert "added Kubernetes" in ran.out
    assert ran.loaded == []


def test_a_new_record_is_created_without_the_orm(real_env: dict[str, str], tmp_path: Path) -> None:
    ran = command_loads(real_env, tmp_path, "log", "Go", "30m")
    assert ran.code == 0 and "Logged 30m of Go" in ran.out
    assert ran.loaded == []
    assert (tmp_path / "record.sqlite3").exists()


def test_an_older_record_is_upgraded_without_the_orm(real_env: dict[str, str], tmp_path: Path) -> None:
    shutil.copyfile(SCHEMA1, tmp_path / "record.sqlite3")
    ran = command_loads(real_env, tmp_path, "log", "go", "30m")
    assert ran.code == 0 and ran.out.startswith("Logged 30m of "), ran.out
    assert ran.loaded == []
    assert [b.name for b in (tmp_path / "backups").iterdir() if "pre-upgrade" in b.name]


LOG_NEEDS_NONE_OF = (
    "skilltrack.record.facts",
    "skilltrack.record.overview",
    "skilltrack.record.migrations",
    # Every printed line goes through render.terminal (control characters as stand-ins: the standard
    # library and the text rule log already uses); the renderers of reports and plans stay unloaded.
    "skilltrack.render.report",
    "skilltrack.render.plan",
    "skilltrack.render.readiness",
    "skilltrack.render.markdown",
    "skilltrack.domain.readiness",
    "skilltrack.domain.facts",
    "tomllib",
    "platformdirs",
    "importlib.resources",
    "json",
    "skilltrack.domain.framework",
    "skilltrack.guide.loader",
    "skilltrack.domain.drafts",
    "skilltrack.record.backup",
    "uuid",
    "_strptime",
    "shutil",
)
"""What ``log`` on a skill the record knows has no use for: each cost it milliseconds to import."""


@pytest.mark.usefixtures("logged")
@pytest.mark.parametrize(
    "args", [("log", "golang", "25m"), ("log", "go", "40m", "--date", "2026-11-20", "--kind", "practice")]
)
def test_log_loads_no_readiness_ladder_config_reader_or_backup_machinery(
    args: tuple[str, ...], run: Run, real_env: dict[str, str], tmp_path: Path
) -> None:
    # The half hour's automatic backup is taken (the copying code is imported only when one is due).
    assert run("status").code == 0
    assert [b.name for b in (tmp_path / "backups").iterdir() if b.name.endswith("-auto.sqlite3")]
    ran = command_loads(real_env, tmp_path, *args, watch=LOG_NEEDS_NONE_OF)
    assert ran.code == 0 and ran.out.startswith("Logged "), ran.out
    assert ran.loaded == []


@pytest.mark.parametrize("columns", [50, 120])
def test_help_is_as_wide_as_the_terminal_says(
    columns: int, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = run("log", "--help").out.splitlines()
    assert max(len(line) for line in lines) <= columns - 2
    assert max(len(line) for line in lines) > columns - 20


class Probe:
    """Runs commands one after another on one record, each in its own process, keeping what it loaded."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env, self.cwd = env, cwd
        self.runs: list[tuple[tuple[str, ...], CommandRun]] = []

    def __call__(self, *args: str) -> CommandRun:
        ran = command_loads(self.env, self.cwd, *args, watch=ORM)
        self.runs.append((args, ran))
        return ran

    def first_id(self, *args: str) -> str:
        """The id of the first row a ``… list --json`` command prints."""
        rows = json.loads(self(*args, "--json").out)
        return str(rows[0]["id"])


def test_no_command_loads_the_orm(real_env: dict[str, str], tmp_path: Path) -> None:
    probe = Probe(real_env, tmp_path)
    star = ("--situation", "s", "--task", "t", "--action", "a", "--result", "r")
    probe("profile", "--set", "name=Ana", "--set", "target_level=senior")
    probe("profile")
    probe("config")
    # Logging and the timer.
    probe("log", "Go", "1h", "--kind", "practice")
    probe("start", "Python")
    probe("stop", "--note", "done")
    probe("start", "Go")
    probe("cancel")
    session_id = probe.first_id("session", "list")
    probe("session", "list")
    # Reading the record against the ladder.
    probe("status")
    probe("status", "--json")
    for report_format in ("text", "markdown", "html", "json"):
        probe("report", "--format", report_format)
    probe("report", "--format", "html", "-o", "report.html")
    probe("plan")
    probe("plan", "--json")
    probe("guide")
    probe("guide", "--format", "json")
    # Postings.
    probe("jd", str(POSTING))
    probe("posting", "add", str(POSTING), "--company", "Acme", "--title", "Senior backend engineer")
    posting_id = probe.first_id("posting", "list")[:8]
    probe("posting", "list")
    probe("posting", "show", posting_id)
    probe("posting", "set-status", posting_id, "applied")
    probe("posting", "remove", posting_id)
    # The interview loop and the story bank.
    probe("interview", "add", "coding", "--minutes", "45", "--score", "3")
    probe("interview", "status")
    probe("interview", "list")
    probe("interview", "rubric")
    probe("project", "add", "Ledger", "--role", "backend engineer", "--from", "2025-01-01", "--skills", "Go")
    probe("project", "list")
    probe("story", "add", "Outbox", *star, "--project", "Ledger")
    probe("story", "list")
    probe("story", "show", "Outbox")
    probe("story", "edit", "Outbox", "--result", "r2")
    probe("story", "remove", "Outbox", "--yes")
    # Skills, projects and evidence.
    probe("skill", "add", "Rust", "--level", "2")
    probe("skill", "list")
    probe("skill", "show", "Rust")
    probe("skill", "rate", "Rust", "3")
    probe("skill", "rename", "Rust", "Rust lang")
    probe("skill", "edit", "Rust lang", "--kind", "language")
    probe("skill", "remove", "Rust lang", "--yes")
    probe("evidence", "kinds")
    probe("evidence", "add", "Led the outbox design doc", "--kind", "design-doc", "--project", "Ledger")
    evidence_id = probe.first_id("evidence", "list")[:8]
    probe("evidence", "list")
    probe("evidence", "remove", evidence_id)
    probe("project", "remove", "Ledger", "--yes")
    probe("session", "remove", session_id[:8])
    # Moving the record in and out, and keeping it safe.
    probe("export", "-o", "record.json")
    probe("export", "--format", "csv")
    probe("import", "record.json", "--dry-run")
    probe("import", "record.json")
    probe("backup")
    probe("backup", "kept.sqlite3")
    probe("backups")
    probe("restore", "kept.sqlite3", "--yes")
    probe("check")

    commands = {args[0] for args, _ in probe.runs}
    assert commands == {
        "profile", "config", "log", "start", "stop", "cancel", "session", "status", "report", "plan",
        "guide", "jd", "posting", "interview", "project", "story", "skill", "evidence", "export",
        "import", "backup", "backups", "restore", "check",
    }  # fmt: skip
    loaded = [(" ".join(args), ran.loaded) for args, ran in probe.runs if ran.loaded]
    assert loaded == []
    failed = [(" ".join(args), ran.code, ran.out) for args, ran in probe.runs if ran.code != 0]
    assert failed == []
