"""``skilltrack publish DIR`` and ``skilltrack team DIR``: two and three people publishing into one folder,
each from a record of their own, through the command's real entry point."""

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Run, one_error_line

PRIMARY_LANGUAGE = "senior.languages.primary"
EXPERIENCE = "senior.delivery.experience"
DOC_KIND = "design-doc"
DOC_EXPECTATION = "senior.design.design-docs"
PLANTED = ("planted-note-7f3a", "planted-link-9c1e", "planted-title-2b6d", "planted-project-4e8f")
"""Text put in a record's notes, links, evidence and project titles: none of it may leave the record."""


class Person:
    """One person's record, at a path of its own, driven through the command line."""

    def __init__(self, run: Run, folder: Path, name: str) -> None:
        self.run = run
        self.db = str(folder / f"{name.split()[0].lower()}.sqlite3")
        self.name = name

    def __call__(self, *args: str, now: str | None = None) -> Any:
        result = self.run("--db", self.db, *args, now=now)
        assert result.code == 0, result.err
        return result

    def named(self) -> "Person":
        self("profile", "--set", f"name={self.name}")
        return self


def expert(person: Person) -> Person:
    """Python at level 4, backed by ten hours logged weeks before today: the primary language is met, and
    when it was first shown is known."""
    person("log", "python", "5h", "--date", "2026-09-01", "--note", PLANTED[0])
    person("log", "python", "5h", "--date", "2026-09-02")
    person("skill", "rate", "python", "4", "--date", "2026-09-02")
    return person


def veteran(person: Person) -> Person:
    """Eleven years of work and a shipped project: the years of experience are met from the record's
    start, so when they were first shown is not known."""
    person("profile", "--set", "career_start=2015-03-01")
    person(
        "project",
        "add",
        "Billing",
        "--role",
        "backend engineer",
        "--from",
        "2024-01-01",
        "--to",
        "2024-06-30",
    )
    person("project", "edit", "Billing", "--production")
    return person


def team_json(run: Run, folder: Path) -> dict[str, Any]:
    result = run("team", str(folder), "--json")
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()
    return document


def snapshot(folder: Path, slug: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (folder / f"{slug}.skilltrack-readiness.json").read_text(encoding="utf-8")
    )
    return document


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def test_two_people_publish_into_one_folder_and_the_matrix_shows_both(
    run: Run, tmp_path: Path, shared: Path
) -> None:
    ada = expert(Person(run, tmp_path, "Ada Lovelace").named())
    bob = veteran(Person(run, tmp_path, "Bob Stone").named())
    bob("profile", "--set", "target_level=lead")

    published = ada("publish", str(shared))
    bob("publish", str(shared))

    assert f"to {shared / 'ada-lovelace.skilltrack-readiness.json'}" in published.out
    assert sorted(path.name for path in shared.iterdir()) == [
        "ada-lovelace.skilltrack-readiness.json",
        "bob-stone.skilltrack-readiness.json",
    ]
    team = team_json(run, shared)
    assert [person["name"] for person in team["people"]] == ["Ada Lovelace", "Bob Stone"]
    assert all(not person["stale"] and person["age_days"] == 0 for person in team["people"])
    rows = {row["id"]: row for row in team["expectations"]}
    assert rows[PRIMARY_LANGUAGE]["status"] == {"Ada Lovelace": "met", "Bob Stone": "missing"}
    assert rows[EXPERIENCE]["status"] == {"Ada Lovelace": "missing", "Bob Stone": "met"}
    assert not rows[PRIMARY_LANGUAGE]["nobody_meets"]
    assert PRIMARY_LANGUAGE not in team["nobody_meets"]
    assert EXPERIENCE not in team["nobody_meets"]
    assert team["people"][1]["target_level"] == "lead"


def test_the_snapshot_agrees_with_status(run: Run, tmp_path: Path, shared: Path) -> None:
    ada = expert(Person(run, tmp_path, "Ada Lovelace").named())
    ada("profile", "--set", "target_date=2027-06-30")

    ada("publish", str(shared))
    status = ada("status", "--json").json()

    document = snapshot(shared, "ada-lovelace")
    assert document["format"] == "skilltrack-readiness"
    assert document["date"] == status["date"] == "2026-11-24"
    assert document["ladder"] == "Remote backend engineer ladder"
    assert document["target"] == {"level": "senior", "date": "2027-06-30"}
    for published, shown in zip(document["levels"], status["levels"], strict=True):
        assert published["id"] == shown["id"]
        for figure in ("percent", "shown_percent", "met", "partial", "claimed", "missing", "total"):
            assert published[figure] == shown[figure], figure
    marks = {mark["id"]: mark for mark in document["expectations"]}
    report = ada("report", "--level", "staff", "--format", "json").json()
    assert {e["id"]: e["status"] for e in report["expectations"]} == {
        expectation_id: mark["status"] for expectation_id, mark in marks.items()
    }
    # First shown in the week of the rating (the series is weekly, on today's weekday: a Tuesday).
    assert marks[PRIMARY_LANGUAGE]["first_met_on"] == "2026-09-08"
    assert all(mark["first_met_on"] is None for mark in marks.values() if mark["status"] != "met")


