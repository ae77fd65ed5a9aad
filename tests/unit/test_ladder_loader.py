"""Reading a ladder file: a minimal valid document, and every way it can be wrong."""

from pathlib import Path

import pytest

from skilltrack.domain.framework import (
    EvidenceRule,
    ExperienceRule,
    Framework,
    HandsOnRule,
    PracticeRule,
    SkillLevelRule,
)
from skilltrack.guide import FrameworkError, load_framework
from skilltrack.guide.loader import parse_framework

MINIMAL = """\
format = "skilltrack-ladder"
version = 1
name = "Test ladder"

[[levels]]
id = "senior"
title = "Senior"

[[levels]]
id = "lead"
title = "Lead"

[[areas]]
id = "core"
title = "Core"

[[skills]]
name = "Kafka"
kind = "messaging"
aliases = ["apache kafka"]

[[skills]]
name = "PostgreSQL"
kind = "datastore"
aliases = ["postgres"]

[[evidence_kinds]]
id = "incident"
title = "Incident handled"

[[expectations]]
id = "senior.skill"
level = "senior"
area = "core"
title = "Knows Kafka"
section = "Tools and technologies"
rule = { kind = "skill_level", skills = ["Kafka", "PostgreSQL"], min_level = 3, count = 1 }

[[expectations]]
id = "senior.hands-on"
level = "senior"
area = "core"
title = "Uses Kafka"
section = "Tools and technologies"
rule = { kind = "hands_on", skills = ["Kafka"], count = 1 }

[[expectations]]
id = "senior.experience"
level = "senior"
area = "core"
title = "Has shipped"
section = "Required skills and qualifications"
rule = { kind = "experience", min_years = 4 }

[[expectations]]
id = "lead.incidents"
level = "lead"
area = "core"
title = "Handles incidents"
section = "Core responsibilities"
weight = 2
rule = { kind = "evidence", kinds = ["incident"], min_count = 2, within_days = 365 }

[[expectations]]
id = "lead.practice"
level = "lead"
area = "core"
title = "Practises"
section = "Interview process and hiring signals"

[expectations.rule]
kind = "practice"
session_kinds = ["mock-interview"]
skills = ["Kafka"]
min_sessions = 2
within_days = 90
"""


def edit(old: str, new: str, text: str = MINIMAL) -> str:
    """``text`` with ``old`` replaced once by ``new``; fails loudly if ``old`` is not there."""
    assert text.count(old) == 1, f"{old!r} should appear exactly once"
    return text.replace(old, new)


def refuse(text: str) -> FrameworkError:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="test.toml")
    error = caught.value
    assert error.source == "test.toml"
    assert str(error).startswith("test.toml: ")
    return error


# ---------------------------------------------------------------- the minimal document


def test_the_minimal_document_is_valid() -> None:
    framework = parse_framework(MINIMAL, source="test.toml")
    assert isinstance(framework, Framework)
    assert framework.source == "test.toml"
    assert framework.name == "Test ladder"
    assert framework.guide == ""
    assert [(level.id, level.rank) for level in framework.levels] == [("senior", 0), ("lead", 1)]
    assert [e.id for e in framework.expectations_for("senior")] == [
        "senior.skill",
        "senior.hands-on",
        "senior.experience",
    ]
    assert len(framework.expectations_for("lead")) == 5
    term = framework.term("postgres")
    assert term is not None
    assert term.name == "PostgreSQL"


def test_the_minimal_document_reads_each_rule_kind_with_its_defaults() -> None:
    rules = {e.id: e.rule for e in parse_framework(MINIMAL, source="test.toml").expectations}
    assert rules["senior.skill"] == SkillLevelRule(("Kafka", "PostgreSQL"), min_level=3, count=1)
    assert rules["senior.hands-on"] == HandsOnRule(("Kafka",), count=1, min_level=3, min_hours=10.0)
    assert rules["senior.experience"] == ExperienceRule(min_years=4.0, min_shipped_projects=1)
    assert rules["lead.incidents"] == EvidenceRule(("incident",), min_count=2, within_days=365)
    assert rules["lead.practice"] == PracticeRule(
        ("mock-interview",), ("Kafka",), min_sessions=2, within_days=90
    )


