"""The floor for time-to-first-frame: the smallest Textual app with a footer, measured like skilltrack."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Label


class MinimalApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Label("minimal")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
