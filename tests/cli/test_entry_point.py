"""The installed ``skilltrack`` command as a person runs it, and what importing a command pulls in."""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from skilltrack import __version__
from skilltrack.cli import main
from tests.cli.conftest import RunReal, run_process
from tests.cli.helpers import Run, one_error_line
from tests.conftest import NOW

COMMANDS = (
    "log",
    "start",
    "stop",
    "cancel",
    "status",
    "session",
    "skill",
    "project",
    "evidence",
    "profile",
    "report",
    "guide",
    "config",
)


def test_version(run_real: RunReal) -> None:
    result = run_real("--version")

    assert result.code == 0
    assert result.out.strip() == f"skilltrack {__version__}"


def test_help_lists_the_commands(run_real: RunReal) -> None:
    result = run_real("--help")

    assert result.code == 0
    assert result.out.startswith("usage: skilltrack")
    for command in COMMANDS:
        assert command in result.out
    assert "--demo" in result.out


def test_help_of_a_command_in_process(run: Run) -> None:
    result = run("log", "--help")

    assert result.code == 0
    assert "45m, 1h30m, 1.5h" in result.out
    assert "--kind" in result.out


def test_log_then_status_through_the_real_entry_point(run_real: RunReal, run: Run, tmp_path: Path) -> None:
    logged = run_real("log", "k8s", "1h30m", "--note", "café ☕")

    assert logged.code == 0, logged.err
    assert logged.err == f"Started a new record at {tmp_path / 'record.sqlite3'}.\n"
    assert "Note: added Kubernetes (infrastructure) to your skills." in logged.out
    assert "Logged 1h30m of Kubernetes (study) on Tue 2026-11-24. This week: 1h30m." in logged.out
    assert (tmp_path / "record.sqlite3").exists()

    shown = run_real("status")
    assert shown.code == 0, shown.err
    assert shown.out.startswith("Senior")
    assert "This week  1h30m" in shown.out
    assert run("session", "list", "--json").json()[0]["note"] == "café ☕"  # same record, read in-process


def test_an_input_error_through_the_real_entry_point(run_real: RunReal, tmp_path: Path) -> None:
    result = run_real("log", "Go", "25h")

    assert result.code == 2
    assert result.out == ""
    assert one_error_line(result).startswith("skilltrack: duration: '25h' is out of range")


def test_a_usage_error(run: Run) -> None:
    result = run("lgo", "Go", "30m")

    assert result.code == 2
    assert "invalid choice" in one_error_line(result)


def test_a_storage_error_through_the_real_entry_point(run_real: RunReal, tmp_path: Path) -> None:
    not_ours = tmp_path / "notes.txt"
    not_ours.write_text("my shopping list\n", encoding="utf-8")

    result = run_real("--db", str(not_ours), "log", "Go", "30m")

    assert result.code == 1
    line = one_error_line(result)
    assert line.startswith(f"skilltrack: {not_ours}: is not a skilltrack database")
    assert not_ours.read_text(encoding="utf-8") == "my shopping list\n"


def test_a_storage_error_in_process(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "status")

    assert result.code == 1
    assert one_error_line(result).startswith(f"skilltrack: {tmp_path}: is a folder")


@pytest.mark.usefixtures("empty_record")
def test_a_bad_clock_override_is_refused(run: Run) -> None:
    result = run("status", now="yesterday-ish")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: SKILLTRACK_NOW:")


def test_no_command_without_a_terminal_refuses_and_touches_nothing(run_real: RunReal, tmp_path: Path) -> None:
    # stdin is /dev/null and stdout a pipe: the full-screen app must not start, and must say why.
    result = run_real()

    assert result.code == 2
    assert result.out == ""
    line = one_error_line(result)
    assert "terminal" in line
    assert "skilltrack status" in line
    assert not (tmp_path / "record.sqlite3").exists()


def test_demo_without_a_terminal_refuses_and_leaves_nothing(
    run_real: RunReal, tmp_path: Path, real_env: dict[str, str]
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    result = run_real("--demo", extra_env={"TMPDIR": str(scratch)})

    assert result.code == 2
    assert "terminal" in one_error_line(result)
    assert not (tmp_path / "record.sqlite3").exists()
    assert not Path(real_env["XDG_DATA_HOME"]).exists()
    assert list(scratch.iterdir()) == []


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_demo_opens_a_throwaway_populated_record_and_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("skilltrack.demo")
    from skilltrack.cli import app
    from skilltrack.cli.context import Context
    from skilltrack.cli.readiness import run_status

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)
    opened: list[Path] = []

    def show_status_instead_of_the_app(context: Context, path: Path) -> int:
        # Stands in for the full-screen app: what it would open is the demo record's readiness.
        opened.append(path)
        demo = Context(db_option=path, environ=context.environ, out=context.out)
        try:
            return run_status(demo, argparse.Namespace(json=True))
        finally:
            demo.close()

    monkeypatch.setattr(app, "_run", show_status_instead_of_the_app)
    screen = Terminal()
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", screen)

    code = main(["--demo"])

    assert code == 0
    [path] = opened
    assert path.is_relative_to(scratch)
    document = json.loads(screen.getvalue())
    assert [level["id"] for level in document["levels"]] == ["senior", "lead", "staff"]
    assert document["levels"][0]["met"] > 0
    assert document["this_week_minutes"] + document["last_week_minutes"] > 0
    assert not (tmp_path / "record.sqlite3").exists()
    assert list(scratch.iterdir()) == []


IMPORTS_PROBE = """
import json, sys
from skilltrack.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


@pytest.mark.usefixtures("empty_record")
@pytest.mark.parametrize("command", [["log", "Go", "30m"], ["status"]])
def test_shell_commands_do_not_import_the_app(
    command: list[str], real_env: dict[str, str], tmp_path: Path
) -> None:
    report = tmp_path / "modules.json"
    result = run_process(
        [sys.executable, "-c", IMPORTS_PROBE, str(report), *command], env=real_env, cwd=tmp_path
    )

    assert result.code == 0, result.err
    loaded = json.loads(report.read_text(encoding="utf-8"))
    assert loaded["code"] == 0
    heavy = [name for name in loaded["modules"] if name.split(".")[0] in ("textual", "rich")]
    assert heavy == []
    assert "skilltrack.cli" in loaded["modules"]


def test_python_dash_m_is_the_same_command(real_env: dict[str, str], tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "skilltrack", "--version"],
        env=real_env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0
    assert completed.stdout.strip() == f"skilltrack {__version__}"
    assert os.environ.get("SKILLTRACK_NOW") is None  # the parent's environment was not changed
