"""What every form of the readiness report shares: the marks of each status, the meter, the summary
line and an interview round's cells."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from skilltrack.domain.readiness import Status

if TYPE_CHECKING:
    from skilltrack.domain.interviews import RoundStatus
    from skilltrack.domain.plan import Forecast
    from skilltrack.domain.report import ReportData

STATUS_MARKS = {Status.MET: "✓", Status.CLAIMED: "◇", Status.PARTIAL: "◐", Status.MISSING: "✗"}
"""Met (shown by the record), claimed (met only by a self-rating), partly met, missing."""
MARKS_LEGEND = "✓ shown · ◇ claimed (a self-rating the record does not show yet) · ◐ partly met · ✗ missing"
PERCENT_RULE = (
    "The percent is the weighted share of the level's expectations your record shows; partly met ones "
    "count their share, and what only a self-rating claims counts half until hours, a shipped project "
    "or evidence show it."
)
TREND_WORDS = {"up": "improving", "down": "slipping", "steady": "steady", "too few": "too few to tell"}


def meter(percent: int, width: int = 20) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def summary_line(data: ReportData) -> str:
    """Target level and date, and the forecast, in one sentence or two."""
    target = data.framework.level(data.target_level).title
    said = f"Target level: {target}"
    if data.target_date is not None:
        said += f", by {data.target_date.isoformat()}"
    said += "."
    if data.level_id == data.plan.level.id:
        said += f" {data.plan.forecast.summary}"
    return said


def round_line(status: RoundStatus) -> tuple[str, str, str, str, str, str]:
    """A round's cells: title, sessions, scored average in the ladder's window, trend, last practised,
    and ready or why not (the average shown is the one ``ready`` uses)."""
    average = f"{status.recent_average:.1f}" if status.recent_average is not None else "—"
    last = status.last_practised.isoformat() if status.last_practised else "never"
    ready = f"{'ready' if status.ready else 'not yet'}: {status.reason}"
    return (
        status.title,
        str(status.sessions),
        average,
        TREND_WORDS.get(status.trend, status.trend),
        last,
        ready,
    )


def target_line(title: str, forecast: Forecast, today: date) -> str:
    """The target, its date, the weeks left and the forecast, in one line (``status``, the dashboard)."""
    target = forecast.target_date
    if target is None:
        said = f"{title}, no target date (profile: target_date)"
    else:
        weeks = max((target - today).days // 7, 0)
        said = f"{title} by {target.isoformat()}, {weeks} week{'s' if weeks != 1 else ''} left"
    if forecast.reached_on is None:
        return f"{said} · forecast: none yet ({forecast.summary.split(':')[0].lower()})"
    verdict = "" if forecast.on_track is None else (": on track" if forecast.on_track else ": behind")
    return f"{said} · forecast {forecast.range_text}{verdict}"
