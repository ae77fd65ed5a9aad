"""Sync from the app: when this record last met its other copies, what waits on each side, and a sync
now through the folder (the one used last, or another) — the same as ``skilltrack sync DIR``."""

from pathlib import Path
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from skilltrack.domain.errors import InputError
from skilltrack.record.errors import RecordError, StorageError
from skilltrack.transfer.sync import since_last_sync
from skilltrack.tui.screens.base import AppScreen
from skilltrack.tui.widgets.fields import Field
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import count


class SyncScreen(AppScreen, ModalScreen[str | None]):
    """Dismissed with what a sync did (for the app to say, and to redraw the record), or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "sync", "Sync now", tooltip="Sync through the folder", id="sync.now"),
        Binding("escape", "close", "Close", tooltip="Close without syncing", id="sync.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog") as dialog:
            dialog.border_title = "Sync"
            yield Static("Reading the record…", id="sync-last")
            yield Field("Folder", id="sync-folder", placeholder="e.g. ~/Sync/skilltrack")
            yield Static("", id="sync-status", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button("Sync now", variant="primary", id="sync-now", tooltip="ctrl+s")
                yield Button("Close", id="close", tooltip="Escape")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._look()

    @property
    def folder_input(self) -> Input:
        return self.query_one("#sync-folder-field", Field).input

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _look(self) -> None:
        from skilltrack.record.operations import replica_state

        store = self.store
        try:
            with store.opened().reading() as db:
                state = replica_state(db)
        except (RecordError, StorageError) as error:
            self.app.call_from_thread(self._say, str(error), "")
            return
        last = since_last_sync(state.last_sync_at_utc, store.now())
        where = f" through {state.last_sync_folder}" if state.last_sync_folder else ""
        text = f"Last sync: {last}{where}."
        self.app.call_from_thread(self._shown, text, state.last_sync_folder or "")

    def _shown(self, text: str, folder: str) -> None:
        self.query_one("#sync-last", Static).update(escape(text))
        if folder and not self.folder_input.value:
            self.folder_input.value = folder
        if folder:
            self._pending(folder)
        self.folder_input.focus()

    @work(thread=True, exclusive=True, group="sync-status", exit_on_error=False)
    def _pending(self, typed: str) -> None:
        from skilltrack.transfer.sync import check_folder, sync_status

        store = self.store
        try:
            folder = check_folder(Path(typed), store.path)
            status = sync_status(store.opened(), folder)
        except (InputError, RecordError, StorageError, OSError):
            return
        waiting = sum(peer.pending for peer in status.peers)
        text = (
            f"To send: {count(status.unsent, 'change')}. "
            f"To apply here: {count(waiting, 'change')} from {count(len(status.peers), 'other replica')}."
        )
        self.app.call_from_thread(self.query_one("#sync-status", Static).update, escape(text))

    def _say(self, text: str, status: str) -> None:
        self.query_one("#sync-last", Static).update(escape(text))
        self.query_one("#sync-status", Static).update(escape(status))

    @on(Button.Pressed, "#sync-now")
    def action_sync(self) -> None:
        typed = self.folder_input.value.strip()
        if not typed:
            self.query_one("#sync-folder-field", Field).show_problem(
                "folder: give the folder you sync (a git working copy, Syncthing, Dropbox…)"
            )
            return
        self.query_one("#sync-folder-field", Field).clear_problem()
        self.query_one("#sync-status", Static).update("Syncing…")
        self._sync(typed)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self, typed: str) -> None:
        from skilltrack.transfer.sync import check_folder, sync

        store = self.store
        try:
            folder = check_folder(Path(typed).expanduser(), store.path)
            result = sync(store.opened(), folder)
        except InputError as error:
            self.app.call_from_thread(
                self.query_one("#sync-folder-field", Field).show_problem, f"{error.field}: {error.problem}"
            )
            self.app.call_from_thread(self.query_one("#sync-status", Static).update, "")
            return
        except (RecordError, StorageError, OSError) as error:
            self.app.call_from_thread(self._say, f"Not synced: {error}", "")
            return
        read = sum(result.read.values())
        summary = (
            f"Synced: {count(read, 'change')} read, {result.applied.applied} new here, "
            f"{count(result.sent, 'change')} sent."
        )
        details = "\n".join(f"Decided: {decision}" for decision in result.applied.decisions[:5])
        self.done = summary
        self.app.call_from_thread(
            self._say, f"Last sync: just now through {folder}.", f"{summary}\n{details}"
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.done)
