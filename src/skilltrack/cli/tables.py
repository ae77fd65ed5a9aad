"""Plain aligned tables for the terminal, and what a ``list`` command prints: JSON, a table, or a hint.

Every cell is :func:`~skilltrack.render.terminal.printable`: a note or a name stored with a control
character in it (before the record refused them) shows it as ``␛``, never sends it to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from skilltrack.render.terminal import printable

if TYPE_CHECKING:
    from skilltrack.cli.context import Context

Row = TypeVar("Row")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Columns padded to their widest cell; ``right`` lists the columns aligned right (numbers)."""
    headers = [printable(header) for header in headers]
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), line(["─" * width for width in widths]), *map(line, rows)])


def print_rows(
    context: Context,
    rows: Sequence[Row],
    *,
    as_json: bool,
    json_row: Callable[[Row], dict[str, Any]],
    empty: str,
    headers: Sequence[str],
    cells: Callable[[Row], Sequence[str]],
    right: Sequence[int] = (),
) -> int:
    """A ``list`` command's output: every row as JSON when asked (an empty list when there are none),
    else a table, or ``empty`` (what to do to have some) when there are none."""
    if as_json:
        context.print_json([json_row(row) for row in rows])
    elif not rows:
        context.print(empty)
    else:
        context.print(table(headers, [cells(row) for row in rows], right=right))
    return 0
