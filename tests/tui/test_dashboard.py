"""The dashboard: meters and gaps from the record, the target level, keys, navigation, small terminals."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.renderables.bar import Bar
from textual.widgets import HelpPanel, Select, Static

from skilltrack.guide import load_builtin_framework
from skilltrack.record.overview import load_overview
from skilltrack.record.profile import read_profile
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.screens.profile import ProfileScreen
from skilltrack.tui.screens.skills import SkillsScreen
from skilltrack.tui.widgets.heatmap import Heatmap
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.widgets.level_meters import LevelMeters, bar
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, input_value, plain, press, read, settle, type_text, wait_until


def meters(app: SkilltrackApp) -> LevelMeters:
    return app.screen.query_one("#meters", LevelMeters)


def meter_line(app: SkilltrackApp, level_id: str) -> str:
    """The line of one level as the meters draw it (in the ladder's order, a line each)."""
    shown = meters(app)
    lines = plain(shown).splitlines()
    assert len(lines) == len(shown.levels)
    return lines[[level for level, _ in shown.levels].index(level_id)]


async def test_meters_show_each_level_of_the_record_and_mark_the_target(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    framework = load_builtin_framework()
    overview = read(demo_db, lambda db: load_overview(db, framework=framework, today=TODAY))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        assert isinstance(demo_app.screen, DashboardScreen)
        assert [level.level.title for level in overview.readiness.levels] == ["Senior", "Lead", "Staff"]
        assert overview.target_level == "senior"
        for level in overview.readiness.levels:
            line = meter_line(demo_app, level.level.id)
            assert line.startswith(level.level.title)
            assert (
                line.rstrip()
                .removesuffix("◆")
                .rstrip()
                .endswith(f"{level.percent}% {level.met:>2}/{level.total}")
            )
            shown = meters(demo_app).meters[level.level.id]
            assert (shown.percent, shown.met, shown.total) == (level.percent, level.met, level.total)
            is_target = level.level.id == "senior"
            assert shown.target is is_target
            assert ("◆" in line) is is_target
            # The filled part of the bar is drawn in the primary colour, its length the percent.
            drawn = meters(demo_app).line(level.level.id, 40)
            filled = sum(span.end - span.start for span in drawn.spans if span.style == "$primary")
            assert filled == len(bar(level.percent, 40 - 7 - len(f" {shown.figures}"))[0])
        gaps = plain(demo_app.screen.query_one("#gaps", Static))
        assert "Top gaps toward Senior" in gaps
        top = overview.target.gaps[:3]
        assert len(top) == 3
        for number, result in enumerate(top, start=1):
            assert f"{number}. {result.expectation.title}\n   → {result.next_step}" in gaps
        assert "4." not in gaps
        # What the percent is made of: the target's counts under the meters, every level's in the tooltip.
        senior = overview.target
        assert plain(demo_app.screen.query_one("#target-counts", Static)) == f"Senior: {senior.counts}"
        assert "3 claimed" in senior.counts  # Datadog, Microservices and Tracing: ratings alone
        tooltip = str(meters(demo_app).tooltip).splitlines()
        assert tooltip[:3] == [
            f"{level.level.title}: {level.summary}" + (", your target" if level.level.id == "senior" else "")
            for level in overview.readiness.levels
        ]
        assert "counts half" in tooltip[-1]


async def test_profile_from_the_command_palette_changes_the_target_level(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    before = read(demo_db, read_profile)
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "ctrl+p")
        assert isinstance(demo_app.screen, CommandPalette)
        await type_text(demo_app, pilot, "Profile")
        commands = demo_app.screen.query_one(CommandList)
        await wait_until(demo_app, pilot, lambda: commands.option_count > 0)
        assert "Profile" in str(commands.get_option_at_index(0).prompt)
        await press(demo_app, pilot, "enter")
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, ProfileScreen))
        profile = demo_app.screen
        await settle(demo_app, pilot)
        assert input_value(profile, "#name") == "Alex Rivera"
        assert profile.query_one("#target_level", Select).value == "senior"
        profile.query_one("#target_level", Select).value = "lead"
        await press(demo_app, pilot, "ctrl+s")
        assert isinstance(demo_app.screen, DashboardScreen)
        assert read(demo_db, read_profile).target_level == "lead"
        assert meters(demo_app).meters["lead"].target
        assert "◆" in meter_line(demo_app, "lead")
        assert not meters(demo_app).meters["senior"].target
        assert "◆" not in meter_line(demo_app, "senior")
        lead = read(
            demo_db, lambda db: load_overview(db, framework=load_builtin_framework(), today=TODAY)
        ).target
        assert lead.level.id == "lead"
        assert f"Lead: {lead.summary}, your target" in str(meters(demo_app).tooltip)
        assert plain(demo_app.screen.query_one("#target-counts", Static)) == f"Lead: {lead.counts}"
        assert "Top gaps toward Lead" in plain(demo_app.screen.query_one("#gaps", Static))
    after = read(demo_db, read_profile)
    assert after.target_level == "lead"
    assert (after.name, after.title, after.career_started_on, after.target_date, after.time_zone) == (
        before.name,
        before.title,
        before.career_started_on,
        before.target_date,
        before.time_zone,
    )


