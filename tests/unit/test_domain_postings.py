"""Reading a job posting into what it asks for, and holding it against a record."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import InputError
from skilltrack.domain.facts import EvidenceFacts, RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.kinds import POSTING_STATUSES
from skilltrack.domain.postings.asks import (
    MAX_POSTING_CHARACTERS,
    Importance,
    PostingRead,
    SkillAsk,
    Strength,
    YearsAsk,
)
from skilltrack.domain.postings.matching import assess_posting, match_posting
from skilltrack.domain.postings.reading import read_posting
from skilltrack.domain.postings.text import clean_line, clean_link, clean_posting_text, parse_posting_status
from skilltrack.domain.readiness import Status, assess
from skilltrack.render.postings import found_line, match_json, match_markdown, match_text
from tests.conftest import TODAY
from tests.probes import imports_load

FIXTURE = Path(__file__).parent.parent / "fixtures" / "postings" / "senior-backend.txt"


def asks(text: str, framework: Framework, record: RecordFacts | None = None) -> dict[str, Importance]:
    return {ask.name: ask.importance for ask in read_posting(text, framework, record=record).skills}


def skill(read: PostingRead, name: str) -> SkillAsk:
    return next(ask for ask in read.skills if ask.name == name)


# ---------------------------------------------------------------- the fixture posting


def test_the_fixture_posting_is_read_into_required_and_nice_to_have(framework: Framework) -> None:
    read = read_posting(FIXTURE.read_text(encoding="utf-8"), framework)
    found = {ask.name: ask.importance for ask in read.skills}
    required = {name for name, importance in found.items() if importance is Importance.REQUIRED}
    nice = {name for name, importance in found.items() if importance is Importance.NICE}
    assert {
        "Go",
        "Python",
        "Kubernetes",
        "AWS",
        "PostgreSQL",
        "Kafka",
        "Distributed systems",
        "On-call",
        "Architecture documents",
        "Async design review",
        "Mentoring",
        "Code review",
        "Metrics",
        "Logging",
        "Tracing",
        "REST",
        "gRPC",
        "API design",
        "Database schema design",
    } <= required
    # "Redis as a cache and for rate limiting": the field's vocabulary knows caching and rate limiting.
    assert nice == {"Terraform", "Redis", "RabbitMQ", "Caching", "Rate limiting"}
    # "What we offer" is not an ask: its system design interview and coding exercise are skipped; system
    # design is asked by the duty "Design and build event-driven systems", in verbs.
    assert "Coding interview" not in found
    assert skill(read, "System design").line.startswith("Design and build event-driven systems")
    assert read.separated
    assert skill(read, "Kubernetes").phrases == ("k8s", "Kubernetes")
    assert skill(read, "PostgreSQL").phrases[0] == "Postgres"
    assert set(skill(read, "Mentoring").phrases) == {"mentor", "mentored"}
    assert skill(read, "On-call").phrases[0] == "on-call rotation"
    assert skill(read, "Architecture documents").phrases == ("design docs",)
    assert skill(read, "Distributed systems").phrases == ("event-driven systems",)
    assert skill(read, "Go").mentions == 3
    # Only the requirement's years: not the salary range, not the equity vesting.
    assert [(y.min_years, y.max_years, y.importance) for y in read.years] == [(5, None, Importance.REQUIRED)]
    assert read.years[0].subject == "backend engineering"


# ---------------------------------------------------------------- vocabulary, aliases, inflections


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Strong Postgres skills", "PostgreSQL"),
        ("You know POSTGRESQL well", "PostgreSQL"),
        ("Running k8s clusters", "Kubernetes"),
        ("Golang services", "Go"),
        ("Experience with Go", "Go"),
        ("event-driven systems with Kafka", "Kafka"),
        ("event-driven systems with Kafka", "Distributed systems"),
        ("join our on-call rotation", "On-call"),
        ("you will be on call one week in six", "On-call"),
        ("take part in oncall", "On-call"),
        ("write design docs", "Architecture documents"),
        ("Design-Docs for every big change", "Architecture documents"),
        ("you have mentored engineers", "Mentoring"),
        ("mentoring juniors", "Mentoring"),
        ("mentor two engineers", "Mentoring"),
        ("coached new hires", "Mentoring"),
        ("Node.js or Python", "Node.js"),
        ("CI/CD pipelines", "CI/CD"),
        ("code reviews that teach", "Code review"),
        ("REST APIs", "REST"),
        ("gRPC API design", "API design"),
        ("gRPC API design", "gRPC"),
        ("debugging production issues", "Debugging"),
        ("profiled hot paths", "Performance"),
        ("technical standards", "Technical standards"),
        ("a technical standard", "Technical standards"),
        ("microservices", "Microservices"),
        ("apache kafka", "Kafka"),
        ("incident response", "On-call"),
    ],
)
def test_names_aliases_and_inflections_are_found(text: str, name: str, framework: Framework) -> None:
    assert name in asks(text, framework)


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("JavaScript and TypeScript", "Java"),
        ("the rest of the team", "REST"),
        ("ready to go live", "Go"),
        ("a node in the cluster", "Node.js"),
        ("Erlang", "Go"),
        ("Rustic offices", "Rust"),
        ("pgadmin", "PostgreSQL"),
        ("redistribution", "Redis"),
        ("the cd command", "CI/CD"),
        ("Go ahead and apply even if you miss one of these", "Go"),
        ("Partner with our Go-to-market team", "Go"),
        ("a go-to tool for the team", "Go"),
        ("PG&E experience", "PostgreSQL"),
        ("Node is not needed", "Node.js"),
        ("You do not need Kafka", "Kafka"),
    ],
)
def test_words_are_whole_and_common_words_are_not_skills(
    text: str, not_found: str, framework: Framework
) -> None:
    assert not_found not in asks(text, framework)


def test_a_phrase_inside_a_longer_one_counts_once(framework: Framework) -> None:
    read = read_posting("distributed tracing and apache kafka", framework)
    assert {ask.name: ask.mentions for ask in read.skills} == {"Tracing": 1, "Kafka": 1}


def test_the_records_own_skills_and_aliases_are_found_too(framework: Framework) -> None:
    record = RecordFacts(
        skills=(
            SkillFacts("Elixir", "language", aliases=("elixir-lang",), level=2),
            SkillFacts("PostgreSQL", "datastore", aliases=("pgsql",), level=3),
        )
    )
    found = asks("Elixir-lang and pgsql, with Docker", framework, record)
    # Docker is the field's vocabulary's, beside the ladder's.
    assert found == {
        "Elixir": Importance.REQUIRED,
        "PostgreSQL": Importance.REQUIRED,
        "Docker": Importance.REQUIRED,
    }
    # "or" makes them one ask that either answers.
    (either,) = read_posting("Elixir-lang, or pgsql", framework, record=record).skills
    assert (either.label, either.names) == ("Elixir or PostgreSQL", ("Elixir", "PostgreSQL"))


# ---------------------------------------------------------------- required and nice-to-have


@pytest.mark.parametrize(
    ("heading", "importance"),
    [
        ("Requirements", Importance.REQUIRED),
        ("## Must have", Importance.REQUIRED),
        ("What you'll bring:", Importance.REQUIRED),
        ("What you’ll bring", Importance.REQUIRED),
        ("**Minimum qualifications**", Importance.REQUIRED),
        ("Nice to have:", Importance.NICE),
        ("## Nice-to-haves", Importance.NICE),
        ("Bonus points", Importance.NICE),
        ("Preferred qualifications:", Importance.NICE),
        ("**Pluses**", Importance.NICE),
        ("BONUS", Importance.NICE),
    ],
)
def test_headings_say_what_is_required(heading: str, importance: Importance, framework: Framework) -> None:
    text = f"Intro line.\n\n{heading}\n- Experience with Kafka\n"
    assert asks(text, framework) == {"Kafka": importance}


def test_skipped_sections_are_not_asks(framework: Framework) -> None:
    text = "Requirements:\n- Go\n\nBenefits\n- Kubernetes training budget\n\nAbout us:\nWe love Rust.\n"
    assert asks(text, framework) == {"Go": Importance.REQUIRED}


def test_markers_in_a_line_make_it_nice_to_have(framework: Framework) -> None:
    text = (
        "Requirements\n- Go\n- Experience with RabbitMQ is a plus\n- Terraform (nice to have)\n"
        "- Bonus: Rust\n- Ideally some Datadog\n"
    )
    found = asks(text, framework)
    assert found["Go"] is Importance.REQUIRED
    assert {found["RabbitMQ"], found["Terraform"], found["Rust"], found["Datadog"]} == {Importance.NICE}


def test_not_a_must_is_nice_to_have(framework: Framework) -> None:
    text = "Requirements\n- Go\n- Not a must: Rust\n- Kafka, not mandatory\n"
    assert asks(text, framework) == {
        "Go": Importance.REQUIRED,
        "Rust": Importance.NICE,
        "Kafka": Importance.REQUIRED,  # a marker in the line itself is not a heading label
    }
    assert asks("Requirements\nNot a must:\n- Rust\n", framework) == {"Rust": Importance.NICE}


def test_a_marker_holds_only_for_its_own_clause(framework: Framework) -> None:
    text = "Requirements\n- Go and Kubernetes; Kafka is a plus\n- Strong Python, but Rust would be a bonus\n"
    assert asks(text, framework) == {
        "Go": Importance.REQUIRED,
        "Kubernetes": Importance.REQUIRED,
        "Kafka": Importance.NICE,
        "Python": Importance.REQUIRED,
        "Rust": Importance.NICE,
    }


def test_plain_text_lines_naming_a_skill_are_asks_not_headings(framework: Framework) -> None:
    # Bullets lost in a paste: "Kafka experience" is an ask under "Nice to have", not a required heading.
    plain = "Requirements\nGo\n\nNice to have\nKafka experience\nTerraform\nRedis\n"
    assert asks(plain, framework) == {
        "Go": Importance.REQUIRED,
        "Kafka": Importance.NICE,
        "Terraform": Importance.NICE,
        "Redis": Importance.NICE,
    }
    # "… is a bonus" makes its own line nice-to-have, not the lines after it.
    bonus = "What you need\nGo\nFamiliarity with Terraform is a bonus\nKafka\n"
    assert asks(bonus, framework) == {
        "Go": Importance.REQUIRED,
        "Terraform": Importance.NICE,
        "Kafka": Importance.REQUIRED,
    }


def test_unknown_headings_are_asks_only_when_no_heading_is_known(framework: Framework) -> None:
    perks = (
        "Requirements:\n- Go\n\nWhat's in it for you:\n"
        "- Learning budget, e.g. for a Redis or AWS certification\n\n## Where you'll work\n- Kafka team\n"
    )
    assert asks(perks, framework) == {"Go": Importance.REQUIRED}
    assert asks("## Our platform:\n- Go and Kafka\n", framework) == {
        "Go": Importance.REQUIRED,
        "Kafka": Importance.REQUIRED,
    }


def test_required_wins_when_a_skill_is_in_both_parts(framework: Framework) -> None:
    text = "Requirements\n- Kafka\n\nNice to have\n- Kafka Streams, Redis\n"
    assert asks(text, framework) == {"Kafka": Importance.REQUIRED, "Redis": Importance.NICE}


def test_a_posting_without_parts_asks_for_everything(framework: Framework) -> None:
    read = read_posting("Payments in Go on PostgreSQL and Kafka.", framework)
    assert not read.separated
    assert {ask.importance for ask in read.skills} == {Importance.REQUIRED}


# ---------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("5+ years of experience", (5, None)),
        ("5 + yrs of backend experience", (5, None)),
        ("at least 5 years of backend experience", (5, None)),
        ("A minimum of 6 years building distributed systems", (6, None)),
        ("3-5 years experience with Go", (3, 5)),
        ("3–5 years of professional experience", (3, 5)),
        ("3 to 5 years in backend development", (3, 5)),
        ("five years of experience", (5, None)),
        ("7 or more years of software engineering", (7, None)),
        ("4 years of experience with Python", (4, None)),
    ],
)
def test_years_of_experience(line: str, expected: tuple[float, float | None], framework: Framework) -> None:
    read = read_posting(f"Requirements\n- {line}\n", framework)
    assert [(ask.min_years, ask.max_years) for ask in read.years] == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "We were founded 10 years ago",
        "Our platform has served shops for 12 years",
        "Equity with 4 years vesting",
        "Salary 85-100k, 30 days of holiday",
        "Release 2.5 shipped last week",
        "Our team has 20+ years of combined experience",
    ],
)
def test_other_numbers_are_not_years_asked(line: str, framework: Framework) -> None:
    assert read_posting(f"{line}\n", framework).years == ()


def test_years_of_a_named_skill_are_held_against_that_skill(framework: Framework) -> None:
    text = "Requirements\n- 3+ years of Rust in production\n"

    def years_item(record: RecordFacts) -> tuple[Strength, tuple[str, ...], str]:
        match = assess_posting(text, framework, record, TODAY)
        (item,) = [item for item in match.items if isinstance(item.ask, YearsAsk)]
        assert isinstance(item.ask, YearsAsk) and item.ask.skills == ("Rust",)
        return item.strength, item.facts, item.next_step

    # 6.9 years of career and no Rust: the career is not Rust.
    strength, facts, step = years_item(example_record())
    assert (strength, facts, step) == (Strength.MISSING, ("Rust: not in your record",), "start using Rust")
    rust = SkillFacts("Rust", "language", level=3, minutes_total=1200, first_used_on=date(2026, 3, 1))
    strength, facts, step = years_item(example_record(skills=(rust,)))
    assert strength is Strength.SOME  # used in earnest, but for 0.7 of the 3 years
    assert facts[0] == "Rust first in use 2026-03-01 (0.7 years)"
    assert step == "time: 3 years of Rust on 2029-03-01"
    long_ago = SkillFacts("Rust", "language", level=1, minutes_total=60, first_used_on=date(2020, 1, 1))
    assert years_item(example_record(skills=(long_ago,)))[0] is Strength.SOME  # years, but little use
    seasoned = SkillFacts(
        "Rust",
        "language",
        level=2,
        minutes_total=60,
        shipped_projects=("Ledger",),
        first_used_on=date(2021, 1, 1),
    )
    assert years_item(example_record(skills=(seasoned,)))[0] is Strength.STRONG
    undated = SkillFacts("Rust", "language", level=5)
    strength, facts, _ = years_item(example_record(skills=(undated,)))
    assert strength is Strength.SOME and facts[0] == "no session or project of Rust in your record"


def test_years_of_either_of_two_skills(framework: Framework) -> None:
    go = SkillFacts("Go", "language", level=4, minutes_total=3000, first_used_on=date(2019, 1, 1))
    match = assess_posting("- 5+ years of Python or Go\n", framework, RecordFacts(skills=(go,)), TODAY)
    years = next(item for item in match.items if isinstance(item.ask, YearsAsk))
    assert years.strength is Strength.STRONG
    both = assess_posting("- 5+ years of Python and Go\n", framework, RecordFacts(skills=(go,)), TODAY)
    assert next(item for item in both.items if isinstance(item.ask, YearsAsk)).strength is Strength.MISSING


def test_subject_of_the_years(framework: Framework) -> None:
    read = read_posting("- 6+ years of hands-on experience building payment systems, ideally\n", framework)
    assert read.years[0].subject == "payment systems"
    assert read.years[0].name == "6+ years of payment systems"


# ---------------------------------------------------------------- held against a record

ASK_EVERYTHING = """Requirements
- 5+ years of backend experience
- Go, PostgreSQL, Kafka and Kubernetes
- You have mentored engineers

