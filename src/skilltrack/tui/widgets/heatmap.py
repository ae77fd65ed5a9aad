"""A calendar heatmap of learning minutes drawn with the Line API, with a day cursor."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from skilltrack.domain.heatmap import HeatmapCell, heatmap_columns, month_labels

WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
CELL = "■"
TODAY = "◆"


class Heatmap(Widget, can_focus=True):
    """Weeks as columns, weekdays as rows; arrows move a day cursor, Enter opens that day."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"heatmap--label"}

    DEFAULT_CSS = """
    Heatmap {
        height: 8;
        width: 1fr;
    }
    Heatmap > .heatmap--label {
        color: $foreground-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-7)", "Week back", show=False),
        Binding("right", "move(7)", "Week on", show=False),
        Binding("up", "move(-1)", "Day back", show=False),
        Binding("down", "move(1)", "Day on", show=False),
        Binding("home", "jump_first", "First day", show=False),
        Binding("end", "jump_today", "Today", show=False),
        Binding("enter", "choose", "Open day", tooltip="Show the sessions of the day under the cursor"),
    ]

    @dataclass
    class CursorMoved(Message):
        day: date
        minutes: int

    @dataclass
    class DayChosen(Message):
        day: date

    cursor_day: reactive[date | None] = reactive(None)
    """The day under the cursor; ``None`` until data arrives."""

    def __init__(self, *, weeks: int = 53, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks = weeks
        self.today: date | None = None
        self.columns: list[list[HeatmapCell]] = []
        self.labels: dict[int, str] = {}
        self._minutes: dict[date, int] = {}

    def show(self, daily_minutes: dict[date, int], today: date) -> None:
        self.today = today
        self._minutes = daily_minutes
        self.columns = heatmap_columns(daily_minutes, today, self.weeks)
        self.labels = dict(month_labels(self.columns))
        if self.cursor_day is None or self.cursor_day > today:
            self.cursor_day = today
        else:
            self.post_message(self.CursorMoved(self.cursor_day, daily_minutes.get(self.cursor_day, 0)))
        self.refresh()

    def watch_cursor_day(self, day: date | None) -> None:
        if day is not None:
            self.post_message(self.CursorMoved(day, self._minutes.get(day, 0)))
        self.refresh()

    def action_move(self, days: int) -> None:
        if self.cursor_day is None or self.today is None or not self.columns:
            return
        target = self.cursor_day + timedelta(days=days)
        first = self.columns[0][0].day
        self.cursor_day = min(max(target, first), self.today)

    def action_jump_first(self) -> None:
        if self.columns:
            self.cursor_day = self.columns[0][0].day

    def action_jump_today(self) -> None:
        if self.today is not None:
            self.cursor_day = self.today

    def action_choose(self) -> None:
        if self.cursor_day is not None:
            self.post_message(self.DayChosen(self.cursor_day))

    def cell_width(self) -> int:
        return 2 if self.size.width >= LABEL_WIDTH + 2 * self.weeks else 1

    def visible_columns(self) -> list[list[HeatmapCell]]:
        """The most recent weeks that fit the width."""
        fits = max((self.size.width - LABEL_WIDTH) // self.cell_width(), 1)
        return self.columns[-fits:]

    def step_styles(self) -> list[Style]:
        # The theme's computed variables: a theme may leave foreground or surface to be derived.
        variables = self.app.theme_variables
        background = Color.parse(variables["surface"])
        foreground = Color.parse(variables["foreground"])
        accent = Color.parse(variables["primary"])
        empty = background.blend(foreground, 0.22)
        shades = [empty] + [background.blend(accent, share) for share in (0.4, 0.6, 0.8, 1.0)]
        return [Style(color=shade.rich_color) for shade in shades]

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if not self.columns:
            return Strip.blank(self.size.width, base)
        muted = base + self.get_component_rich_style("heatmap--label")
        columns = self.visible_columns()
        width = self.cell_width()
        offset = len(self.columns) - len(columns)
        if y == 0:
            return self._month_row(columns, offset, width, muted)
        weekday = y - 1
        if weekday > 6:
            return Strip.blank(self.size.width, base)
        styles = [base + style for style in self.step_styles()]
        segments = [Segment(WEEKDAY_LABELS[weekday].ljust(LABEL_WIDTH), muted)]
        for column in columns:
            cell = column[weekday]
            if cell.future:
                segments.append(Segment(" " * width, base))
                continue
            glyph = TODAY if cell.day == self.today else CELL
            style = styles[cell.step]
            if cell.day == self.cursor_day:
                style += (
                    Style(reverse=True, bold=True) if self.has_focus else Style(bold=True, underline=True)
                )
            segments.append(Segment(glyph, style))
            if width == 2:
                segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(self.size.width, base)

    def _month_row(self, columns: list[list[HeatmapCell]], offset: int, width: int, style: Style) -> Strip:
        row = [" "] * (LABEL_WIDTH + len(columns) * width + 4)
        for index in range(len(columns)):
            label = self.labels.get(index + offset)
            if label:
                start = LABEL_WIDTH + index * width
                row[start : start + len(label)] = label
        text = "".join(row)[: self.size.width]
        return Strip([Segment(text, style)]).adjust_cell_length(self.size.width, style)
