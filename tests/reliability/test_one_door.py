"""Nothing but SQLite ever opens the record's file, its ``-wal`` or its ``-shm``: not a command, not the app.

Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included, so a
Python ``open()`` of the record in a process that holds a connection lets another process delete the WAL
under it (see :mod:`skilltrack.record.opener`). Each run here installs an audit hook (``sys.addaudithook``,
through a ``sitecustomize`` module on ``PYTHONPATH``) that notes every ``open`` event Python raises for
those files, under their own names or any other (the same inode); SQLite's own opens raise no such event.
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.terminal import Tmux, clean_environment, log_in_app, skilltrack_command

HOOK = textwrap.dedent(
    """
    import os
    import sys

    _record = os.environ["SKILLTRACK_AUDIT_RECORD"]
    _log = os.environ["SKILLTRACK_AUDIT_LOG"]
    _watched = {_record, _record + "-wal", _record + "-shm"}
    _busy = False


    def _inode(path):
        try:
            found = os.stat(path)
        except (OSError, ValueError):
            return None
        return found.st_dev, found.st_ino


    def _hook(event, args):
        global _busy
        if event != "open" or _busy or not args or isinstance(args[0], int):
            return
        _busy = True
        try:
            opened = os.path.abspath(os.fsdecode(args[0]))
            inode = _inode(opened)
            if opened in _watched or (inode is not None and inode in {_inode(path) for path in _watched}):
                with open(_log, "a", encoding="utf-8") as log:
                    log.write(f"{opened} {sys.argv!r}\\n")
        finally:
            _busy = False


    sys.addaudithook(_hook)
    """
)


@dataclass
class Audited:
    record: Path
    log: Path
    environment: dict[str, str]

    def opens(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*skilltrack_command(), *args],
            env=clean_environment() | self.environment,
            capture_output=True,
            text=True,
            timeout=60,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            cwd=self.record.parent,
        )


@pytest.fixture
def audited(tmp_path: Path) -> Audited:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    record = home / "record.sqlite3"
    log = tmp_path / "opens.log"
    environment = {
        "SKILLTRACK_DB": str(record),
        "SKILLTRACK_CONFIG": str(home / "config.toml"),
        "SKILLTRACK_AUDIT_RECORD": str(record),
        "SKILLTRACK_AUDIT_LOG": str(log),
        "PYTHONPATH": os.pathsep.join([str(hooks), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "TZ": "UTC",
    }
    return Audited(record, log, environment)


def test_the_hook_sees_a_python_open_of_the_record(audited: Audited) -> None:
    """The probe itself works: an ``open()`` of the record, under a link's name too, is noted."""
    assert audited.run("log", "go", "30m").returncode == 0
    link = audited.record.with_name("other-name")
    os.link(audited.record, link)
    probe = f"open({str(audited.record)!r}, 'rb').close(); open({str(link)!r}, 'rb').close()"
    subprocess.run(
        [sys.executable, "-c", probe], env=clean_environment() | audited.environment, check=True, timeout=30
    )
    assert len(audited.opens()) == 2


