"""The patterns a posting is read with: practices in plain words, sections by meaning, text pasted without
its line breaks, years as written, the posting's level, and the field's vocabulary beside the ladder."""

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.errors import FrameworkError
from skilltrack.domain.facts import RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.postings.asks import Importance
from skilltrack.domain.postings.matching import assess_posting
from skilltrack.domain.postings.practices import practice_spans
from skilltrack.domain.postings.reading import read_posting
from skilltrack.domain.postings.sections import Part, about_company, classify_heading, unglue
from skilltrack.guide import load_builtin_framework
from skilltrack.guide.vocabulary import load_builtin_vocabulary, parse_vocabulary
from tests.conftest import TODAY
from tests.probes import imports_load


def asks(text: str, framework: Framework, record: RecordFacts | None = None) -> dict[str, Importance]:
    return {ask.name: ask.importance for ask in read_posting(text, framework, record=record).skills}


# ---------------------------------------------------------------- practices in plain words


@pytest.mark.parametrize(
    ("clause", "practices"),
    [
        ("Architect services across multiple data stores", {"System design"}),
        ("You will own the architecture of our Go microservices", {"System design"}),
        ("Lead the design and implementation of backend services", {"System design"}),
        ("Design scalable payment processing services", {"System design"}),
        ("Develop talent on your team by giving feedback", {"Mentoring"}),
        ("Set code review and design standards for the team", {"Technical standards"}),
        ("Diagnose and resolve complex production issues", {"Debugging"}),
        ("Design for high availability", {"Reliability"}),
        ("Designing and integrating REST APIs", {"API design"}),
        ("Relational database design", {"Database schema design"}),
        ("Raise the bar through design and code reviews", {"Async design review", "Code review"}),
        ("Participate in the on-call rotation", {"On-call"}),
        ("Lead a team of Go developers", {"Technical leadership"}),
        ("Propose projects, then split up the work", {"Project planning"}),
    ],
)
def test_practices_are_found_in_how_postings_phrase_them(clause: str, practices: set[str]) -> None:
    assert {name for _, _, name in practice_spans(clause)} == practices


@pytest.mark.parametrize(
    "clause",
    [
        "Design mindset centered on multi-tenant architectures",
        "Write design docs",
        "Uphold security standards across all layers",
        "Work closely with product designers",
    ],
)
def test_words_near_a_practice_are_not_it(clause: str) -> None:
    assert {name for _, _, name in practice_spans(clause) if name == "System design"} == set()
    assert {name for _, _, name in practice_spans(clause) if name == "Technical standards"} == set()


def test_a_practice_in_plain_words_is_an_ask(framework: Framework) -> None:
    found = asks("Requirements\n- Diagnose and resolve complex production issues\n", framework)
    assert found == {"Debugging": Importance.REQUIRED}


# ---------------------------------------------------------------- sections by meaning


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("Preferred Qualifications and Skills", Part.NICE),
        ("Nice To Haves", Part.NICE),
        ("Bonus Points", Part.NICE),
        ("Desired Skills & Experience", Part.SOFT),
        ("An Ideal Candidate Has", Part.SOFT),
        ("Qualifications We Want (also, skills you'll learn!)", Part.SOFT),
        ("Minimum Requirements", Part.REQUIRED),
        ("The Must-Haves", Part.REQUIRED),
        ("What We're Looking For", Part.REQUIRED),
        ("Key Responsibilities", Part.RESPONSIBILITIES),
        ("What a PE Does", Part.RESPONSIBILITIES),
        ("About the Role", Part.RESPONSIBILITIES),
        ("About Rio", Part.COMPANY),
        ("Tech Stack", Part.COMPANY),
        ("Technical Environment", Part.COMPANY),
        ("Benefits", Part.BENEFITS),
        ("What we offer", Part.BENEFITS),
        ("Hiring process", Part.PROCESS),
        ("Work Arrangement", Part.PROCESS),
        ("Technical Stack (Must Have Experience In)", Part.REQUIRED),
    ],
)
def test_headings_are_read_by_meaning(heading: str, part: Part) -> None:
    assert classify_heading(heading) is part


