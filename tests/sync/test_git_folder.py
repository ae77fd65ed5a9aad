"""A git working copy as the folder: each replica only appends to files of its own, so commit, push and
pull between two clones never meet a conflict, and the two records end the same."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.sync.helpers import make_replicas

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IDENTITY = (
    "-c",
    "user.name=Sync Test",
    "-c",
    "user.email=sync@example.invalid",
    "-c",
    "init.defaultBranch=main",
)


@pytest.fixture(autouse=True)
def fixed_instant() -> Iterator[None]:
    os.environ["SKILLTRACK_NOW"] = NOW
    yield


def git(where: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }
    completed = subprocess.run(
        ["git", *IDENTITY, *args], cwd=where, env=environment, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
    assert "CONFLICT" not in completed.stdout + completed.stderr
    return completed.stdout


def commit_and_push(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    if git(clone, "status", "--porcelain").strip():
        git(clone, "commit", "-q", "-m", message)
    git(clone, "push", "-q", "origin", "HEAD:main")


def test_two_clones_of_one_repository_carry_the_record_both_ways(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    first, second = tmp_path / "clone-1", tmp_path / "clone-2"
    git(tmp_path, "clone", "-q", str(remote), str(first))
    laptop, desktop = make_replicas(tmp_path, 2)

    laptop.ok("log", "Go", "30m", "--date", "2026-11-20", "--at", "09:00")
    laptop.ok("skill", "add", "Zorb")
    laptop.sync(first)
    commit_and_push(first, "laptop")

    git(tmp_path, "clone", "-q", str(remote), str(second))
    desktop.ok("log", "zorb", "45m", "--date", "2026-11-21", "--at", "10:00")
    desktop.sync(second)
    desktop.ok("profile", "--set", "name=Ann")
    desktop.sync(second)
    commit_and_push(second, "desktop")

    laptop.ok("log", "Go", "15m", "--date", "2026-11-22", "--at", "08:00")
    git(first, "pull", "-q", "--no-rebase", "origin", "main")
    laptop.sync(first)
    commit_and_push(first, "laptop again")
    git(second, "pull", "-q", "--no-rebase", "origin", "main")
    desktop.sync(second)
    commit_and_push(second, "desktop again")
    git(first, "pull", "-q", "--no-rebase", "origin", "main")
    laptop.sync(first)

    assert laptop.export() == desktop.export()
    assert laptop.query("SELECT count(*) FROM learning_session") == [(3,)]
    assert laptop.query("SELECT name FROM profile") == [("Ann",)]
    assert not list(first.glob("*.sqlite3*")) and not list(second.glob("*.sqlite3*"))
