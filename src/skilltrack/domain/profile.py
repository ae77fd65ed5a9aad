"""Profile fields as typed: who the record belongs to and what they are aiming for."""

from collections.abc import Mapping, Sequence
from datetime import date

from skilltrack.domain.dates import parse_date, parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.domain.text import MAX_LINE_LENGTH, clean_text

PROFILE_KEYS = ("name", "title", "career_start", "target_level", "target_date", "time_zone")
MAX_PROFILE_TEXT = 120
EARLIEST_YEAR = 1950
"""No day the record keeps is older (nothing older is a learning session); the import refuses it too."""
LATEST_YEAR = 2200
"""No day the record keeps is in this year or later, a target date included; the import refuses it too."""


def clean_profile_text(text: str, *, field: str, keep: bool = False) -> str:
    """The profile's name or title: one line of at most :data:`MAX_PROFILE_TEXT` characters, or empty."""
    return clean_text(text, field=field, max_length=MAX_PROFILE_TEXT, keep=keep)


def check_target_date(day: date, *, field: str = "target_date") -> date:
    """A day the profile keeps (a target date, a career start): from :data:`EARLIEST_YEAR`, before
    :data:`LATEST_YEAR` (a target date in the past is allowed: a target missed stays on record)."""
    if not EARLIEST_YEAR <= day.year < LATEST_YEAR:
        last = LATEST_YEAR - 1
        raise InputError(
            field, f"{day.isoformat()} is too far off; use a date from {EARLIEST_YEAR} to {last}"
        )
    return day


def check_profile_changes(changes: Mapping[str, object]) -> None:
    """Refuse (:class:`InputError`, naming the field) a profile value the record's import would refuse,
    however it was made: the record's own write asks this, so that every profile it keeps exports and
    imports again. Texts are checked as the import reads them (the ``keep`` form of the text rule)."""
    for column, value in changes.items():
        if column in {"name", "title"}:
            if not isinstance(value, str):
                raise InputError(column, "is not text")
            clean_profile_text(value, field=column, keep=True)
        elif column in {"career_started_on", "target_date"}:
            if value is not None:
                if not isinstance(value, date):
                    raise InputError(column, "is not a date; use YYYY-MM-DD")
                check_target_date(value, field="career_start" if column == "career_started_on" else column)
        elif column == "target_level":
            if value is not None and not (isinstance(value, str) and value.strip()):
                raise InputError(column, "is not a level; leave it empty or name a level of the ladder")
            if isinstance(value, str):
                clean_text(value, field=column, max_length=MAX_LINE_LENGTH, keep=True)
        elif column == "time_zone" and value is not None:
            if not isinstance(value, str):
                raise InputError(column, "is not a time zone; use an IANA name like Europe/Lisbon")
            parse_time_zone(value, field=column)


def parse_profile_values(
    values: Mapping[str, str], level_ids: Sequence[str], *, today: date
) -> dict[str, object]:
    """Parse profile fields as typed (an empty value clears a field) into the columns to set."""
    changes: dict[str, object] = {}
    for key, raw in values.items():
        value = raw.strip()
        if key in {"name", "title"}:
            changes[key] = clean_profile_text(raw, field=key)
        elif key == "career_start":
            changes["career_started_on"] = (
                check_target_date(parse_date(value, today=today, field="career_start"), field="career_start")
                if value
                else None
            )
        elif key == "target_date":
            changes["target_date"] = (
                check_target_date(parse_date(value, today=today, field="target_date", allow_future=True))
                if value
                else None
            )
        elif key == "target_level":
            if value and value.lower() not in level_ids:
                raise InputError(
                    "target_level", f"{value!r} is not a level; use one of {', '.join(level_ids)}"
                )
            changes["target_level"] = value.lower() or None
        elif key == "time_zone":
            changes["time_zone"] = parse_time_zone(value, field="time_zone").key if value else None
        else:
            raise InputError(key, f"is not a profile field; use one of {', '.join(PROFILE_KEYS)}")
    return changes
