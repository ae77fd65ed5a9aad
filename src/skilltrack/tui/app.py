"""The skilltrack app: modes for each part of the record, keys from every screen, workers for the disk.

On a path with no record it opens on the welcome screen, which starts one (with the profile) or, if the
person quits, leaves nothing behind. A record that cannot be opened is explained on screen, and the app
then ends with exit status 1 (:attr:`SkilltrackApp.problem`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from skilltrack.clock import system_time_zone
from skilltrack.domain.errors import FrameworkError, InputError
from skilltrack.record.errors import RecordError, StorageError
from skilltrack.tui.keys import SCREENS, screen_keys
from skilltrack.tui.screens.base import RecordScreen
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.store import Store

if TYPE_CHECKING:  # the ladder is loaded after the first frame, and its types with it
    from skilltrack.domain.framework import Framework


def _screen(module: str, name: str) -> Screen[None]:
    screen_class: type[Screen[None]] = getattr(import_module(f"skilltrack.tui.screens.{module}"), name)
    return screen_class()


class SkilltrackApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "skilltrack"
    # Screens other than the dashboard are imported when first shown: the first frame needs only one.
    # The dashboard is the default screen, and becomes the "dashboard" mode once mounted (on_mount):
    # Textual parses every stylesheet a second and a third time when it first shows a mode's screen,
    # not the default screen, which would delay the first frame.
    MODES: ClassVar = {
        "skills": lambda: _screen("skills", "SkillsScreen"),
        "projects": lambda: _screen("projects", "ProjectsScreen"),
        "evidence": lambda: _screen("evidence", "EvidenceScreen"),
        "readiness": lambda: _screen("readiness", "ReadinessScreen"),
        "interviews": lambda: _screen("interviews", "InterviewsScreen"),
        "stories": lambda: _screen("stories", "StoriesScreen"),
        "postings": lambda: _screen("postings", "PostingsScreen"),
        "team": lambda: _screen("team", "TeamScreen"),
    }
    DEFAULT_MODE = "dashboard"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012  (typed by App)

    # The screen keys work everywhere; the footer shows them on the dashboard (its own bindings), and
    # every screen's `?` panel lists them, so each screen's footer has room for its own actions.
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys(shown=False, app=True),
        Binding("l", "log_session", "Log", tooltip="Log a learning session", id="log"),
        Binding("t", "timer", "Timer", tooltip="Start, stop (with a note) or discard the timer", id="timer"),
        # Like the screen keys: in the dashboard's footer, every `?` panel and the palette.
        Binding(
            "w",
            "sync",
            "Sync",
            tooltip="Sync with this record's other copies through a folder",
            show=False,
            id="sync",
        ),
        Binding("question_mark", "keys", "Keys", tooltip="Show or hide every key of this screen", id="keys"),
        Binding("escape", "back", "Back", tooltip="Back to the dashboard", show=False, id="back"),
        Binding("q", "quit", "Quit", tooltip="Leave skilltrack", id="quit"),
    ]

    def __init__(self, store: Store, *, welcome: bool = False) -> None:
        super().__init__()
        self.store = store
        self.welcome = welcome
        """There is no record at the store's path yet: the app opens on the welcome screen."""

    started = False
    """The first frame is on the terminal: screens read the record from now on, not before."""

    problem: BaseException | None = None
    """Why the record (or the ladder) cannot be used, once that has been shown: the app then ends with
    exit status 1, and the command line says this in one line."""

    def get_default_screen(self) -> Screen[None]:
        screen = DashboardScreen()
        # The width class the screen's first resize would give it (the widest breakpoint the terminal
        # reaches), given now: otherwise every widget of the dashboard is styled again at that resize.
        width = self.size.width
        reached = [(least, name) for least, name in self.HORIZONTAL_BREAKPOINTS if width >= least]
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            screen.set_class(bool(reached) and name == max(reached)[1], name, update=False)
        return screen

    def on_mount(self) -> None:
        self.add_mode("dashboard", DashboardScreen)
        if self.welcome:
            from skilltrack.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self.after_write)

    def on_unmount(self) -> None:
        # As a command closes the record when it ends: its journal is folded back into the file.
        self.store.close()

    def on_ready(self) -> None:
        # Sent once the first frame is laid out. It is drawn after the next refresh, and the footer's
        # keys after the one after: a read started earlier would compete with drawing them.
        self.started = True
        self.call_after_refresh(self.call_after_refresh, self._load_first_screen)

    def _load_first_screen(self) -> None:
        if isinstance(self.screen, RecordScreen):
            self.screen.reload()

    # ── record changes ─────────────────────────────────────────────────────────────────────────

    def after_write(self, message: str | None) -> None:
        """Tell the person what was written (``None``: nothing was), and redraw what shows the record."""
        if message:
            self.notify(message, timeout=4)
            self.record_changed()

    def record_changed(self) -> None:
        """Something was written: every screen that draws the record reloads."""
        # Screens of other modes reload when they are shown again (RecordScreen.on_screen_resume).
        for screen in self.screen_stack:
            if isinstance(screen, RecordScreen):
                screen.reload()

    def show_error(self, error: BaseException) -> None:
        """The one place a failed worker's error is told: a record (or a ladder) that cannot be used on a
        screen of its own, anything else in a notice."""
        from skilltrack.tui.words import in_app_words

        if isinstance(error, FrameworkError) or (isinstance(error, StorageError) and not self.store.is_open):
            from skilltrack.tui.screens.problem import ProblemScreen

            if self.problem is None:
                self.problem = error
                self.push_screen(ProblemScreen(str(error)))
        elif isinstance(error, StorageError):
            self.notify(
                in_app_words(str(error)), title="The record cannot be used", severity="error", timeout=12
            )
        elif isinstance(error, (InputError, RecordError)):
            self.notify(in_app_words(str(error)), title="Not saved", severity="warning", timeout=8)
        else:
            self.notify(
                f"{type(error).__name__}: {error}", title="Unexpected problem", severity="error", timeout=12
            )

    # ── actions available everywhere ───────────────────────────────────────────────────────────

    NEEDS_RECORD = frozenset({"switch_mode", "log_session", "timer", "profile", "back", "sync"})
    """The app's actions that go to the record: none of them while the welcome (no record yet) or the
    problem screen (a record that cannot be used) is shown."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.NEEDS_RECORD and getattr(self.screen, "WITHOUT_RECORD", False))

    def action_log_session(self, skill: str = "") -> None:
        from skilltrack.tui.screens.log_session import LogSessionScreen

        self.push_screen(LogSessionScreen(skill=skill), self.after_write)

    def action_timer(self) -> None:
        from skilltrack.tui.screens.timer import TimerScreen

        self.push_screen(TimerScreen(), self.after_write)

    def action_sync(self) -> None:
        from skilltrack.tui.screens.sync import SyncScreen

        self.push_screen(SyncScreen(), self.after_write)

    def action_profile(self) -> None:
        from skilltrack.tui.screens.profile import ProfileScreen

        self.push_screen(ProfileScreen(), self.after_write)

    def action_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    async def action_back(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        elif len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.current_mode != "dashboard":
            await self.switch_mode("dashboard")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if getattr(screen, "WITHOUT_RECORD", False):
            return  # the welcome and the problem screen: there is no record to go to
        for _, mode, title, help_text in SCREENS:
            yield SystemCommand(
                f"Go to {title}", help_text, lambda mode=mode: self.run_action(f"switch_mode('{mode}')")
            )
        for binding in getattr(screen, "BINDINGS", []):
            # The current screen's own actions (add, rate, delete…), so every key is in the palette too.
            if isinstance(binding, Binding) and binding.description and not binding.action.startswith("app."):
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    binding.tooltip or binding.description,
                    lambda action=action: self.call_later(screen.run_action, action),
                )
        yield SystemCommand("Log a session", "Log learning time on a skill", self.action_log_session)
        yield SystemCommand("Timer", "Start, stop or cancel the timer", self.action_timer)
        yield SystemCommand("Sync", "When this record last met its other copies; sync now", self.action_sync)
        yield SystemCommand(
            "Profile", "Name, title, career start, target level and date", self.action_profile
        )


def make_app(
    *,
    db: Path,
    ladder: Callable[[], Framework],
    today: date | None = None,
    now: Callable[[], datetime] | None = None,
) -> SkilltrackApp:
    """Build the app on the record at ``db`` and the ladder ``ladder()`` loads (after the first frame).
    With no record at ``db`` yet, the app opens on the welcome screen, which starts one. ``today``
    fixes the clock at 18:30 UTC that day (tests)."""
    if today is not None:
        fixed = datetime.combine(today, time(18, 30), tzinfo=UTC)
        now = lambda: fixed  # noqa: E731
    clock = now or (lambda: datetime.now(UTC))
    zone = ZoneInfo("UTC") if today is not None else system_time_zone()
    # Whether anything is at the path (a link to nothing included: opening it explains): one stat, and
    # the record itself is not read before the first frame.
    welcome = not os.path.lexists(db.expanduser())
    return SkilltrackApp(Store(db, ladder, now=clock, machine_zone=zone), welcome=welcome)