def test_weight_defaults_to_one() -> None:
    weights = {e.id: e.weight for e in parse_framework(MINIMAL, source="test.toml").expectations}
    assert weights["senior.skill"] == 1
    assert weights["lead.incidents"] == 2


def test_evidence_window_is_optional() -> None:
    text = edit("min_count = 2, within_days = 365 }", "min_count = 2 }")
    rule = next(
        e.rule for e in parse_framework(text, source="test.toml").expectations if e.id == "lead.incidents"
    )
    assert rule == EvidenceRule(("incident",), min_count=2, within_days=None)


# ---------------------------------------------------------------- the document as a whole


def test_invalid_toml() -> None:
    error = refuse(MINIMAL + "\n[[levels]\nid = \n")
    assert "not valid TOML" in error.problem


def test_unknown_top_level_key() -> None:
    error = refuse('colour = "red"\n' + MINIMAL)
    assert error.where == "top level"
    assert "unknown key 'colour'" in error.problem


@pytest.mark.parametrize(
    "line", ['format = "other-ladder"\n', 'format = ""\n', ""], ids=["other", "empty", "missing"]
)
def test_wrong_format(line: str) -> None:
    error = refuse(edit('format = "skilltrack-ladder"\n', line))
    assert error.where == "format"
    assert "skilltrack-ladder" in error.problem


@pytest.mark.parametrize("line", ["version = 2\n", 'version = "1"\n', ""], ids=["2", "string", "missing"])
def test_wrong_version(line: str) -> None:
    error = refuse(edit("version = 1\n", line))
    assert error.where == "version"
    assert "not supported" in error.problem


def test_missing_name() -> None:
    error = refuse(edit('name = "Test ladder"\n', ""))
    assert error.where == "top level"
    assert "'name' is missing" in error.problem


@pytest.mark.parametrize("section", ["levels", "areas", "skills", "evidence_kinds", "expectations"])
def test_every_list_needs_an_entry(section: str) -> None:
    head, _, _ = MINIMAL.partition(f"[[{section}]]")
    error = refuse(head)
    assert error.where == section
    assert f"[[{section}]]" in error.problem


# ---------------------------------------------------------------- entries


def test_missing_field_names_the_entry_and_the_field() -> None:
    error = refuse(edit('id = "lead"\ntitle = "Lead"\n', 'id = "lead"\n'))
    assert error.where == "levels lead"
    assert "'title' is missing" in error.problem


def test_empty_field() -> None:
    error = refuse(edit('title = "Knows Kafka"', 'title = "  "'))
    assert error.where == "expectations senior.skill"
    assert "'title' is empty" in error.problem


def test_unknown_key_in_an_entry() -> None:
    error = refuse(edit('id = "core"\ntitle = "Core"\n', 'id = "core"\ntitle = "Core"\ncolour = "red"\n'))
    assert error.where == "areas core"
    assert "unknown key 'colour'" in error.problem


def test_wrong_type_of_field() -> None:
    error = refuse(edit("weight = 2", 'weight = "2"'))
    assert error.where == "expectations lead.incidents"
    assert "'weight' must be int" in error.problem


@pytest.mark.parametrize("value", ["0", "-1", "true"])
def test_weight_must_be_a_positive_whole_number(value: str) -> None:
    error = refuse(edit("weight = 2", f"weight = {value}"))
    assert error.where == "expectations lead.incidents"
    assert "'weight'" in error.problem


def test_unknown_skill_kind() -> None:
    error = refuse(edit('kind = "messaging"', 'kind = "queue"'))
    assert error.where == "skills Kafka"
    assert "kind 'queue'" in error.problem


