"""Editing the record from the shell: ``skill``, ``project``, ``evidence``, ``profile`` and ``config``."""

from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Run, broken_ladder, one_error_line, sessions, skill_names, skills, write_ladder

pytestmark = pytest.mark.usefixtures("empty_record")  # commands on a record with nothing in it yet


def skill(run: Run, name: str) -> dict[str, Any]:
    result = run("skill", "show", name, "--json")
    assert result.code == 0, result.err
    shown: dict[str, Any] = result.json()
    return shown


# ── skills ─────────────────────────────────────────────────────────────────────────────────────


def test_skill_add_a_vocabulary_name_gets_canonical_spelling_kind_and_aliases(run: Run) -> None:
    result = run("skill", "add", "postgres")

    assert result.code == 0, result.err
    assert result.out.strip() == "Added PostgreSQL (datastore)."
    [row] = skills(run)
    assert (row["name"], row["kind"]) == ("PostgreSQL", "datastore")
    assert {"postgres", "pg", "psql"} <= set(row["aliases"])
    assert row["level"] is None


def test_skill_add_with_kind_aliases_and_level(run: Run) -> None:
    result = run(
        "skill",
        "add",
        "Temporal",
        "--kind",
        "infrastructure",
        "--alias",
        "tmprl",
        "--alias",
        "temporal.io",
        "--level",
        "3",
    )

    assert result.code == 0, result.err
    assert result.out.strip() == "Added Temporal (infrastructure), rated 3."
    shown = skill(run, "tmprl")
    assert shown["name"] == "Temporal"
    assert shown["kind"] == "infrastructure"
    assert sorted(shown["aliases"]) == ["temporal.io", "tmprl"]
    assert shown["level"] == 3
    assert shown["ratings"] == [{"date": "2026-11-24", "level": 3, "note": ""}]


def test_skill_add_an_unknown_name_is_of_kind_other(run: Run) -> None:
    assert run("skill", "add", "Elixir").out.strip() == "Added Elixir (other)."


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["Temporal", "--kind", "wizardry"], "kind"),
        (["Temporal", "--level", "6"], "level"),
        (["Temporal", "--level", "x"], "level"),
        (["  "], "name"),
    ],
)
def test_skill_add_refuses_bad_values_and_adds_nothing(run: Run, args: list[str], field: str) -> None:
    result = run("skill", "add", *args)

    assert result.code == 2
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert skills(run) == []


@pytest.mark.parametrize("again", ["Go", "go", "golang", "GOLANG"])
def test_adding_a_skill_twice_is_refused(run: Run, again: str) -> None:
    assert run("skill", "add", "Go").code == 0

    result = run("skill", "add", again)

    assert result.code == 2
    line = one_error_line(result)
    assert "already a skill" in line
    assert "Go" in line
    assert skill_names(run) == ["Go"]


def test_an_alias_taken_by_another_skill_is_refused(run: Run) -> None:
    run("skill", "add", "Go")

    result = run("skill", "add", "Gleam", "--alias", "golang")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: alias:")
    assert skill_names(run) == ["Go"]


def test_skill_list_text_and_json(run: Run) -> None:
    assert run("skill", "list").out.startswith("No skills yet.")
    assert run("skill", "list", "--json").json() == []
    run("log", "Python", "1h30m")
    run("log", "Go", "45m", "--date", "2026-11-20")
    run("skill", "rate", "Python", "4")
    run("skill", "add", "Kafka")

    text = run("skill", "list")
    rows = skills(run)

    assert text.code == 0
    lines = text.out.splitlines()
    assert lines[0].split() == ["skill", "kind", "level", "hours", "last", "90", "d", "last", "practised"]
    assert any(line.split()[:4] == ["Python", "language", "4", "1.5"] for line in lines)
    assert any(line.startswith("Kafka") and line.endswith("never") for line in lines)
    assert [row["name"] for row in rows] == ["Go", "Kafka", "Python"]
    python = rows[2]
    assert python["level"] == 4
    assert python["rated_on"] == "2026-11-24"
    assert python["minutes_total"] == 90
    assert python["minutes_last_90_days"] == 90
    assert python["sessions"] == 1
    assert python["last_practised"] == "2026-11-24"
    assert rows[0]["last_practised"] == "2026-11-20"
    assert rows[1]["sessions"] == 0
    assert rows[1]["last_practised"] is None


