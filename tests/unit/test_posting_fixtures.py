"""Real postings, read as the hiring manager who labelled them read them: the figures the reader is held
to on the 25 hand-labelled fixtures (``tests/fixtures/postings``, README there for the labelling rules)."""

import tomllib

import pytest

from skilltrack.domain.framework import Framework
from skilltrack.domain.postings.reading import read_posting
from tests.unit.posting_scores import FIXTURES, Scores, canonical_names, fixture_names, score

LEAST = 0.95


@pytest.fixture(scope="module")
def scores() -> Scores:
    from skilltrack.guide import load_builtin_framework

    framework = load_builtin_framework()
    return score(framework, canonical_names(framework))


def test_there_are_the_25_labelled_postings() -> None:
    assert len(fixture_names()) == 25


def test_asks_found_are_asks(scores: Scores) -> None:
    assert scores.precision >= LEAST, "\n".join(miss for miss in scores.misses if "not an ask" in miss)


def test_asks_are_found(scores: Scores) -> None:
    assert scores.recall >= LEAST, "\n".join(miss for miss in scores.misses if "missed" in miss)


def test_required_and_nice_to_have_are_told_apart(scores: Scores) -> None:
    assert scores.section_accuracy >= LEAST, "\n".join(miss for miss in scores.misses if " read as " in miss)


def test_the_years_asked_of_the_role(scores: Scores) -> None:
    assert scores.years_accuracy >= LEAST, "\n".join(miss for miss in scores.misses if "headline" in miss)


def test_the_level_each_posting_hires_for(framework: Framework) -> None:
    wrong = []
    for name in fixture_names():
        labels = tomllib.loads((FIXTURES / f"{name}.toml").read_text(encoding="utf-8"))
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        level = read_posting(text, framework, title=labels["title"]).level
        if level is None or level.level_id != labels["level"]:
            wrong.append(f"{name}: {level.level_id if level else None}, labelled {labels['level']}")
    assert not wrong, "\n".join(wrong)


def test_no_two_label_names_are_one_skill_to_the_reader(framework: Framework) -> None:
    """The scores would flatter the reader if two labelled names were one of its skills, unless the ladder
    itself makes them one (its Distributed systems takes "event-driven architecture" as an alias)."""
    canonical = canonical_names(framework)
    names = {
        name
        for slug in fixture_names()
        for ask in tomllib.loads((FIXTURES / f"{slug}.toml").read_text(encoding="utf-8")).get("asks", [])
        for name in (ask["name"], *ask.get("either", []))
    }
    by_reader: dict[str, set[str]] = {}
    for name in names:
        by_reader.setdefault(canonical(name), set()).add(name)
    folded = {
        reader: labels
        for reader, labels in by_reader.items()
        if len(labels) > 1 and not all(framework.term(label) is not None for label in labels)
    }
    assert folded == {}
