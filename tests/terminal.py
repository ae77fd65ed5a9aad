"""The real ``skilltrack`` in a real terminal: a private tmux server to start it in, type to it and read it.

Shared by the tests that need what the headless driver cannot give: a real terminal, a real process
that can be killed, and other processes writing to the same record at the same time. Loaded as a pytest
plugin (tests/conftest.py) for its ``tmux`` fixture.
"""

import os
import shlex
import shutil
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

    def start(
        self,
        command: list[str],
        environment: dict[str, str],
        *,
        size: tuple[int, int] = (100, 30),
        folder: Path | None = None,
    ) -> None:
        """Run ``command`` in a ``size`` terminal, in ``folder`` (a temporary one: never the tree)."""
        settings = [f"-e{key}={value}" for key, value in environment.items()]
        command = ["env", "-u", "COLUMNS", "-u", "LINES", *command]
        width, height = size
        where = ["-c", str(folder)] if folder is not None else []
        self.run(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), *where, *settings,
            shlex.join(command),
        )  # fmt: skip
        self.socket_path = Path(self.run("display-message", "-p", "#{socket_path}").stdout.strip())

    def pid(self) -> int:
        """The process running in the pane (``env`` execs the command, so it is skilltrack itself)."""
        return int(self.run("display-message", "-p", "-t", self.session, "#{pane_pid}").stdout.strip())

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def text(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        done = self.run("capture-pane", "-p", "-t", self.session, check=False)
        return done.stdout

    def cursor(self) -> str:
        return self.run("display-message", "-p", "-t", self.session, "#{cursor_x},#{cursor_y}").stdout

    def wait_cursor_leaves_row(self, position: str) -> None:
        """Wait until the terminal's cursor is on another row than at ``position`` (``x,y``): the focus
        moved to another field (completions shown under a field do not move it off its row)."""
        row = position.strip().split(",")[1]
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            if self.cursor().strip().split(",")[1] != row:
                return
            time.sleep(0.05)
        raise AssertionError(f"the cursor never left row {row}; the terminal shows:\n{self.screen()}")

    def wait_cursor_moves(self, position: str) -> None:
        """Wait until the terminal's cursor is anywhere but at ``position`` (``x,y``): the focus moved to
        another field, on the same row or not."""
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            if self.cursor().strip() != position.strip():
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


def log_in_app(tmux: Tmux, skill: str, duration: str) -> None:
    """Log a session with the app's keys, as a person would, and wait until the app has saved it."""
    tmux.keys("l")
    tmux.wait(lambda shown: "Log a session" in shown, "the log form")
    tmux.text(skill)
    tmux.wait(lambda shown: skill in shown, "the skill typed")
    in_skill = tmux.cursor()
    tmux.keys("Tab")
    # Keys that arrive together all go to the input focused when they are read: wait for the focus (and
    # the terminal's cursor with it) to move to the duration before typing it.
    tmux.wait_cursor_leaves_row(in_skill)
    tmux.text(duration)
    tmux.keys("Enter")
    tmux.wait(lambda shown: "Log a session" not in shown and "Logged" in shown, "the session saved")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A tmux server of the test's own, killed with whatever runs in it when the test ends."""
    terminal = Tmux(f"skilltrack-{os.getpid()}-{time.monotonic_ns()}")
    try:
        yield terminal
    finally:
        terminal.kill()