def test_a_nested_nice_to_have_list_inherits_its_heading(framework: Framework) -> None:
    text = "Requirements\n- Go\n- Nice to have:\n  - Kafka\n  - Redis\n- PostgreSQL\n"
    assert asks(text, framework) == {
        "Go": Importance.REQUIRED,
        "Kafka": Importance.NICE,
        "Redis": Importance.NICE,
        "PostgreSQL": Importance.REQUIRED,
    }


def test_one_softly_headed_list_is_required_except_what_says_otherwise(framework: Framework) -> None:
    text = "An Ideal Candidate Has\n- Go\n- Kubernetes\n- Kafka is a plus\n"
    assert asks(text, framework) == {
        "Go": Importance.REQUIRED,
        "Kubernetes": Importance.REQUIRED,
        "Kafka": Importance.NICE,
    }
    beside = "Requirements\n- Go\nDesired Skills\n- Kafka\n"
    assert asks(beside, framework) == {"Go": Importance.REQUIRED, "Kafka": Importance.NICE}


def test_a_preferred_tool_in_a_parenthesis_leaves_the_rest_required(framework: Framework) -> None:
    found = asks("Requirements\n- Experience with cloud infrastructure (AWS preferred)\n", framework)
    assert found == {"Cloud": Importance.REQUIRED, "AWS": Importance.NICE}


def test_a_generic_name_beside_its_tools_is_those_tools(framework: Framework) -> None:
    found = asks("Requirements\n- Familiarity with message queue systems (Kafka, RabbitMQ)\n", framework)
    assert set(found) == {"Kafka", "RabbitMQ"}
    assert set(asks("Requirements\n- AWS (EKS, SQS)\n", framework)) == {"AWS"}


def test_eg_and_ie_never_end_a_sentence(framework: Framework) -> None:
    read = read_posting("Requirements\n- Message brokers, e.g. Kafka or RabbitMQ.\n", framework)
    (either,) = read.skills
    assert either.names == ("Kafka", "RabbitMQ")


def test_text_about_the_company_is_never_an_ask(framework: Framework) -> None:
    text = (
        "We build a high performance platform on Kubernetes.\nAcme is a fintech running Kafka.\n"
        "Tech Stack: Go, PostgreSQL\nRequirements\n- Rust\nBenefits\n- Free Datadog swag\n"
    )
    assert asks(text, framework) == {"Rust": Importance.REQUIRED}
    assert about_company("Our platform runs on Go")
    assert not about_company("We are looking for someone fluent in Go")
    assert not about_company("We're seeking a backend engineer")
    assert not about_company("Kafka is a plus")
    assert not about_company("Must have: Go and Kafka")
    assert not about_company("They are written in Go")


def test_teams_and_colleagues_are_not_asks(framework: Framework) -> None:
    text = (
        "Responsibilities\n- Work closely with product and DevOps to ship\n"
        "- Join the Developer Productivity team\n"
    )
    assert asks(text, framework) == {}


def test_text_pasted_without_line_breaks_is_cut_where_they_were() -> None:
    known = {"mysql", "kafka", "docker", "javascript", "oauth2"}
    assert unglue("ResponsibilitiesDesign and build services in RustDesign and operate", known) == [
        "Responsibilities",
        "Design and build services in Rust",
        "Design and operate",
    ]
    assert unglue("MySQLKafkaDocker and JavaScript", known) == ["MySQL", "Kafka", "Docker and JavaScript"]
    assert unglue("teams.Define standards with OAuth2", known) == ["teams.", "Define standards with OAuth2"]
    assert unglue("Experience9+ years of Go", known) == ["Experience", "9+ years of Go"]


def test_a_glued_posting_is_read_whole(framework: Framework) -> None:
    text = (
        "Key ResponsibilitiesLead and mentor backend engineering teams.Conduct code reviews and technical "
        "discussions.Required QualificationsGitDocker"
    )
    found = asks(text, framework)
    assert {"Mentoring", "Code review", "Git", "Docker"} <= set(found)


