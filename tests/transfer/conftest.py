"""Fixtures for the export and import tests: the real entry point in-process, and the sample files."""

import io
import sys
from pathlib import Path

import pytest

from skilltrack.cli import main
from tests.conftest import NOW
from tests.transfer.helpers import Result, Run

SAMPLES = Path(__file__).with_name("samples")


@pytest.fixture
def samples() -> Path:
    """Files written by Watson 2.1.0 and Timewarrior 1.4.3 (copied from ../shared/samples)."""
    return SAMPLES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``skilltrack.cli.main(argv)`` in this process at the fixed instant NOW; ``stdin`` feeds ``-``."""
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)

    def invoke(*args: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse usage errors
            code = stop.code if isinstance(stop.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
