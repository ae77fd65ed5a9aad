"""The real ``skilltrack`` in a real terminal (tmux): start it, log a session with the keys, quit, and
find the session in the record."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from skilltrack.record.opener import open_record
from tests.terminal import Tmux, skilltrack_command


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_log_a_session_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    record = tmp_path / "terminal" / "record.sqlite3"
    config = tmp_path / "terminal" / "config.toml"
    open_record(record).close()  # a path with no record opens on the welcome (tests/reliability)
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
    tmux.wait_cursor_leaves_row(in_skill)
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