# ---------------------------------------------------------------- years as written


def test_years_of_the_role_or_a_field_are_the_careers(framework: Framework) -> None:
    read = read_posting(
        "Requirements\n- 8 - 12+ years of backend or distributed systems engineering\n", framework
    )
    assert read.headline_years is not None and read.headline_years.skills == ()


def test_names_the_vocabulary_knows_are_never_unknown_tools(framework: Framework) -> None:
    read = read_posting("Requirements\n- AWS (EKS, ECR, SNS) and DevOps: Kubernetes\n", framework)
    assert read.unknown == ()


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Requirements\n- 10+ yrs. of backend experience\n", 10),
        ("Requirements\n- At least seven years of software engineering experience\n", 7),
        ("Requirements\n- 5 years' experience building services\n", 5),
        ("Requirements\n- 8 - 12+ years of backend engineering experience\n", 8),
        (
            "Requirements\n- 8+ years of software development experience\n"
            "- 5+ yrs. in each of the following: Go, Kafka\n",
            8,
        ),
        ("Requirements\n- 5+ yrs. in each of the following: Go, Kafka\n", None),
        ("Requirements\n- 2+ years of lead experience\n", None),
        ("Requirements\n- 9+ years of experience in Java backend development\n", 9),
        ("Requirements\n- 4+ years professional Rust experience in production systems\n", None),
    ],
)
def test_the_headline_years_are_the_roles(framework: Framework, text: str, headline: float | None) -> None:
    read = read_posting(text, framework)
    assert (read.headline_years.min_years if read.headline_years else None) == headline


# ---------------------------------------------------------------- the posting's level


@pytest.mark.parametrize(
    ("title", "text", "level", "because"),
    [
        ("Staff Software Engineer", "Requirements\n- 10+ years of experience\n", "staff", "title, 10+ years"),
        ("Principal Backend Engineer", "Requirements\n- Go\n", "staff", "title"),
        ("Backend Team Lead (Go)", "Requirements\n- Go\n", "lead", "title"),
        ("Backend Development Manager", "", "lead", "title"),
        ("Senior Backend Engineer", "", "senior", "title"),
        (
            "Backend Engineer",
            "You will set direction across multiple teams.\nRequirements\n- 12+ years of experience\n",
            "staff",
            "12+ years, cross-team scope",
        ),
        ("Backend Engineer", "Requirements\n- 5+ years of experience\n", "senior", "5+ years"),
    ],
)
def test_the_level_a_posting_hires_for(
    framework: Framework, title: str, text: str, level: str, because: str
) -> None:
    read = read_posting(text or "Requirements\n- Go\n", framework, title=title)
    assert read.level is not None
    assert (read.level.level_id, ", ".join(read.level.because)) == (level, because)


def test_a_posting_with_nothing_to_go_on_has_no_level(framework: Framework) -> None:
    assert read_posting("Requirements\n- Go\n", framework).level is None


def test_the_match_holds_the_record_against_the_postings_level(framework: Framework) -> None:
    match = assess_posting(
        "Requirements\n- 10+ years of experience\n- Go\n",
        framework,
        RecordFacts(career_started_on=date(2012, 1, 1)),
        TODAY,
        title="Staff Engineer",
    )
    assert match.level is not None and match.level.title == "Staff"
    assert match.level_percent is not None
    assert match.level_line == f"reads as Staff (title, 10+ years): you are {match.level_percent}% of Staff"


# ---------------------------------------------------------------- the field's vocabulary


def test_the_fields_vocabulary_is_asked_and_held_against_the_record(framework: Framework) -> None:
    text = "Requirements\n- Docker, ECS, EKS, RDS, SQS\n- TypeScript\n"
    found = asks(text, framework)
    assert {"Docker", "Amazon ECS", "Amazon EKS", "Amazon RDS", "Amazon SQS", "TypeScript"} <= set(found)
    # A skill the person added under another of its names counts.
    record = RecordFacts(skills=(SkillFacts("Docker Compose", "infrastructure", level=4, minutes_total=900),))
    match = assess_posting("Requirements\n- Docker\n", framework, record, TODAY)
    (item,) = match.items
    assert item.ask.name == "Docker" and item.facts[0].startswith("level 4")


