"""The team's readiness matrix, from the snapshots people publish into a shared folder: people ×
expectations with the status marks of the readiness screen, each level's percent per person, who is
closest to their next level and what nobody on the team meets.

The folder is ``SKILLTRACK_TEAM``, else the one last published to or typed here (remembered); the field
at the top changes it. The folder is read in a worker, as the record is: a slow network drive never
holds up a frame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from skilltrack.domain.errors import InputError
from skilltrack.domain.readiness import Status
from skilltrack.domain.team import Matrix, team_matrix
from skilltrack.render.readiness import MARKS_LEGEND, STATUS_MARKS
from skilltrack.render.team import NOT_IN_LADDER, age_text, closest_text, column_key
from skilltrack.render.terminal import printable
from skilltrack.transfer.team import TEAM_FOLDER_VARIABLE, read_team, remember_folder, team_folder
from skilltrack.tui.keys import HOME_KEY
from skilltrack.tui.screens.base import RecordScreen
from skilltrack.tui.widgets.key_footer import KeyFooter

STATUS_COLOUR = {
    Status.MET: "success",
    Status.CLAIMED: "secondary",
    Status.PARTIAL: "warning",
    Status.MISSING: "error",
}
"""The theme variable each status is drawn in, as on the readiness screen."""
ASK = (
    "Which folder does your team share snapshots in? Type it above and press Enter "
    f"(or set {TEAM_FOLDER_VARIABLE}); each person shares theirs with: skilltrack publish FOLDER"
)


@dataclass(frozen=True)
class TeamView:
    folder: str | None
    matrix: Matrix | None
    warnings: tuple[str, ...] = ()
    problem: str | None = None
    """Why the folder cannot be read (it does not exist, it is a file)."""


class TeamScreen(RecordScreen[TeamView]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "folder", "Folder", tooltip="Change the team's shared folder", id="team.folder"),
        Binding("f5", "reload_folder", "Reload", tooltip="Read the team's snapshots again", id="team.reload"),
        *HOME_KEY,
    ]
    DEFAULT_CSS = """
    TeamScreen #team-body { height: 1fr; padding: 0 1; }
    TeamScreen #team-folder { margin-bottom: 1; }
    TeamScreen #team-matrix { height: 1fr; }
    TeamScreen .muted { color: $foreground-muted; }
    """
    AUTO_FOCUS = "#team-matrix"

    def __init__(self) -> None:
        super().__init__()
        self.folder: str | None = None
        """The folder shown; ``None`` until one is known (from the environment, remembered or typed)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="team-body"):
            field = Input(placeholder="the team's shared folder, e.g. ~/Sync/team", id="team-folder")
            field.border_title = "Team folder (Enter reads it)"
            yield field
            yield Static("Reading the team's snapshots…", id="team-summary")
            yield DataTable(id="team-matrix", cursor_type="row", zebra_stripes=True)
            yield Static("", id="team-gaps", classes="muted")
        yield KeyFooter()

    def fetch(self) -> TeamView:
        folder = self.folder or team_folder(os.environ)
        if folder is None:
            return TeamView(None, None)
        today = self.store.local_today()
        try:
            read = read_team(folder, record=self.store.path)
        except InputError as error:
            return TeamView(folder, None, problem=error.problem)
        return TeamView(folder, team_matrix(read.snapshots, today), tuple(read.warnings))

    def show(self, data: TeamView) -> None:
        self.folder = data.folder
        field = self.query_one("#team-folder", Input)
        if data.folder is not None and not field.value:
            field.value = data.folder
        summary = self.query_one("#team-summary", Static)
        table: DataTable[str | Text] = self.query_one("#team-matrix", DataTable)
        gaps = self.query_one("#team-gaps", Static)
        table.clear(columns=True)
        gaps.update("")
        if data.folder is None:
            summary.update(Text(ASK))
            field.focus()
            return
        if data.problem is not None or data.matrix is None:
            summary.update(Text(f"The folder cannot be read: {printable(data.problem or '')}"))
            return
        matrix = data.matrix
        warnings = [f"Warning: {printable(warning)}" for warning in data.warnings]
        if not matrix.members:
            empty = (
                "No readiness snapshots here yet; each person shares theirs with: "
                f"skilltrack publish {printable(data.folder)}"
            )
            summary.update(Text("\n".join([empty, *warnings])))
            return
        people = [
            f"{column_key(n)} {printable(member.name)} · {age_text(member)}"
            for n, member in enumerate(matrix.members)
        ]
        lines = [
            "   ".join(people),
            f"Closest to their next level: {closest_text(matrix)}",
            MARKS_LEGEND,
            *warnings,
            *(f"Note: {printable(note)}" for note in matrix.notes),
        ]
        summary.update(Text("\n".join(lines)))
        self._fill(table, matrix)
        nobody = matrix.nobody_meets
        gaps.update(
            Text(
                f"Nobody on the team meets {len(nobody)} of {len(matrix.rows)}: "
                + "; ".join(printable(row.title) for row in nobody)
                if nobody
                else "Every expectation is met by someone on the team."
            )
        )

    def _colour(self, status: Status) -> str:
        return self.app.theme_variables.get(STATUS_COLOUR[status], "")

    def _fill(self, table: DataTable[str | Text], matrix: Matrix) -> None:
        table.add_column("", key="title")
        for n, member in enumerate(matrix.members):
            key = column_key(n)
            table.add_column(Text(key, style="dim" if member.stale else ""), key=f"person-{n}")
        for level in matrix.levels:
            cells = [
                Text("—" if percent is None else f"{percent}%", style="bold") for percent in level.percents
            ]
            table.add_row(Text(printable(level.title), style="bold"), *cells, key=f"level-{level.id}")
        titles = {level.id: level.title for level in matrix.levels}
        current = None
        for row in matrix.rows:
            if row.level != current:
                current = row.level
                table.add_row(
                    Text(printable(titles.get(row.level, row.level)), style="italic"),
                    *["" for _ in matrix.members],
                )
            marks = [
                Text(NOT_IN_LADDER)
                if status is None
                else Text(STATUS_MARKS[status], style=self._colour(status))
                for status in row.statuses
            ]
            title = Text(printable(row.title), style="bold" if row.nobody_meets else "")
            table.add_row(title, *marks, key=f"expectation-{row.id}")

    # ── the folder ─────────────────────────────────────────────────────────────────────────────

    def action_folder(self) -> None:
        self.query_one("#team-folder", Input).focus()

    def action_reload_folder(self) -> None:
        self.reload()

    @on(Input.Submitted, "#team-folder")
    def _folder_typed(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            return
        self.folder = typed
        self._remember(typed)
        self.reload()
        self.query_one("#team-matrix", DataTable).focus()

    @work(thread=True, group="remember", exit_on_error=False)
    def _remember(self, typed: str) -> None:
        remember_folder(typed, os.environ)
