"""A level's readiness week by week, drawn with the Line API in braille dots, as the heatmap is drawn.

Each braille cell holds 2×4 dots, so a chart ``width`` cells wide and ``height`` rows high plots the
percent (0–100) at 2·width × 4·height dots. The axis says 0, 50 and 100 %; the last point, today, is
marked with its value; the caption names the level, the target level and the target date.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from skilltrack.domain.progress import Progress

AXIS_WIDTH = 5
"""``100% `` and the like, left of the plot."""
_DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The bit of each dot of a braille cell, by (row, column) of the 2×4 grid."""
_BRAILLE = 0x2800


def _line(grid: list[list[bool]], start: tuple[int, int], end: tuple[int, int]) -> None:
    """Set the dots from ``start`` to ``end`` (x, y), both included (Bresenham's line)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    step_x, step_y = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    while True:
        grid[y0][x0] = True
        if (x0, y0) == (x1, y1):
            return
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x0 += step_x
        if doubled <= dx:
            error += dx
            y0 += step_y


def braille_plot(percents: Sequence[int], width: int, height: int) -> list[str]:
    """The series as ``height`` strings of ``width`` braille cells, the first point at the left edge and
    the last at the right; 0 % is the bottom dot row, 100 % the top one. Pure."""
    dots_wide, dots_high = 2 * width, 4 * height
    grid = [[False] * dots_wide for _ in range(dots_high)]

    def at(index: int, percent: int) -> tuple[int, int]:
        x = round(index * (dots_wide - 1) / (len(percents) - 1)) if len(percents) > 1 else dots_wide - 1
        y = dots_high - 1 - round(min(max(percent, 0), 100) / 100 * (dots_high - 1))
        return x, y

    points = [at(index, percent) for index, percent in enumerate(percents)]
    for start, end in pairwise(points):
        _line(grid, start, end)
    if len(points) == 1:
        _line(grid, points[0], points[0])
    rows = []
    for row in range(height):
        cells = []
        for column in range(width):
            bits = 0
            for dot_row, (left, right) in enumerate(_DOT_BITS):
                y = 4 * row + dot_row
                bits |= left if grid[y][2 * column] else 0
                bits |= right if grid[y][2 * column + 1] else 0
            cells.append(chr(_BRAILLE + bits))
        rows.append("".join(cells))
    return rows


@dataclass(frozen=True)
class _Shown:
    progress: Progress
    target_level: str
    target_date: date | None


class ProgressChart(Widget):
    """The percent of one level, week by week, ending today."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "progress-chart--axis",
        "progress-chart--line",
        "progress-chart--today",
    }

    DEFAULT_CSS = """
    ProgressChart {
        height: 6;
        width: 1fr;
    }
    ProgressChart > .progress-chart--axis {
        color: $foreground-muted;
    }
    ProgressChart > .progress-chart--line {
        color: $primary;
    }
    ProgressChart > .progress-chart--today {
        color: $accent;
        text-style: bold;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: _Shown | None = None
        self._rows: list[str] = []

    def show(self, progress: Progress, *, target_level: str, target_date: date | None) -> None:
        self._shown = _Shown(progress, target_level, target_date)
        self._rows = []  # drawn again for the width the widget has
        self.refresh()

    def caption(self) -> str:
        """What the chart is of, with the target level and date, in one line."""
        if self._shown is None:
            return ""
        progress = self._shown.progress
        weeks = len(progress.points) - 1
        said = f"{progress.level.title} over {weeks} week{'s' if weeks != 1 else ''}"
        if progress.level.id == self._shown.target_level:
            said += ", your target"
            if self._shown.target_date is not None:
                said += f" by {self._shown.target_date:%d %b %Y}"
        return f"{said} · {progress.points[0].percent}% → {progress.today.percent}%"

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        axis = self.get_component_rich_style("progress-chart--axis")
        if self._shown is None:
            return Strip([Segment(" " * width, axis)]) if y else Strip([Segment("Loading…", axis)])
        plot_rows = self.size.height - 1
        today = self._shown.progress.today
        label = f" ◆ {today.percent}%"
        plot_width = max(width - AXIS_WIDTH - len(label), 2)
        if len(self._rows) != plot_rows or (self._rows and len(self._rows[0]) != plot_width):
            self._rows = braille_plot(
                [point.percent for point in self._shown.progress.points], plot_width, plot_rows
            )
        if y == plot_rows:
            return Strip([Segment(self.caption()[:width], axis)])
        mark = {0: "100% ", plot_rows // 2: " 50% ", plot_rows - 1: "  0% "}.get(y, " " * AXIS_WIDTH)
        line = self.get_component_rich_style("progress-chart--line")
        segments = [Segment(mark, axis), Segment(self._rows[y], line)]
        today_row = plot_rows - 1 - round(min(today.percent, 100) / 100 * (plot_rows - 1))
        if y == today_row:
            segments.append(Segment(label, self.get_component_rich_style("progress-chart--today")))
        return Strip(segments).adjust_cell_length(width, Style())
