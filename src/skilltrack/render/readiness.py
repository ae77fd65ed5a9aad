"""What every form of the readiness report shares: the marks of each status, the meter, the summary
line and an interview round's cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skilltrack.domain.readiness import Status

if TYPE_CHECKING:
    from skilltrack.domain.interviews import RoundStatus
    from skilltrack.domain.report import ReportData

STATUS_MARKS = {Status.MET: "✓", Status.PARTIAL: "◐", Status.MISSING: "✗"}
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
