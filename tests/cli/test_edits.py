"""``session|project|evidence|posting edit`` and ``interview remove``: a mistake is fixed in place, ids and
links kept, under the same rules as adding, and the command says (or ``--json`` lists) what changed."""

from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Run, one_error_line, sessions
from tests.conftest import NOW


def _only(rows: list[dict[str, Any]]) -> dict[str, Any]:
    [row] = rows
    return row


def _listed(run: Run, *command: str) -> list[dict[str, Any]]:
    result = run(*command, "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


# ── sessions ──────────────────────────────────────────────────────────────────────────────────────


def test_session_edit_changes_length_note_skill_and_time_keeping_its_id(run: Run) -> None:
    assert run("log", "go", "45m", "--at", "09:00", "--note", "first").code == 0
    before = _only(sessions(run))

    edited = run("session", "edit", before["id"][:8], "--duration", "1h", "--note", "", "--skill", "k8s")

    assert edited.code == 0, edited.err
    assert edited.out.splitlines()[-1] == (
        f"Changed the session {before['id'].replace('-', '')[:8]}: skill Go → Kubernetes; length 45m → 1h; "
        'note first → "".'
    )
    after = _only(sessions(run))
    assert after["id"] == before["id"]
    assert (after["skill"], after["minutes"], after["note"]) == ("Kubernetes", 60, "")
    assert after["started_at"] == before["started_at"]


def test_session_edit_moves_a_session_to_another_day_keeping_its_time_of_day(run: Run) -> None:
    assert run("log", "go", "30m", "--at", "07:15").code == 0
    session_id = _only(sessions(run))["id"][:8]

    moved = run("session", "edit", session_id, "--date", "2026-11-20", "--json")

    assert moved.code == 0, moved.err
    assert moved.json()["changed"] == {
        "date": {"from": "2026-11-24", "to": "2026-11-20"},
        "started_at": {"from": "2026-11-24T07:15:00+00:00", "to": "2026-11-20T07:15:00+00:00"},
    }
    row = _only(sessions(run))
    assert (row["date"], row["started_at"]) == ("2026-11-20", "2026-11-20T07:15:00+00:00")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--duration", "0"], "duration"),
        (["--duration", "-5m"], "duration"),
        (["--kind", "nap"], "kind"),
        (["--date", "2026-11-30"], "date"),
        (["--at", "23:59"], "at"),
        (["--skill", "postgress"], "skill"),
        (["--kind", "mock-interview"], "kind"),
        ([], "edit"),
    ],
)
def test_session_edit_refuses_bad_values_and_changes_nothing(run: Run, args: list[str], field: str) -> None:
    assert run("log", "postgres", "30m", "--at", "08:00").code == 0
    before = sessions(run)

    refused = run("session", "edit", before[0]["id"][:8], *args)

    assert refused.code == 2, refused
    assert one_error_line(refused).startswith(f"skilltrack: {field}:")
    assert sessions(run) == before


def test_session_edit_of_an_unknown_id_is_refused(run: Run) -> None:
    assert run("log", "go", "30m").code == 0
    refused = run("session", "edit", "ffffffff", "--duration", "1h")
    assert refused.code == 2
    assert "no session has an id starting with 'ffffffff'" in one_error_line(refused)


def test_a_mock_interview_keeps_its_kind_and_scores_through_an_edit(run: Run) -> None:
    assert (
        run("interview", "add", "coding", "--minutes", "45", "--score", "4", "--date", "2026-11-20").code == 0
    )
    session_id = _only(sessions(run))["id"][:8]

    assert run("session", "edit", session_id, "--duration", "1h").code == 0

    [interview] = _listed(run, "interview", "list")
    assert (interview["minutes"], interview["score"]) == (60, 4)
    refused = run("session", "edit", session_id, "--kind", "study")
    assert refused.code == 2 and "mock interview stays one" in refused.err


# ── projects ──────────────────────────────────────────────────────────────────────────────────────


