"""What the app's screens share: loading in a worker, errors in one place, forms that keep what was typed."""

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label
from textual.worker import Worker, WorkerState

from skilltrack.domain.errors import InputError
from skilltrack.record.errors import RecordError
from skilltrack.tui.store import Store
from skilltrack.tui.widgets.fields import Field

Data = TypeVar("Data")
T = TypeVar("T")


@runtime_checkable
class RecordApp(Protocol):
    """What the screens ask of the app (:class:`skilltrack.tui.app.SkilltrackApp`): its store, whether
    its first frame is drawn, its one handler of errors, and what follows a write. The app imports the
    screens, so they know it by this shape rather than by importing it back."""

    store: Store
    started: bool

    def show_error(self, error: BaseException) -> None: ...

    def after_write(self, message: str | None) -> None: ...


class AppScreen:
    """Mixin: the app and its store, and worker errors sent to the app's one handler."""

    @property
    def skilltrack(self) -> RecordApp:
        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, RecordApp)
        return app

    @property
    def store(self) -> Store:
        return self.skilltrack.store

    def open_form(self, form: ModalScreen[str | None]) -> None:
        """Show a form that writes to the record; once it has, the app says what and redraws."""
        self.app.push_screen(form, self.skilltrack.after_write)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.skilltrack.show_error(event.worker.error)


class RecordScreen(AppScreen, Screen[None], Generic[Data]):
    """A screen drawn from the record: ``fetch`` runs in a thread, ``show`` on the UI with its result.

    The first frame is drawn before anything is read; the screen reloads whenever it is shown again
    and whenever the app writes to the record.
    """

    def on_screen_resume(self) -> None:
        # After the next refresh: the frame is on the screen before the disk (and opening the record, on
        # first use) competes with it for the interpreter. The app's first screen is loaded by the app
        # once its first frame is drawn (SkilltrackApp.on_ready).
        if self.skilltrack.started:
            self.call_after_refresh(self.reload)

    generation = 0
    """Counts reloads, so that a slow, older read never overwrites a newer one."""

    def reload(self) -> None:
        self.generation += 1
        self._load(self.generation)

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self, generation: int) -> None:
        data = self.fetch()
        self.app.call_from_thread(self._show_if_newest, generation, data)

    def _show_if_newest(self, generation: int, data: Data) -> None:
        if generation == self.generation:
            self.show(data)

    def fetch(self) -> Data:
        raise NotImplementedError

    def show(self, data: Data) -> None:
        raise NotImplementedError

    @work(exclusive=True, group="delete", exit_on_error=False)
    async def delete_after_asking(
        self,
        question: str,
        details: str | Callable[[sqlite3.Connection, date], str],
        delete: Callable[[sqlite3.Connection, date], T],
        deleted: Callable[[T], str],
    ) -> None:
        """Ask ``question``, saying what goes in ``details`` (read from the record first when it is a
        function); on yes, ``delete`` in one write off the UI thread, and the app says ``deleted`` of
        what it returns."""
        from skilltrack.tui.screens.confirm import ConfirmScreen

        if not isinstance(details, str):
            details = await asyncio.to_thread(self.store.read, details)
        if await self.app.push_screen_wait(ConfirmScreen(question, details)):
            result = await asyncio.to_thread(self.store.write, delete)
            self.skilltrack.after_write(deleted(result))


SCREEN_KEYS: list[BindingType] = [
    Binding("s", "app.switch_mode('skills')", "Skills", tooltip="Skills and tools"),
    Binding("p", "app.switch_mode('projects')", "Projects", tooltip="Projects you shipped"),
    Binding("e", "app.switch_mode('evidence')", "Evidence", tooltip="What you did, by expectation"),
    Binding("r", "app.switch_mode('readiness')", "Readiness", tooltip="Every expectation of a level"),
]
"""The other screens, shown in the dashboard's footer."""


def delete_key(what: str, *, screen: str) -> Binding:
    """The key that deletes the highlighted ``what`` (after asking), the same on every screen."""
    return Binding(
        "x", "delete", "Delete", tooltip=f"Delete the selected {what} (asks first)", id=f"{screen}.delete"
    )


HOME_KEY: list[BindingType] = [
    Binding("d", "app.switch_mode('dashboard')", "Dashboard", tooltip="Readiness, heatmap, streaks"),
]
"""Back to the dashboard, shown in every other screen's footer."""

Job = Callable[[], str]
"""A write to run off the UI thread, returning the line that tells the person what happened."""


class FormScreen(AppScreen, ModalScreen[str | None]):
    """A modal form. Nothing is written until every field parses; if the write fails, the form stays
    open with everything typed, and the problem shows on its field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the form"),
    ]
    TITLE_TEXT = ""
    SAVE_LABEL = "Save"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog") as dialog:
            dialog.border_title = self.TITLE_TEXT
            yield from self.compose_fields()
            yield Label("", id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(self.SAVE_LABEL, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def prepare(self) -> Job:
        """Parse every field (raising :class:`InputError` for the first problem) into the write to run."""
        raise NotImplementedError

    def value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value.strip()

    saving = False
    """A write is under way: a second Enter must not write twice, and Escape must not lose it."""

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        try:
            job = self.prepare()
        except (InputError, RecordError) as error:
            self.show_problem(error)
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self._run(job)

    @work(thread=True, group="save", exit_on_error=False)
    def _run(self, job: Job) -> None:
        try:
            message = job()
        except Exception as error:
            self.app.call_from_thread(self.show_problem, error)
            return
        self.app.call_from_thread(self._saved, message)

    def _saved(self, message: str) -> None:
        self.saving = False
        if self.is_current:
            self.dismiss(message)
        else:  # something else is on top now: tell the person, and never close that instead
            self.skilltrack.after_write(message)

    def show_problem(self, error: BaseException) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if isinstance(error, InputError):
            field, problem = error.field, error.problem
        elif isinstance(error, RecordError):
            field, _, problem = str(error).partition(": ")
        else:
            field, problem = "", str(error)
        try:
            holder = self.query_one(f"#{field.replace(' ', '-')}-field", Field)
        except NoMatches:
            self.query_one("#form-error", Label).update(
                f"Not saved — {field + ': ' if field else ''}{problem}"
            )
            return
        holder.show_problem(problem)
        holder.input.focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.saving:
            self.notify("Saving… the form closes when it is written.", timeout=3)
            return
        self.dismiss(None)