Nice to have
- Terraform
"""


def example_record(**changes: object) -> RecordFacts:
    mentoring = (
        EvidenceFacts("a1", "mentoring", "Mentored a new hire for six weeks", date(2026, 8, 1)),
        EvidenceFacts("a2", "mentoring", "Coached two interns", date(2026, 3, 1)),
    )
    values: dict[str, object] = {
        "career_started_on": date(2020, 1, 1),
        "shipped_projects": ("Ledger",),
        "skills": (
            SkillFacts("Go", "language", ("golang",), level=4, rated_on=date(2026, 6, 1), minutes_total=3000),
            SkillFacts("PostgreSQL", "datastore", ("postgres",), level=2, minutes_total=300),
            SkillFacts("Kafka", "messaging", (), minutes_total=900, shipped_projects=("Ledger",)),
            SkillFacts("Kubernetes", "infrastructure", (), level=1),
        ),
        "evidence": mentoring,
    }
    values.update(changes)
    return RecordFacts(**values)  # type: ignore[arg-type]


def readiness_action(record: RecordFacts, framework: Framework, skill_name: str) -> str | None:
    """Readiness's next step about a skill: the first gap about it, from the lowest level up."""
    term = framework.term(skill_name)
    assert term is not None
    for level in assess(record, framework, TODAY).levels:
        for result in level.gaps:
            about = result.action.skill if result.action is not None else None
            known = framework.term(about) if about else None
            if known is not None and known.keys & term.keys:
                return result.next_step
    return None


