"""The team's matrix as text and JSON: people × expectations with the status marks ``status`` uses, each
level's percent per person, who is closest to their next level, and what nobody on the team meets.

Every name and title comes from files other people wrote, so each is made printable before it is shown.
"""

from typing import Any

from skilltrack.domain.team import STALE_DAYS, Matrix, Member
from skilltrack.render.readiness import MARKS_LEGEND, STATUS_MARKS
from skilltrack.render.terminal import printable

NOT_IN_LADDER = "—"
"""The mark for an expectation that is not in a person's ladder."""
TITLE_WIDTH = 48


def column_key(position: int) -> str:
    """The short column heading of the ``position``-th person (0 → A, 25 → Z, 26 → AA)."""
    key = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        key = chr(ord("A") + remainder) + key
    return key


def age_text(member: Member) -> str:
    day = member.snapshot.taken_on.isoformat()
    if member.stale:
        return f"{day}, stale: {member.age_days} days old"
    return day


def target_text(member: Member) -> str:
    """``target Lead by 2027-06-30``: the level by its title when the snapshot lists it."""
    snapshot = member.snapshot
    level = snapshot.level(snapshot.target_level)
    said = f"target {printable(level.title if level else snapshot.target_level)}"
    return said + (f" by {snapshot.target_date.isoformat()}" if snapshot.target_date else "")


def closest_text(matrix: Matrix) -> str:
    closest = matrix.closest
    if not closest:
        return "Everyone has completed every level." if matrix.members else ""
    return ", ".join(
        f"{printable(member.name)} ({printable(level.title)} {level.percent}%)" for member, level in closest
    )


def _short(text: str, width: int) -> str:
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def matrix_text(matrix: Matrix) -> str:
    if not matrix.members:
        return ""
    keys = [column_key(position) for position in range(len(matrix.members))]
    width = max(len(key) for key in keys) + 1
    lines = [
        f"Team readiness on {matrix.today.isoformat()} · {len(matrix.members)} "
        f"{'person' if len(matrix.members) == 1 else 'people'}"
    ]
    if len(matrix.ladders) > 1:
        lines.append(
            "Ladders differ: "
            + "; ".join(printable(ladder) for ladder in matrix.ladders)
            + f" ({NOT_IN_LADDER}: not in that person's ladder)"
        )
    elif matrix.ladders:
        lines.append(f"Ladder: {printable(matrix.ladders[0])}")
    lines.append("")
    name_width = max(len(_short(member.name, 40)) for member in matrix.members)
    for key, member in zip(keys, matrix.members, strict=True):
        aim = target_text(member)
        lines.append(
            f"  {key:<{width}} {_short(member.name, 40):<{name_width}}  {age_text(member):<31}  {aim}"
        )
    lines.append("")
    head_width = TITLE_WIDTH + 2
    heading = "".join(f"{key:>{width + 4}}" for key in keys)
    lines.append(f"{'Level':<{head_width}}{heading}")
    for level in matrix.levels:
        cells = "".join(
            f"{('—' if percent is None else f'{percent}%'):>{width + 4}}" for percent in level.percents
        )
        lines.append(f"{_short(level.title, head_width - 2):<{head_width}}{cells}")
    lines.append("")
    lines.append(f"Closest to their next level: {closest_text(matrix)}")
    lines.append("")
    legend = MARKS_LEGEND + (f" · {NOT_IN_LADDER} not in their ladder" if len(matrix.ladders) > 1 else "")
    lines.append(legend)
    current_level = None
    titles = {level.id: level.title for level in matrix.levels}
    for row in matrix.rows:
        if row.level != current_level:
            current_level = row.level
            lines.append("")
            lines.append(f"{_short(titles.get(row.level, row.level), head_width):<{head_width}}{heading}")
        cells = "".join(
            f"{(NOT_IN_LADDER if status is None else STATUS_MARKS[status]):>{width + 4}}"
            for status in row.statuses
        )
        lines.append(f"  {_short(row.title, TITLE_WIDTH):<{TITLE_WIDTH}}{cells}")
    lines.append("")
    nobody = matrix.nobody_meets
    if nobody:
        lines.append(f"Nobody on the team meets ({len(nobody)} of {len(matrix.rows)}):")
        lines.extend(f"  - {printable(row.title)} ({printable(row.id)})" for row in nobody)
    else:
        lines.append("Every expectation is met by someone on the team.")
    for note in matrix.notes:
        lines.append(f"Note: {printable(note)}")
    return "\n".join(lines) + "\n"


def matrix_json(matrix: Matrix) -> dict[str, Any]:
    names = [member.name for member in matrix.members]
    return {
        "format": "skilltrack-team",
        "date": matrix.today.isoformat(),
        "stale_after_days": STALE_DAYS,
        "ladders": list(matrix.ladders),
        "people": [
            {
                "name": member.name,
                "file": member.source,
                "date": member.snapshot.taken_on.isoformat(),
                "age_days": member.age_days,
                "stale": member.stale,
                "ladder": member.snapshot.ladder,
                "target_level": member.snapshot.target_level,
                "target_date": member.snapshot.target_date.isoformat()
                if member.snapshot.target_date
                else None,
                "next_level": None
                if (level := member.snapshot.next_level) is None
                else {"id": level.id, "title": level.title, "percent": level.percent},
            }
            for member in matrix.members
        ],
        "levels": [
            {
                "id": level.id,
                "title": level.title,
                "percent": dict(zip(names, level.percents, strict=True)),
            }
            for level in matrix.levels
        ],
        "expectations": [
            {
                "id": row.id,
                "title": row.title,
                "level": row.level,
                "status": {
                    name: None if status is None else status.value
                    for name, status in zip(names, row.statuses, strict=True)
                },
                "nobody_meets": row.nobody_meets,
            }
            for row in matrix.rows
        ],
        "closest_to_next_level": [
            {"name": member.name, "level": level.id, "percent": level.percent}
            for member, level in matrix.closest
        ],
        "nobody_meets": [row.id for row in matrix.nobody_meets],
        "notes": list(matrix.notes),
    }
