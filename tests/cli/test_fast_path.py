"""``log``, ``status`` and ``report`` on an existing record run without SQLAlchemy, SQLModel or Textual.

Each runs in a child process through skilltrack.cli.main, which then lists the heavy packages it
loaded. What the ORM path does instead (a new record, an older schema, a skill the record does not
know yet) still works, through the ORM.
"""

import json
from pathlib import Path

import pytest

from tests.cli.helpers import Run
from tests.probes import command_loads


@pytest.fixture
def record(run: Run) -> None:
    """A record in the current schema with one skill and one session."""
    assert run("log", "Go", "1h", "--kind", "practice").code == 0


@pytest.mark.usefixtures("record")
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


@pytest.mark.usefixtures("record")
def test_a_session_logged_on_the_fast_path_is_in_the_record(
    run: Run, real_env: dict[str, str], tmp_path: Path
) -> None:
    ran = command_loads(real_env, tmp_path, "log", "golang", "25m", "--note", "fast")
    assert ran.code == 0
    assert ran.out == "Logged 25m of Go (study) on Tue 2026-11-24. This week: 1h25m.\n"
    listed = json.loads(run("session", "list", "--json").out)
    assert [(row["skill"], row["minutes"], row["note"]) for row in listed] == [
        ("Go", 25, "fast"),
        ("Go", 60, ""),
    ]


@pytest.mark.usefixtures("record")
def test_a_skill_new_to_the_record_takes_the_orm_path(real_env: dict[str, str], tmp_path: Path) -> None:
    ran = command_loads(real_env, tmp_path, "log", "k8s", "30m")
    assert ran.code == 0
    assert "added Kubernetes" in ran.out
    assert "sqlalchemy" in ran.loaded


def test_a_new_record_is_created_by_the_orm_path(real_env: dict[str, str], tmp_path: Path) -> None:
    ran = command_loads(real_env, tmp_path, "status")
    assert ran.code == 0 and "Senior" in ran.out
    assert "sqlalchemy" in ran.loaded
    assert (tmp_path / "record.sqlite3").exists()


LOG_NEEDS_NONE_OF = (
    "skilltrack.db.reads",
    "skilltrack.domain.readiness",
    "skilltrack.domain.record",
    "tomllib",
    "platformdirs",
    "importlib.resources",
    "json",
    "skilltrack.domain.framework",
    "skilltrack.guide.loader",
    "skilltrack.domain.drafts",
    "skilltrack.db.backup",
    "uuid",
    "_strptime",
    "shutil",
)
"""What ``log`` on a skill the record knows has no use for: each cost it milliseconds to import."""


@pytest.mark.usefixtures("record")
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