def strengths(record: RecordFacts, framework: Framework, text: str = ASK_EVERYTHING) -> dict[str, Strength]:
    match = assess_posting(text, framework, record, TODAY)
    return {item.ask.name: item.strength for item in match.items}


def test_strong_some_and_missing(framework: Framework) -> None:
    found = strengths(example_record(), framework)
    assert found == {
        "5+ years of backend": Strength.STRONG,
        "Go": Strength.STRONG,  # level 4
        "PostgreSQL": Strength.SOME,  # level 2, 5 hours
        "Kafka": Strength.STRONG,  # not rated, but 15 hours and shipped
        "Kubernetes": Strength.MISSING,  # level 1, nothing logged
        "Mentoring": Strength.STRONG,  # two evidence entries
        "Terraform": Strength.MISSING,  # not in the record
    }


def test_a_low_self_rating_caps_the_match_at_some(framework: Framework) -> None:
    record = example_record(
        skills=(
            SkillFacts("Kafka", "messaging", (), level=2, minutes_total=900, shipped_projects=("Ledger",)),
        )
    )
    assert strengths(record, framework, "Kafka")["Kafka"] is Strength.SOME


def test_the_evidence_behind_a_match(framework: Framework) -> None:
    match = assess_posting(ASK_EVERYTHING, framework, example_record(), TODAY)
    by_name = {item.ask.name: item for item in match.items}
    assert [e.title for e in by_name["Mentoring"].evidence] == [
        "Mentored a new hire for six weeks",
        "Coached two interns",
    ]
    assert by_name["Go"].facts == ("level 4 (rated 2026-06-01)", "50 h logged")
    assert "shipped in Ledger" in by_name["Kafka"].facts
    assert by_name["Terraform"].facts == ("not in your record",)
    assert by_name["5+ years of backend"].facts == ("6.9 years since your career start (2020-01-01)",)


