"""Rows of text in columns sized to what they hold and to the room there is.

A panel's lines as a table without a table's widgets: every column is as wide as its widest cell, and
one column (a skill's name) takes the room that is left, so a label is cut (with "…") only when the
panel is too narrow for it, never at a fixed number of characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import RenderResult
    from textual.geometry import Size

Cell = Content | str
Row = Sequence[Cell]


def _content(cell: Cell) -> Content:
    return cell if isinstance(cell, Content) else Content(cell)


def _fit(cell: Content, width: int, *, right: bool) -> Content:
    if cell.cell_length > width:
        return cell[: max(0, width - 1)] + "…" if width > 0 else Content("")
    padding = " " * (width - cell.cell_length)
    return Content(padding) + cell if right else cell + padding


def layout_rows(
    rows: Sequence[Row], width: int, *, elastic: int, right: frozenset[int] = frozenset()
) -> list[Content]:
    """``rows`` as lines at most ``width`` cells wide: columns two cells apart, each as wide as its widest
    cell; column ``elastic`` gets what is left (at most what it needs); columns in ``right`` are
    right-aligned."""
    if not rows:
        return []
    cells = [[_content(cell) for cell in row] for row in rows]
    columns = max(len(row) for row in cells)
    widths = [
        max((row[index].cell_length for row in cells if index < len(row)), default=0)
        for index in range(columns)
    ]
    fixed = sum(width for index, width in enumerate(widths) if index != elastic) + 2 * (columns - 1)
    widths[elastic] = max(1, min(widths[elastic], width - fixed))
    return [
        Content("  ").join(_fit(cell, widths[index], right=index in right) for index, cell in enumerate(row))
        for row in cells
    ]


class Columns(Widget):
    """Lines of cells in columns, laid out again at every width (see :func:`layout_rows`)."""

    DEFAULT_CSS = """
    Columns { height: auto; }
    """

    def __init__(
        self, *, elastic: int = 0, right: frozenset[int] = frozenset(), id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.elastic = elastic
        self.right = right
        self.rows: list[Row] = []
        self.empty = ""
        """What shows when there are no rows."""

    def show(self, rows: Sequence[Row], *, empty: str) -> None:
        self.rows = list(rows)
        self.empty = empty
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> RenderResult:
        if not self.rows:
            return Content(self.empty)
        return Content("\n").join(
            layout_rows(self.rows, self.size.width, elastic=self.elastic, right=self.right)
        )