def test_skill_show_text_and_json(run: Run) -> None:
    run("log", "Go", "45m", "--note", "generics")
    run("skill", "rate", "Go", "3", "--note", "daily work")

    text = run("skill", "show", "golang")
    shown = skill(run, "GO")

    assert text.code == 0, text.err
    assert text.out.startswith("Go (language) — also golang")
    assert "Level 3: works with it daily without help" in text.out
    assert "2026-11-24  3  daily work" in text.out
    assert "generics" in text.out
    assert shown["minutes_total"] == 45
    assert shown["recent_sessions"] == [
        {"date": "2026-11-24", "minutes": 45, "kind": "study", "note": "generics"}
    ]
    assert run("skill", "show", "Cobol").code == 2


@pytest.mark.parametrize("level", ["0", "1", "2", "3", "4", "5", " 4 "])
def test_skill_rate_accepts_0_to_5(run: Run, level: str) -> None:
    run("skill", "add", "Go")

    result = run("skill", "rate", "Go", level)

    assert result.code == 0, result.err
    assert f"Rated Go {level.strip()} (" in result.out
    assert skill(run, "Go")["level"] == int(level)


@pytest.mark.parametrize("level", ["6", "-1", "x", "", "3.5", "10", "²", "٣٣"])
def test_skill_rate_refuses_anything_else(run: Run, level: str) -> None:
    run("skill", "add", "Go")

    result = run("skill", "rate", "Go", level)

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: level:")
    assert skill(run, "Go")["ratings"] == []


def test_rating_history_is_kept_and_the_latest_is_the_level(run: Run) -> None:
    run("skill", "add", "Go")
    assert run("skill", "rate", "Go", "2", "--date", "2026-03-01", "--note", "started").code == 0
    assert run("skill", "rate", "Go", "4").code == 0
    # An older rating entered afterwards does not replace the newer one.
    assert run("skill", "rate", "Go", "1", "--date", "2025-06-01").code == 0

    shown = skill(run, "Go")

    assert shown["level"] == 4
    assert shown["ratings"] == [
        {"date": "2025-06-01", "level": 1, "note": ""},
        {"date": "2026-03-01", "level": 2, "note": "started"},
        {"date": "2026-11-24", "level": 4, "note": ""},
    ]


def test_skill_rate_refuses_a_future_date_and_an_unknown_skill(run: Run) -> None:
    run("skill", "add", "Go")

    future = run("skill", "rate", "Go", "3", "--date", "2027-01-01")
    unknown = run("skill", "rate", "Cobol", "3")
    near = run("skill", "rate", "postgress", "3")

    assert future.code == 2
    assert one_error_line(future).startswith("skilltrack: date:")
    assert unknown.code == 2
    assert "skill add" in unknown.err
    assert near.code == 2
    assert "did you mean PostgreSQL?" in near.err
    assert skill_names(run) == ["Go"]


def test_skill_rate_a_vocabulary_skill_not_yet_in_the_record_adds_it(run: Run) -> None:
    result = run("skill", "rate", "k8s", "2")

    assert result.code == 0, result.err
    assert "Note: added Kubernetes" in result.out
    assert skill(run, "Kubernetes")["level"] == 2


def test_rename_moves_the_name(run: Run) -> None:
    run("log", "Elixir", "30m")

    result = run("skill", "rename", "elixir", "Elixir lang")

    assert result.code == 0, result.err
    assert result.out.strip() == "Renamed Elixir to Elixir lang."
    assert run("skill", "show", "Elixir").code == 2
    assert skill(run, "elixir LANG")["minutes_total"] == 30
    assert [row["skill"] for row in sessions(run)] == ["Elixir lang"]


def test_rename_onto_another_skills_name_is_refused(run: Run) -> None:
    run("skill", "add", "Go")
    run("skill", "add", "Python")

    onto_name = run("skill", "rename", "Python", "go")
    onto_alias = run("skill", "rename", "Python", "golang")

    assert onto_name.code == 2
    assert one_error_line(onto_name).startswith("skilltrack: new name:")
    assert "Go" in onto_name.err
    assert onto_alias.code == 2
    assert skill_names(run) == ["Go", "Python"]


def test_rename_an_unknown_skill_or_to_nothing_is_refused(run: Run) -> None:
    run("skill", "add", "Go")

    assert run("skill", "rename", "Cobol", "COBOL").code == 2
    empty = run("skill", "rename", "Go", "  ")
    assert empty.code == 2
    assert one_error_line(empty).startswith("skilltrack: new name:")
    assert skill_names(run) == ["Go"]


def test_skill_edit_kind(run: Run) -> None:
    run("skill", "add", "Elixir")

    result = run("skill", "edit", "Elixir", "--kind", "language")
    bad = run("skill", "edit", "Elixir", "--kind", "wizardry")

    assert result.code == 0, result.err
    assert result.out.strip() == "Elixir is now of kind language."
    assert bad.code == 2
    assert one_error_line(bad).startswith("skilltrack: kind:")
    assert skills(run)[0]["kind"] == "language"