@pytest.mark.parametrize(
    ("career_start", "strength"),
    [
        (date(2020, 1, 1), Strength.STRONG),
        (date(2022, 6, 1), Strength.SOME),
        (date(2025, 1, 1), Strength.MISSING),
    ],
)
def test_years_against_the_career_start(career_start: date, strength: Strength, framework: Framework) -> None:
    found = strengths(example_record(career_started_on=career_start), framework, "5+ years of experience")
    assert found == {"5+ years of experience": strength}


def test_years_without_a_career_start(framework: Framework) -> None:
    match = assess_posting("5+ years of experience", framework, RecordFacts(), TODAY)
    (item,) = match.items
    assert item.strength is Strength.MISSING
    assert item.facts == ("career start not set",)
    assert item.next_step == "set your career start in the profile"


def test_required_weighs_twice_nice_to_have(framework: Framework) -> None:
    record = RecordFacts(skills=(SkillFacts("Go", "language", level=5, minutes_total=600),))
    assert (
        assess_posting("Requirements\n- Go\nNice to have\n- Rust\n", framework, record, TODAY).percent == 66
    )
    assert (
        assess_posting("Requirements\n- Rust\nNice to have\n- Go\n", framework, record, TODAY).percent == 33
    )
    half = assess_posting("Requirements\n- Go\n- Rust\n", framework, record, TODAY)
    assert (half.percent, half.part_percent(Importance.NICE)) == (50, None)


