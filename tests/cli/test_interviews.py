"""``skilltrack interview``: a mock interview is a learning session and a scored round, written together."""

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.domain.facts import RecordFacts
from skilltrack.domain.readiness import Status, assess
from skilltrack.guide import load_builtin_framework
from skilltrack.record.facts import load_facts
from skilltrack.record.interviews import load_interview_status
from tests.cli.helpers import Run, read_record, sessions, skills
from tests.conftest import TODAY
from tests.probes import command_loads

pytestmark = pytest.mark.usefixtures("empty_record")  # commands on a record with nothing in it yet


def status(run: Run) -> dict[str, dict[str, Any]]:
    result = run("interview", "status", "--json")
    assert result.code == 0, result.err
    return {row["round"]: row for row in result.json()["rounds"]}


def interviews(run: Run) -> list[dict[str, Any]]:
    result = run("interview", "list", "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def facts_of(db_path: Path) -> RecordFacts:
    """What the readiness report reads of the record at ``db_path``, as of TODAY."""
    framework = load_builtin_framework()
    return read_record(db_path, lambda db: load_facts(db, framework=framework, today=TODAY))


def test_add_writes_a_mock_interview_session_and_its_round(run: Run) -> None:
    result = run(
        "interview", "add", "System Design", "--minutes", "1h", "--score", "4",
        "--rubric", "fail=4", "--rubric", "API=3", "--note", "design a URL shortener",
    )  # fmt: skip

    assert result.code == 0, result.err
    assert "Note: added System design (practice) to your skills." in result.out
    assert "Logged a system design mock interview" in result.out
    assert "1h of System design, score 4/5, on Tue 2026-11-24." in result.out
    assert "System design: not ready — 1 of 2 in the last 90 days; 1 more to go." in result.out
    [session] = sessions(run)
    assert (session["skill"], session["kind"], session["minutes"]) == ("System design", "mock-interview", 60)
    assert session["note"] == "design a URL shortener"
    [row] = interviews(run)
    assert row["round"] == "system-design"
    assert row["score"] == 4
    assert row["rubric"] == {"api": 3, "failure-modes": 4}
    assert row["date"] == "2026-11-24"


def test_a_coding_round_can_be_logged_on_the_persons_language(run: Run) -> None:
    assert run("interview", "add", "coding", "--minutes", "45", "--score", "3", "--skill", "golang").code == 0
    assert run("interview", "add", "coding", "--minutes", "45m", "--score", "2").code == 0
    assert sorted(row["skill"] for row in sessions(run)) == ["Coding interview", "Go"]
    coding = status(run)["coding"]
    assert coding["sessions"] == 2
    assert coding["average_score"] == 2.5
    assert coding["ready"] is False
    assert coding["reason"] == "scored average 2.5 in the last 90 days; aim for 3 or more"


def test_status_per_round_with_trend_last_practised_and_readiness(run: Run) -> None:
    for day, score in (("2026-08-01", 2), ("2026-11-01", 3), ("2026-11-20", 4)):
        assert (
            run("interview", "add", "sys", "--minutes", "60", "--score", str(score), "--date", day).code == 0
        )
    assert (
        run("interview", "add", "behavioral", "--minutes", "30", "--score", "2", "--date", "yesterday").code
        == 0
    )

    rounds = status(run)
    design = rounds["system-design"]
    assert design["sessions"] == 3
    assert design["average_score"] == 3.0
    assert design["recent_sessions"] == 2  # 2026-08-01 is outside the 90 days
    assert design["recent_average"] == 3.5
    assert design["trend"] == "up"
    assert design["last_practised"] == "2026-11-20"
    assert design["ready"] is True
    assert design["needs"] == {"sessions": 2, "within_days": 90}
    behavioural = rounds["behavioural"]
    assert (behavioural["sessions"], behavioural["ready"], behavioural["trend"]) == (1, False, "too few")
    assert behavioural["last_practised"] == "2026-11-23"
    assert rounds["debugging"]["reason"] == "no mock interviews yet; do 1 session in the last 90 days"

    text = run("interview", "status")
    assert text.code == 0
    header, _, *rows = text.out.splitlines()
    assert [cell.strip() for cell in header.split("  ") if cell.strip()][:5] == [
        "round",
        "sessions",
        "in 90 d",
        "avg 90 d",
        "trend (last 6)",
    ]
    # The average shown is the 90 days' (3.5), the one ready uses, not the all-time 3.0.
    assert rows[0].split()[:7] == ["System", "design", "3", "2", "3.5", "up", "2026-11-20"]
    assert "1 of 4 rounds ready." in text.out


def test_ready_rounds_agree_with_the_ladders_practice_expectations(run: Run, db_path: Path) -> None:
    for round_name in ("system-design", "system-design", "debugging"):
        assert run("interview", "add", round_name, "--minutes", "45", "--score", "4").code == 0
    rounds = status(run)
    assert rounds["system-design"]["ready"] and rounds["debugging"]["ready"]
    assert not rounds["coding"]["ready"] and not rounds["behavioural"]["ready"]

    framework = load_builtin_framework()
    facts = facts_of(db_path)
    senior = {
        result.expectation.id: result.status
        for result in assess(facts, framework, TODAY).level("senior").results
    }
    assert senior["senior.interview.system-design"] is Status.MET
    assert senior["senior.interview.debugging"] is Status.MET
    assert senior["senior.interview.coding"] is not Status.MET
    assert senior["senior.interview.behavioural"] is not Status.MET


def test_list_filters_by_round_newest_first(run: Run) -> None:
    run("interview", "add", "coding", "--minutes", "30", "--score", "3", "--date", "2026-11-01")
    run("interview", "add", "debugging", "--minutes", "30", "--score", "4", "--date", "2026-11-10")
    run("interview", "add", "coding", "--minutes", "30", "--score", "5", "--date", "2026-11-20")
    assert [row["date"] for row in interviews(run)] == ["2026-11-20", "2026-11-10", "2026-11-01"]
    only = run("interview", "list", "--round", "cod", "--json").json()
    assert [row["score"] for row in only] == [5, 3]
    text = run("interview", "list")
    assert text.out.splitlines()[0].split() == ["id", "date", "round", "length", "score", "rubric", "note"]
    assert run("interview", "list", "--round", "nope").code == 2


def test_list_and_status_on_an_empty_record(run: Run) -> None:
    assert "No mock interviews yet" in run("interview", "list").out
    out = run("interview", "status").out
    assert "0 of 4 rounds ready." in out
    assert "skilltrack interview add ROUND" in out


def test_rubric_shows_every_round_or_one(run: Run) -> None:
    every = run("interview", "rubric")
    assert every.code == 0
    for title in ("System design", "Coding", "Debugging", "Behavioural"):
        assert f"{title} (logged on" in every.out
    assert "Interview process and hiring signals" in every.out
    one = run("interview", "rubric", "debug")
    assert "Debugging (logged on Debugging)" in one.out and "System design" not in one.out
    assert "failure-modes" not in one.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--minutes", "30", "--score", "3"], "round: 'nope' is not a round"),
        (["coding", "--minutes", "0", "--score", "3"], "minutes: '0' is out of range"),
        (["coding", "--minutes", "soon", "--score", "3"], "minutes: 'soon' is not a duration"),
        (["coding", "--minutes", "30", "--score", "6"], "score: '6' is not a score"),
        (["coding", "--minutes", "30", "--score", "3", "--rubric", "co=3"], "rubric: 'co' could be"),
        (["coding", "--minutes", "30", "--score", "3", "--rubric", "api=3"], "not a criterion of the coding"),
        (["coding", "--minutes", "30", "--score", "3", "--date", "2027-01-01"], "is in the future"),
        (["coding", "--minutes", "30", "--score", "3", "--skill", "postgress"], "did you mean PostgreSQL?"),
        (
            ["debugging", "--minutes", "45", "--score", "4", "--skill", "kafka"],
            "skill: Kafka does not count toward the debugging round (senior.interview.debugging); "
            "use one of: Debugging.",
        ),
        (["coding", "--minutes", "30", "--score", "3", "--skill", "kafka"], "use one of: Go, Python, Java,"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(run: Run, args: list[str], message: str) -> None:
    result = run("interview", "add", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("skilltrack: ") and message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert interviews(run) == []
    assert sessions(run) == []


def test_removing_the_session_removes_the_interview(run: Run) -> None:
    run("interview", "add", "coding", "--minutes", "30", "--score", "3")
    [session] = sessions(run)
    assert run("session", "remove", session["id"][:8]).code == 0
    assert interviews(run) == []


def test_session_and_interview_row_are_one_transaction(run: Run, db_path: Path) -> None:
    """If the interview row cannot be written, the session is not written either."""
    run("status")  # creates the record
    connection = sqlite3.connect(db_path)
    connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON interview_practice BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    connection.commit()
    connection.close()
    result = run("interview", "add", "coding", "--minutes", "30", "--score", "3")
    assert result.code != 0
    assert "Traceback" not in result.err
    assert sessions(run) == []


def test_load_interview_status_on_a_record(run: Run, db_path: Path) -> None:
    run("interview", "add", "debugging", "--minutes", "30", "--score", "4")
    framework = load_builtin_framework()
    result = read_record(db_path, lambda db: load_interview_status(db, framework=framework, today=TODAY))
    debugging = result.round("debugging")
    assert (debugging.sessions, debugging.average_score, debugging.ready) == (1, 4.0, True)
    assert debugging.last_practised == date(2026, 11, 24)
    assert result.round("coding").sessions == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    round_name=st.sampled_from(["coding", "sys", "x"]),
    minutes=st.text(max_size=6),
    score=st.text(max_size=3),
    rubric=st.lists(st.text(max_size=12), max_size=2),
)
def test_typed_values_are_accepted_or_refused_clearly(
    run: Run, round_name: str, minutes: str, score: str, rubric: list[str]
) -> None:
    args = ["interview", "add", round_name, "--minutes", minutes, "--score", score]
    for pair in rubric:
        args += ["--rubric", pair]
    result = run(*args)
    assert result.code in (0, 2), result.err
    assert "Traceback" not in result.err
    if result.code == 2:
        assert result.err.startswith("skilltrack")  # ours, or argparse's usage line


def ladder_status(db_path: Path) -> dict[str, Status]:
    """The readiness report's verdict on each ``senior.interview.*`` expectation."""
    framework = load_builtin_framework()
    facts = facts_of(db_path)
    return {
        result.expectation.id.removeprefix("senior.interview."): result.status
        for result in assess(facts, framework, TODAY).level("senior").results
        if result.expectation.id.startswith("senior.interview.")
    }


def test_mock_interviews_logged_with_log_count_as_unscored_sessions_of_the_round(
    run: Run, db_path: Path
) -> None:
    """The review's case: two mock interviews logged with ``log`` meet the ladder, and the loop agrees."""
    for _ in range(2):
        assert run("log", "system design", "1h", "--kind", "mock-interview").code == 0
    design = status(run)["system-design"]
    assert (design["sessions"], design["recent_sessions"], design["scored_sessions"]) == (2, 2, 0)
    assert design["last_practised"] == "2026-11-24"
    assert design["average_score"] is None and design["recent_average"] is None
    assert design["ready"] is True
    assert design["reason"] == "2 sessions in the last 90 days, unscored"
    assert ladder_status(db_path)["system-design"] is Status.MET
    row = next(line for line in run("interview", "status").out.splitlines() if line.startswith("System"))
    assert row.split()[:6] == ["System", "design", "2", "2", "unscored", "too"]
    # A scored one on top joins the average, not the count of unscored ones.
    assert run("interview", "add", "sys", "--minutes", "45", "--score", "2").code == 0
    design = status(run)["system-design"]
    assert (design["sessions"], design["scored_sessions"], design["recent_average"]) == (3, 1, 2.0)
    assert design["ready"] is False
    assert design["reason"] == "scored average 2.0 in the last 90 days; aim for 3 or more"


def test_a_refused_skill_leaves_the_round_and_the_ladder_as_they_were(run: Run, db_path: Path) -> None:
    """The review's case: a debugging interview on Kafka read "ready" while the report had 0 of 1."""
    result = run("interview", "add", "debugging", "--minutes", "45", "--score", "4", "--skill", "kafka")
    assert result.code == 2
    assert "use one of: Debugging" in result.err
    assert status(run)["debugging"]["ready"] is False
    assert ladder_status(db_path)["debugging"] is not Status.MET
    assert all(skill["name"] != "Kafka" for skill in skills(run))  # the skill it would have added is not


def test_practice_sessions_the_ladder_counts_for_a_round_count_in_the_loop(run: Run, db_path: Path) -> None:
    """Debugging and behavioural expectations count practice sessions too; so does their round."""
    assert run("log", "debugging", "30m", "--kind", "practice").code == 0
    assert run("log", "debugging", "30m", "--kind", "study").code == 0  # not counted by the ladder
    assert run("log", "Behavioural interview", "30m", "--kind", "practice", "--date", "2026-08-01").code == 0
    rounds = status(run)
    assert (rounds["debugging"]["sessions"], rounds["debugging"]["ready"]) == (1, True)
    behavioural = rounds["behavioural"]
    assert (behavioural["sessions"], behavioural["recent_sessions"], behavioural["ready"]) == (1, 0, False)
    ladder = ladder_status(db_path)
    assert ladder["debugging"] is Status.MET and ladder["behavioural"] is not Status.MET


ACTIONS = st.one_of(
    st.tuples(
        st.just("log"),
        st.sampled_from(["System design", "Python", "Go", "Debugging", "Behavioural interview", "Kafka"]),
        st.sampled_from(["mock-interview", "practice", "study"]),
        st.integers(min_value=0, max_value=120),
    ),
    st.tuples(
        st.just("interview"),
        st.sampled_from(["system-design", "coding", "debugging", "behavioural"]),
        st.integers(min_value=1, max_value=5),
        st.integers(min_value=0, max_value=120),
    ),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTIONS, min_size=1, max_size=4))
def test_the_loop_counts_what_the_ladder_counts_and_ready_implies_met(
    run: Run, db_path: Path, actions: list[tuple[str, str, Any, int]]
) -> None:
    """On any record (the examples pile up in one): each round's recent sessions are the ladder's
    count, and a round shown ready is an expectation the readiness report has met."""
    for action, name, value, days_ago in actions:
        day = date.fromordinal(TODAY.toordinal() - days_ago).isoformat()
        if action == "log":
            args = ["log", name, "30m", "--kind", str(value), "--date", day]
        else:
            args = ["interview", "add", name, "--minutes", "30", "--score", str(value), "--date", day]
        assert run(*args).code == 0
    rounds = status(run)
    framework = load_builtin_framework()
    facts = facts_of(db_path)
    for result in assess(facts, framework, TODAY).level("senior").results:
        if not result.expectation.id.startswith("senior.interview."):
            continue
        row = rounds[result.expectation.id.removeprefix("senior.interview.")]
        assert result.reason.startswith(f"{row['recent_sessions']} of {row['needs']['sessions']} ")
        if row["ready"]:
            assert result.status is Status.MET


QUICK_READS = [
    ("interview", "status"),
    ("interview", "status", "--json"),
    ("interview", "list"),
    ("interview", "list", "--round", "coding", "--json"),
    ("story", "list"),
    ("story", "list", "--json"),
    ("story", "show", "Outbox"),
    ("story", "show", "Outbox", "--json"),
]


@pytest.mark.parametrize("args", QUICK_READS, ids=" ".join)
def test_interview_and_story_reads_load_no_orm(
    run: Run, real_env: dict[str, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    """These reads go through sqlite3 alone (skilltrack.record): no ORM, no app."""
    assert run("interview", "add", "coding", "--minutes", "45", "--score", "3").code == 0
    assert (
        run(
            "story", "add", "Outbox", "--situation", "s", "--task", "t", "--action", "a", "--result", "r"
        ).code
        == 0
    )
    ran = command_loads(real_env, tmp_path, *args)
    assert (ran.code, ran.loaded) == (0, []), ran.out
    assert ran.out.strip()
