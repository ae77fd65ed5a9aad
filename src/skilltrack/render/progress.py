"""Progress over time as text (a chart of blocks, the milestones, what moved since last month) and JSON."""

from typing import Any

from skilltrack.domain.progress import Change, Progress
from skilltrack.render.terminal import printable

BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(percents: list[int]) -> str:
    """One block a point, its height the percent (0–100)."""
    return "".join(BLOCKS[round(min(max(percent, 0), 100) / 100 * (len(BLOCKS) - 1))] for percent in percents)


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "expectation": change.expectation.id,
        "title": change.expectation.title,
        "before": change.before.status.value,
        "after": change.after.status.value,
        "points": change.percent_points,
    }


def progress_json(progress: Progress) -> dict[str, Any]:
    return {
        "format": "skilltrack-progress",
        "level": {"id": progress.level.id, "title": progress.level.title},
        "points": [
            {
                "date": point.day.isoformat(),
                "percent": point.percent,
                "shown_percent": point.shown_percent,
                "met": point.met,
                "partial": point.partial,
                "claimed": point.claimed,
                "total": point.total,
            }
            for point in progress.points
        ],
        "milestones": [
            {
                "date": milestone.day.isoformat(),
                "expectation": milestone.expectation.id,
                "title": milestone.expectation.title,
                "happened": milestone.happened.value,
            }
            for milestone in progress.milestones
        ],
        "met_before_the_series": [expectation.id for expectation in progress.already_met],
        "since": progress.since.isoformat(),
        "since_last_month": {
            "met": [_change_json(change) for change in progress.met],
            "lost": [_change_json(change) for change in progress.lost],
            "moved": [_change_json(change) for change in progress.moved],
        },
    }


def _change_line(change: Change) -> str:
    before, after = change.before.status.value, change.after.status.value
    moved = _signed_points(change.percent_points)
    states = f"{before} → {after}" if before != after else after
    return f"  {change.expectation.title} ({states}, {moved})"


def progress_text(progress: Progress) -> str:
    points = progress.points
    first, today = points[0], points[-1]
    weeks = len(points) - 1
    change = progress.change
    lines = [
        f"{progress.level.title} over {weeks} week{'s' if weeks != 1 else ''}: "
        f"{first.percent}% on {first.day.isoformat()} → {today.percent}% today "
        f"({_signed_points(change, zero='+')})",
        "",
        f"  {sparkline([point.percent for point in points])}  {today.percent}%",
        f"  {first.day.isoformat()}{' ' * max(len(points) - 20, 1)}{today.day.isoformat()}",
        "",
        f"Today: {today.percent}% · {today.met} met, {today.partial} partial, {today.claimed} claimed of "
        f"{today.total}; {today.shown_percent}% shown by the record alone.",
        "",
    ]
    if progress.milestones:
        lines.append("Milestones (the week each was first seen)")
        lines += [
            f"  {milestone.day.isoformat()}  {milestone.happened.value:<9}  {milestone.expectation.title}"
            for milestone in progress.milestones
        ]
        lines.append("")
    if progress.already_met:
        lines.append(f"Met before {first.day.isoformat()}: {len(progress.already_met)}")
        lines.append("")
    lines.append(f"Since {progress.since.isoformat()}")
    if not (progress.met or progress.lost or progress.moved):
        lines.append("  nothing moved")
    for heading, changes in (("met", progress.met), ("lost", progress.lost), ("moved", progress.moved)):
        if changes:
            lines.append(f" {heading}:")
            lines += [_change_line(change) for change in changes]
    return printable("\n".join(lines).rstrip(), multiline=True) + "\n"


def _signed_points(points: int, *, zero: str = "") -> str:
    """``+8 points``, ``-1 point``: the sign always shown for a change (``zero`` before a nought)."""
    sign = "+" if points > 0 else (zero if points == 0 else "")
    return f"{sign}{points} point{'' if abs(points) == 1 else 's'}"