def test_no_command_opens_the_record_with_python(audited: Audited, tmp_path: Path) -> None:
    run = audited.run
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior Backend Engineer\nRequirements:\n- Go and PostgreSQL\n- Kafka\n", "utf-8")
    commands: list[tuple[str, ...]] = [
        ("log", "go", "45m", "--note", "first"),
        ("log", "postgres", "1h", "--kind", "practice", "--date", "yesterday"),
        ("start", "kafka"),
        ("stop", "--note", "rebalancing"),
        ("start", "redis"),
        ("cancel",),
        ("status",),
        ("status", "--json"),
        ("session", "list"),
        ("skill", "add", "Terraform", "--level", "2"),
        ("skill", "rate", "go", "3"),
        ("skill", "list"),
        ("skill", "show", "go"),
        ("skill", "rename", "Terraform", "OpenTofu"),
        ("skill", "edit", "OpenTofu", "--kind", "infrastructure"),
        ("skill", "remove", "OpenTofu", "--yes"),
        (
            "project",
            "add",
            "Payments API",
            "--role",
            "backend engineer",
            "--from",
            "2024-01-08",
            "--production",
            "--skills",
            "go,postgres",
        ),
        ("project", "list"),
        ("evidence", "add", "Led the outbox design doc", "--kind", "design-doc"),
        ("evidence", "list"),
        ("evidence", "kinds"),
        ("profile", "--set", "career_start=2022-06-01", "--set", "target_level=senior"),
        ("profile",),
        ("plan",),
        ("plan", "--json"),
        ("guide",),
        ("report",),
        ("report", "--format", "markdown"),
        ("report", "--format", "json"),
        ("report", "--format", "html", "-o", str(tmp_path / "report.html")),
        ("jd", str(posting)),
        ("posting", "add", str(posting), "--company", "Acme", "--title", "Senior Backend Engineer"),
        ("posting", "list"),
        ("interview", "add", "system-design", "--minutes", "60", "--score", "3"),
        ("interview", "status"),
        ("interview", "list"),
        ("story", "add", "Outbox", "--situation", "s", "--task", "t", "--action", "a", "--result", "r"),
        ("story", "list"),
        ("story", "show", "Outbox"),
        ("export", "-o", str(tmp_path / "export.json")),
        ("export", "--format", "csv", "-o", str(tmp_path / "sessions.csv")),
        ("import", str(tmp_path / "export.json"), "--dry-run"),
        ("import", str(tmp_path / "sessions.csv"), "--from", "csv"),
        ("backup",),
        ("backups",),
        ("check",),
        ("check", "--fix"),
        ("config",),
    ]
    for command in commands:
        done = run(*command)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    backup = json.loads(run("backups", "--json").stdout)[0]["path"]
    assert run("restore", backup, "--yes").returncode == 0
    assert audited.opens() == []


@pytest.mark.parametrize(
    "command",
    [
        ("import", "{record}"),
        ("import", "{record}-wal"),
        ("jd", "{record}"),
        ("posting", "add", "{link}", "--company", "Acme", "--title", "T"),
        ("report", "-o", "{record}"),
        ("report", "--format", "html", "-o", "{link}"),
        ("export", "-o", "{record}-wal"),
    ],
)
def test_a_file_named_on_the_command_line_that_is_the_record_is_refused_unopened(
    audited: Audited, command: tuple[str, ...]
) -> None:
    assert audited.run("log", "go", "30m").returncode == 0
    link = audited.record.with_name("a-link-to-it")
    os.link(audited.record, link)
    done = audited.run(*(part.format(record=audited.record, link=link) for part in command))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("skilltrack: ") and "Traceback" not in done.stderr
    assert "record" in done.stderr
    assert audited.opens() == []
    assert audited.run("check").returncode == 0


SCREENS = (
    ("s", "Filter skills"),
    ("p", " project  role"),
    ("e", "No evidence yet"),
    ("r", "your target"),
    ("i", "The interview loop"),
    ("b", " story  themes"),
    ("j", " company  title"),
    ("d", "Learning, last 12 months"),
)
"""Each screen's key and a text only that screen shows."""


def showing(marker: str) -> Callable[[str], bool]:
    return lambda shown: marker in shown


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_app_never_opens_the_record_with_python(audited: Audited, tmux: Tmux) -> None:
    """The app: every screen visited, sessions logged, the timer run, the report exported, then quit."""
    assert audited.run("log", "go", "30m").returncode == 0
    tmux.start(skilltrack_command(), audited.environment, folder=audited.record.parent)
    tmux.wait(lambda shown: "Readiness" in shown and "Quit" in shown, "the dashboard and its footer")
    log_in_app(tmux, "kafka", "20m")
    for key, marker in SCREENS:
        tmux.keys(key)
        tmux.wait(showing(marker), f"the screen of {key!r}")
    tmux.keys("t")
    tmux.wait(lambda shown: "No timer is running" in shown, "the timer")
    tmux.text("redis")
    tmux.keys("Enter")
    tmux.wait(lambda shown: "Timer started" in shown, "the timer started")
    tmux.keys("t")
    tmux.wait(lambda shown: "has run for" in shown, "the running timer")
    tmux.keys("Enter")
    tmux.wait(lambda shown: "from the timer" in shown, "the timer stopped and logged")
    tmux.keys("r", "C-e")  # Readiness, then export (ctrl+e)
    tmux.wait(lambda shown: "Export report" in shown and "Write to" in shown, "the export form")
    tmux.keys("C-s")
    tmux.wait(lambda shown: "Wrote" in shown, "the report written")
    log_in_app(tmux, "go", "15m")
    tmux.keys("q")
    tmux.wait_gone()
    assert audited.opens() == []
    assert list((audited.record.parent / "reports").glob("skilltrack-*.html"))  # the reports folder
    assert audited.run("check").returncode == 0