def test_three_people_who_is_closest_and_what_the_whole_team_lacks(
    run: Run, tmp_path: Path, shared: Path
) -> None:
    ada = veteran(expert(Person(run, tmp_path, "Ada Lovelace").named()))
    bob = veteran(Person(run, tmp_path, "Bob Stone").named())
    cy = Person(run, tmp_path, "Cy Young").named()
    cy("log", "go", "30m")
    for person in (ada, bob, cy):
        person("publish", str(shared))

    team = team_json(run, shared)
    result = run("team", str(shared))

    percents = {
        person: next(level for level in team["levels"] if level["id"] == "senior")["percent"][person]
        for person in ("Ada Lovelace", "Bob Stone", "Cy Young")
    }
    assert percents["Ada Lovelace"] > percents["Bob Stone"] > percents["Cy Young"]
    assert team["closest_to_next_level"] == [
        {"name": "Ada Lovelace", "level": "senior", "percent": percents["Ada Lovelace"]}
    ]
    met_by_someone = {row["id"] for row in team["expectations"] if "met" in row["status"].values()}
    assert {PRIMARY_LANGUAGE, EXPERIENCE} <= met_by_someone
    assert set(team["nobody_meets"]) == {row["id"] for row in team["expectations"]} - met_by_someone
    assert result.code == 0, result.err
    assert result.out.startswith("Team readiness on 2026-11-24 · 3 people\n")
    assert f"Closest to their next level: Ada Lovelace (Senior {percents['Ada Lovelace']}%)" in result.out
    assert "  A  Ada Lovelace" in result.out and "  C  Cy Young" in result.out
    title_line = next(line for line in result.out.splitlines() if "Deep in one server-side language" in line)
    assert title_line.split()[-3:] == ["✓", "✗", "✗"]
    assert f"Nobody on the team meets ({len(team['nobody_meets'])} of " in result.out


def test_a_snapshot_older_than_thirty_days_is_marked_stale_with_its_date(
    run: Run, tmp_path: Path, shared: Path
) -> None:
    ada = Person(run, tmp_path, "Ada Lovelace").named()
    bob = Person(run, tmp_path, "Bob Stone").named()
    ada("publish", str(shared), now="2026-10-01T12:00:00+00:00")
    bob("publish", str(shared), now="2026-11-24T18:30:00+00:00")

    team = team_json(run, shared)
    result = run("team", str(shared))

    ada_entry, bob_entry = team["people"]
    assert (ada_entry["date"], ada_entry["age_days"], ada_entry["stale"]) == ("2026-10-01", 54, True)
    assert (bob_entry["date"], bob_entry["stale"]) == ("2026-11-24", False)
    assert "2026-10-01, stale: 54 days old" in result.out


def test_a_damaged_or_foreign_file_is_named_and_skipped(run: Run, tmp_path: Path, shared: Path) -> None:
    Person(run, tmp_path, "Ada Lovelace").named()("publish", str(shared))
    damaged = shared / "bob.skilltrack-readiness.json"
    damaged.write_bytes(b'{"format": "skilltrack-readiness", "version": 1, "name": "Bob"')
    foreign = shared / "cy.skilltrack-readiness.json"
    foreign.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    (shared / "notes.txt").write_text("not a snapshot, not ours", encoding="utf-8")
    (shared / "ada-lovelace.skilltrack-readiness.json.conflict").write_text("{", encoding="utf-8")

    result = run("team", str(shared), "--json")

    assert result.code == 0, result.err
    assert [person["name"] for person in result.json()["people"]] == ["Ada Lovelace"]
    warnings = result.err.strip().splitlines()
    assert len(warnings) == 2, result.err
    assert warnings[0].startswith(f"skilltrack: warning: {damaged}: skipped, is not valid JSON")
    assert warnings[1].startswith(f"skilltrack: warning: {foreign}: skipped, format:")
    assert "Traceback" not in result.err