def test_an_ongoing_project_is_marked_shipped_keeping_its_evidence(run: Run) -> None:
    assert run("project", "add", "Ledger", "--role", "backend engineer", "--from", "2025-01-06").code == 0
    assert (
        run("evidence", "add", "Led the ledger design", "--kind", "design-doc", "--project", "Ledger").code
        == 0
    )

    shipped = run(
        "project", "edit", "ledger", "--to", "2026-10-01", "--production", "--skills", "go, postgres"
    )

    assert shipped.code == 0, shipped.err
    assert shipped.out.splitlines()[-1] == (
        "Changed the project Ledger: to none → Thu 2026-10-01; production no → yes; "
        "skills none → Go, PostgreSQL."
    )
    project = _only(_listed(run, "project", "list"))
    assert (project["to"], project["production"], project["skills"]) == (
        "2026-10-01",
        True,
        ["Go", "PostgreSQL"],
    )
    assert _only(_listed(run, "evidence", "list"))["project"] == "Ledger"

    reopened = run("project", "edit", "Ledger", "--to", "ongoing", "--no-production", "--name", "Ledger v2")
    assert reopened.code == 0, reopened.err
    project = _only(_listed(run, "project", "list"))
    assert (project["name"], project["to"], project["production"]) == ("Ledger v2", None, False)
    assert _only(_listed(run, "evidence", "list"))["project"] == "Ledger v2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "2024-01-01"], "to: 2024-01-01 is before the start"),
        (["--name", "Billing"], 'name: a project is already called "Billing"'),
        (["--role", " "], "role: is empty"),
        (["--skills", "postgress"], "did you mean PostgreSQL?"),
    ],
)
def test_project_edit_holds_to_the_rules_of_add(run: Run, args: list[str], message: str) -> None:
    assert run("project", "add", "Ledger", "--role", "engineer", "--from", "2025-01-06").code == 0
    assert run("project", "add", "Billing", "--role", "engineer", "--from", "2024-03-01").code == 0
    before = _listed(run, "project", "list")

    refused = run("project", "edit", "Ledger", *args)

    assert refused.code in (1, 2)
    assert message in one_error_line(refused)
    assert _listed(run, "project", "list") == before


# ── evidence ──────────────────────────────────────────────────────────────────────────────────────


def test_evidence_is_tied_to_an_expectation_and_untied_from_a_project(run: Run) -> None:
    assert run("project", "add", "Ledger", "--role", "engineer", "--from", "2025-01-06").code == 0
    assert run("evidence", "add", "Outbox design", "--kind", "design-doc", "--project", "Ledger").code == 0
    entry_id = _only(_listed(run, "evidence", "list"))["id"][:8]

    tied = run(
        "evidence",
        "edit",
        entry_id,
        "--expectation",
        "senior.remote-communication.architecture-docs",
        "--project",
        "",
        "--json",
    )

    assert tied.code == 0, tied.err
    assert tied.json()["changed"] == {
        "expectation": {"from": None, "to": "senior.remote-communication.architecture-docs"},
        "project": {"from": "Ledger", "to": None},
    }
    entry = _only(_listed(run, "evidence", "list"))
    assert entry["id"].startswith(entry_id)
    assert (entry["expectation"], entry["project"]) == ("senior.remote-communication.architecture-docs", None)
    refused = run("evidence", "edit", entry_id, "--expectation", "senior.nope")
    assert refused.code == 2 and "is not in the ladder" in refused.err


# ── postings and interviews ───────────────────────────────────────────────────────────────────────


def test_posting_edit_corrects_company_title_link_and_date(run: Run, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior Backend Engineer\n\nRequirements:\n- Go\n- Kafka\n", encoding="utf-8")
    assert run("posting", "add", str(posting), "--company", "Tallyho", "--title", "Senior BE").code == 0
    posting_id = _only(_listed(run, "posting", "list"))["id"][:8]

    edited = run(
        "posting",
        "edit",
        posting_id,
        "--company",
        "Tallyhoe",
        "--title",
        "Senior Backend Engineer",
        "--link",
        "https://jobs.example.com/1",
        "--date",
        "2026-11-20",
    )

    assert edited.code == 0, edited.err
    saved = _only(_listed(run, "posting", "list"))
    assert (saved["company"], saved["title"], saved["link"]) == (
        "Tallyhoe",
        "Senior Backend Engineer",
        "https://jobs.example.com/1",
    )


def test_interview_remove_takes_its_session_with_it(run: Run) -> None:
    assert run("log", "go", "30m", "--at", "08:00").code == 0
    assert run("interview", "add", "system-design", "--minutes", "60", "--score", "3").code == 0
    interview_id = _only(_listed(run, "interview", "list"))["id"][:8]

    removed = run("interview", "remove", interview_id)

    assert removed.code == 0, removed.err
    assert removed.out.startswith("Removed the system design mock interview of Tue 2026-11-24")
    assert _listed(run, "interview", "list") == []
    assert [row["skill"] for row in sessions(run)] == ["Go"]
    assert NOW.startswith("2026-11-24")