@pytest.mark.parametrize(
    ("go", "strength"),
    [
        (SkillFacts("Go", "language", level=4), Strength.CLAIMED),
        (SkillFacts("Go", "language", level=4, minutes_total=599), Strength.CLAIMED),
        (SkillFacts("Go", "language", level=4, minutes_total=600), Strength.STRONG),
        (SkillFacts("Go", "language", level=4, shipped_projects=("Ledger",)), Strength.STRONG),
        (SkillFacts("Go", "language", level=2, minutes_total=600), Strength.SOME),
    ],
    ids=["rating-alone", "under-ten-hours", "ten-hours", "shipped", "low-rating"],
)
def test_a_rating_alone_is_a_claim_and_counts_half_like_some(
    go: SkillFacts, strength: Strength, framework: Framework
) -> None:
    match = assess_posting("Requirements\n- Go\n- Rust\n", framework, RecordFacts(skills=(go,)), TODAY)
    by_name = {item.ask.name: item for item in match.items}
    assert by_name["Go"].strength is strength
    assert match.percent == {Strength.STRONG: 50, Strength.CLAIMED: 25, Strength.SOME: 25}[strength]
    if strength is Strength.CLAIMED:
        assert by_name["Go"].next_step.startswith("log ")
        assert by_name["Go"] in match.practise_first


