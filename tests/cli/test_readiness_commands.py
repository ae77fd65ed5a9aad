"""Reading the record against the ladder: ``status``, ``report``, ``guide`` and ``--framework``."""

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import MINIMAL_LADDER, Run, broken_ladder, one_error_line, write_ladder

pytestmark = pytest.mark.usefixtures("empty_record")  # reading commands make no record

PRIMARY_LANGUAGE = "senior.languages.primary"


def ladder_expectation_ids() -> list[str]:
    text = files("skilltrack.guide").joinpath("ladder.toml").read_text(encoding="utf-8")
    return [str(entry["id"]) for entry in tomllib.loads(text)["expectations"]]


def status(run: Run, *extra: str) -> dict[str, Any]:
    result = run("status", "--json", *extra)
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()
    return document


def level(document: dict[str, Any], level_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(entry for entry in document["levels"] if entry["id"] == level_id)
    return found


def test_the_expectation_this_file_relies_on_is_in_the_ladder() -> None:
    assert PRIMARY_LANGUAGE in ladder_expectation_ids()


def test_status_text_on_an_empty_record(run: Run) -> None:
    result = run("status")

    assert result.code == 0, result.err
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0].startswith("Senior")
    assert lines[0].endswith(" 0% · 0 met of 33  ← target")
    assert lines[1].startswith("Lead")
    assert lines[2].startswith("Staff")
    assert lines[3] == (
        "Target     Senior, no target date (profile: target_date) · forecast: none yet "
        "(too little history yet for a date)"
    )
    assert "This week  0m   last week 0m   (+0m)" in result.out
    assert "Streak     0 days" in result.out
    assert "Timer" not in result.out
    assert "Top gaps toward Senior" in result.out
    assert "  1. " in result.out
    assert "  4. " not in result.out


def test_status_json_shape(run: Run) -> None:
    document = status(run)

    assert document["date"] == "2026-11-24"
    assert document["target_level"] == "senior"
    assert [entry["id"] for entry in document["levels"]] == ["senior", "lead", "staff"]
    for entry in document["levels"]:
        assert isinstance(entry["percent"], int)
        assert 0 <= entry["percent"] <= 100
        assert isinstance(entry["met"], int)
        assert isinstance(entry["total"], int)
        assert entry["met"] + entry["partial"] + entry["claimed"] + entry["missing"] == entry["total"]
        assert entry["summary"] == f"{entry['percent']}% · 0 met of {entry['total']}"
        assert entry["target"] is (entry["id"] == "senior")
    ids = ladder_expectation_ids()
    assert level(document, "senior")["total"] == sum(1 for i in ids if i.startswith("senior."))
    assert document["this_week_minutes"] == 0
    assert document["last_week_minutes"] == 0
    assert document["streak_days"] == 0
    assert document["timer"] is None
    assert 1 <= len(document["top_gaps"]) <= 3
    for gap in document["top_gaps"]:
        assert gap["id"] in ids
        assert gap["level"] == "senior"
        assert gap["status"] != "met"
        assert gap["next_step"] and gap["next_step_kind"] in {"practice", "task", "profile", "time", "ship"}
    assert document["forecast"]["reached_on"] is None
    assert document["forecast"]["summary"].startswith("Too little history yet for a date")


def test_this_week_last_week_and_streak(run: Run) -> None:
    run("log", "Go", "1h")  # Tuesday 24th
    run("log", "Go", "30m", "--date", "2026-11-23")  # Monday, same week
    run("log", "Go", "45m", "--date", "2026-11-22")  # Sunday, last week
    run("log", "Go", "15m", "--date", "2026-11-16")  # Monday, last week (streak broken before the 22nd)

    document = status(run)
    text = run("status").out

    assert document["this_week_minutes"] == 90
    assert document["last_week_minutes"] == 60
    assert document["streak_days"] == 3
    assert "This week  1h30m   last week 1h   (+30m)" in text
    assert "Streak     3 days" in text


