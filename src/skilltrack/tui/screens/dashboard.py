"""The start screen: readiness, a year of learning, streaks, this week, gaps and recent sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from skilltrack.domain.durations import format_hours, format_minutes
from skilltrack.domain.heatmap import weekly_minutes
from skilltrack.tui.dates import day_text, elapsed_text, weekday_text
from skilltrack.tui.keys import screen_keys
from skilltrack.tui.screens.base import RecordScreen
from skilltrack.tui.widgets.columns import Columns
from skilltrack.tui.widgets.heatmap import Heatmap
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.widgets.level_meters import LevelMeters
from skilltrack.tui.words import count

if TYPE_CHECKING:
    # The readiness and plan rules are needed once the record is read, in the workers: not before the
    # first frame.
    from textual.timer import Timer

    from skilltrack.domain.plan import Plan
    from skilltrack.record.overview import Dashboard
    from skilltrack.record.sessions import TimerRow

SPARK_WEEKS = 26


class DashboardScreen(RecordScreen["Dashboard"]):
    """Readiness at a glance and in depth: the screen skilltrack opens on."""

    # The app's keys, in the order the footer shows them as far as they fit: log and timer first.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "app.log_session", "Log", tooltip="Log a learning session"),
        Binding("t", "app.timer", "Timer", tooltip="Start, stop (with a note) or discard the timer"),
        Binding("w", "app.sync", "Sync", tooltip="Sync with this record's other copies through a folder"),
        *[binding for binding in screen_keys(shown=True) if binding.key != "d"],
    ]
    AUTO_FOCUS = "#heatmap"

    timer: TimerRow | None = None
    """The running timer, if any: its time ticks on the readiness panel."""
    ticking: Timer | None = None

    def compose(self) -> ComposeResult:
        # Nothing here reads the ladder: it is loaded, with the record, after the first frame.
        with VerticalScroll(id="dashboard"):
            with Horizontal(id="dashboard-top"):
                with Vertical(id="readiness-panel", classes="panel") as panel:
                    panel.border_title = "Readiness"
                    yield LevelMeters(id="meters")
                    yield Static("", id="target-counts", classes="muted")
                    yield Static("", id="timer-line")
                    yield Static("Loading your record…", id="gaps")
                with Vertical(id="heatmap-panel", classes="panel") as panel:
                    panel.border_title = "Learning, last 12 months"
                    yield Heatmap(id="heatmap")
                    yield Static("", id="heatmap-caption")
            with Horizontal(id="dashboard-middle"):
                with Vertical(id="rhythm-panel", classes="panel") as panel:
                    panel.border_title = "Rhythm"
                    yield Static("", id="rhythm")
                    yield Sparkline([], id="weekly-hours")
                    yield Static("", id="weekly-caption", classes="muted")
                # A panel holding one text is that text with the panel's border: a widget less to style,
                # lay out and draw for the first frame.
                yield _panel(Columns(id="skill-hours", right=frozenset({2})), "Hours per skill, last 90 days")
                yield _panel(Columns(id="recent", elastic=2, right=frozenset({1})), "Recent sessions")
            yield _panel(Static("", id="plan"), "This week's plan")
        yield KeyFooter()

    def fetch(self) -> Dashboard:
        from skilltrack.record.overview import load_dashboard

        framework = self.store.framework
        return self.store.read(lambda db, today: load_dashboard(db, framework=framework, today=today))

    def show(self, data: Dashboard) -> None:
        overview = data.overview
        self.query_one(LevelMeters).show(overview.readiness.levels, overview.target_level)
        self.query_one(Heatmap).show(data.daily_minutes, overview.today)
        target = overview.target
        self.query_one("#target-counts", Static).update(f"{target.level.title}: {target.counts}")
        gaps = target.gaps[:3]
        if gaps:
            lines = [f"[b]Top gaps toward {target.level.title}[/b] [dim](r for all)[/dim]"]
            for number, result in enumerate(gaps, start=1):
                lines.append(f"{number}. {result.expectation.title}")
                if result.next_step:
                    lines.append(f"   [$accent]→ {result.next_step}[/]")
            self.query_one("#gaps", Static).update("\n".join(lines))
        else:
            self.query_one("#gaps", Static).update(f"Every {target.level.title} expectation is met.")
        self._show_timer(overview.timer)
        change = overview.this_week_minutes - overview.last_week_minutes
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        self.query_one("#rhythm", Static).update(
            f"Streak     [b]{count(overview.streak_days, 'day')}[/b]"
            f" · best {data.longest_streak_days}\n"
            f"This week  [b]{_minutes(overview.this_week_minutes)}[/b] {arrow} {_minutes(abs(change))}\n"
            f"Last week  {_minutes(overview.last_week_minutes)}"
        )
        weeks = weekly_minutes(data.daily_minutes, overview.today, SPARK_WEEKS)
        self.query_one("#weekly-hours", Sparkline).data = [minutes / 60 for minutes in weeks]
        self.query_one("#weekly-caption", Static).update(f"hours a week, last {SPARK_WEEKS} weeks")
        recent_skills = sorted(
            (row for row in data.skills if row.minutes_recent), key=lambda row: -row.minutes_recent
        )
        top = recent_skills[:6]
        widest = max((row.minutes_recent for row in top), default=1)
        self.query_one("#skill-hours", Columns).show(
            [
                (
                    row.name,
                    Content.styled(f"{'▆' * max(1, round(9 * row.minutes_recent / widest)):<9}", "$primary"),
                    format_hours(row.minutes_recent),
                )
                for row in top
            ],
            empty="Nothing logged in the last 90 days.",
        )
        self.query_one("#recent", Columns).show(
            [(day_text(row.local_day), format_minutes(row.minutes), row.skill) for row in data.recent[:6]],
            empty="No sessions yet — press l to log one.",
        )
        plan = data.plan
        pace = (
            f"{_minutes(plan.pace_minutes)} a week" if plan.has_pace else "no pace yet: an hour each to start"
        )
        self.query_one("#plan").border_title = f"This week's plan toward {plan.level.title} ({pace})"
        self.query_one("#plan", Static).update(plan_panel_text(plan))
        # Panels sized while empty must be measured again now that they hold text.
        self.call_after_refresh(self.refresh, layout=True)

    def _show_timer(self, timer: TimerRow | None) -> None:
        """The running timer's line, its time ticking every second while it runs."""
        self.timer = timer
        self.query_one("#timer-line", Static).display = timer is not None
        if timer is None:
            if self.ticking is not None:
                self.ticking.stop()
                self.ticking = None
            return
        self._tick()
        if self.ticking is None:
            self.ticking = self.set_interval(1, self._tick)

    def _tick(self) -> None:
        timer = self.timer
        if timer is None:
            return
        elapsed = elapsed_text((self.store.now() - timer.started_at_utc).total_seconds())
        self.query_one("#timer-line", Static).update(
            f"[b $warning]⏱ {timer.skill}[/] ({timer.kind}) [b]{elapsed}[/b] — t to stop"
        )

    @on(Heatmap.CursorMoved)
    def _cursor_moved(self, event: Heatmap.CursorMoved) -> None:
        spent = _minutes(event.minutes) if event.minutes else "nothing logged"
        self.query_one("#heatmap-caption", Static).update(
            f"{weekday_text(event.day)}: {spent}   [dim]less[/] {self._legend()} [dim]more[/]"
        )

    def _legend(self) -> str:
        heatmap = self.query_one(Heatmap)
        return "".join(f"[{style.color.name if style.color else ''}]■[/]" for style in heatmap.step_styles())

    @on(Heatmap.DayChosen)
    def _day_chosen(self, event: Heatmap.DayChosen) -> None:
        from skilltrack.tui.screens.day_sessions import DaySessionsScreen

        self.app.push_screen(DaySessionsScreen(event.day))


