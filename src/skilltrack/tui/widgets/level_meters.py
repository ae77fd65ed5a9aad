"""Readiness per level as meters: a bar, the percent, "met/total", and the target level marked.

One widget draws every level, a line each, so that the dashboard's first frame composes one widget
instead of six per level (a label, a progress bar with its three parts, and the figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import RenderResult

    from skilltrack.domain.readiness import LevelReadiness

NAME_WIDTH = 7
MIN_BAR_WIDTH = 6
BAR = "━"
HALF_BAR_RIGHT = "╸"
HALF_BAR_LEFT = "╺"


@dataclass(frozen=True)
class Meter:
    """What one level's line shows."""

    title: str
    percent: int
    met: int
    total: int
    target: bool

    @property
    def figures(self) -> str:
        mark = " ◆" if self.target else "  "
        return f"{self.percent:>3}% {self.met:>2}/{self.total}{mark}"


def bar(percent: int, width: int) -> tuple[str, str]:
    """The filled and the empty part of a bar ``width`` cells wide, filled to the nearest half cell.

    Drawn with the glyphs and rounding of Textual's bar (``textual.renderables.bar.Bar``), so the meters
    look as they did when each was a ProgressBar.
    """
    if width <= 0:
        return "", ""
    halves = round(width * min(percent, 100) / 100 * 2)  # as Bar computes it, to round alike
    full, half = divmod(halves, 2)
    if percent <= 0:
        return "", BAR * width
    filled = BAR * full + (HALF_BAR_RIGHT if half else "")
    if half:
        return filled, BAR * (width - full - 1)
    rest = width - full
    return filled, (HALF_BAR_LEFT + BAR * (rest - 1)) if rest else ""


class LevelMeters(Widget):
    """A line per level of the ladder, drawn once the record has been read against it."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.levels: list[tuple[str, str]] = []
        """Each level's id and title, in the ladder's order."""
        self.meters: dict[str, Meter] = {}
        """Each level's figures by level id."""

    def show(self, levels: tuple[LevelReadiness, ...], target: str) -> None:
        from skilltrack.render.readiness import PERCENT_RULE  # with the record, not before the first frame

        self.levels = [(level.level.id, level.level.title) for level in levels]
        self.meters = {
            level.level.id: Meter(
                level.level.title, level.percent, level.met, level.total, target=level.level.id == target
            )
            for level in levels
        }
        self.tooltip = "\n".join(
            [
                *(
                    f"{level.level.title}: {level.summary}"
                    + (", your target" if level.level.id == target else "")
                    for level in levels
                ),
                "",
                PERCENT_RULE,
            ]
        )
        self.refresh(layout=True)

    def line(self, level_id: str, width: int) -> Content:
        """The meter of one level, ``width`` cells wide."""
        title = dict(self.levels)[level_id]
        meter = self.meters.get(level_id)
        figures = f" {meter.figures}" if meter is not None else " "
        # As wide as the longest level's title (a ladder of one's own may have a "Principal").
        name_width = max([NAME_WIDTH, *(len(other) + 1 for _, other in self.levels)])
        bar_width = max(width - name_width - len(figures), MIN_BAR_WIDTH)
        filled, empty = bar(meter.percent if meter else 0, bar_width)
        complete = meter is not None and meter.percent >= 100
        return Content.assemble(
            (f"{title:<{name_width}}", "bold $accent" if meter and meter.target else ""),
            (filled, "$success" if complete else "$primary"),
            (empty, "$surface"),
            figures,
        )

    def render(self) -> RenderResult:
        width = self.size.width
        return Content("\n").join(self.line(level_id, width) for level_id, _ in self.levels)