def test_evidence_shows_a_rating_when_its_kind_names_the_skill_as_readiness_counts_it(
    framework: Framework,
) -> None:
    design_doc = EvidenceFacts("d1", "design-doc", "Ledger idempotency", date(2026, 11, 1))
    mention = EvidenceFacts("k1", "incident", "Kafka consumer lag on Black Friday", date(2026, 11, 1))
    record = RecordFacts(
        skills=(
            SkillFacts("Kafka", "messaging", level=4),
            SkillFacts("Architecture documents", "practice", level=3),
        ),
        evidence=(design_doc, mention),
    )
    found = strengths(record, framework, "Requirements\n- Kafka\n- design docs\n")

    assert found["Architecture documents"] is Strength.STRONG  # a design doc led is one
    assert found["Kafka"] is Strength.CLAIMED  # named in an incident's title: listed, but shows nothing
    [docs] = [
        result
        for level in assess(record, framework, TODAY).levels
        for result in level.results
        if result.expectation.id == "senior.remote-communication.architecture-docs"
    ][:1]
    assert docs.status is Status.MET


def test_what_to_practise_first(framework: Framework) -> None:
    match = assess_posting(ASK_EVERYTHING, framework, example_record(), TODAY)
    # Required before nice-to-have, missing before some; strong skills and years are never listed.
    assert [item.ask.name for item in match.practise_first] == ["Kubernetes", "PostgreSQL", "Terraform"]
    assert match.practise_first[0].next_step == "log 10 h of Kubernetes or use it in a shipped project"
    # The same words Readiness gives the Kubernetes gap.
    assert match.practise_first[0].next_step == readiness_action(example_record(), framework, "Kubernetes")


def test_jd_says_what_readiness_says_about_the_same_skill(framework: Framework) -> None:
    # Logging and Metrics shown, Tracing short: Readiness's gap on the three signals is about Tracing.
    record = RecordFacts(
        skills=(
            SkillFacts("Logging", "observability", level=3, minutes_total=600),
            SkillFacts("Metrics", "observability", level=3, minutes_total=600),
            SkillFacts("Tracing", "observability", level=2, minutes_total=180),
        )
    )
    signals = next(
        result
        for result in assess(record, framework, TODAY).level("senior").gaps
        if result.expectation.id == "senior.observability.signals"
    )
    assert signals.skill == "Tracing"
    assert signals.next_step == "log 7 h more of Tracing or use it in a shipped project"
    match = assess_posting("Requirements\n- distributed tracing\n", framework, record, TODAY)
    (tracing,) = match.practise_first
    assert tracing.ask.name == "Tracing"
    assert tracing.next_step == signals.next_step


def test_every_next_step_of_the_fixture_posting_is_readinesss_when_it_has_one(framework: Framework) -> None:
    record = example_record(
        skills=(
            *example_record().skills,
            SkillFacts("Datadog", "observability", level=3),
            SkillFacts("Architecture documents", "practice", level=3),
        )
    )
    match = assess_posting(FIXTURE.read_text(encoding="utf-8"), framework, record, TODAY)
    compared = 0
    for item in match.items:
        if (
            not isinstance(item.ask, SkillAsk)
            or item.strength is Strength.STRONG
            or framework.term(item.ask.name) is None
        ):
            continue
        said = readiness_action(record, framework, item.ask.name)
        if said is not None:
            assert item.next_step == said, item.ask.name
            compared += 1
    assert compared >= 5
    claimed = {item.ask.name: item for item in match.items}["Architecture documents"]
    assert claimed.strength is Strength.CLAIMED
    assert claimed.next_step == "add 1 more piece of evidence: design doc led"


