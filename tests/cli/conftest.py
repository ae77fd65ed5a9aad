"""Fixtures to run the ``skilltrack`` command in-process (fast) or as the installed console script."""

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import pytest

from skilltrack.cli import main
from tests.cli.helpers import Result, Run
from tests.conftest import NOW


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``skilltrack.cli.main(argv)`` in this process, on the isolated record, at the fixed instant NOW.

    stdin is an empty, non-terminal stream, as in a script: nothing can wait for an answer.
    """
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)

    def invoke(*args: str, now: str | None = None) -> Result:
        if now is not None:
            monkeypatch.setenv("SKILLTRACK_NOW", now)
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse: --help, --version and usage errors
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def skilltrack_command() -> list[str]:
    """The installed console script, preferring the one beside this interpreter, else ``python -m``."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    script = shutil.which("skilltrack", path=search)
    return [script] if script else [sys.executable, "-m", "skilltrack"]


class RunReal(Protocol):
    def __call__(self, *args: str, extra_env: dict[str, str] | None = None) -> Result: ...


@pytest.fixture
def real_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a child process: the isolated record and config, NOW, and private XDG folders."""
    env = dict(os.environ)
    env["SKILLTRACK_NOW"] = NOW
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run_real(real_env: dict[str, str], tmp_path: Path) -> RunReal:
    """The real ``skilltrack`` entry point in a child process (never waiting on a terminal)."""
    command = skilltrack_command()

    def invoke(*args: str, extra_env: dict[str, str] | None = None) -> Result:
        return run_process([*command, *args], env=real_env | (extra_env or {}), cwd=tmp_path)

    return invoke


def run_process(argv: Sequence[str], *, env: dict[str, str], cwd: Path) -> Result:
    completed = subprocess.run(
        list(argv),
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)