def test_rating_a_language_4_claims_the_primary_language_and_ten_hours_show_it(run: Run) -> None:
    before = status(run)
    assert PRIMARY_LANGUAGE in level(before, "senior")["gaps"]

    assert run("skill", "rate", "py", "4").code == 0

    # The rating alone is the person's word: claimed, half its weight, still a gap with what shows it.
    claimed = status(run)
    senior_before, senior_claimed = level(before, "senior"), level(claimed, "senior")
    assert PRIMARY_LANGUAGE in senior_claimed["gaps"]
    assert (senior_claimed["met"], senior_claimed["claimed"]) == (senior_before["met"], 1)
    assert senior_claimed["percent"] > senior_before["percent"]
    assert senior_claimed["shown_percent"] == senior_before["shown_percent"]
    report = run("report", "--format", "json").json()
    primary = next(entry for entry in report["expectations"] if entry["id"] == PRIMARY_LANGUAGE)
    assert (primary["status"], primary["shown"], primary["claimed"], primary["fraction"]) == (
        "claimed",
        0,
        1,
        0.5,
    )
    assert primary["next_step"] == "log 10 h of Python or use it in a shipped project"
    assert primary["next_step_kind"] == "practice"
    text = run("status").out
    assert senior_claimed["summary"] == f"{senior_claimed['percent']}% · 0 met, 1 partial, 1 claimed of 33"
    assert f"{senior_claimed['summary']}  ← target" in text

    # Ten hours of Python show the rating: met.
    assert run("log", "python", "6h", "--date", "2026-11-20").code == 0
    assert run("log", "python", "4h", "--date", "2026-11-21").code == 0
    after = status(run)
    senior_after = level(after, "senior")
    assert PRIMARY_LANGUAGE not in senior_after["gaps"]
    assert (senior_after["met"], senior_after["claimed"]) == (senior_before["met"] + 1, 0)
    assert senior_after["percent"] > senior_claimed["percent"]
    assert PRIMARY_LANGUAGE not in [gap["id"] for gap in after["top_gaps"]]
    report = run("report", "--format", "json").json()
    primary = next(entry for entry in report["expectations"] if entry["id"] == PRIMARY_LANGUAGE)
    assert primary["status"] == "met"


def test_target_level_from_the_profile(run: Run) -> None:
    run("profile", "--set", "target_level=lead")

    document = status(run)

    assert document["target_level"] == "lead"
    assert level(document, "lead")["target"] is True
    assert all(gap["level"] in ("senior", "lead") for gap in document["top_gaps"])
    assert "Top gaps toward Lead" in run("status").out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_report_in_every_format(run: Run, fmt: str) -> None:
    run("skill", "rate", "Python", "4")
    run(
        "evidence",
        "add",
        "Outbox design doc",
        "--kind",
        "design-doc",
        "--expectation",
        "senior.design.design-docs",
        "--link",
        "https://x.example/doc",
    )

    result = run("report", "--format", fmt)

    assert result.code == 0, result.err
    if fmt == "text":
        assert result.out.startswith("Senior readiness on 2026-11-24 — ")
        assert "% · 1 met, 1 partial, 1 claimed of 33" in result.out
        assert "Claimed, not shown yet (each counts half until your record shows it):" in result.out
        assert "  ◇ Deep in one server-side language → log 10 h of Python" in result.out
        assert "✓ " in result.out
        assert "Outbox design doc" in result.out
        assert "Biggest gaps, first to close:" in result.out
    elif fmt == "markdown":
        assert result.out.startswith("# Senior readiness")
        assert "| Level | Ready | Shown | Met | Partial | Claimed |" in result.out
        assert "## Claimed, not shown yet" in result.out
        assert "[Outbox design doc](https://x.example/doc)" in result.out
        assert "## Gaps and next steps" in result.out
    else:
        document = result.json()
        assert document["format"] == "skilltrack-report"
        assert document["date"] == "2026-11-24"
        assert document["level"]["id"] == "senior"
        assert document["level"]["target"] is True
        assert document["level"]["claimed"] == 1
        assert document["level"]["summary"].endswith("· 1 met, 1 partial, 1 claimed of 33")
        assert [entry["id"] for entry in document["levels"]] == ["senior", "lead", "staff"]
        ids = [entry["id"] for entry in document["expectations"]]
        assert ids == [i for i in ladder_expectation_ids() if i.startswith("senior.")]
        docs = next(e for e in document["expectations"] if e["id"] == "senior.design.design-docs")
        assert [e["title"] for e in docs["evidence"]] == ["Outbox design doc"]
        assert document["orphaned_evidence"] == []


@pytest.mark.parametrize("typed", ["lead", "LEAD"])
def test_report_for_another_level(run: Run, typed: str) -> None:
    text = run("report", "--level", typed)
    document = run("report", "--level", typed, "--format", "json").json()

    assert text.code == 0, text.err
    assert text.out.startswith("Lead readiness on 2026-11-24")
    assert document["level"]["id"] == "lead"
    assert document["level"]["target"] is False
    assert any(entry["id"].startswith("lead.") for entry in document["expectations"])


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_report_to_a_file(run: Run, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"

    result = run("report", "--format", fmt, "-o", str(target))

    assert result.code == 0, result.err
    assert result.out.strip() == f"Wrote {target}"
    assert target.read_text(encoding="utf-8") == run("report", "--format", fmt).out


def test_report_to_an_unwritable_place_names_the_output(run: Run, tmp_path: Path) -> None:
    """As export does: the output is a field the person gave (exit 2), not a problem with the record."""
    result = run("report", "-o", str(tmp_path / "no" / "such" / "folder" / "report.txt"))

    assert result.code == 2
    line = one_error_line(result)
    assert "output" in line and "report.txt" in line


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--level", "principal"], "level"),
        (["--format", "pdf"], "format"),
        (["--format", "JSON "], "format"),
    ],
)
def test_report_refuses_a_bad_level_or_format(run: Run, tmp_path: Path, args: list[str], field: str) -> None:
    target = tmp_path / "report.out"

    result = run("report", *args, "-o", str(target))

    assert result.code == 2
    assert one_error_line(result).startswith(f"skilltrack: {field}:")
    assert not target.exists()


