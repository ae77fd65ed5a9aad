"""Readiness per level as meters: percent, "n of m met", and the target level marked."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar

from skilltrack.domain.readiness import LevelReadiness


class LevelMeter(Horizontal):
    DEFAULT_CSS = """
    LevelMeter { height: 1; }
    LevelMeter > .level-name { width: 7; }
    LevelMeter > ProgressBar { width: 1fr; min-width: 6; }
    LevelMeter > ProgressBar > Bar { width: 1fr; }
    LevelMeter > .level-figures { width: auto; padding-left: 1; }
    LevelMeter.-target > .level-name { text-style: bold; color: $accent; }
    """

    def __init__(self, level_id: str, title: str) -> None:
        super().__init__(id=f"meter-{level_id}")
        self.title = title

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="level-name")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False)
        yield Label("", classes="level-figures")

    def show(self, level: LevelReadiness, *, target: bool) -> None:
        self.set_class(target, "-target")
        self.query_one(ProgressBar).update(progress=level.percent)
        mark = " ◆" if target else "  "
        figures = f"{level.percent:>3}% {level.met:>2}/{level.total}{mark}"
        self.query_one(".level-figures", Label).update(figures)
        self.tooltip = f"{level.level.title}: {level.met} of {level.total} expectations met" + (
            ", your target" if target else ""
        )


class LevelMeters(Vertical):
    DEFAULT_CSS = """
    LevelMeters { height: auto; }
    """

    def __init__(self, levels: list[tuple[str, str]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.levels = levels

    def compose(self) -> ComposeResult:
        for level_id, title in self.levels:
            yield LevelMeter(level_id, title)

    def show(self, levels: tuple[LevelReadiness, ...], target: str) -> None:
        for level in levels:
            self.query_one(f"#meter-{level.level.id}", LevelMeter).show(
                level, target=level.level.id == target
            )
