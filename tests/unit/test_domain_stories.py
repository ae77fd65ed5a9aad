"""The story bank's rules: themes as typed and as guessed, titles and parts, and coverage."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import EvidenceRule, Framework
from skilltrack.domain.stories import (
    MAX_TITLE_LENGTH,
    THEMES,
    clean_part,
    clean_title,
    guess_themes,
    parse_theme,
    parse_themes,
    story_coverage,
    story_expectations,
    title_key,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("decision", "decision"),
        ("Leading a decision", "decision"),
        ("CONF", "conflict"),
        ("trade off", "trade-off"),
        ("tradeoff", "trade-off"),
        ("Trade-Offs", "trade-off"),
        ("an incident", "incident"),
        ("ment", "mentoring"),
        ("fail", "failure"),
    ],
)
def test_parse_theme_by_id_title_or_prefix(typed: str, expected: str) -> None:
    assert parse_theme(typed) == expected


@pytest.mark.parametrize("typed", ["", "a", "luck", "incidents!"])
def test_parse_theme_refuses_naming_the_six(typed: str) -> None:
    # "a" prefixes "a conflict", "a trade-off" and "a failure": ambiguous, so refused.
    with pytest.raises(InputError) as error:
        parse_theme(typed)
    assert error.value.field == "theme"
    assert "decision, conflict, incident, mentoring, trade-off, failure" in error.value.problem


@given(st.text(max_size=30))
def test_parse_theme_either_parses_or_raises_a_clear_error(typed: str) -> None:
    try:
        theme = parse_theme(typed)
    except InputError as error:
        assert error.field == "theme"
    else:
        assert theme in {t.id for t in THEMES}


def test_parse_themes_dedupes_and_keeps_the_banks_order() -> None:
    assert parse_themes(["failure", "Decision", "decision"]) == ("decision", "failure")


def test_guess_themes_from_whole_words() -> None:
    text = "We had an outage; I disagreed with the rollback plan and we made a trade-off on latency."
    assert guess_themes(text) == ("conflict", "incident", "trade-off")
    assert guess_themes("I mentored a junior engineer") == ("mentoring",)
    # Whole words only: "decisions" is not "decision" but "decided" is a keyword of its own.
    assert guess_themes("the indecisionary team") == ()
    assert guess_themes("") == ()


@given(st.text(max_size=200))
def test_guess_themes_never_fails_and_returns_known_themes(text: str) -> None:
    assert set(guess_themes(text)) <= {t.id for t in THEMES}


def test_clean_title_and_its_key() -> None:
    assert clean_title("  The   ledger incident ") == "The ledger incident"
    assert title_key("The Ledger  INCIDENT") == title_key("the ledger incident")
    with pytest.raises(InputError, match="title: is empty"):
        clean_title("   ")
    with pytest.raises(InputError, match=f"use at most {MAX_TITLE_LENGTH}"):
        clean_title("x" * (MAX_TITLE_LENGTH + 1))
    with pytest.raises(InputError, match=r"control character \(U\+0000\) at position 4"):
        clean_title("bad\x00title")


@given(st.text(max_size=120))
def test_clean_title_either_cleans_or_raises_a_clear_error(text: str) -> None:
    try:
        cleaned = clean_title(text)
    except InputError as error:
        assert error.field == "title"
    else:
        assert cleaned == cleaned.strip() and 0 < len(cleaned) <= MAX_TITLE_LENGTH


def test_clean_part_keeps_lines_and_refuses_empty() -> None:
    assert clean_part("  first line  \n second  ", "action") == "first line\n second"
    with pytest.raises(InputError) as error:
        clean_part(" \n ", "result")
    assert error.value.field == "result"


@given(st.text(max_size=60))
def test_clean_part_either_cleans_or_raises_a_clear_error(text: str) -> None:
    try:
        clean_part(text, "situation")
    except InputError as error:
        assert error.field == "situation"


def test_story_expectations_are_the_levels_evidence_expectations(framework: Framework) -> None:
    showable = story_expectations(framework, "senior")
    ids = {e.id for e in showable}
    assert "senior.reliability.on-call" in ids
    assert "senior.review-mentoring.mentoring" in ids
    # Not told as stories: self-ratings, tool use, years, interview practice, PR descriptions.
    assert "senior.interview.behavioural" not in ids
    assert "senior.design.service-design" not in ids
    assert "senior.remote-communication.pr-descriptions" not in ids
    assert all(isinstance(e.rule, EvidenceRule) for e in showable)
    assert all(e.level == "senior" for e in showable)
    lead = {e.id for e in story_expectations(framework, "lead")}
    assert ids < lead and "lead.review-mentoring.mentoring" in lead


def test_coverage_names_missing_themes_and_expectations(framework: Framework) -> None:
    coverage = story_coverage(
        stories=2,
        themes_told=["incident", "trade-off"],
        expectations_told=["senior.reliability.on-call", "no.longer.in.the.ladder"],
        framework=framework,
        level_id="senior",
    )
    assert coverage.stories == 2
    assert coverage.missing_themes == ("Leading a decision", "A conflict", "Mentoring", "A failure")
    assert coverage.covered_themes == ("An incident", "A trade-off")
    missing = {e.id for e in coverage.missing_expectations}
    assert "senior.reliability.on-call" not in missing
    assert "senior.design.design-docs" in missing
    assert [e.id for e in coverage.covered_expectations] == ["senior.reliability.on-call"]
    assert not coverage.complete


def test_full_coverage(framework: Framework) -> None:
    coverage = story_coverage(
        stories=9,
        themes_told=[t.id for t in THEMES],
        expectations_told=[e.id for e in story_expectations(framework, "senior")],
        framework=framework,
        level_id="senior",
    )
    assert coverage.complete
