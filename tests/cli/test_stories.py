"""``skilltrack story``: the story bank, its unique titles, and what has no story yet."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from skilltrack.guide import load_builtin_framework
from skilltrack.record.stories import load_story_coverage
from tests.cli.helpers import Run, read_record

pytestmark = pytest.mark.usefixtures("empty_record")  # commands on a record with nothing in it yet

STAR = ["--situation", "Checkout was down; I was on call.", "--task", "Restore it", "--action",
        "Rolled back the release", "--result", "Back in 20 minutes"]  # fmt: skip


def stories(run: Run) -> dict[str, Any]:
    result = run("story", "list", "--json")
    assert result.code == 0, result.err
    listed: dict[str, Any] = result.json()
    return listed


def test_add_guesses_themes_and_ties_project_and_expectation(run: Run) -> None:
    run("project", "add", "Payments", "--role", "backend engineer", "--from", "2025-01-01")
    result = run(
        "story", "add", "The Black Friday outage", *STAR, "--project", "payments",
        "--expectation", "senior.reliability.on-call",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Added story" in result.out and "The Black Friday outage." in result.out
    assert "Themes: an incident (guessed from the text; change them with --theme)." in result.out
    [story] = stories(run)["stories"]
    assert story["project"] == "Payments"
    assert story["expectation"] == "senior.reliability.on-call"
    assert story["themes"] == ["incident"]
    assert story["action"] == "Rolled back the release"


def test_given_themes_replace_the_guess(run: Run) -> None:
    result = run("story", "add", "Queue choice", *STAR, "--theme", "trade off", "--theme", "Decision")
    assert result.code == 0, result.err
    assert "Themes: leading a decision, a trade-off (as given)." in result.out
    assert stories(run)["stories"][0]["themes"] == ["decision", "trade-off"]


def test_titles_are_unique_ignoring_case(run: Run) -> None:
    assert run("story", "add", "The outage", *STAR).code == 0
    again = run("story", "add", "the OUTAGE", *STAR)
    assert again.code == 2
    assert (
        again.err.strip() == 'skilltrack: title: a story is already called "The outage"; choose another title'
    )
    assert len(stories(run)["stories"]) == 1


def test_list_ends_with_the_coverage_for_the_target_level(run: Run) -> None:
    run("profile", "--set", "target_level=lead")
    run("story", "add", "The outage", *STAR, "--expectation", "senior.reliability.on-call")
    out = run("story", "list").out
    lines = out.splitlines()
    assert lines[0].split() == ["id", "title", "themes", "expectation", "project"]
    assert (
        "Themes with no story yet: leading a decision, a conflict, mentoring, a trade-off, a failure." in out
    )
    assert "Lead expectations a story could show, with none yet:" in out
    assert "lead.review-mentoring.mentoring" in out
    assert "senior.reliability.on-call" not in out.split("with none yet:")[1]
    coverage = stories(run)["coverage"]
    assert coverage["level"] == "lead"
    assert coverage["stories"] == 1
    assert "A conflict" in coverage["missing_themes"]
    assert coverage["covered_expectations"] == ["senior.reliability.on-call"]


def test_list_on_an_empty_bank_shows_everything_missing(run: Run) -> None:
    out = run("story", "list").out
    assert out.startswith("No stories yet.")
    assert "Senior expectations a story could show" in out


def test_show_by_title_or_id(run: Run) -> None:
    run("story", "add", "The outage", *STAR, "--theme", "incident")
    story_id = stories(run)["stories"][0]["id"]
    by_title = run("story", "show", "the outage")
    assert by_title.code == 0
    assert by_title.out.splitlines()[0] == f"The outage  ({story_id.replace('-', '')[:8]})"
    assert "Situation\n  Checkout was down; I was on call." in by_title.out
    assert "Shows: no expectation" in by_title.out
    by_id = run("story", "show", story_id[:6], "--json")
    assert by_id.json()["title"] == "The outage"
    missing = run("story", "show", "nothing")
    assert missing.code == 2 and "no story is called 'nothing'; see: skilltrack story list" in missing.err


def test_an_id_is_found_by_the_shared_prefix_lookup(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stories find ids as postings do (skilltrack.record.ids), not with a lookup of their own."""
    from skilltrack.record import ids

    run("story", "add", "The outage", *STAR)
    story_id = stories(run)["stories"][0]["id"].replace("-", "")
    asked: list[tuple[str, str]] = []
    shared = ids.rows_with_prefix

    def spy(connection: sqlite3.Connection, table: str, prefix: str, *, limit: int = 2) -> list[int]:
        asked.append((table, prefix))
        return shared(connection, table, prefix, limit=limit)

    monkeypatch.setattr(ids, "rows_with_prefix", spy)
    assert run("story", "show", story_id[:4].upper(), "--json").json()["title"] == "The outage"
    assert asked == [("story", story_id[:4])]
    other = "0000" if not story_id.startswith("0000") else "ffff"
    missing = run("story", "show", other)
    assert missing.code == 2
    assert f"no story is called '{other}' and no story's id starts with it" in missing.err