def test_aliases_must_be_strings() -> None:
    error = refuse(edit('aliases = ["postgres"]', 'aliases = ["postgres", 5]'))
    assert error.where == "skills PostgreSQL"
    assert "'aliases'" in error.problem


def test_an_entry_must_be_a_table() -> None:
    # A plain array has to come before the first table, so it goes at the top.
    error = refuse('areas = ["core"]\n' + edit('[[areas]]\nid = "core"\ntitle = "Core"\n', ""))
    assert error.where == "areas #1"
    assert "must be a table" in error.problem


# ---------------------------------------------------------------- rules


def test_bad_rule_kind() -> None:
    error = refuse(edit('kind = "experience", min_years = 4', 'kind = "vibes", min_years = 4'))
    assert error.where == "expectations senior.experience rule"
    assert "rule kind 'vibes'" in error.problem
    assert "skill_level" in error.problem


def test_rule_without_a_kind() -> None:
    error = refuse(edit('kind = "experience", min_years = 4', "min_years = 4"))
    assert error.where == "expectations senior.experience rule"
    assert "'kind' is missing" in error.problem


def test_rule_missing_its_required_field() -> None:
    error = refuse(edit('kind = "experience", min_years = 4', 'kind = "experience"'))
    assert error.where == "expectations senior.experience rule"
    assert "'min_years' is missing" in error.problem


def test_unknown_key_in_a_rule() -> None:
    error = refuse(
        edit('kind = "experience", min_years = 4', 'kind = "experience", min_years = 4, max_years = 9')
    )
    assert error.where == "expectations senior.experience rule"
    assert "unknown key 'max_years'" in error.problem


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("min_level = 3, count = 1", "min_level = 6, count = 1", "min_level"),
        ("min_level = 3, count = 1", "min_level = 3, count = 0", "count"),
        ('kind = "experience", min_years = 4', 'kind = "experience", min_years = -1', "min_years"),
        ("min_count = 2, within_days = 365", "min_count = 0, within_days = 365", "min_count"),
        ("min_count = 2, within_days = 365", "min_count = 2, within_days = 0", "within_days"),
        ("within_days = 90", "within_days = -3", "within_days"),
        ('skills = ["Kafka"], count = 1', 'skills = ["Kafka"], count = 1, min_hours = -1', "min_hours"),
        (
            'skills = ["Kafka"], count = 1',
            'skills = ["Kafka"], count = 1, shipped_project = "yes"',
            "shipped_project",
        ),
    ],
)
def test_rule_numbers_out_of_range(old: str, new: str, field: str) -> None:
    error = refuse(edit(old, new))
    assert error.where.endswith(" rule")
    assert f"'{field}'" in error.problem


@pytest.mark.parametrize("value", ["nan", "inf", "+inf", "-nan"])
@pytest.mark.parametrize(
    ("old", "template", "field"),
    [
        ('kind = "experience", min_years = 4', 'kind = "experience", min_years = {}', "min_years"),
        ('skills = ["Kafka"], count = 1', 'skills = ["Kafka"], count = 1, min_hours = {}', "min_hours"),
    ],
    ids=["min_years", "min_hours"],
)
def test_rule_numbers_must_be_finite(old: str, template: str, field: str, value: str) -> None:
    """TOML allows nan and inf; a threshold that is not a real number cannot be met or shown."""
    error = refuse(edit(old, template.format(value)))
    assert error.where.endswith(" rule")
    assert f"'{field}'" in error.problem


def test_unknown_skill_in_a_rule() -> None:
    error = refuse(edit('skills = ["Kafka"], count = 1', 'skills = ["Elixir"], count = 1'))
    assert error.where == "expectations senior.hands-on"
    assert "skill 'Elixir' is not in [[skills]]" in error.problem