async def test_keys_panel_escape_and_quit(demo_app: SkilltrackApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        assert not demo_app.screen.query(HelpPanel)
        await press(demo_app, pilot, "question_mark")
        assert demo_app.screen.query(HelpPanel)
        await press(demo_app, pilot, "question_mark")
        assert not demo_app.screen.query(HelpPanel)
        await press(demo_app, pilot, "question_mark")
        assert demo_app.screen.query(HelpPanel)
        await press(demo_app, pilot, "escape")
        assert not demo_app.screen.query(HelpPanel)
        assert isinstance(demo_app.screen, DashboardScreen)

        # Escape from another mode goes back to the dashboard; q quits.
        await press(demo_app, pilot, "s")
        assert demo_app.current_mode == "skills"
        assert isinstance(demo_app.screen, SkillsScreen)
        await press(demo_app, pilot, "escape")
        assert demo_app.current_mode == "dashboard"
        assert isinstance(demo_app.screen, DashboardScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not demo_app.is_running
    assert demo_app.return_code == 0


async def test_small_terminal_still_shows_the_meters(demo_app: SkilltrackApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        screen_region = demo_app.screen.region
        assert screen_region.width == 80
        assert demo_app.screen.has_class("-narrow")
        shown = meters(demo_app)
        assert shown.display
        assert shown.visible
        region = shown.region
        assert region.height == 3
        assert screen_region.contains_region(region), region
        for level_id in ("senior", "lead", "staff"):
            line = meter_line(demo_app, level_id)
            assert len(line) <= region.width, (level_id, line)
            assert "%" in line
            assert "/" in line


@given(percent=st.integers(0, 100), width=st.integers(1, 80))
def test_a_meter_bar_is_drawn_as_textual_draws_a_progress_bar(percent: int, width: int) -> None:
    filled, empty = bar(percent, width)
    assert len(filled) + len(empty) == width
    console = Console(width=width, color_system=None)
    with console.capture() as captured:
        console.print(Bar(highlight_range=(0, width * percent / 100), width=width), end="")
    assert filled + empty == captured.get()


def footer_keys(app: SkilltrackApp) -> list[str]:
    """The descriptions of the keys the dashboard's footer last drew."""
    return [key.description for key in app.screen.query_one(KeyFooter).keys]


async def test_the_record_is_read_once_the_first_frame_and_its_keys_are_drawn(
    demo_app: SkilltrackApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[tuple[bool, list[str]]] = []
    reload = DashboardScreen.reload

    def recording_reload(screen: DashboardScreen) -> None:
        loads.append((demo_app.started, footer_keys(demo_app)))
        reload(screen)

    monkeypatch.setattr(DashboardScreen, "reload", recording_reload)
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        assert len(loads) == 1
        started, keys = loads[0]
        assert started
        assert "Quit" in keys
        assert "Open day" in keys
        assert "Streak" in plain(demo_app.screen.query_one("#rhythm", Static))
        # The footer is one widget: its keys are drawn, not mounted.
        assert not demo_app.screen.query_one(KeyFooter).children

        # The keys follow the focus: the heatmap's own key goes with it and comes back with it.
        demo_app.screen.set_focus(None)
        await settle(demo_app, pilot)
        assert "Open day" not in footer_keys(demo_app)
        demo_app.screen.query_one(Heatmap).focus()
        await settle(demo_app, pilot)
        assert "Open day" in footer_keys(demo_app)
        assert footer_keys(demo_app)[-1] == "palette"


@pytest.mark.parametrize(("description", "shown"), [("Skills", SkillsScreen), ("palette", CommandPalette)])
async def test_a_footer_key_is_clicked_like_it_is_pressed(
    demo_app: SkilltrackApp, description: str, shown: type
) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        footer = demo_app.screen.query_one(KeyFooter)
        start, _ = footer.key_cells()[footer_keys(demo_app).index(description)]
        assert await pilot.click(KeyFooter, offset=(start + 1, 0))
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, shown))


async def test_a_footer_key_under_the_mouse_is_highlighted_and_shows_its_tooltip(
    demo_app: SkilltrackApp,
) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        footer = demo_app.screen.query_one(KeyFooter)
        index = footer_keys(demo_app).index("Log")
        start, _ = footer.key_cells()[index]
        await pilot.hover(KeyFooter, offset=(start, 0))
        await pilot.pause()
        assert footer.hovered == index
        assert footer.tooltip == "Log a learning session"
        # Between two keys there is none.
        await pilot.hover(KeyFooter, offset=(start - 1, 0))
        await pilot.pause()
        assert footer.hovered is None
        assert footer.tooltip is None
