"""Overlapping sessions: a session given a time that overlaps another is refused, naming it, unless the
person says it is intended (``--overlap``); one given no time is placed clear of the others, and says
so; ``import`` leaves out what overlaps the record; ``check`` reports overlaps."""

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import Run, one_error_line, sessions


def _spans(run: Run) -> list[tuple[str, str, int]]:
    """``(skill, start HH:MM UTC, minutes)`` of every session, oldest start first."""
    return sorted(
        ((row["skill"], row["started_at"][11:16], row["minutes"]) for row in sessions(run)),
        key=lambda span: (span[1], span[0]),
    )


def test_a_timed_session_that_overlaps_is_refused_naming_the_other(run: Run) -> None:
    assert run("log", "go", "1h", "--at", "10:00").code == 0

    refused = run("log", "kafka", "30m", "--at", "10:30")

    assert refused.code == 2
    line = one_error_line(refused)
    assert line.startswith(
        "skilltrack: at: it would overlap the 1h of Go from 10:00 to 11:00 on Tue 2026-11-24"
    )
    assert "(session " in line and "it fits if it started at 09:30" in line and "--overlap" in line
    assert _spans(run) == [("Go", "10:00", 60)]


def test_overlap_says_it_is_intended(run: Run) -> None:
    assert run("log", "go", "1h", "--at", "10:00").code == 0
    kept = run("log", "kafka", "30m", "--at", "10:30", "--overlap")
    assert kept.code == 0, kept.err
    assert _spans(run) == [("Go", "10:00", 60), ("Kafka", "10:30", 30)]
    found = run("check", "--json")
    assert found.code == 1
    [problem] = found.json()["problems"]
    assert (problem["kind"], problem["count"], problem["fixable"]) == ("overlapping-sessions", 1, False)


def test_back_to_back_sessions_do_not_overlap(run: Run) -> None:
    assert run("log", "go", "1h", "--at", "10:00").code == 0
    assert run("log", "kafka", "30m", "--at", "11:00").code == 0
    assert run("log", "redis", "30m", "--at", "09:30").code == 0
    assert run("check").code == 0


def test_untimed_sessions_today_are_placed_before_the_ones_logged(run: Run) -> None:
    # SKILLTRACK_NOW is 18:30 UTC: "log go 3h" ended now; "log go 2h" cannot have ended now too.
    assert run("log", "go", "3h").code == 0

    second = run("log", "go", "2h")

    assert second.code == 0, second.err
    assert second.out.splitlines()[1] == (
        "Note: placed 13:30–15:30, clear of Go 15:30–18:30 logged already; "
        "give a start time to say when (--at)."
    )
    assert _spans(run) == [("Go", "13:30", 120), ("Go", "15:30", 180)]
    assert run("check").code == 0


def test_untimed_sessions_on_a_past_day_follow_each_other_from_noon(run: Run) -> None:
    for skill in ("go", "kafka", "redis"):
        assert run("log", skill, "45m", "--date", "yesterday").code == 0
    assert _spans(run) == [("Go", "12:00", 45), ("Kafka", "12:45", 45), ("Redis", "13:30", 45)]


def test_a_full_day_refuses_an_untimed_session(run: Run) -> None:
    assert run("log", "go", "24h", "--date", "2026-11-20", "--at", "00:00").code == 0
    refused = run("log", "kafka", "30m", "--date", "2026-11-20")
    assert refused.code == 2
    assert "it would overlap the 24h of Go" in one_error_line(refused)


def test_an_edit_that_would_overlap_is_refused_and_one_that_does_not_is_kept(run: Run) -> None:
    assert run("log", "go", "1h", "--at", "10:00").code == 0
    assert run("log", "kafka", "30m", "--at", "12:00").code == 0
    kafka = next(row for row in sessions(run) if row["skill"] == "Kafka")["id"][:8]

    refused = run("session", "edit", kafka, "--at", "10:45")
    assert refused.code == 2 and "it would overlap the 1h of Go" in refused.err

    assert run("session", "edit", kafka, "--at", "11:00").code == 0
    assert run("session", "edit", kafka, "--duration", "45m").code == 0  # still clear: 11:00–11:45
    assert _spans(run) == [("Go", "10:00", 60), ("Kafka", "11:00", 45)]