def test_nothing_from_notes_links_or_titles_is_published(run: Run, tmp_path: Path, shared: Path) -> None:
    ada = expert(Person(run, tmp_path, "Ada Lovelace").named())
    link = f"https://example.org/{PLANTED[1]}"
    ada("project", "add", PLANTED[3], "--role", "backend engineer", "--from", "2025-01-01")
    ada("project", "edit", PLANTED[3], "--to", "2025-06-30", "--production", "--skills", "python")
    ada("project", "edit", PLANTED[3], "--link", link, "--impact", PLANTED[0])
    ada("evidence", "add", PLANTED[2], "--kind", DOC_KIND, "--expectation", DOC_EXPECTATION)
    ada("evidence", "add", PLANTED[2] + " two", "--kind", DOC_KIND, "--link", link, "--note", PLANTED[0])
    ada("evidence", "add", PLANTED[2] + " three", "--kind", DOC_KIND, "--project", PLANTED[3])

    ada("publish", str(shared))

    text = (shared / "ada-lovelace.skilltrack-readiness.json").read_text(encoding="utf-8")
    for planted in PLANTED:
        assert planted not in text
    assert "example.org" not in text
    assert set(json.loads(text)) == {
        "format",
        "version",
        "name",
        "ladder",
        "date",
        "target",
        "levels",
        "expectations",
    }
    for mark in json.loads(text)["expectations"]:
        assert set(mark) == {"id", "title", "level", "status", "first_met_on"}


def test_publish_refuses_a_profile_without_a_name_and_says_how_to_set_it(
    run: Run, tmp_path: Path, shared: Path
) -> None:
    anonymous = Person(run, tmp_path, "Nobody")
    anonymous("log", "python", "1h")

    result = run("--db", anonymous.db, "publish", str(shared))

    assert result.code == 2
    assert one_error_line(result) == (
        "skilltrack: name: your profile has no name, and a snapshot is shared under it; "
        'set it with: skilltrack profile --set name="Your Name"'
    )
    assert list(shared.iterdir()) == []


def test_publish_only_reads_the_record(run: Run, tmp_path: Path, shared: Path) -> None:
    missing = tmp_path / "nobody.sqlite3"

    result = run("--db", str(missing), "publish", str(shared))

    assert result.code == 1
    assert "there is no record here yet" in one_error_line(result)
    assert not missing.exists()
    assert list(shared.iterdir()) == []


def test_publishing_again_replaces_only_that_persons_file(run: Run, tmp_path: Path, shared: Path) -> None:
    ada = Person(run, tmp_path, "Ada Lovelace").named()
    Person(run, tmp_path, "Bob Stone").named()("publish", str(shared))
    bob_before = (shared / "bob-stone.skilltrack-readiness.json").read_bytes()
    ada("publish", str(shared), now="2026-11-20T12:00:00+00:00")

    ada("publish", str(shared), now="2026-11-24T18:30:00+00:00")

    assert snapshot(shared, "ada-lovelace")["date"] == "2026-11-24"
    assert (shared / "bob-stone.skilltrack-readiness.json").read_bytes() == bob_before
    assert sorted(path.name for path in shared.iterdir()) == [
        "ada-lovelace.skilltrack-readiness.json",
        "bob-stone.skilltrack-readiness.json",
    ]


@pytest.mark.parametrize("command", ["publish", "team"])
def test_a_folder_that_is_not_there_is_named(run: Run, tmp_path: Path, command: str) -> None:
    Person(run, tmp_path, "Ada Lovelace").named()
    missing = tmp_path / "nowhere"

    result = run("--db", str(tmp_path / "ada.sqlite3"), command, str(missing))

    assert result.code == 2
    assert one_error_line(result) == (
        f"skilltrack: folder: {missing}: there is no such folder; create it or give the shared one"
    )
    assert not missing.exists()


def test_team_on_an_empty_folder_says_how_people_share(run: Run, shared: Path) -> None:
    result = run("team", str(shared))

    assert result.code == 0, result.err
    assert result.out == (
        f"No readiness snapshots in {shared} yet; each person shares theirs with: "
        f"skilltrack publish {shared}\n"
    )


def test_team_needs_no_record_of_ones_own(run: Run, tmp_path: Path, shared: Path) -> None:
    Person(run, tmp_path, "Ada Lovelace").named()("publish", str(shared))
    nobody = tmp_path / "lead.sqlite3"

    result = run("--db", str(nobody), "team", str(shared))

    assert result.code == 0, result.err
    assert "Ada Lovelace" in result.out
    assert not nobody.exists()
