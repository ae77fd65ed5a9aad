"""The built-in ladder: it loads, and it stays faithful to the guide it was derived from."""

from collections import Counter
from importlib.resources import files

import pytest

from skilltrack.domain.framework import (
    SESSION_KINDS,
    SKILL_KINDS,
    EvidenceRule,
    Framework,
    HandsOnRule,
    PracticeRule,
    SkillLevelRule,
)
from skilltrack.guide import load_builtin_framework
from skilltrack.guide.loader import parse_framework

# The section headings of the source guide ("Remote senior backend engineer"), in order.
GUIDE_SECTIONS = (
    "What remote senior backend engineers do",
    "Core responsibilities",
    "Required skills and qualifications",
    "Salary and compensation",
    "Remote work specifics",
    "Career progression",
    "Interview process and hiring signals",
    "Top remote companies hiring",
    "Tools and technologies",
    "Frequently asked questions",
)

# Everything the guide's "Tools and technologies" section names.
GUIDE_TOOLS = (
    "Go",
    "Python",
    "Java",
    "Node.js",
    "Rust",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kafka",
    "RabbitMQ",
    "Kubernetes",
    "Terraform",
    "Datadog",
    "Grafana",
    "gRPC",
    "REST",
    "AWS",
    "GCP",
    "Azure",
)

AREAS = (
    "languages",
    "data-stores",
    "apis",
    "distributed-systems",
    "cloud-infrastructure",
    "observability",
    "delivery",
    "reliability",
    "design",
    "review-mentoring",
    "collaboration",
    "remote-communication",
    "interview",
)


def test_the_built_in_ladder_loads(framework: Framework) -> None:
    assert framework.name
    assert framework.source == "built-in ladder"
    assert framework.expectations
    assert load_builtin_framework() is load_builtin_framework()


def test_the_packaged_file_parses_to_the_same_ladder(framework: Framework) -> None:
    text = files("skilltrack.guide").joinpath("ladder.toml").read_text(encoding="utf-8")
    assert parse_framework(text, source="again") == framework


def test_levels_are_senior_lead_staff_in_order(framework: Framework) -> None:
    assert [level.id for level in framework.levels] == ["senior", "lead", "staff"]
    assert [level.rank for level in framework.levels] == [0, 1, 2]
    for level in framework.levels:
        assert level.title
        assert level.summary
        assert level.why


def test_every_level_has_its_own_expectations(framework: Framework) -> None:
    counts = Counter(e.level for e in framework.expectations)
    assert set(counts) == {"senior", "lead", "staff"}
    assert all(count >= 5 for count in counts.values())


def test_all_thirteen_areas_exist_and_each_is_used(framework: Framework) -> None:
    assert [area.id for area in framework.areas] == list(AREAS)
    used = {e.area for e in framework.expectations}
    assert used == set(AREAS)
    assert all(area.title for area in framework.areas)


def test_every_expectation_cites_a_section_of_the_guide(framework: Framework) -> None:
    for expectation in framework.expectations:
        assert expectation.section in GUIDE_SECTIONS, expectation.id


def test_every_skill_cites_a_section_of_the_guide(framework: Framework) -> None:
    for term in framework.skills:
        assert term.section in GUIDE_SECTIONS, term.name
        assert term.kind in SKILL_KINDS, term.name


def test_the_guide_is_covered_by_expectations(framework: Framework) -> None:
    cited = {e.section for e in framework.expectations}
    assert cited >= {
        "What remote senior backend engineers do",
        "Core responsibilities",
        "Required skills and qualifications",
        "Remote work specifics",
        "Interview process and hiring signals",
        "Tools and technologies",
    }


@pytest.mark.parametrize("tool", GUIDE_TOOLS)
def test_every_tool_the_guide_names_is_in_the_vocabulary(tool: str, framework: Framework) -> None:
    term = framework.term(tool)
    assert term is not None
    assert term.name == tool


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("postgres", "PostgreSQL"),
        ("Postgres", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("K8S", "Kubernetes"),
        ("golang", "Go"),
        ("go", "Go"),
        ("apache kafka", "Kafka"),
        ("node", "Node.js"),
    ],
)
def test_aliases(alias: str, name: str, framework: Framework) -> None:
    term = framework.term(alias)
    assert term is not None
    assert term.name == name


def test_tools_the_guide_names_are_used_by_expectations(framework: Framework) -> None:
    used: set[str] = set()
    for expectation in framework.expectations:
        for skill in getattr(expectation.rule, "skills", ()):
            term = framework.term(skill)
            assert term is not None
            used.add(term.name)
    assert set(GUIDE_TOOLS) <= used


def test_expectation_ids_are_unique_and_name_their_level_and_area(framework: Framework) -> None:
    ids = [e.id for e in framework.expectations]
    assert len(ids) == len(set(ids))
    for expectation in framework.expectations:
        level, area, _ = expectation.id.split(".")
        assert (level, area) == (expectation.level, expectation.area)


def test_every_expectation_is_explained(framework: Framework) -> None:
    for expectation in framework.expectations:
        assert expectation.title, expectation.id
        assert expectation.why, expectation.id
        assert expectation.weight >= 1, expectation.id


def test_every_rule_refers_to_known_names(framework: Framework) -> None:
    kinds = {kind.id for kind in framework.evidence_kinds}
    for expectation in framework.expectations:
        rule = expectation.rule
        for skill in getattr(rule, "skills", ()):
            assert framework.term(skill) is not None, (expectation.id, skill)
        if isinstance(rule, SkillLevelRule | HandsOnRule):
            assert 1 <= rule.count <= len(rule.skills), expectation.id
        if isinstance(rule, EvidenceRule):
            assert set(rule.kinds) <= kinds, expectation.id
        if isinstance(rule, PracticeRule):
            assert set(rule.session_kinds) <= set(SESSION_KINDS), expectation.id


def test_every_evidence_kind_is_asked_for(framework: Framework) -> None:
    asked = {
        kind for e in framework.expectations if isinstance(e.rule, EvidenceRule) for kind in e.rule.kinds
    }
    assert asked == {kind.id for kind in framework.evidence_kinds}


def test_names_and_aliases_never_collide(framework: Framework) -> None:
    keys = [key for term in framework.skills for key in term.keys]
    assert len(keys) == len(set(keys))