def test_the_timer_stops_into_no_overlap_unless_told(run: Run) -> None:
    assert run("start", "go", now="2026-11-24T17:00:00+00:00").code == 0
    assert run("log", "kafka", "30m", "--at", "17:30", now="2026-11-24T18:00:00+00:00").code == 0

    refused = run("stop", now="2026-11-24T18:30:00+00:00")
    assert refused.code == 2 and "it would overlap the 30m of Kafka" in refused.err
    assert run("status", "--json").json()["timer"] is not None  # still running

    assert run("stop", "--overlap", now="2026-11-24T18:30:00+00:00").code == 0
    assert _spans(run) == [("Go", "17:00", 90), ("Kafka", "17:30", 30)]


def test_import_leaves_out_what_overlaps_the_record_whatever_its_skill(run: Run, tmp_path: Path) -> None:
    # The same hour from another tool, under a tag that maps to a new skill: not the same session by skill,
    # but the same time.
    assert run("log", "go", "1h", "--date", "2026-11-20", "--at", "10:00").code == 0
    ten, two = 1795168800, 1795183200  # 2026-11-20 10:00 and 14:00 UTC
    watson = tmp_path / "frames"
    watson.write_text(
        json.dumps(
            [
                [ten, ten + 3600, "go", f"{1:032x}", ["study"], ten + 3600],
                [two, two + 3600, "go", f"{2:032x}", ["study"], two + 3600],
            ]
        ),
        encoding="utf-8",
    )

    dry = run("import", str(watson), "--from", "watson", "--dry-run", "--map", "go=Debugging")
    assert dry.code == 0, dry.err
    assert "Left out 1 session that overlaps sessions already in the record" in dry.out
    assert "frame 1: 1h from 2026-11-20 10:00 UTC" in dry.out

    done = run("import", str(watson), "--from", "watson", "--map", "go=Debugging")
    assert done.code == 0, done.err
    assert _spans(run) == [("Go", "10:00", 60), ("Debugging", "14:00", 60)]

    kept = run("import", str(watson), "--from", "watson", "--map", "go=Debugging", "--keep-overlaps")
    assert kept.code == 0, kept.err
    assert "kept (--keep-overlaps)" in kept.out
    assert _spans(run) == [("Debugging", "10:00", 60), ("Go", "10:00", 60), ("Debugging", "14:00", 60)]


def test_check_fix_removes_a_session_imported_twice_under_two_skills(run: Run, tmp_path: Path) -> None:
    assert run("log", "go", "1h", "--date", "2026-11-20", "--at", "10:00").code == 0
    assert run("log", "kafka", "1h", "--date", "2026-11-20", "--at", "10:00", "--overlap").code == 0

    found = run("check", "--json").json()
    assert [(item["kind"], item["fixable"]) for item in found["problems"]] == [("same-time-sessions", True)]

    fixed = run("check", "--fix")
    assert fixed.code == 0, fixed.out
    assert _spans(run) == [("Go", "10:00", 60)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    logs=st.lists(
        st.tuples(st.integers(0, 23 * 60), st.integers(1, 180), st.booleans()), min_size=1, max_size=8
    )
)
def test_without_overlap_no_two_sessions_ever_share_a_minute(run: Run, empty_record: Path, logs: Any) -> None:
    """Whatever is logged (timed or not, on one past day), the record never holds two sessions at once
    unless told, and check agrees."""
    for row in sessions(run):
        assert run("session", "remove", row["id"][:8]).code == 0
    for start, minutes, timed in logs:
        at = ["--at", f"{start // 60:02d}:{start % 60:02d}"] if timed else []
        result = run("log", "go", f"{minutes}m", "--date", "2026-11-20", *at)
        assert result.code in (0, 2), result.err
        assert "Traceback" not in result.err
    spans = sorted(
        (int(row["started_at"][11:13]) * 60 + int(row["started_at"][14:16]), row["minutes"])
        for row in sessions(run)
    )
    for (start, minutes), (next_start, _) in itertools.pairwise(spans):
        assert start + minutes <= next_start
    assert run("check").code == 0


@pytest.mark.usefixtures("empty_record")
def test_overlaps_are_found_through_the_start_index(run: Run, db_path: Path) -> None:
    from skilltrack.record.opener import open_record

    record = open_record(db_path)
    try:
        with record.reading() as db:
            plan = " ".join(
                str(row[-1])
                for row in db.execute(
                    "EXPLAIN QUERY PLAN SELECT 1 FROM learning_session WHERE started_at_utc > ? "
                    "AND started_at_utc < ? ORDER BY started_at_utc",
                    ("2026-11-20", "2026-11-21"),
                )
            )
    finally:
        record.close()
    assert "ix_learning_session_started" in plan
