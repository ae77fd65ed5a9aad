"""Reading a team folder whatever is in it: any bytes in a snapshot file are read or skipped with a warning
that names the file, never an exception."""

import json
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.domain.readiness import Status
from skilltrack.domain.team import ExpectationMark, LevelMark, Snapshot, snapshot_document
from skilltrack.transfer.team import read_team, remember_folder, team_folder

GOOD = Snapshot(
    name="Ada Lovelace",
    ladder="Remote backend engineer ladder",
    taken_on=date(2026, 11, 24),
    target_level="senior",
    target_date=None,
    levels=(LevelMark("senior", "Senior", 40, 30, 1, 1, 0, 1),),
    expectations=(ExpectationMark("senior.a", "A", "senior", Status.MET),),
)
GOOD_BYTES = json.dumps(snapshot_document(GOOD)).encode()
NO_RECORD = Path("no-record.sqlite3")


def mutations() -> st.SearchStrategy[bytes]:
    """Any bytes, and a good snapshot cut, spliced or with bytes flipped: damage as a sync leaves it."""
    cut = st.integers(0, len(GOOD_BYTES)).map(lambda n: GOOD_BYTES[:n])
    spliced = st.tuples(st.integers(0, len(GOOD_BYTES)), st.binary(max_size=40)).map(
        lambda pair: GOOD_BYTES[: pair[0]] + pair[1] + GOOD_BYTES[pair[0] :]
    )
    flipped = st.tuples(st.integers(0, len(GOOD_BYTES) - 1), st.integers(1, 255)).map(
        lambda pair: (
            GOOD_BYTES[: pair[0]] + bytes([GOOD_BYTES[pair[0]] ^ pair[1]]) + GOOD_BYTES[pair[0] + 1 :]
        )
    )
    nested = st.integers(1, 200_000).map(lambda depth: b"[" * depth + b"]" * depth)
    return st.one_of(st.binary(max_size=400), cut, spliced, flipped, nested)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutations())
def test_any_bytes_are_read_or_skipped_with_a_warning(data: bytes) -> None:
    with TemporaryDirectory() as folder:
        shared = Path(folder)
        (shared / "ada.skilltrack-readiness.json").write_bytes(GOOD_BYTES)
        (shared / "zz.skilltrack-readiness.json").write_bytes(data)

        read = read_team(str(shared), record=NO_RECORD)

    assert read.snapshots[0] == ("ada.skilltrack-readiness.json", GOOD)
    if len(read.snapshots) == 2:
        assert read.warnings == []
        assert read.snapshots[1][0] == "zz.skilltrack-readiness.json"
    else:
        assert len(read.snapshots) == 1
        (warning,) = read.warnings
        assert warning.startswith(f"{shared / 'zz.skilltrack-readiness.json'}: skipped, ")
        assert "\n" not in warning


def test_other_files_and_folders_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "ada.skilltrack-readiness.json").write_bytes(GOOD_BYTES)
    (tmp_path / ".bob.skilltrack-readiness.json.1234-ab.tmp").write_bytes(b"{")
    (tmp_path / "README.md").write_text("the team folder", encoding="utf-8")
    (tmp_path / "cy.skilltrack-readiness.json").mkdir()

    read = read_team(str(tmp_path), record=NO_RECORD)

    assert [name for name, _ in read.snapshots] == ["ada.skilltrack-readiness.json"]
    assert read.warnings == [f"{tmp_path / 'cy.skilltrack-readiness.json'}: skipped, is not a regular file"]


def test_the_team_folder_comes_from_the_environment_before_the_one_remembered(tmp_path: Path) -> None:
    environ = {"SKILLTRACK_CONFIG": str(tmp_path / "config" / "config.toml")}
    assert team_folder(environ) is None

    assert remember_folder(str(tmp_path / "shared"), environ)

    assert team_folder(environ) == str(tmp_path / "shared")
    assert team_folder({**environ, "SKILLTRACK_TEAM": "~/elsewhere"}) == "~/elsewhere"
    assert not (tmp_path / "config" / "config.toml").exists()