def test_skill_remove_without_yes_and_no_terminal_removes_nothing(run: Run) -> None:
    run("log", "Go", "45m")
    run("skill", "rate", "Go", "3")

    result = run("skill", "remove", "Go")

    assert result.code == 2
    line = one_error_line(result)
    assert "Remove Go with 1 session" in line
    assert "1 rating" in line
    assert "--yes" in line
    assert skill_names(run) == ["Go"]
    assert len(sessions(run)) == 1


def test_skill_remove_with_yes_takes_its_sessions(run: Run) -> None:
    run("log", "Go", "45m")
    run("log", "Go", "1h")
    run("log", "Python", "30m")

    result = run("skill", "remove", "golang", "--yes")

    assert result.code == 0, result.err
    assert result.out.startswith("Removed Go with 2 sessions (1 h 45 m)")
    assert skill_names(run) == ["Python"]
    assert [row["skill"] for row in sessions(run)] == ["Python"]
    assert run("skill", "show", "Go").code == 2


def test_skill_remove_of_an_unused_skill_needs_no_confirmation(run: Run) -> None:
    run("skill", "add", "Elixir")

    result = run("skill", "remove", "Elixir")

    assert result.code == 0, result.err
    assert result.out.strip() == "Removed Elixir."
    assert skills(run) == []


def test_skill_remove_unknown_is_refused(run: Run) -> None:
    result = run("skill", "remove", "Cobol", "--yes")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: skill:")


# ── projects ───────────────────────────────────────────────────────────────────────────────────


def projects(run: Run) -> list[dict[str, Any]]:
    result = run("project", "list", "--json")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_project_add_list_and_remove(run: Run) -> None:
    assert run("project", "list").out.startswith("No projects yet.")
    added = run(
        "project",
        "add",
        "Payments API",
        "--role",
        "backend engineer",
        "--from",
        "2024-02-01",
        "--to",
        "2025-03-31",
        "--production",
        "--skills",
        "golang, postgres,Kafka",
        "--impact",
        "2k rps",
        "--link",
        "https://x.example/pay",
    )

    assert added.code == 0, added.err
    assert "Note: added Go (language) to your skills." in added.out
    assert "Added project Payments API (shipped to production, 3 skills)." in added.out
    [project] = projects(run)
    assert project["name"] == "Payments API"
    assert project["role"] == "backend engineer"
    assert project["from"] == "2024-02-01"
    assert project["to"] == "2025-03-31"
    assert project["production"] is True
    assert project["impact"] == "2k rps"
    assert project["links"] == ["https://x.example/pay"]
    assert project["skills"] == ["Go", "Kafka", "PostgreSQL"]
    assert skill_names(run) == ["Go", "Kafka", "PostgreSQL"]

    run("project", "add", "Side thing", "--role", "tinkerer", "--from", "2026-01-01")
    text = run("project", "list").out
    assert "Payments API" in text
    assert "ongoing" in text
    side = next(row for row in projects(run) if row["name"] == "Side thing")
    assert (side["production"], side["to"], side["skills"]) == (False, None, [])

    refused = run("project", "remove", "payments api")
    assert refused.code == 2
    assert "--yes" in one_error_line(refused)
    assert len(projects(run)) == 2

    removed = run("project", "remove", "payments api", "--yes")
    assert removed.code == 0, removed.err
    assert removed.out.strip() == "Removed project Payments API."
    assert [row["name"] for row in projects(run)] == ["Side thing"]
    assert skill_names(run) == ["Go", "Kafka", "PostgreSQL"]  # the skills stay


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--from", "2025-01-01", "--to", "2024-12-31"], "to"),
        (["--from", "2025-02-30"], "from"),
        (["--from", "2030-01-01"], "from"),
        (["--from", "2025-01-01", "--to", "2030-01-01"], "to"),
        (["--from", "2025-01-01", "--skills", "postgress"], "skill"),
    ],
)
def test_project_add_refuses_bad_values_and_writes_nothing(run: Run, args: list[str], field: str) -> None:
    result = run("project", "add", "Payments API", "--role", "engineer", "--skills", "Go", *args)

    assert result.code == 2
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert projects(run) == []
    assert skills(run) == []