def _panel(widget: Widget, title: str) -> Widget:
    widget.add_class("panel")
    widget.border_title = title
    return widget


def plan_panel_text(plan: Plan) -> Content:
    """This week's (at most three) actions with their time, what to record when it happens, and the
    forecast: the same as ``skilltrack plan``."""
    if not plan.items:
        lines = [Content(f"Nothing to plan: every {plan.level.title} expectation is shown by your record.")]
    else:
        # The pace is in the panel's title: every line here is an action or the forecast.
        lines = [
            Content.from_markup(
                "  $time  $title [dim]→ $how[/dim]",
                time=f"{item.this_week_label:>5}",
                title=item.title,
                how=item.how,
            )
            for item in plan.this_week
        ]
        if plan.when_it_happens:
            lines.append(
                Content.from_markup(
                    "[b]When it happens[/b] $what",
                    what="; ".join(item.title for item in plan.when_it_happens),
                )
            )
    on_track = plan.forecast.on_track
    style = "$accent" if on_track is None else "$success" if on_track else "$warning"
    lines.append(Content.from_markup(f"[b {style}]Forecast[/] $summary", summary=_short_forecast(plan)))
    return Content("\n").join(lines)


def _short_forecast(plan: Plan) -> str:
    forecast = plan.forecast
    if forecast.reached_on is None or not plan.items:
        return forecast.summary
    said = f"{plan.level.title} {forecast.range_text}"
    if forecast.target_date is None:
        return f"{said}; no target date set"
    if forecast.on_track:
        return f"{said}, on track for {day_text(forecast.target_date)}"
    late = -(-(forecast.reached_on - forecast.target_date).days // 7)
    return f"{said}, {count(late, 'week')} after your target {day_text(forecast.target_date)}"


def _minutes(minutes: int) -> str:
    return format_minutes(minutes) if minutes else "0m"
