"""When the record cannot be opened at all: say which file and why, and let the person leave."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ProblemScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "app.quit", "Quit", show=False),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog problem") as dialog:
            dialog.border_title = "Your record cannot be opened"
            yield Static(self.problem, id="problem-text", markup=False)
            yield Static("Nothing was changed. Press q to quit.", classes="muted")
