"""Names of skills and projects: cleaning, keys, and "did you mean" suggestions."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework
from skilltrack.domain.names import MAX_NAME_LENGTH, clean_name, closest_name, name_key

CORE = settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Kafka", "Kafka"),
        ("  Kafka  ", "Kafka"),
        ("system   design", "system design"),
        ("\tsystem\n design ", "system design"),
        ("system\u00a0design", "system design"),
        ("Café", "Café"),
        ("Cafe\u0301", "Café"),  # NFC: e + combining accent becomes é
        ("x" * MAX_NAME_LENGTH, "x" * MAX_NAME_LENGTH),
        ("  " + "x" * MAX_NAME_LENGTH + "  ", "x" * MAX_NAME_LENGTH),
    ],
)
def test_clean_name_trims_and_collapses_spaces(text: str, cleaned: str) -> None:
    assert clean_name(text) == cleaned


@pytest.mark.parametrize("text", ["", " ", "\t\n", "\u3000"])
def test_clean_name_refuses_empty(text: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_name(text)
    assert caught.value.field == "name"
    assert "empty" in caught.value.problem


def test_clean_name_refuses_over_long_names() -> None:
    with pytest.raises(InputError) as caught:
        clean_name("x" * (MAX_NAME_LENGTH + 1))
    assert caught.value.field == "name"
    assert str(MAX_NAME_LENGTH) in caught.value.problem
    assert str(MAX_NAME_LENGTH + 1) in caught.value.problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Kaf\x00ka", "contains a control character (U+0000) at position 4; use plain text"),
        ("bell\x07", "contains a control character (U+0007) at position 5; use plain text"),
        ("\x1b[31mred", "contains a control character (U+001B) at position 1; use plain text"),
        ("zero\u200bwidth", "contains an invisible character (U+200B) at position 5; use plain text"),
        ("del\x7f", "contains a control character (U+007F) at position 4; use plain text"),
        ("rtl\u202eog", "contains a text direction control (U+202E) at position 4; use plain text"),
    ],
)
def test_clean_name_refuses_control_and_invisible_characters(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_name(text)
    assert caught.value.problem == problem


def test_clean_name_uses_the_field_given() -> None:
    with pytest.raises(InputError) as caught:
        clean_name("", field="project")
    assert caught.value.field == "project"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Go", "go"), ("PostgreSQL", "postgresql"), ("System  Design", "system design"), ("STRASSE", "straße")],
)
def test_name_key_is_case_insensitive(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_tells_different_names_apart() -> None:
    assert name_key("Go") != name_key("Goal")
    assert name_key("Java") != name_key("JavaScript")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("postgress", "PostgreSQL"),
        ("Postgress", "PostgreSQL"),
        ("kafak", "Kafka"),
        ("Kubernetse", "Kubernetes"),
        ("rabitmq", "RabbitMQ"),
        ("Elixir", None),
        ("Haskell", None),
        ("go", None),
        ("k8", None),
        ("", None),
    ],
)
def test_closest_name(typed: str, expected: str | None, framework: Framework) -> None:
    assert closest_name(typed, framework.term_keys()) == expected


def test_closest_name_with_plain_pairs() -> None:
    pairs = [("kafka", "Kafka"), ("apache kafka", "Kafka"), ("redis", "Redis")]
    assert closest_name("apache kafak", pairs) == "Kafka"
    assert closest_name("rediss", pairs) == "Redis"
    assert closest_name("mongo", pairs) is None
    assert closest_name("kafak", []) is None


@CORE
@given(st.text())
def test_clean_name_returns_a_clean_string_or_input_error(text: str) -> None:
    try:
        cleaned = clean_name(text)
    except InputError as error:
        assert error.field == "name"
        return
    assert isinstance(cleaned, str)
    assert cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert len(cleaned) <= MAX_NAME_LENGTH
    assert clean_name(cleaned) == cleaned


@CORE
@given(st.text())
def test_name_key_of_a_clean_name_is_idempotent(text: str) -> None:
    try:
        cleaned = clean_name(text)
    except InputError:
        return
    key = name_key(cleaned)
    assert name_key(key) == key
    assert name_key(cleaned.upper()) == name_key(cleaned.lower()) or not cleaned.isascii()