def test_project_add_refuses_an_empty_role_and_a_duplicate_name(run: Run) -> None:
    assert run("project", "add", "Payments", "--role", "engineer", "--from", "2024-01-01").code == 0

    empty_role = run("project", "add", "Other", "--role", " ", "--from", "2024-01-01")
    duplicate = run("project", "add", "PAYMENTS", "--role", "engineer", "--from", "2024-01-01")

    assert empty_role.code == 2
    assert one_error_line(empty_role).startswith("skilltrack: role:")
    assert duplicate.code == 2
    assert one_error_line(duplicate).startswith("skilltrack: name:")
    assert [row["name"] for row in projects(run)] == ["Payments"]


def test_project_remove_unknown_is_refused(run: Run) -> None:
    assert run("project", "remove", "Nothing", "--yes").code == 2


# ── evidence ───────────────────────────────────────────────────────────────────────────────────


def evidence(run: Run, *extra: str) -> list[dict[str, Any]]:
    result = run("evidence", "list", "--json", *extra)
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_evidence_kinds_lists_the_ladders_kinds(run: Run) -> None:
    result = run("evidence", "kinds")

    assert result.code == 0
    for kind in ("design-doc", "incident", "postmortem", "code-review", "mentoring", "talk"):
        assert kind in result.out


def test_evidence_add_list_and_remove(run: Run) -> None:
    assert run("evidence", "list").out.startswith("No evidence yet.")
    run("project", "add", "Payments", "--role", "tech lead", "--from", "2025-01-01")

    added = run(
        "evidence",
        "add",
        "Outbox design doc",
        "--kind",
        "design-doc",
        "--date",
        "2026-10-01",
        "--expectation",
        "senior.design.design-docs",
        "--project",
        "payments",
        "--link",
        "https://x.example/doc",
        "--note",
        "reviewed by 4",
    )
    second = run("evidence", "add", "Paged for checkout outage", "--kind", "incident")

    assert added.code == 0, added.err
    assert added.out.startswith("Added design-doc evidence ")
    assert added.out.rstrip().endswith("on 2026-10-01: Outbox design doc")
    assert second.code == 0, second.err
    rows = evidence(run)
    assert [row["title"] for row in rows] == ["Paged for checkout outage", "Outbox design doc"]
    doc = rows[1]
    assert doc["kind"] == "design-doc"
    assert doc["date"] == "2026-10-01"
    assert doc["expectation"] == "senior.design.design-docs"
    assert doc["project"] == "Payments"
    assert doc["link"] == "https://x.example/doc"
    assert doc["note"] == "reviewed by 4"
    assert rows[0]["date"] == "2026-11-24"
    assert rows[0]["expectation"] is None
    assert [row["kind"] for row in evidence(run, "--kind", "incident")] == ["incident"]
    assert "Outbox design doc" in run("evidence", "list").out

    removed = run("evidence", "remove", doc["id"][:8])

    assert removed.code == 0, removed.err
    assert removed.out.strip() == "Removed evidence: Outbox design doc."
    assert [row["title"] for row in evidence(run)] == ["Paged for checkout outage"]


def test_removing_a_project_keeps_its_evidence_untied(run: Run) -> None:
    run("project", "add", "Payments", "--role", "tech lead", "--from", "2025-01-01")
    run("evidence", "add", "Outbox design doc", "--kind", "design-doc", "--project", "Payments")

    removed = run("project", "remove", "Payments", "--yes")

    assert removed.code == 0, removed.err
    assert "1 evidence entries kept" in removed.out
    [row] = evidence(run)
    assert row["title"] == "Outbox design doc"
    assert row["project"] is None


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--kind", "heroics"], "kind"),
        (["--kind", "design-doc", "--expectation", "senior.design.nonsense"], "expectation"),
        (["--kind", "design-doc", "--project", "Nowhere"], "project"),
        (["--kind", "design-doc", "--date", "2027-01-01"], "date"),
        (["--kind", "design-doc", "--date", "2026-13-01"], "date"),
    ],
)
def test_evidence_add_refuses_bad_values(run: Run, args: list[str], field: str) -> None:
    result = run("evidence", "add", "Outbox design doc", *args)

    assert result.code == 2
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert evidence(run) == []


def test_evidence_add_refuses_an_empty_title(run: Run) -> None:
    result = run("evidence", "add", "   ", "--kind", "design-doc")

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: title:")
    assert evidence(run) == []


def test_evidence_remove_refuses_a_bad_or_unknown_id(run: Run) -> None:
    assert run("evidence", "remove", "xyz").code == 2
    assert run("evidence", "remove", "abcd1234").code == 2


# ── profile ────────────────────────────────────────────────────────────────────────────────────


