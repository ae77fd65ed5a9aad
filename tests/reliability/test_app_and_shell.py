"""The app open in a real terminal and ``skilltrack log`` typed in another write the same record at once,
and nothing is lost: every session either side confirmed is there exactly once, and the file is sound.

This is how the record once lost data: the app opened the file a second time through another layer,
whose check read the file's header with Python's own ``open()``; closing that descriptor dropped every
lock the app held, a shell command then took itself for the last connection and deleted the WAL, and the
app went on writing into the deleted file. The tests run the real app in tmux and real shell commands,
quit the app or kill it, and look at the app's open files while both write.
"""

import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.terminal import Tmux, clean_environment, log_in_app, skilltrack_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

SHELL_LOGS = 40
APP_LOGS = ("11m", "12m", "13m")


@dataclass
class Setting:
    record: Path
    environment: dict[str, str]


@pytest.fixture
def setting(tmp_path: Path) -> Setting:
    record = tmp_path / "home" / "record.sqlite3"
    environment = {
        "SKILLTRACK_DB": str(record),
        "SKILLTRACK_CONFIG": str(tmp_path / "home" / "config.toml"),
        "TZ": "UTC",
    }
    return Setting(record, environment)


def shell(setting: Setting, *args: str) -> subprocess.CompletedProcess[str]:
    """One ``skilltrack`` command in its own process, as typed in another terminal."""
    return subprocess.run(
        [*skilltrack_command(), *args],
        env=clean_environment() | setting.environment,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@dataclass
class ShellLoop:
    """``for i in 1..N: skilltrack log go 1m --note shell-i`` in a thread, remembering what was confirmed."""

    setting: Setting
    count: int
    confirmed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def run(self) -> None:
        for number in range(self.count):
            note = f"shell-{number}"
            done = shell(self.setting, "log", "go", "1m", "--note", note)
            if done.returncode == 0 and "\nLogged " in f"\n{done.stdout}":
                self.confirmed.append(note)
            else:
                self.refused.append(f"{note}: {done.returncode} {done.stderr.strip()}")


def open_app(tmux: Tmux, setting: Setting) -> None:
    if not setting.record.exists():
        # The app on a path with no record opens on its welcome: these tests are about a record in use.
        started = shell(setting, "profile", "--set", "name=Tester")
        assert started.returncode == 0, started.stderr
    tmux.start(skilltrack_command(), setting.environment)
    tmux.wait(lambda shown: "Readiness" in shown and "Quit" in shown, "the dashboard and its footer")


def deleted_journals(pid: int) -> list[str]:
    """Files the process holds open that were deleted: a ``-wal`` among them means lost writes."""
    found = []
    folder = Path(f"/proc/{pid}/fd")
    for descriptor in folder.iterdir():
        try:
            target = str(descriptor.readlink())
        except OSError:
            continue  # closed meanwhile
        if target.endswith(" (deleted)") and re.search(r"-(wal|shm) \(deleted\)$", target):
            found.append(target)
    return found


def rows(record: Path) -> list[tuple[str, int, str]]:
    connection = sqlite3.connect(f"file:{record}?mode=ro", uri=True)
    try:
        return [
            (str(skill), int(minutes), str(note))
            for skill, minutes, note in connection.execute(
                "SELECT skill.name, learning_session.minutes, learning_session.note FROM learning_session "
                "JOIN skill ON skill.id = learning_session.skill_id ORDER BY learning_session.id"
            )
        ]
    finally:
        connection.close()


def integrity(record: Path) -> str:
    connection = sqlite3.connect(f"file:{record}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def assert_everything_kept(setting: Setting, shell_confirmed: list[str], app_minutes: list[int]) -> None:
    record = setting.record
    assert integrity(record) == "ok"
    kept = rows(record)
    for note in shell_confirmed:
        assert sum(1 for _, _, stored in kept if stored == note) == 1, f"{note} is not there exactly once"
    app_rows = sorted(minutes for skill, minutes, _ in kept if skill == "Kafka")
    assert app_rows == sorted(app_minutes), f"the app's sessions: {app_rows}"
    assert len(kept) == len(shell_confirmed) + len(app_minutes)
    check = shell(setting, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_app_and_shell_taking_turns_lose_nothing(tmux: Tmux, setting: Setting) -> None:
    """The trial that lost the last shell session: app, shell, app, shell, then quit with q."""
    open_app(tmux, setting)
    log_in_app(tmux, "kafka", "11m")
    first = shell(setting, "log", "go", "2m", "--note", "shell-0")
    assert first.returncode == 0, first.stderr
    log_in_app(tmux, "kafka", "12m")
    second = shell(setting, "log", "go", "3m", "--note", "shell-1")
    assert second.returncode == 0, second.stderr
    assert deleted_journals(tmux.pid()) == []
    tmux.keys("q")
    tmux.wait_gone()
    assert_everything_kept(setting, ["shell-0", "shell-1"], [11, 12])


@pytest.mark.parametrize("trial", range(3))
@pytest.mark.parametrize("ending", ["quit", "killed"])
def test_a_shell_loop_and_the_app_writing_at_once_lose_nothing(
    tmux: Tmux, setting: Setting, trial: int, ending: str
) -> None:
    """40 logs from a shell loop while three are typed in the app; then the app quits (or is killed)."""
    open_app(tmux, setting)
    pid = tmux.pid()
    loop = ShellLoop(setting, SHELL_LOGS)
    worker = threading.Thread(target=loop.run)
    worker.start()
    try:
        for duration in APP_LOGS:
            log_in_app(tmux, "kafka", duration)
            assert deleted_journals(pid) == []
    finally:
        worker.join(timeout=300)
    assert not worker.is_alive()
    assert loop.refused == []
    assert len(loop.confirmed) == SHELL_LOGS
    assert deleted_journals(pid) == []
    if ending == "quit":
        tmux.keys("q")
        tmux.wait_gone()
    else:
        os.kill(pid, signal.SIGKILL)
        tmux.wait_gone()
    assert_everything_kept(setting, loop.confirmed, [int(duration[:-1]) for duration in APP_LOGS])


def run_noting_status(tmux: Tmux, setting: Setting, status: Path, *, size: tuple[int, int]) -> None:
    """Start the app in a ``size`` terminal through a shell that writes its exit status to ``status``."""
    command = f"{shlex.join(skilltrack_command())}; echo $? > {shlex.quote(str(status))}"
    tmux.start(["sh", "-c", command], setting.environment, size=size, folder=status.parent)


def test_the_first_run_at_80x24_starts_the_record_from_the_welcome(
    tmux: Tmux, setting: Setting, tmp_path: Path
) -> None:
    status = tmp_path / "status"
    run_noting_status(tmux, setting, status, size=(80, 24))
    shown = tmux.wait(lambda shown: "Welcome to skilltrack" in shown, "the welcome")
    assert "There is no record at" in shown
    assert "Start my record" in shown and "Quit" in shown  # the buttons, in view at 80×24
    assert not setting.record.exists()

    tmux.text("2019-03-01")
    tmux.wait(lambda shown: "2019-03-01" in shown, "the career start typed")
    in_career_start = tmux.cursor()
    tmux.keys("Tab")
    tmux.wait_cursor_moves(in_career_start)  # to the target date, beside it on the same row
    tmux.text("2027-06-30")
    tmux.wait(lambda shown: "2027-06-30" in shown, "the target date typed")
    tmux.keys("C-s")
    tmux.wait(lambda shown: "Started your record" in shown, "the record started")
    assert setting.record.exists()

    # The log form at 80×24: its buttons in view.
    tmux.keys("l")
    shown = tmux.wait(lambda shown: "Log a session" in shown, "the log form")
    assert "Save" in shown and "Cancel" in shown, shown
    tmux.keys("Escape")
    tmux.wait(lambda shown: "Log a session" not in shown, "the log form closed")
    tmux.keys("q")
    tmux.wait_gone()
    assert status.read_text().strip() == "0"
    connection = sqlite3.connect(setting.record)
    try:
        profile = connection.execute(
            "SELECT career_started_on, target_level, target_date FROM profile"
        ).fetchone()
    finally:
        connection.close()
    assert profile == ("2019-03-01", "senior", "2027-06-30")


def test_quitting_the_welcome_makes_no_record(tmux: Tmux, setting: Setting, tmp_path: Path) -> None:
    status = tmp_path / "status"
    run_noting_status(tmux, setting, status, size=(80, 24))
    tmux.wait(lambda shown: "Welcome to skilltrack" in shown, "the welcome")
    tmux.keys("Escape")
    tmux.wait_gone()
    assert status.read_text().strip() == "0"
    assert not setting.record.exists()
    assert not setting.record.parent.exists() or list(setting.record.parent.iterdir()) == []


def test_a_record_that_cannot_be_opened_ends_the_app_with_status_1(
    tmux: Tmux, setting: Setting, tmp_path: Path
) -> None:
    setting.record.parent.mkdir(parents=True)
    setting.record.write_bytes(b"not a database")
    status = tmp_path / "status"
    run_noting_status(tmux, setting, status, size=(80, 24))
    tmux.wait(lambda shown: "cannot be opened" in shown, "the problem screen")
    tmux.keys("q")
    tmux.wait_gone()
    assert status.read_text().strip() == "1"
    assert setting.record.read_bytes() == b"not a database"