def test_names_that_are_english_words_count_only_as_written(framework: Framework) -> None:
    assert asks("Requirements\n- A spark of curiosity and a solid grasp of flask handling\n", framework) == {}
    assert set(asks("Requirements\n- Spark, Flask and SOLID\n", framework)) == {
        "Apache Spark",
        "Flask",
        "Design patterns",
    }


def test_the_vocabulary_is_loaded_only_when_a_posting_is_read() -> None:
    assert imports_load("skilltrack.cli", "skilltrack.guide", watch=("skilltrack.guide.vocabulary",)) == []
    probe = (
        "import sys\n"
        "from skilltrack.guide import load_builtin_framework\n"
        "framework = load_builtin_framework()\n"
        "before = ('skilltrack.guide.vocabulary' in sys.modules, framework.vocabulary.loaded)\n"
        "from skilltrack.domain.postings.reading import read_posting\n"
        "read_posting('Requirements\\n- Docker', framework)\n"
        "print(before, framework.vocabulary.loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    # The ladder is read without the vocabulary; reading a posting loads it.
    assert done.stdout.strip() == "(False, False) True"


def test_the_builtin_vocabulary_is_well_formed() -> None:
    terms = load_builtin_vocabulary()
    assert len(terms) > 300
    assert {term.kind for term in terms} <= {
        "language",
        "datastore",
        "messaging",
        "api",
        "infrastructure",
        "observability",
        "cloud",
        "practice",
        "other",
    }
    assert next(term for term in terms if term.name == "Amazon SQS").provider == "AWS"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format = 'x'\nversion = 1\n", "format: must be 'skilltrack-vocabulary'"),
        ("format = 'skilltrack-vocabulary'\nversion = 9\n", "version: 9 is not supported"),
        (
            "format = 'skilltrack-vocabulary'\nversion = 1\n[[sports]]\nname = 'Go'\n",
            "sports: is not a group",
        ),
        (
            "format = 'skilltrack-vocabulary'\nversion = 1\n[[languages]]\nname = 'Go'\nkind = 'snake'\n",
            "kind 'snake' is not one of",
        ),
        (
            "format = 'skilltrack-vocabulary'\nversion = 1\n[[languages]]\nname = 'Go'\naliases = [1]\n",
            "'aliases' must be a list of non-empty strings",
        ),
        (
            "format = 'skilltrack-vocabulary'\nversion = 1\n[[languages]]\nname = 'Go'\n"
            "[[apis]]\nname = 'go'\n",
            "name appears twice",
        ),
        ("format = ", "is not valid TOML"),
    ],
)
def test_a_bad_vocabulary_says_which_field(text: str, message: str) -> None:
    with pytest.raises(FrameworkError, match=message):
        parse_vocabulary(text, source="vocabulary.toml")


# ---------------------------------------------------------------- never fails


_FRAGMENTS = st.sampled_from(
    [
        "Requirements",
        "Nice to have:",
        "- ",
        "  * ",
        "**About us**",
        "e.g. ",
        "(",
        ")",
        " or ",
        "10+ yrs. ",
        "Go",
        "Kafka",
        "design and code reviews",
        "ResponsibilitiesDesign",
        "MySQLKafka",
        "We build",
        "\n",
        "; ",
        "is a plus",
        "AWS (EKS",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join))
def test_reading_any_text_never_fails(text: str) -> None:
    read = read_posting(text, load_builtin_framework(), title=text[:30])
    assert all(ask.name for ask in read.skills)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_reading_arbitrary_characters_never_fails(text: str) -> None:
    read = read_posting(text, load_builtin_framework())
    assert len(read.skills) <= len(text)
