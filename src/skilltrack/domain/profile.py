"""Profile fields as typed: who the record belongs to and what they are aiming for."""

from collections.abc import Mapping, Sequence
from datetime import date

from skilltrack.domain.dates import parse_date, parse_time_zone
from skilltrack.domain.errors import InputError

PROFILE_KEYS = ("name", "title", "career_start", "target_level", "target_date", "time_zone")


def parse_profile_values(
    values: Mapping[str, str], level_ids: Sequence[str], *, today: date
) -> dict[str, object]:
    """Parse profile fields as typed (an empty value clears a field) into the columns to set."""
    changes: dict[str, object] = {}
    for key, raw in values.items():
        value = raw.strip()
        if key in {"name", "title"}:
            if len(value) > 120:
                raise InputError(key, "is too long; use at most 120 characters")
            changes[key] = value
        elif key == "career_start":
            changes["career_started_on"] = (
                parse_date(value, today=today, field="career_start") if value else None
            )
        elif key == "target_date":
            changes["target_date"] = (
                parse_date(value, today=today, field="target_date", allow_future=True) if value else None
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
