"""Now, and the machine's time zone: the only places skilltrack asks the outside world what time it is."""

import os
from collections.abc import Mapping
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError


def system_time_zone(environ: Mapping[str, str] = os.environ) -> ZoneInfo:
    """The machine's IANA zone: ``TZ`` if it names one, else where ``/etc/localtime`` points, else UTC."""
    candidates = [environ.get("TZ", "").lstrip(":")]
    with suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        if name:
            with suppress(InputError):
                return parse_time_zone(name)
    return ZoneInfo("UTC")


def clock_now(environ: Mapping[str, str] = os.environ) -> datetime:
    """Now, in UTC. ``SKILLTRACK_NOW`` (an ISO instant with offset) fixes it for tests and demos."""
    fixed = environ.get("SKILLTRACK_NOW")
    if fixed:
        try:
            parsed = datetime.fromisoformat(fixed)
        except ValueError:
            raise InputError("SKILLTRACK_NOW", f"{fixed!r} is not an ISO 8601 instant") from None
        if parsed.tzinfo is None:
            raise InputError("SKILLTRACK_NOW", "needs an offset, like 2026-11-24T18:00:00+00:00")
        return parsed.astimezone(UTC)
    return datetime.now(UTC)
