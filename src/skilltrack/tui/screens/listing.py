"""Screens that list the record's rows in a table, with the highlighted row's details in a panel beside
it, and acting on the highlighted row (skills, projects, postings, stories)."""

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from skilltrack.tui.screens.base import Data, RecordScreen

Row = TypeVar("Row")


def row_table(table_id: str, *columns: str) -> DataTable[str]:
    """A table the cursor moves through a row at a time, with these columns."""
    table: DataTable[str] = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    table.add_columns(*columns)
    return table


def detail_panel(panel_id: str, title: str, text: str) -> ComposeResult:
    """A scrolling panel titled ``title`` whose text (``#<panel_id>-text``) starts as ``text``."""
    with VerticalScroll(id=panel_id, classes="panel") as panel:
        panel.border_title = title
        yield Static(text, id=f"{panel_id}-text")


class RowsScreen(RecordScreen[Data], Generic[Data, Row]):
    """A record screen whose table lists :attr:`rows`, each keyed by :meth:`row_key`; the highlighted
    row's details show beside it, and ``x`` deletes it (after asking)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def row_key(self, row: Row) -> str:
        raise NotImplementedError

    def show_detail(self, row: Row) -> None:
        raise NotImplementedError

    def ask_delete(self, row: Row) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def selected(self) -> Row | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.rows if self.row_key(row) == key), None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        row = self.selected()
        if row is not None:
            self.show_detail(row)

    def open_form_on_selected(self, form: Callable[[Row], ModalScreen[str | None]]) -> None:
        """Open the ``form`` of the highlighted row; nothing when the table is empty."""
        row = self.selected()
        if row is not None:
            self.open_form(form(row))

    def action_delete(self) -> None:
        row = self.selected()
        if row is not None:
            self.ask_delete(row)
