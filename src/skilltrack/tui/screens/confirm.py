"""Ask before anything is deleted, saying what goes with it."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "Keep", tooltip="Close without deleting"),
        Binding("y", "answer(True)", "Yes, delete", show=False),
        Binding("n", "answer(False)", "No", show=False),
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
                yield Button(self.confirm, variant="error", id="yes")
                yield Button("Keep it", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
