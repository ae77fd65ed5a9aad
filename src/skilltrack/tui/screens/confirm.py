"""Ask before anything is deleted, saying what goes with it."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from skilltrack.tui.widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Delete", tooltip="Yes: delete it", id="confirm.yes"),
        Binding("escape", "answer(False)", "Keep it", tooltip="Close without deleting", id="confirm.no"),
    ]

    def __init__(self, question: str, details: str, *, confirm: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.details = details
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog confirm") as dialog:
            dialog.border_title = "Are you sure?"
            yield Static(f"[b]{self.question}[/b]", id="question")
            yield Static(self.details, id="details", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, variant="error", id="yes", tooltip="y")
                yield Button("Keep it", variant="primary", id="no", tooltip="Escape")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
