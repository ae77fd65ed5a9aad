"""Whatever is typed as a duration, a date, a time or a skill, ``log`` succeeds or refuses: never a crash."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.cli import main
from skilltrack.record.opener import open_record
from tests.conftest import NOW

# Anything a shell could pass as one argument, except what argparse would read as an option.
typed = st.text(alphabet=st.characters(exclude_characters="\x00")).filter(
    lambda text: not text.startswith("-")
)

pytestmark = pytest.mark.usefixtures("fixed_clock")

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def empty_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, empty record made once; each example gets its own copy (creating one costs ~0.1 s)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_record(path).close()
    return path


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)


def log_in_a_fresh_record(capsys: pytest.CaptureFixture[str], template: Path, *args: str) -> None:
    """``main`` itself (not the ``run`` fixture, which turns SystemExit into a status): it must return."""
    with tempfile.TemporaryDirectory(prefix="skilltrack-fuzz-") as folder:
        record = Path(folder) / "record.sqlite3"
        shutil.copyfile(template, record)
        capsys.readouterr()
        code = main(["--db", str(record), "log", *args])
        out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert "unexpected problem" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1, err
        assert out == ""


@FUZZ
@given(duration=typed)
def test_any_duration(capsys: pytest.CaptureFixture[str], empty_record: Path, duration: str) -> None:
    log_in_a_fresh_record(capsys, empty_record, "Go", duration)


@FUZZ
@given(day=typed)
def test_any_date(capsys: pytest.CaptureFixture[str], empty_record: Path, day: str) -> None:
    log_in_a_fresh_record(capsys, empty_record, "Go", "30m", "--date", day)


@FUZZ
@given(at=typed)
def test_any_time(capsys: pytest.CaptureFixture[str], empty_record: Path, at: str) -> None:
    log_in_a_fresh_record(capsys, empty_record, "Go", "30m", "--at", at)


@FUZZ
@given(skill=typed)
def test_any_skill_name(capsys: pytest.CaptureFixture[str], empty_record: Path, skill: str) -> None:
    log_in_a_fresh_record(capsys, empty_record, skill, "30m")


@pytest.mark.parametrize(
    "duration",
    ["9" * 400, "1" * 310 + "h", "٣٠m", "１:３０", "²", "½h", "1e3", "nan", "inf", "1_000", "0x10"],
    ids=[
        "400-digits",
        "310-digit-hours",
        "arabic-indic",
        "fullwidth-clock",
        "superscript",
        "vulgar-half",
        "exponent",
        "nan",
        "inf",
        "underscore",
        "hex",
    ],
)
def test_extreme_and_unusual_numbers(
    capsys: pytest.CaptureFixture[str], empty_record: Path, duration: str
) -> None:
    log_in_a_fresh_record(capsys, empty_record, "Go", duration)