def test_either_of_two_tools_answers_one_ask(framework: Framework) -> None:
    text = "Requirements\n- Datadog or Grafana dashboards\n- Go/Python\n"
    grafana = SkillFacts("Grafana", "observability", level=4, minutes_total=600)
    match = assess_posting(text, framework, RecordFacts(skills=(grafana,)), TODAY)
    by_label = {item.ask.label: item for item in match.items}
    assert set(by_label) == {"Datadog or Grafana", "Go or Python"}
    assert by_label["Datadog or Grafana"].strength is Strength.STRONG
    assert by_label["Datadog or Grafana"].facts[0] == "Grafana: level 4"
    assert by_label["Go or Python"].facts == ("none of them in your record",)
    assert match.percent == 50
    # The rating alone: a claim, half of the required ask.
    claimed = assess_posting(text, framework, RecordFacts(skills=(replace(grafana, minutes_total=0),)), TODAY)
    either = {item.ask.label: item for item in claimed.items}["Datadog or Grafana"]
    assert either.strength is Strength.CLAIMED
    assert either.facts[0] == "Grafana: level 4"
    assert claimed.percent == 25
    # Asked alone too: the alternative adds nothing.
    assert [ask.label for ask in read_posting("- Go\n- Go or Rust\n", framework).skills] == ["Go"]


def test_tools_the_vocabulary_does_not_know_are_shown_not_counted(framework: Framework) -> None:
    text = (
        "Requirements\n- Experience with Zorbix, QuuxQL, BlorpSearch and Kotlin\n- Go\n"
        "\nNice to have\n- Kubernetes and Snarf\n- Wibble.js\n\nAbout us\nWe love Lisbon and Zorbix Swarm.\n"
    )
    read = read_posting(text, framework)
    assert [(tool.name, tool.importance) for tool in read.unknown] == [
        ("Zorbix", Importance.REQUIRED),
        ("QuuxQL", Importance.REQUIRED),
        ("BlorpSearch", Importance.REQUIRED),
        ("Snarf", Importance.NICE),
        ("Wibble.js", Importance.NICE),
    ]
    record = RecordFacts(
        skills=(
            SkillFacts("Go", "language", level=4, minutes_total=600),
            SkillFacts("Kubernetes", "infra", level=4, minutes_total=600),
            SkillFacts("Kotlin", "language", level=4, minutes_total=600),
        )
    )
    match = match_posting(read, record, framework, TODAY)
    assert match.percent == 100  # what the record cannot answer is not counted
    line = (
        "Not in the ladder's vocabulary, not counted: Zorbix, QuuxQL, BlorpSearch, "
        "Snarf (nice-to-have), Wibble.js (nice-to-have)"
    )
    assert line in match_text(match).splitlines()
    assert line in match_markdown(match).splitlines()
    assert match_json(match)["not_in_vocabulary"][0] == {
        "name": "Zorbix",
        "importance": "required",
        "line": "Experience with Zorbix, QuuxQL, BlorpSearch and Kotlin",
        "counted": False,
    }
    # Prose is not a list of tools: the fixture's company, team and places are not named.
    assert read_posting(FIXTURE.read_text(encoding="utf-8"), framework).unknown == ()


def test_how_many_asks_were_found(framework: Framework) -> None:
    one = assess_posting("Requirements\n- Go\n", framework, RecordFacts(), TODAY)
    assert found_line(one) == "1 skill, tool or practice"
    two = assess_posting(
        "Requirements\n- Go, Rust\n- 3+ years of experience\n", framework, RecordFacts(), TODAY
    )
    assert found_line(two) == "2 skills, tools and practices and 1 experience ask"


def test_nothing_found(framework: Framework) -> None:
    match = assess_posting("We are a friendly team that values kindness.", framework, RecordFacts(), TODAY)
    assert match.items == () and match.percent == 0
    assert "Nothing the ladder knows was found" in match_text(match)


def test_the_three_forms(framework: Framework) -> None:
    match = match_posting(
        read_posting(FIXTURE.read_text(encoding="utf-8"), framework),
        example_record(),
        framework,
        TODAY,
    )
    text = match_text(match)
    assert text.startswith(f"Match {match.percent}% — required")
    assert "\nRequired\n" in text and "\nNice to have\n" in text and "\nPractise first\n" in text
    assert "Kubernetes (“k8s”)" in text
    assert "evidence: 2026-08-01  Mentored a new hire for six weeks" in text
    markdown = match_markdown(match, title="Tallyhoe | Senior")
    assert markdown.startswith("# Tallyhoe \\| Senior\n")
    assert "| ✓ strong | Go |" in markdown
    document = json.loads(json.dumps(match_json(match)))
    assert document["percent"] == match.percent
    assert {item["type"] for item in document["items"]} == {"skill", "years"}


# ---------------------------------------------------------------- what a person types


