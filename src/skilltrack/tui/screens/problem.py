"""When the record cannot be opened at all: say which file and why, and let the person leave.

Leaving ends the app with exit status 1, and the command line then gives the same one line as any
command would (:func:`skilltrack.cli.app.run_app`).
"""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import in_app_words


class ProblemScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "leave", "Quit", tooltip="Leave skilltrack; nothing was changed", id="problem.quit"),
        Binding("escape", "leave", "Quit", show=False, id="problem.escape"),
    ]
    WITHOUT_RECORD = True
    """Shown when there is no record to use: the command palette offers none of the record's screens."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog problem") as dialog:
            dialog.border_title = "Your record cannot be opened"
            yield Static(in_app_words(self.problem), id="problem-text", markup=False)
            yield Static("Nothing was changed. Press q to quit.", classes="muted")
        yield KeyFooter()

    def action_leave(self) -> None:
        self.app.exit(return_code=1)
