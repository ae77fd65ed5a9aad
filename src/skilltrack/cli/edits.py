"""What every ``… edit`` command prints: the fields that changed, before → after, or, with ``--json``,
``{"changed": {field: {"from", "to"}}, "<what>": row, "notes": [...]}`` (what was decided on the way,
as the text's "Note:" lines)."""

from __future__ import annotations

from datetime import date, datetime

from skilltrack.cli.context import Context
from skilltrack.record.changes import Edited

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, TypeVar

    Row = TypeVar("Row")


def print_edit(
    context: Context,
    edited: Edited[Row],
    *,
    what: str,
    label: str,
    as_json: bool,
    row_json: Callable[[Row], dict[str, Any]],
    names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
) -> int:
    """Say what changed about the ``what`` called ``label`` (``session 5c3c1a2b``, ``project Ledger``).

    ``names`` are the fields' names for people and JSON where they differ from the row's, ``labels``
    for people alone; ``formats`` how to show a field's values in the text (``minutes`` as ``1h30m``),
    all by the row's field name."""
    names, formats = names or {}, formats or {}
    labels = {**names, **(labels or {})}
    changed = edited.changed
    if as_json:
        context.print_json(
            {
                "changed": {
                    names.get(field, field): {"from": _json_value(old), "to": _json_value(new)}
                    for field, (old, new) in changed.items()
                },
                what: row_json(edited.after),
                "notes": list(edited.notices),
            }
        )
        return 0
    for notice in edited.notices:
        context.print(f"Note: {notice}.")
    if not changed:
        context.print(f"The {what} {label} already was as given; nothing changed.")
        return 0
    said = "; ".join(
        f"{labels.get(field, field)} {formats.get(field, _shown)(old)} → {formats.get(field, _shown)(new)}"
        for field, (old, new) in changed.items()
    )
    context.print(f"Changed the {what} {label}: {said}.")
    return 0


def _shown(value: object) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, datetime):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return f"{value:%a %Y-%m-%d}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    text = str(value)
    return f'"{text}"' if not text or " " in text else text


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
