"""The readiness chart: ``braille_plot`` as a pure function of the percents, and the chart on the
Readiness screen following the level shown."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import Tabs

from skilltrack.domain.progress import Progress
from skilltrack.guide import load_builtin_framework
from skilltrack.record.overview import load_overview
from skilltrack.record.progress import load_progress
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.readiness import ReadinessScreen
from skilltrack.tui.widgets.progress_chart import AXIS_WIDTH, ProgressChart, braille_plot
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, press, read, settle

BLANK = chr(0x2800)
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def dots(rows: list[str]) -> set[tuple[int, int]]:
    """The (x, y) of every dot drawn, y counted from the top dot row."""
    found = set()
    for row, line in enumerate(rows):
        for column, cell in enumerate(line):
            bits = ord(cell) - 0x2800
            assert 0 <= bits <= 0xFF, cell
            for dot_row, pair in enumerate(DOT_BITS):
                for side, bit in enumerate(pair):
                    if bits & bit:
                        found.add((2 * column + side, 4 * row + dot_row))
    return found


def heights(rows: list[str]) -> dict[int, int]:
    """Each dot column's highest dot, as a height from the bottom dot row."""
    bottom = 4 * len(rows) - 1
    tops: dict[int, int] = {}
    for x, y in dots(rows):
        tops[x] = max(tops.get(x, 0), bottom - y)
    return tops


# ---------------------------------------------------------------- braille_plot


def test_a_rising_series_puts_the_dots_higher_on_the_right() -> None:
    rows = braille_plot([10, 30, 50, 70, 90], 20, 4)
    tops = heights(rows)

    assert tops[0] < tops[39]
    assert [tops[x] for x in sorted(tops)] == sorted(tops[x] for x in sorted(tops))
    falling = heights(braille_plot([90, 70, 50, 30, 10], 20, 4))
    assert falling[0] > falling[39]


def test_a_constant_100_is_the_top_dot_row() -> None:
    rows = braille_plot([100] * 10, 12, 5)

    assert rows[0] == chr(0x2800 + 0x01 + 0x08) * 12  # ⠉: both top dots of every cell
    assert rows[1:] == [BLANK * 12] * 4


def test_a_constant_0_is_the_bottom_dot_row() -> None:
    rows = braille_plot([0, 0, 0], 7, 3)

    assert rows[:-1] == [BLANK * 7] * 2
    assert rows[-1] == chr(0x2800 + 0x40 + 0x80) * 7  # ⣀


def test_one_point_is_one_dot_at_the_right_edge() -> None:
    rows = braille_plot([50], 10, 2)

    assert dots(rows) == {(19, 3)}  # 50 % of the 7 dot rows above the bottom one: 3.5, rounded to 4 up


def test_out_of_range_percents_stay_on_the_chart() -> None:
    assert braille_plot([-20, 150], 4, 2) == braille_plot([0, 100], 4, 2)


@settings(max_examples=200, deadline=None)
@given(
    percents=st.lists(st.integers(min_value=-10, max_value=110), min_size=1, max_size=60),
    width=st.integers(min_value=1, max_value=60),
    height=st.integers(min_value=1, max_value=10),
)
def test_the_plot_is_width_by_height_and_a_line_across(percents: list[int], width: int, height: int) -> None:
    rows = braille_plot(percents, width, height)

    assert len(rows) == height
    assert all(len(row) == width for row in rows)
    drawn = dots(rows)
    columns = {x for x, _ in drawn}
    if len(percents) > 1:
        assert columns == set(range(2 * width))  # a joined line, first point to last
    else:
        assert columns == {2 * width - 1}
    bottom = 4 * height - 1
    last = round(min(max(percents[-1], 0), 100) / 100 * bottom)
    assert (2 * width - 1, bottom - last) in drawn  # today, where its percent says


# ---------------------------------------------------------------- the widget


class _ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressChart(id="chart")


async def test_before_the_record_is_read_the_chart_says_it_is_loading() -> None:
    app = _ChartApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        chart = app.query_one(ProgressChart)
        assert chart.render_line(0).text.startswith("Loading…")
        assert chart.caption() == ""


def chart_lines(chart: ProgressChart) -> list[str]:
    return [chart.render_line(y).text for y in range(chart.size.height)]


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_the_readiness_screen_charts_the_level_shown(
    demo_app: SkilltrackApp, demo_db: Path, size: tuple[int, int]
) -> None:
    framework = load_builtin_framework()
    overview = read(demo_db, lambda db: load_overview(db, framework=framework, today=TODAY))

    def progress(level_id: str) -> Progress:
        return read(
            demo_db, lambda db: load_progress(db, framework=framework, today=TODAY, level_id=level_id)
        )

    senior, lead = progress("senior"), progress("lead")
    async with demo_app.run_test(size=size) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "r")
        assert isinstance(demo_app.screen, ReadinessScreen)
        chart = demo_app.screen.query_one(ProgressChart)
        width, height = chart.size
        assert width >= size[0] - 4
        assert height >= 4  # three rows of plot at the least, and the caption
        assert demo_app.screen.region.contains_region(chart.region)

        weeks = len(senior.points) - 1
        target = overview.plan.forecast.target_date
        assert isinstance(target, date)
        caption = (
            f"Senior over {weeks} weeks, your target by {target:%d %b %Y} · "
            f"{senior.points[0].percent}% → {senior.today.percent}%"
        )
        assert chart.caption() == caption
        assert senior.today.percent == overview.readiness.level("senior").percent
        lines = chart_lines(chart)
        assert lines[-1] == caption[:width]
        plot = lines[:-1]
        axis = [line[:AXIS_WIDTH] for line in plot]
        assert (axis[0], axis[len(plot) // 2], axis[-1]) == ("100% ", " 50% ", "  0% ")
        assert all(len(line) == width for line in plot)
        assert sum(f"◆ {senior.today.percent}%" in line for line in plot) == 1
        assert "Loading…" not in "".join(lines)
        assert all(
            cell == " " or 0x2800 <= ord(cell) <= 0x28FF for line in plot for cell in line[AXIS_WIDTH:][:10]
        )

        # Another level's tab: its own series, and no "your target".
        await press(demo_app, pilot, "2")
        assert demo_app.screen.query_one(Tabs).active == "level-lead"
        assert chart.caption() == (
            f"Lead over {len(lead.points) - 1} weeks · {lead.points[0].percent}% → {lead.today.percent}%"
        )
        assert sum(f"◆ {lead.today.percent}%" in line for line in chart_lines(chart)[:-1]) == 1
