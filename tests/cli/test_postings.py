"""``skilltrack jd`` and ``skilltrack posting``: a posting held against the record, and saved postings."""

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from skilltrack.cli import main
from tests.cli.helpers import Run
from tests.probes import command_loads

pytestmark = pytest.mark.usefixtures("empty_record")  # reading commands make no record

FIXTURE = Path(__file__).parent.parent / "fixtures" / "postings" / "senior-backend.txt"


@pytest.fixture
def record(run: Run) -> Run:
    """A small record: four years in, Go at level 4 and shipped, some Kafka, mentoring evidence."""
    for args in (
        ("profile", "--set", "career_start=2021-09-01"),
        ("skill", "rate", "golang", "4"),
        ("skill", "rate", "kafka", "2"),
        ("log", "k8s", "3h"),
        (
            "project",
            "add",
            "Ledger",
            "--role",
            "backend engineer",
            "--from",
            "2024-01-08",
            "--production",
            "--skills",
            "go,postgres",
        ),
        (
            "evidence",
            "add",
            "Mentored a new hire through on-call",
            "--kind",
            "mentoring",
            "--date",
            "2026-10-01",
        ),
    ):
        result = run(*args)
        assert result.code == 0, result.err
    return run


def postings(run: Run) -> list[dict[str, Any]]:
    result = run("posting", "list", "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_jd_holds_the_posting_against_the_record(record: Run) -> None:
    result = record("jd", str(FIXTURE))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Match ") and "required" in lines[0] and "nice-to-have" in lines[0]
    text = result.out
    assert "\nRequired\n" in text and "\nNice to have\n" in text and "\nPractise first\n" in text
    assert "  ✓ strong  Go\n" in text
    assert "level 4 (rated 2026-11-24)" in text
    assert "shipped in Ledger" in text
    assert "  ◐ some    Kubernetes (“k8s”)\n" in text
    assert "  ✓ strong  5+ years of backend engineering\n" in text
    assert "5.2 years since your career start (2021-09-01)" in text
    assert "evidence: 2026-10-01  Mentored a new hire through on-call" in text
    assert "  ✗ missing RabbitMQ\n" in text


def test_jd_as_json_and_markdown(record: Run) -> None:
    document = record("jd", str(FIXTURE), "--format", "json").json()
    by_name = {item["name"]: item for item in document["items"]}
    assert by_name["Go"]["strength"] == "strong"
    assert by_name["Go"]["importance"] == "required"
    assert by_name["Terraform"]["importance"] == "nice-to-have"
    assert by_name["Kubernetes"]["written"] == ["k8s", "Kubernetes"]
    assert by_name["Mentoring"]["evidence"][0]["title"] == "Mentored a new hire through on-call"
    assert 0 < document["percent"] < 100
    markdown = record("jd", str(FIXTURE), "--format", "markdown")
    assert markdown.code == 0
    assert markdown.out.startswith("# Job posting match\n")
    assert "| ✓ strong | Go |" in markdown.out


def test_jd_says_the_level_a_posting_hires_for_and_how_much_of_it_the_record_meets(record: Run) -> None:
    staff = FIXTURE.parent / "staff-backend-affirm.txt"
    text = record("jd", str(staff))
    assert text.code == 0, text.err
    [line] = [line for line in text.out.splitlines() if line.startswith("The posting reads as ")]
    assert line.startswith("The posting reads as Staff (") and "% of Staff." in line
    document = record("jd", str(staff), "--format", "json").json()
    assert document["level"]["id"] == "staff" and document["level"]["because"]
    status = record("status", "--json").json()
    [staff_level] = [level for level in status["levels"] if level["id"] == "staff"]
    # The same figure status gives for Staff: jd and the readiness never disagree.
    assert document["level"]["you_are_percent"] == staff_level["percent"]
    markdown = record("jd", str(staff), "--format", "markdown").out
    assert "The posting reads as Staff (" in markdown


def test_jd_reads_standard_input(
    record: Run, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Must have:\n- Golang\n"), encoding="utf-8")
    )
    capsys.readouterr()
    assert main(["jd", "-", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(item["name"], item["strength"]) for item in document["items"]] == [("Go", "strong")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("jd", "missing.txt"), "skilltrack: file: missing.txt: there is no such file\n"),
        (("jd", "."), "skilltrack: file: .: is a folder; give the posting as a text file\n"),
        (("jd", "-"), "skilltrack: posting: has no words; paste or load the text of the job posting\n"),
        (
            ("jd", str(FIXTURE), "--format", "html"),
            "skilltrack: format: 'html' is not accepted; use one of text, markdown, json\n",
        ),
    ],
)
def test_jd_refuses_bad_input(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert (result.code, result.out, result.err) == (2, "", message)


def test_jd_refuses_a_file_that_is_not_text(run: Run, tmp_path: Path) -> None:
    binary = tmp_path / "posting.pdf"
    binary.write_bytes(b"%PDF-1.7\n\xff\xfe\x00\x81")
    result = run("jd", str(binary))
    assert result.code == 2
    assert result.err == f"skilltrack: file: {binary}: is not UTF-8 text; save the posting as plain text\n"


def test_save_list_show_and_follow_a_posting(record: Run) -> None:
    added = record(
        "posting",
        "add",
        str(FIXTURE),
        "--company",
        "Tallyhoe",
        "--title",
        "Senior Backend Engineer",
        "--link",
        "https://jobs.example.com/42",
        "--date",
        "2026-11-20",
    )
    assert added.code == 0, added.err
    (saved,) = postings(record)
    short = saved["id"].replace("-", "")[:8]
    assert added.out.startswith(
        f"Saved the posting {short}: Senior Backend Engineer at Tallyhoe (considering), "
    )
    assert saved["posted_on"] == "2026-11-20"
    assert saved["status"] == "considering"
    assert saved["match_at_save"] == saved["match_now"]
    then = saved["match_at_save"]
    assert record("jd", str(FIXTURE), "--format", "json").json()["percent"] == then

    listed = record("posting", "list")
    assert listed.out.splitlines()[0].split() == ["id", "posted", "company", "title", "status", "then", "now"]
    assert f"{short}  2026-11-20  Tallyhoe  Senior Backend Engineer  considering" in listed.out

    # The record grows: the match now moves, the match at save stays.
    for args in (
        ("skill", "rate", "k8s", "4"),
        ("skill", "rate", "terraform", "4"),
        ("skill", "rate", "aws", "4"),
    ):
        assert record(*args).code == 0
    (later,) = postings(record)
    assert later["match_at_save"] == then and later["match_now"] > then
    shown = record("posting", "show", short[:5])
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[:3] == [
        f"Senior Backend Engineer at Tallyhoe  (id {short})",
        "Posted 2026-11-20 · considering since 2026-11-24 · https://jobs.example.com/42",
        f"Match when saved {then}%, now {later['match_now']}% (+{later['match_now'] - then})",
    ]
    # Kubernetes rated 4 with 3 h behind it: claimed, until 10 h show it.
    assert "  ◇ claimed Kubernetes (“k8s”)\n" in shown.out
    items = record("posting", "show", short, "--format", "json").json()["match"]["items"]
    kubernetes = next(item for item in items if item["name"] == "Kubernetes")
    assert (kubernetes["strength"], kubernetes["next_step"]) == (
        "claimed",
        "log 7 h more of Kubernetes or use it in a shipped project",
    )
    assert record("log", "k8s", "7h").code == 0
    (shown_by_hours,) = postings(record)
    assert shown_by_hours["match_now"] > later["match_now"]
    later = shown_by_hours
    shown = record("posting", "show", short)
    assert "  ✓ strong  Kubernetes (“k8s”)\n" in shown.out
    document = record("posting", "show", short, "--format", "json").json()
    assert (document["match_at_save"], document["match_now"]) == (then, later["match_now"])
    assert document["match"]["percent"] == later["match_now"]
    markdown = record("posting", "show", short, "--format", "markdown").out
    assert markdown.startswith("# Senior Backend Engineer at Tallyhoe\n\nPosted 2026-11-20")

    moved = record("posting", "set-status", short, "Applied", now="2026-11-26T09:00:00+00:00")
    assert moved.out == f"The posting {short} (Senior Backend Engineer at Tallyhoe): considering → applied.\n"
    (after,) = postings(record)
    assert (after["status"], after["status_changed_on"]) == ("applied", "2026-11-26")
    again = record("posting", "set-status", short, "applied")
    assert again.out == f"The posting {short} (Senior Backend Engineer at Tallyhoe) is already applied.\n"
    assert postings(record)[0]["status_changed_on"] == "2026-11-26"
    assert [row["id"] for row in record("posting", "list", "--status", "applied", "--json").json()] == [
        saved["id"]
    ]
    assert record("posting", "list", "--status", "offer", "--json").json() == []
    assert record("posting", "list", "--status", "offer").out.startswith(
        "No saved postings with status offer."
    )

    removed = record("posting", "remove", short)
    assert removed.out == f"Removed the posting {short}: Senior Backend Engineer at Tallyhoe.\n"
    assert postings(record) == []
    assert record("posting", "list").out.startswith("No saved postings.")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--company", " "), "company: is empty; give it as the posting names it"),
        (("--title", "x" * 121), "title: is 121 characters long; use at most 120"),
        (
            ("--link", "jobs.example.com"),
            "link: 'jobs.example.com' is not a link; use an http:// or https://",
        ),
        (("--status", "hired"), "status: 'hired' is not a status; use one of considering, applied"),
        (("--date", "2026-12-01"), "date: '2026-12-01' is in the future"),
        (("--date", "last week"), "date: 'last week' is not a date"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(run: Run, extra: tuple[str, ...], message: str) -> None:
    args = {"--company": "Tallyhoe", "--title": "Senior Backend Engineer"}
    for flag, value in zip(extra[::2], extra[1::2], strict=True):
        args[flag] = value
    result = run("posting", "add", str(FIXTURE), *[item for pair in args.items() for item in pair])
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"skilltrack: {message}")
    assert postings(run) == []


def test_posting_ids_are_checked(run: Run) -> None:
    for _ in range(2):
        assert run("posting", "add", str(FIXTURE), "--company", "A", "--title", "B").code == 0
    for action in (("show",), ("remove",), ("set-status",)):
        extra = ("applied",) if action == ("set-status",) else ()
        bad = run("posting", *action, "zz", *extra)
        assert (bad.code, bad.err) == (
            2,
            "skilltrack: id: 'zz' is not a posting id; give at least 4 characters of one (posting list)\n",
        )
        missing = run("posting", *action, "0000000", *extra)
        assert missing.err == "skilltrack: id: no posting has an id starting with '0000000'\n"
    assert len(postings(run)) == 2
    bad_status = run("posting", "set-status", postings(run)[0]["id"], "hired")
    assert bad_status.code == 2 and "status: 'hired' is not a status" in bad_status.err
    assert {row["status"] for row in postings(run)} == {"considering"}


def test_reading_commands_do_not_load_the_orm(record: Run, real_env: dict[str, str], tmp_path: Path) -> None:
    """On a record in the current schema, jd, posting list and posting show read through sqlite3 alone."""
    assert record("posting", "add", str(FIXTURE), "--company", "Tallyhoe", "--title", "Senior").code == 0
    short = postings(record)[0]["id"].replace("-", "")[:8]
    env = real_env | {
        "SKILLTRACK_DB": os.environ["SKILLTRACK_DB"],
        "SKILLTRACK_CONFIG": os.environ["SKILLTRACK_CONFIG"],
    }
    for args in (("jd", str(FIXTURE)), ("posting", "list"), ("posting", "show", short, "--format", "json")):
        ran = command_loads(env, tmp_path, *args)
        assert (ran.code, ran.loaded) == (0, []), args
        assert ran.out


def test_jd_holds_years_of_a_named_skill_against_that_skill(
    record: Run, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five years of career are not three years of Rust; Go's years run from its first project."""
    posting = b"Requirements\n- 3+ years of Rust in production\n- 2+ years of Go\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(posting), encoding="utf-8"))
    capsys.readouterr()
    assert main(["jd", "-"]) == 0
    text = capsys.readouterr().out
    assert "  ✗ missing 3+ years of Rust in production\n              Rust: not in your record\n" in text
    assert "  ✓ strong  2+ years of Go\n              Go first in use 2024-01-08 (2.9 years)" in text
    assert "since your career start" not in text


def test_jd_lists_tools_it_does_not_count(record: Run, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Requirements\n- Go with Docker and Zorbix\n- Datadog or Grafana\n", encoding="utf-8")
    text = record("jd", str(posting))
    # Docker is the field's vocabulary's: an ask held against the record; Zorbix nobody knows.
    assert text.out.splitlines()[:2] == [
        "Match 33%  (3 skills, tools and practices)",
        "Not in the ladder's vocabulary, not counted: Zorbix",
    ]
    assert "  ✗ missing Datadog or Grafana\n" in text.out
    assert "  ✗ missing Docker\n" in text.out
    document = record("jd", str(posting), "--format", "json").json()
    assert [tool["name"] for tool in document["not_in_vocabulary"]] == ["Zorbix"]
    assert (
        "Not in the ladder's vocabulary, not counted: Zorbix"
        in record("jd", str(posting), "--format", "markdown").out
    )


def test_jd_says_how_long_an_over_long_posting_is(run: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("a" * 540_001, encoding="utf-8")
    result = run("jd", str(huge))
    assert (result.code, result.err) == (
        2,
        f"skilltrack: posting: {huge}: is 540,001 bytes, so more than 100,000 characters; "
        "use at most 100,000\n",
    )
    # Two bytes a character: within the byte cap, so read whole and never cut inside a character.
    accents = tmp_path / "accents.txt"
    accents.write_text("é" * 200_001, encoding="utf-8")
    result = run("jd", str(accents))
    assert (result.code, result.err) == (
        2,
        "skilltrack: posting: is 200,001 characters long; use at most 100,000\n",
    )
    longest = tmp_path / "longest.txt"
    longest.write_text("Requirements\n- Go\n" + "🙂" * (100_000 - 18), encoding="utf-8")
    assert run("jd", str(longest), "--format", "json").code == 0
