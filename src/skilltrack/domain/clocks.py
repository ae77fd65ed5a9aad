"""Hybrid logical clocks, as text that sorts in the order of the clocks.

A clock is ``<wall ms, 15 digits>-<counter, 9 digits>-<replica id>``: wall time in milliseconds when the
replica's clock moved on, a counter for changes within one millisecond (or while the wall clock stands
behind a clock already seen), and the replica, which breaks ties between machines. Comparing two texts
compares the clocks. A replica that receives a later clock moves its own past it, so that whatever it
does next is later than everything it has seen, even if its own wall clock runs behind.
"""

import re

_CLOCK = re.compile(r"^(\d{15})-(\d{9})-([0-9a-f]{32})$")

ZERO = "000000000000000-000000000-" + "0" * 32
"""Earlier than every clock."""


def clock_text(wall_ms: int, counter: int, replica: str) -> str:
    return f"{wall_ms:015d}-{counter:09d}-{replica}"


def parse_clock(text: str) -> tuple[int, int, str] | None:
    """``(wall_ms, counter, replica)``, or ``None`` if ``text`` is not a clock."""
    found = _CLOCK.match(text)
    if found is None:
        return None
    return int(found[1]), int(found[2]), found[3]


def is_clock(text: object) -> bool:
    return isinstance(text, str) and _CLOCK.match(text) is not None


def received(own_ms: int, own_counter: int, seen_ms: int, seen_counter: int) -> tuple[int, int]:
    """This replica's clock after seeing another's: past both (the wall time is taken on the next tick)."""
    if seen_ms > own_ms:
        return seen_ms, seen_counter + 1
    if seen_ms == own_ms:
        return own_ms, max(own_counter, seen_counter) + 1
    return own_ms, own_counter
