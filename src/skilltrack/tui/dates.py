"""How the app writes a day, defined once: ISO 8601, ``2026-11-24``.

Short, unambiguous in every country, sorting as it reads, and the form every date field of the app and
the command line accepts; the texts the app shows from the domain (reasons, forecasts, matches) and the
report write days the same way. Where one day is the subject (the heatmap's caption, a day's sessions),
its weekday goes in front: ``Tue 2026-11-24``.
"""

from datetime import date


def day_text(day: date) -> str:
    """``2026-11-24``."""
    return day.isoformat()


def weekday_text(day: date) -> str:
    """``Tue 2026-11-24``."""
    return f"{day:%a} {day.isoformat()}"


def elapsed_text(seconds: float) -> str:
    """A running time as a stopwatch shows it: ``0:07:05``, ``12:30:00``."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, seconds_left = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds_left:02d}"