def test_posting_text_is_checked() -> None:
    assert clean_posting_text("  Go\r\nKafka\x00 \x1b[31m\n") == "Go\nKafka   [31m"
    with pytest.raises(InputError, match=r"^posting: has no words"):
        clean_posting_text(" \n\t 123 ")
    with pytest.raises(InputError, match="at most 100,000"):
        clean_posting_text("a" * (MAX_POSTING_CHARACTERS + 1))


def test_status_line_and_link_are_checked() -> None:
    assert parse_posting_status(" Applied ") == "applied"
    with pytest.raises(InputError, match=r"^status: 'hired' is not a status; use one of considering"):
        parse_posting_status("hired")
    assert clean_line("  Tallyhoe   Ltd ", field="company") == "Tallyhoe Ltd"
    with pytest.raises(InputError, match=r"^company: is empty"):
        clean_line("   ", field="company")
    with pytest.raises(InputError, match=r"^title: is 121 characters long"):
        clean_line("x" * 121, field="title")
    assert clean_link("") == ""
    assert clean_link(" https://example.com/jobs/1 ") == "https://example.com/jobs/1"
    with pytest.raises(InputError, match=r"^link: 'example\.com' is not a link"):
        clean_link("example.com")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_crashes_the_reader(text: str) -> None:
    from skilltrack.guide import load_builtin_framework

    framework = load_builtin_framework()
    read = read_posting(text, framework)
    match = match_posting(read, example_record(), framework, TODAY)
    assert 0 <= match.percent <= 100
    assert all(ask.importance in Importance for ask in read.skills)
    match_text(match)
    match_markdown(match)
    json.dumps(match_json(match))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Requirements:",
                "## Nice to have",
                "- 5+ years of Go",
                "3-5 yrs",
                "k8s",
                "on-call rotation",
                "**Bonus**",
                "Must have:",
                "mentored",
                "is a plus",
                ":",
                "#",
                "- ",
                "99 years",
                "0-0 years",
                "twelve+ years of experience",
            ]
        )
        | st.text(max_size=30),
        max_size=30,
    )
)
def test_any_posting_shaped_text_never_crashes_the_reader(lines: list[str]) -> None:
    from skilltrack.guide import load_builtin_framework

    framework = load_builtin_framework()
    read = read_posting("\n".join(lines), framework)
    for years in read.years:
        assert 0 <= years.min_years <= 40
        assert years.max_years is None or years.min_years <= years.max_years <= 40


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_checking_posting_text_gives_text_or_a_clear_error(text: str) -> None:
    try:
        cleaned = clean_posting_text(text)
    except InputError as error:
        assert error.field == "posting"
        return
    assert cleaned and any(char.isalpha() for char in cleaned)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=150), st.sampled_from(["company", "title"]))
def test_names_typed_give_a_line_or_a_clear_error(text: str, field: str) -> None:
    try:
        cleaned = clean_line(text, field=field)
    except InputError as error:
        assert error.field == field
        return
    assert cleaned == cleaned.strip() and "\n" not in cleaned and 0 < len(cleaned) <= 120


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80) | st.text(max_size=60).map(lambda rest: "https://" + rest))
def test_links_typed_give_a_link_or_a_clear_error(text: str) -> None:
    try:
        link = clean_link(text)
    except InputError as error:
        assert error.field == "link"
        return
    assert link == "" or link.startswith(("http://", "https://"))
    assert not any(char.isspace() or not char.isprintable() for char in link)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=20))
def test_statuses_typed_give_a_status_or_a_clear_error(text: str) -> None:
    try:
        assert parse_posting_status(text) in POSTING_STATUSES
    except InputError as error:
        assert error.field == "status"


def test_reading_postings_does_not_import_the_orm() -> None:
    modules = ("skilltrack.record.postings", "skilltrack.record.ids", "skilltrack.domain.postings.matching")
    assert imports_load(*modules, "skilltrack.render.postings", "skilltrack.files") == []


def test_a_skill_in_use_but_rated_low_is_asked_for_the_rating_not_zero_hours(framework: Framework) -> None:
    record = RecordFacts(skills=(SkillFacts("Kubernetes", "infrastructure", level=2, minutes_total=606),))
    (item,) = assess_posting("Requirements\n- Kubernetes\n", framework, record, TODAY).items

    assert item.strength is Strength.SOME
    assert "log 0 h" not in item.next_step
    assert item.next_step == "study Kubernetes toward level 3 (about 20 h) and rate it again"
