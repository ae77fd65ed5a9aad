"""The real ``skilltrack`` in a real terminal (tmux): start it, log a session with the keys, quit, and
find the session in the record."""

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

DEADLINE_S = 20.0


def skilltrack_command() -> list[str]:
    """The console script installed with the package, else the module."""
    for candidate in (shutil.which("skilltrack"), Path(sys.executable).with_name("skilltrack")):
        if candidate is not None and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return [sys.executable, "-m", "skilltrack"]


def clean_environment() -> dict[str, str]:
    """This process's environment as Python sees it, without COLUMNS and LINES.

    Passed explicitly because the C-level environment can differ: readline, once loaded (pytest may load
    it), exports COLUMNS=80 and LINES=24, and a program that finds them believes the terminal is 80x24.
    """
    return {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}


class Tmux:
    """One tmux session on a private server (``tmux -L``), so no other tmux is ever touched."""

    def __init__(self, session: str) -> None:
        self.socket = f"skilltrack-test-{uuid.uuid4().hex[:12]}"
        self.session = session
        self.socket_path: Path | None = None

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
            env=clean_environment(),
        )

    def start(self, command: list[str], environment: dict[str, str]) -> None:
        settings = [f"-e{key}={value}" for key, value in environment.items()]
        command = ["env", "-u", "COLUMNS", "-u", "LINES", *command]
        self.run(
            "new-session", "-d", "-s", self.session, "-x", "100", "-y", "30", *settings, shlex.join(command)
        )
        self.socket_path = Path(self.run("display-message", "-p", "#{socket_path}").stdout.strip())

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def text(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        done = self.run("capture-pane", "-p", "-t", self.session, check=False)
        return done.stdout

    def cursor(self) -> str:
        return self.run("display-message", "-p", "-t", self.session, "#{cursor_x},#{cursor_y}").stdout

    def wait_cursor_leaves(self, position: str) -> None:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            if self.cursor() != position:
                return
            time.sleep(0.05)
        raise AssertionError(
            f"the cursor never left {position.strip()}; the terminal shows:\n{self.screen()}"
        )

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session, check=False).returncode == 0

    def wait(self, ready: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + DEADLINE_S
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if ready(shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never saw {what}; the terminal shows:\n{shown}")

    def wait_gone(self) -> None:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not quit; the terminal shows:\n{self.screen()}")

    def kill(self) -> None:
        self.run("kill-session", "-t", self.session, check=False)
        self.run("kill-server", check=False)
        if self.socket_path is not None and self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)  # the server is gone; its socket file stays otherwise


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    terminal = Tmux(f"skilltrack-{os.getpid()}")
    try:
        yield terminal
    finally:
        terminal.kill()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_log_a_session_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    record = tmp_path / "terminal" / "record.sqlite3"
    config = tmp_path / "terminal" / "config.toml"
    tmux.start(
        skilltrack_command(),
        {"SKILLTRACK_DB": str(record), "SKILLTRACK_CONFIG": str(config), "TZ": "UTC"},
    )
    tmux.wait(lambda shown: "Readiness" in shown and "Quit" in shown, "the dashboard and its footer")

    tmux.keys("l")
    tmux.wait(lambda shown: "Log a session" in shown, "the log form")
    tmux.text("kafka")
    tmux.wait(lambda shown: "kafka" in shown, "the skill typed")
    in_skill = tmux.cursor()
    tmux.keys("Tab")
    # Keys that arrive together all go to the input focused when they are read: wait for the focus (and
    # the terminal's cursor with it) to move to the duration before typing it.
    tmux.wait_cursor_leaves(in_skill)
    tmux.text("45m")
    tmux.keys("Enter")
    # The form closes; the dashboard's recent sessions (or the notice of the save) show the session.
    tmux.wait(
        lambda shown: (
            "Log a session" not in shown
            and any("Kafka" in line and "45m" in line for line in shown.splitlines())
        ),
        "the logged session",
    )

    tmux.keys("q")
    tmux.wait_gone()

    connection = sqlite3.connect(record)
    try:
        rows = connection.execute(
            "SELECT learning_session.minutes, skill.name FROM learning_session"
            " JOIN skill ON skill.id = learning_session.skill_id"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [(45, "Kafka")]
