"""Choices typed by id, title or prefix (rounds, rubric criteria, themes), matched one way everywhere."""

from hypothesis import given
from hypothesis import strategies as st

from skilltrack.domain.choices import choice_key, matching_choices, typed_choice

CHOICES = [("system-design", "System design"), ("coding", "Coding"), ("debugging", "Debugging")]


def test_keys_ignore_case_spaces_hyphens_and_underscores() -> None:
    assert choice_key("  System_Design ") == choice_key("system - design") == "system-design"


def test_an_exact_key_wins_over_longer_ones_it_starts() -> None:
    options = [("fix", "fix"), ("fix-and-verify", "fix-and-verify")]
    assert matching_choices("fix", options) == ["fix"]
    assert matching_choices("fi", options) == ["fix", "fix-and-verify"]


def test_a_choice_by_id_title_alias_or_unambiguous_prefix() -> None:
    aliases = {"sd": "system-design"}
    assert typed_choice("Coding", CHOICES, aliases) == "coding"
    assert typed_choice("system design", CHOICES, aliases) == "system-design"
    assert typed_choice("SD", CHOICES, aliases) == "system-design"
    assert typed_choice("deb", CHOICES, aliases) == "debugging"


def test_none_for_nothing_typed_an_unknown_word_or_an_ambiguous_prefix() -> None:
    assert typed_choice("  ", CHOICES, {}) is None
    assert typed_choice("cooking", CHOICES, {}) is None
    assert typed_choice("d", [("debugging", "Debugging"), ("design", "Design")], {}) is None


@given(st.text())
def test_any_text_names_one_choice_or_none(text: str) -> None:
    assert typed_choice(text, CHOICES, {}) in {None, "system-design", "coding", "debugging"}