def profile(run: Run) -> dict[str, Any]:
    result = run("profile", "--json")
    assert result.code == 0, result.err
    values: dict[str, Any] = result.json()
    return values


def test_an_empty_profile(run: Run) -> None:
    assert profile(run) == {
        "name": "",
        "title": "",
        "career_start": None,
        "target_level": None,
        "target_date": None,
        "time_zone": None,
    }
    assert "UTC (from this machine)" in run("profile").out


@pytest.mark.parametrize(
    ("pair", "key", "expected"),
    [
        ("name=Alex Rivera", "name", "Alex Rivera"),
        ("title=Backend engineer", "title", "Backend engineer"),
        ("career_start=2021-03-01", "career_start", "2021-03-01"),
        ("career-start=2021-03-01", "career_start", "2021-03-01"),
        ("target_level=Lead", "target_level", "lead"),
        ("target_date=2027-06-30", "target_date", "2027-06-30"),
        ("time_zone=Europe/Lisbon", "time_zone", "Europe/Lisbon"),
    ],
)
def test_profile_set_every_key(run: Run, pair: str, key: str, expected: str) -> None:
    result = run("profile", "--set", pair)

    assert result.code == 0, result.err
    assert result.out.startswith("Profile saved.")
    assert profile(run)[key] == expected


def test_profile_set_several_keys_at_once_and_clear_one(run: Run) -> None:
    assert run("profile", "--set", "name=Alex", "--set", "target_level=staff", "--set", "title=SWE").code == 0
    assert run("profile", "--set", "title=").code == 0

    values = profile(run)

    assert values["name"] == "Alex"
    assert values["target_level"] == "staff"
    assert values["title"] == ""


@pytest.mark.parametrize(
    ("pair", "key"),
    [
        ("career_start=2030-01-01", "career_start"),
        ("career_start=someday", "career_start"),
        ("target_date=2027-02-30", "target_date"),
        ("target_level=principal", "target_level"),
        ("time_zone=Mars/Base", "time_zone"),
        ("favourite_colour=blue", "favourite_colour"),
        ("name", "name"),
    ],
)
def test_profile_set_refuses_bad_values_naming_the_key(run: Run, pair: str, key: str) -> None:
    run("profile", "--set", "name=Alex")

    result = run("profile", "--set", "title=Lead engineer", "--set", pair)

    assert result.code == 2
    line = one_error_line(result)
    assert line.startswith("skilltrack: ")
    assert key in line
    assert profile(run)["name"] == "Alex"
    assert profile(run)["title"] == ""  # the valid pair in the same command was not saved either


# ── config ─────────────────────────────────────────────────────────────────────────────────────


def test_config_shows_where_things_are(run: Run, tmp_path: Path) -> None:
    result = run("config")

    assert result.code == 0, result.err
    assert f"config file   {tmp_path / 'config.toml'}" in result.out
    assert f"record        {tmp_path / 'record.sqlite3'}" in result.out
    assert "ladder        built-in" in result.out


def test_config_set_framework_validates_the_ladder(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    broken = broken_ladder(tmp_path)

    refused = run("config", "--set", f"framework={broken}")

    assert refused.code == 1
    line = one_error_line(refused)
    assert str(broken) in line
    assert "expectations apprentice.craft.python" in line
    assert not config.exists()
    assert run("status").code == 0

    ladder = write_ladder(tmp_path)
    accepted = run("config", "--set", f"framework={ladder}")
    assert accepted.code == 0, accepted.err
    assert f"ladder        {ladder}" in accepted.out
    assert "Apprentice" in run("status").out

    assert run("config", "--unset", "framework").code == 0
    assert "Senior" in run("status").out


def test_config_set_framework_to_a_missing_file_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("config", "--set", f"framework={tmp_path / 'nope.toml'}")

    assert result.code == 1
    assert "nope.toml" in one_error_line(result)
    assert not (tmp_path / "config.toml").exists()


@pytest.mark.parametrize("pair", ["colour=blue", "framework", "framework=  "])
def test_config_set_refuses_unknown_keys_and_empty_values(run: Run, tmp_path: Path, pair: str) -> None:
    result = run("config", "--set", pair)

    assert result.code == 2
    assert one_error_line(result).startswith("skilltrack: set:")
    assert not (tmp_path / "config.toml").exists()


def test_config_set_db_moves_the_record(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLTRACK_DB")
    other = tmp_path / "elsewhere" / "mine.sqlite3"

    assert run("config", "--set", f"db={other}").code == 0
    assert run("log", "Go", "30m").code == 0

    assert other.exists()
    assert run("--db", str(tmp_path / "record.sqlite3"), "session", "list", "--json").json() == []