def test_guide_text_and_json_hold_every_expectation(run: Run) -> None:
    text = run("guide")
    document = run("guide", "--format", "json").json()

    assert text.code == 0, text.err
    ids = ladder_expectation_ids()
    for expectation_id in ids:
        assert expectation_id in text.out
    assert [entry["id"] for entry in document["expectations"]] == ids
    assert document["format"] == "skilltrack-ladder"
    assert [entry["id"] for entry in document["levels"]] == ["senior", "lead", "staff"]
    assert document["source"] == "built-in ladder"
    assert "SENIOR" in text.out
    assert run("guide", "--format", "markdown").code == 2


# ── a ladder of one's own ──────────────────────────────────────────────────────────────────────


def test_a_custom_ladder_changes_status(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path)

    before = run("status", "--framework", str(ladder))
    run("skill", "rate", "Python", "2")
    claimed = status(run, "--framework", str(ladder))
    run("log", "Python", "10h", "--date", "2026-11-20")
    after = status(run, "--framework", str(ladder))

    assert before.code == 0, before.err
    assert before.out.startswith("Apprentice")
    assert "Senior" not in before.out
    assert "Top gaps toward Apprentice" in before.out
    assert after["target_level"] == "apprentice"
    assert [
        (entry["id"], entry["claimed"], entry["total"], entry["percent"]) for entry in claimed["levels"]
    ] == [("apprentice", 1, 1, 50)]
    assert [(entry["id"], entry["met"], entry["total"], entry["percent"]) for entry in after["levels"]] == [
        ("apprentice", 1, 1, 100)
    ]
    assert after["top_gaps"] == []
    assert (
        "Every Apprentice expectation is shown by your record."
        in run("--framework", str(ladder), "status").out
    )


def test_the_framework_environment_variable_and_guide(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLTRACK_FRAMEWORK", str(write_ladder(tmp_path)))

    document = run("guide", "--format", "json").json()

    assert [entry["id"] for entry in document["expectations"]] == ["apprentice.craft.python"]
    assert document["name"] == "Tiny test ladder"
    assert run("report", "--level", "senior").code == 2


@pytest.mark.parametrize(
    "command", [["status"], ["report"], ["guide"], ["log", "Go", "30m"], ["evidence", "kinds"]]
)
def test_a_broken_custom_ladder_names_the_file_and_the_entry(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    ladder = broken_ladder(tmp_path)

    result = run(*command, "--framework", str(ladder))

    assert result.code == 1
    line = one_error_line(result)
    assert line.startswith(f"skilltrack: {ladder}: expectations apprentice.craft.python:")
    assert "nowhere" in line


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("format = 'something-else'\n", "format"),
        (MINIMAL_LADDER.replace("version = 1", "version = 7"), "version"),
        (MINIMAL_LADDER + "\n[[levels]]\nid = 'apprentice'\ntitle = 'Again'\n", "levels"),
        (MINIMAL_LADDER.replace('kind = "language"', 'kind = "spell"'), "skills Python"),
        (
            MINIMAL_LADDER.replace("min_level = 2", "min_level = 9"),
            "expectations apprentice.craft.python rule",
        ),
        ("this is [not toml", ""),
    ],
)
def test_other_broken_ladders_are_refused_clearly(run: Run, tmp_path: Path, text: str, where: str) -> None:
    ladder = write_ladder(tmp_path, text, name="mine.toml")

    result = run("status", "--framework", str(ladder))

    assert result.code == 1
    line = one_error_line(result)
    assert line.startswith(f"skilltrack: {ladder}: {where}")


def test_a_missing_ladder_file_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("status", "--framework", str(tmp_path / "missing.toml"))

    assert result.code == 1
    assert "missing.toml" in one_error_line(result)


def test_evidence_for_an_expectation_the_custom_ladder_lacks_is_orphaned_not_lost(
    run: Run, tmp_path: Path
) -> None:
    ladder = str(write_ladder(tmp_path))
    added = run(
        "evidence",
        "add",
        "Outbox design doc",
        "--kind",
        "design-doc",
        "--expectation",
        "senior.design.design-docs",
    )
    assert added.code == 0, added.err

    document = run("report", "--format", "json", "--framework", ladder)
    listed = run("evidence", "list", "--json", "--framework", ladder)
    text = run("report", "--framework", ladder)

    assert document.code == 0, document.err
    [orphan] = document.json()["orphaned_evidence"]
    assert orphan["title"] == "Outbox design doc"
    assert orphan["expectation"] == "senior.design.design-docs"
    assert [row["expectation"] for row in listed.json()] == ["senior.design.design-docs"]
    assert "senior.design.design-docs" in text.out
    assert run("report", "--format", "json").json()["orphaned_evidence"] == []