def test_unknown_skill_in_a_practice_rule() -> None:
    error = refuse(edit('skills = ["Kafka"]\nmin_sessions', 'skills = ["Elixir"]\nmin_sessions'))
    assert error.where == "expectations lead.practice"
    assert "'Elixir'" in error.problem


def test_a_rule_may_name_a_skill_by_alias() -> None:
    text = edit('skills = ["Kafka"], count = 1', 'skills = ["postgres"], count = 1')
    rule = parse_framework(text, source="test.toml").expectations[1].rule
    assert isinstance(rule, HandsOnRule)
    assert rule.skills == ("postgres",)


def test_unknown_evidence_kind() -> None:
    error = refuse(edit('kinds = ["incident"]', 'kinds = ["incident", "blog-post"]'))
    assert error.where == "expectations lead.incidents"
    assert "evidence kind 'blog-post' is not in [[evidence_kinds]]" in error.problem


def test_unknown_session_kind() -> None:
    error = refuse(edit('session_kinds = ["mock-interview"]', 'session_kinds = ["napping"]'))
    assert error.where == "expectations lead.practice rule"
    assert "session kind 'napping'" in error.problem


def test_count_more_than_skills() -> None:
    error = refuse(edit("min_level = 3, count = 1", "min_level = 3, count = 3"))
    assert error.where == "expectations senior.skill"
    assert "'count' 3 is more than the 2 skills listed" in error.problem


def test_unknown_level_or_area_in_an_expectation() -> None:
    level = refuse(
        edit('id = "lead.incidents"\nlevel = "lead"', 'id = "lead.incidents"\nlevel = "principal"')
    )
    assert level.where == "expectations lead.incidents"
    assert "level 'principal'" in level.problem
    area = refuse(
        edit(
            'id = "lead.practice"\nlevel = "lead"\narea = "core"',
            'id = "lead.practice"\nlevel = "lead"\narea = "vibes"',
        )
    )
    assert area.where == "expectations lead.practice"
    assert "area 'vibes'" in area.problem


# ---------------------------------------------------------------- duplicates


def test_duplicate_level_id() -> None:
    error = refuse(edit('id = "lead"\ntitle = "Lead"', 'id = "Senior"\ntitle = "Lead"'))
    assert error.where == "levels"
    assert "level id 'Senior' appears twice" in error.problem


def test_duplicate_expectation_id() -> None:
    error = refuse(edit('id = "senior.hands-on"', 'id = "senior.skill"'))
    assert error.where == "expectations"
    assert "expectation id 'senior.skill' appears twice" in error.problem


def test_duplicate_evidence_kind() -> None:
    error = refuse(MINIMAL + '\n[[evidence_kinds]]\nid = "incident"\ntitle = "Again"\n')
    assert error.where == "evidence_kinds"
    assert "'incident' appears twice" in error.problem


def test_alias_collides_with_another_skill() -> None:
    error = refuse(edit('aliases = ["postgres"]', 'aliases = ["postgres", "Kafka"]'))
    assert error.where == "skills"
    assert "skill name or alias 'kafka' appears twice" in error.problem


def test_two_skills_share_an_alias() -> None:
    error = refuse(edit('aliases = ["postgres"]', 'aliases = ["postgres", "Apache  Kafka"]'))
    assert error.where == "skills"
    assert "'apache kafka' appears twice" in error.problem


# ---------------------------------------------------------------- files


def test_load_framework_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    framework = load_framework(path)
    assert framework.source == str(path)
    assert framework == parse_framework(MINIMAL, source="elsewhere")


def test_load_framework_names_the_file_in_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    path.write_text(edit("version = 1", "version = 7"), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert str(caught.value).startswith(f"{path}: version: ")


def test_load_framework_on_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "ladder.toml"
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)
    assert "no such file" in caught.value.problem


def test_load_framework_on_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework(tmp_path)
    assert "cannot be read" in caught.value.problem


def test_load_framework_on_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert "cannot be read" in caught.value.problem
