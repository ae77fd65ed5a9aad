"""The plan panel on the dashboard, and exporting the report from the Readiness screen."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from skilltrack.guide import load_builtin_framework
from skilltrack.record.overview import load_plan
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.export_report import ExportReportScreen
from skilltrack.tui.screens.readiness import ReadinessScreen
from tests.app_fixtures import app_on
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, notifications, plain, press, read, settle, type_text, wait_until


async def test_the_dashboard_shows_this_weeks_plan_and_the_forecast(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    framework = load_builtin_framework()
    plan = read(demo_db, lambda db: load_plan(db, framework=framework, today=TODAY, level_id=None))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        shown = plain(demo_app.screen.query_one("#plan", Static))
        panel = demo_app.screen.query_one("#plan")

        assert panel.border_title == f"This week's plan toward {plan.level.title} (4h48m a week)"
        lines = shown.splitlines()
        # The same actions, with their time, as `skilltrack plan`: at most three.
        assert 1 <= len(plan.this_week) <= 3
        for line, item in zip(lines, plan.this_week, strict=False):
            assert line == f"  {item.this_week_label:>5}  {item.title} → {item.how}"
        happens = lines[len(plan.this_week)]
        assert happens == "When it happens " + "; ".join(item.title for item in plan.when_it_happens)
        forecast = plan.forecast
        assert (
            forecast.earliest is not None and forecast.latest is not None and forecast.target_date is not None
        )
        assert lines[-1] == (
            f"Forecast Senior between {forecast.earliest.isoformat()} and {forecast.latest.isoformat()}, "
            f"9 weeks after your target {forecast.target_date.isoformat()}"
        )
        assert "Owns reliability and performance of a service" not in "".join(lines[: len(plan.this_week)])


async def test_an_empty_record_says_there_is_no_pace(empty_db: Path) -> None:
    app = app_on(empty_db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            panel = app.screen.query_one("#plan", Static)
            shown = plain(panel).splitlines()
            assert panel.border_title == "This week's plan toward Senior (no pace yet: an hour each to start)"
            assert [line[:9] for line in shown[0:3]] == ["     1h  "] * 3
            assert shown[-1] == (
                "Forecast Too little history yet for a date: 0 full weeks of learning since your first "
                "session, and a forecast needs 3."
            )
    finally:
        app.store.close()


async def _open_export(app: SkilltrackApp, pilot: Pilot[None]) -> ExportReportScreen:
    await press(app, pilot, "r")
    assert isinstance(app.screen, ReadinessScreen)
    await press(app, pilot, "ctrl+e")
    assert isinstance(app.screen, ExportReportScreen)
    return app.screen


async def test_export_writes_the_html_report_for_the_level_shown(
    demo_app: SkilltrackApp, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started_in = tmp_path / "started-in"
    started_in.mkdir()
    monkeypatch.chdir(started_in)  # the folder the app was started from is not where reports go
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "r", "2")
        await press(demo_app, pilot, "ctrl+e")
        screen = demo_app.screen
        assert isinstance(screen, ExportReportScreen)
        assert screen.query_one("#level", Select).value == "lead"
        assert screen.query_one("#output", Input).value == "skilltrack-lead-2026-11-24.html"
        written = demo_db.parent / "reports" / "skilltrack-lead-2026-11-24.html"
        assert plain(screen.query_one("#output-path", Static)) == f"Writes {written}"

        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, ReadinessScreen))
        assert list(started_in.iterdir()) == []

        document = written.read_text(encoding="utf-8")
        assert document.startswith("<!DOCTYPE html>")
        assert "<h1>Lead readiness</h1>" in document
        assert "<h2>Interview readiness</h2>" in document
        assert [n.message for n in notifications(demo_app)][-1] == f"Wrote {written}"


async def test_export_as_markdown_follows_the_format_in_the_file_name(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        screen = await _open_export(demo_app, pilot)
        screen.query_one("#format", Select).value = "markdown"
        await settle(demo_app, pilot)
        assert screen.query_one("#output", Input).value == "skilltrack-senior-2026-11-24.md"

        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, ReadinessScreen))

        document = (demo_db.parent / "reports" / "skilltrack-senior-2026-11-24.md").read_text(
            encoding="utf-8"
        )
        assert document.startswith("# Senior readiness")
        assert "## Plan and forecast" in document


@pytest.mark.parametrize("protected", ["record", "journal", "backup"])
async def test_export_refuses_the_record_its_journal_and_backups(
    demo_app: SkilltrackApp, demo_db: Path, protected: str
) -> None:
    targets = {
        "record": demo_db,
        "journal": demo_db.with_name(demo_db.name + "-wal"),
        "backup": demo_db.parent / "backups" / "copy.html",
    }
    before = demo_db.read_bytes()
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        screen = await _open_export(demo_app, pilot)
        screen.query_one("#output", Input).value = ""
        screen.query_one("#output", Input).focus()
        await type_text(demo_app, pilot, str(targets[protected]))
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: screen.query_one("#output-field").has_class("-invalid"))

        assert demo_app.screen is screen
        problem = plain(screen.query_one("#output-field .field-error", Static))
        assert "is your record or one of its backups" in problem
    assert not targets["backup"].exists()
    if protected == "record":
        assert demo_db.read_bytes()[:16] == before[:16]


async def test_export_refuses_another_sqlite_file_and_an_empty_path(
    demo_app: SkilltrackApp, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"SQLite format 3\x00" + bytes(100))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        screen = await _open_export(demo_app, pilot)
        output = screen.query_one("#output", Input)
        output.value = str(other)
        await press(demo_app, pilot, "ctrl+s")
        await wait_until(demo_app, pilot, lambda: screen.query_one("#output-field").has_class("-invalid"))
        assert "is an SQLite database" in plain(screen.query_one("#output-field .field-error", Static))
        assert other.read_bytes().startswith(b"SQLite format 3\x00")

        output.value = "   "
        await press(demo_app, pilot, "ctrl+s")
        assert "is empty" in plain(screen.query_one("#output-field .field-error", Static))
        assert demo_app.screen is screen


@pytest.mark.parametrize("record", ["demo", "empty"])
async def test_the_whole_plan_panel_fits_at_100x30(demo_db: Path, empty_db: Path, record: str) -> None:
    app = app_on(demo_db if record == "demo" else empty_db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            panel = app.screen.query_one("#plan")
            assert "Forecast" in plain(app.screen.query_one("#plan", Static))
            assert app.screen.query_one("#dashboard").max_scroll_y == 0
            assert panel.region.bottom <= SIZE[1] - 1  # above the footer
    finally:
        app.store.close()