def test_edit_changes_only_what_is_given(run: Run) -> None:
    run("project", "add", "Payments", "--role", "backend engineer", "--from", "2025-01-01")
    run("story", "add", "The outage", *STAR, "--project", "Payments", "--theme", "incident")
    result = run(
        "story", "edit", "the outage", "--title", "The checkout outage", "--result", "Back in 15 minutes",
        "--project", "", "--expectation", "senior.reliability.on-call", "--theme", "incident",
        "--theme", "failure",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Updated story" in result.out
    [story] = stories(run)["stories"]
    assert story["title"] == "The checkout outage"
    assert story["result"] == "Back in 15 minutes"
    assert story["situation"] == "Checkout was down; I was on call."
    assert story["project"] is None
    assert story["expectation"] == "senior.reliability.on-call"
    assert story["themes"] == ["incident", "failure"]
    cleared = run("story", "edit", "The checkout outage", "--expectation", "")
    assert cleared.code == 0
    assert stories(run)["stories"][0]["expectation"] is None


def test_edit_refuses_nothing_to_change_and_a_taken_title(run: Run) -> None:
    run("story", "add", "One", *STAR)
    run("story", "add", "Two", *STAR)
    nothing = run("story", "edit", "One")
    assert nothing.code == 2 and "edit: nothing to change" in nothing.err
    taken = run("story", "edit", "One", "--title", "two")
    assert taken.code == 2 and 'a story is already called "Two"' in taken.err
    assert [s["title"] for s in stories(run)["stories"]] == ["One", "Two"]


def test_remove_asks_unless_yes(run: Run) -> None:
    run("story", "add", "The outage", *STAR)
    refused = run("story", "remove", "the outage")
    assert refused.code == 2
    assert "run again with --yes to confirm" in refused.err
    assert len(stories(run)["stories"]) == 1
    removed = run("story", "remove", "the outage", "--yes")
    assert removed.code == 0 and removed.out.strip() == 'Removed the story "The outage".'
    assert stories(run)["stories"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["T", "--situation", " ", "--task", "t", "--action", "a", "--result", "r"], "situation: is empty"),
        (["", *STAR], "title: is empty"),
        (["T", *STAR, "--theme", "luck"], "theme: 'luck' is not a theme"),
        (["T", *STAR, "--expectation", "senior.nope"], "expectation: 'senior.nope' is not in the ladder"),
        (["T", *STAR, "--project", "Nowhere"], 'project: no project is called "Nowhere"'),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(run: Run, args: list[str], message: str) -> None:
    result = run("story", "add", *args)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert stories(run)["stories"] == []


def test_load_story_coverage_on_a_record(run: Run, db_path: Path) -> None:
    run("story", "add", "Mentoring Sam", *STAR, "--theme", "mentoring", "--expectation",
        "senior.review-mentoring.mentoring")  # fmt: skip
    framework = load_builtin_framework()
    coverage = read_record(
        db_path, lambda db: load_story_coverage(db, framework=framework, level_id="senior")
    )
    assert coverage.stories == 1
    assert "Mentoring" not in coverage.missing_themes and "A conflict" in coverage.missing_themes
    assert "senior.review-mentoring.mentoring" not in {e.id for e in coverage.missing_expectations}
    assert "senior.reliability.on-call" in {e.id for e in coverage.missing_expectations}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=90), part=st.text(max_size=40), theme=st.text(max_size=12))
def test_typed_values_are_accepted_or_refused_clearly(run: Run, title: str, part: str, theme: str) -> None:
    assume(not any(text.startswith("-") for text in (title, part, theme)))  # argparse reads those as options
    result = run(
        "story", "add", title, "--situation", part, "--task", "t", "--action", "a", "--result", "r",
        "--theme", theme,
    )  # fmt: skip
    assert result.code in (0, 2), result.err
    assert "Traceback" not in result.err
