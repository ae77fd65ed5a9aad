"""Readiness for one level: the level week by week, every expectation by area (shown, claimed,
partial, missing) with the reason and the evidence, and from a gap one key to what closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tab, Tabs, Tree
from textual.widgets.tree import TreeNode

from skilltrack.domain.framework import (
    EvidenceRule,
    ExperienceRule,
    HandsOnRule,
    PracticeRule,
    SkillLevelRule,
)
from skilltrack.domain.progress import progress_of
from skilltrack.domain.readiness import ExpectationResult, Readiness, Status
from skilltrack.render.readiness import PERCENT_RULE, STATUS_MARKS
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, export_key
from skilltrack.tui.screens.base import RecordScreen
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.widgets.progress_chart import ProgressChart

if TYPE_CHECKING:
    from datetime import date

    from skilltrack.record.overview import Overview

STATUS_COLOUR = {
    Status.MET: "success",
    Status.CLAIMED: "secondary",
    Status.PARTIAL: "warning",
    Status.MISSING: "error",
}
"""The theme variable each status is drawn in."""

Series = list[tuple["date", Readiness]]
"""Readiness as it stood each week, the last one today's (record.progress.load_series)."""


class ReadinessScreen(RecordScreen[tuple["Overview", Series]]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "level(0)", "Senior", tooltip="Readiness for the first level", id="readiness.level1"),
        Binding("2", "level(1)", "Lead", tooltip="Readiness for the second level", id="readiness.level2"),
        Binding("3", "level(2)", "Staff", tooltip="Readiness for the third level", id="readiness.level3"),
        Binding(
            "c",
            "close_gap",
            "Close gap",
            tooltip="Do what closes the selected gap: log, rate or add evidence",
            id="readiness.close",
        ),
        export_key("this level's readiness report (HTML or Markdown)", screen="readiness"),
        *HOME_KEY,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.series: Series = []
        self.level_id: str | None = None
        self.selected_id: str | None = None
        """The expectation last shown in the detail pane, kept across reloads."""

    def compose(self) -> ComposeResult:
        framework = self.store.framework
        yield Tabs(*[Tab(level.title, id=f"level-{level.id}") for level in framework.levels], id="level-tabs")
        yield Static("", id="level-summary")
        yield ProgressChart(id="progress-chart")
        with Horizontal(id="readiness-body"):
            tree: Tree[ExpectationResult | None] = Tree("Expectations", id="expectations")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="expectation-detail", classes="panel") as detail:
                detail.border_title = "Expectation"
                yield Static("Loading…", id="expectation-text")
        yield KeyFooter()

    def fetch(self) -> tuple[Overview, Series]:
        from skilltrack.record.overview import load_overview
        from skilltrack.record.progress import load_series

        framework = self.store.framework
        return self.store.read(
            lambda db, today: (
                load_overview(db, framework=framework, today=today),
                load_series(db, framework=framework, today=today),
            )
        )

    def show(self, data: tuple[Overview, Series]) -> None:
        first_time = self.overview is None
        self.overview, self.series = data
        if first_time or self.level_id is None:
            self.level_id = self.overview.target_level
            self.query_one(Tabs).active = f"level-{self.level_id}"
        self._draw()

    @on(Tabs.TabActivated)
    def _tab(self, event: Tabs.TabActivated) -> None:
        if event.tab.id:
            self.level_id = event.tab.id.removeprefix("level-")
            self._draw()

    def action_level(self, index: int) -> None:
        levels = self.store.framework.levels
        if index < len(levels):
            self.query_one(Tabs).active = f"level-{levels[index].id}"

    def _draw(self) -> None:
        if self.overview is None or self.level_id is None:
            return
        level = self.overview.readiness.level(self.level_id)
        target = " — your target" if self.level_id == self.overview.target_level else ""
        self.query_one("#level-summary", Static).update(
            f"[b]{level.level.title}[/b]{target}: {level.summary}; {level.shown_percent}% shown. "
            f"[dim]{level.level.summary}[/dim]"
        )
        self.query_one("#level-summary", Static).tooltip = PERCENT_RULE
        if self.series:
            self.query_one(ProgressChart).show(
                progress_of(self.level_id, self.series),
                target_level=self.overview.target_level,
                target_date=self.overview.plan.forecast.target_date,
            )
        tree = self.query_one(Tree)
        tree.clear()
        chosen: TreeNode[ExpectationResult | None] | None = None
        framework = self.store.framework
        for area in framework.areas:
            results = [r for r in level.results if r.expectation.area == area.id]
            if not results:
                continue
            met = sum(r.status is Status.MET for r in results)
            heading = Text.assemble((area.title, "bold"), (f" {met}/{len(results)}", "dim"))
            node = tree.root.add(heading, data=None, expand=True)
            for result in results:
                mark = (STATUS_MARKS[result.status], self._colour(result.status))
                leaf = node.add_leaf(Text.assemble(mark, " ", result.expectation.title), data=result)
                if chosen is None or result.expectation.id == self.selected_id:
                    chosen = leaf
        tree.focus()
        if chosen is not None and chosen.data is not None:
            self._describe(chosen.data)
            tree.call_after_refresh(tree.move_cursor, chosen)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[ExpectationResult | None]) -> None:
        if event.node.data is not None:
            self._describe(event.node.data)

    def _describe(self, result: ExpectationResult) -> None:
        self.selected_id = result.expectation.id
        expectation = result.expectation
        style = f"${STATUS_COLOUR[result.status]}"
        counted = f" · {round(result.fraction * 100)}%"
        if result.status is Status.CLAIMED:
            counted += f" (shown {round(result.shown * 100)}%, the rest claimed at half)"
        lines = [
            f"[b]{expectation.title}[/b]",
            f"[{style}]{STATUS_MARKS[result.status]} {result.status.value}[/]{counted}"
            f" · [dim]{expectation.id}[/dim]",
            "",
            result.reason,
        ]
        if result.next_step:
            lines += ["", f"[$accent]→ {result.next_step}[/]  [dim](c)[/dim]"]
        if expectation.why:
            lines += ["", f"[dim]{expectation.why}[/dim]"]
        lines += ["", f"[dim]Guide: {expectation.section}[/dim]"]
        if result.evidence:
            lines += ["", "[b]Evidence[/b]"]
            lines += [f"{day_text(e.occurred_on)}  {e.title}" for e in result.evidence]
        self.query_one("#expectation-text", Static).update("\n".join(lines))

    def _colour(self, status: Status) -> str:
        return self.app.theme_variables.get(STATUS_COLOUR[status], "")

    def action_export(self) -> None:
        from skilltrack.tui.screens.export_report import ExportReportScreen

        self.app.push_screen(ExportReportScreen(self.level_id), self._exported)

    def _exported(self, message: str | None) -> None:
        if message:
            self.notify(message, timeout=6)

    def action_close_gap(self) -> None:
        node = self.query_one(Tree).cursor_node
        if node is None or node.data is None or node.data.status is Status.MET:
            return
        result = node.data
        rule = result.expectation.rule
        if result.status is Status.CLAIMED and result.skill is not None:
            # A claim is shown by practice on the skill: log it.
            from skilltrack.tui.screens.log_session import LogSessionScreen

            self.open_form(LogSessionScreen(skill=result.skill))
        elif isinstance(rule, EvidenceRule):
            from skilltrack.tui.screens.evidence import AddEvidenceScreen

            self.open_form(AddEvidenceScreen(expectation_id=result.expectation.id, kind=rule.kinds[0]))
        elif isinstance(rule, SkillLevelRule):
            from skilltrack.tui.screens.skill_forms import RateSkillScreen

            skill = result.skill or rule.skills[0]
            self.open_form(RateSkillScreen(skill, None, suggested=rule.min_level))
        elif isinstance(rule, HandsOnRule):
            from skilltrack.tui.screens.log_session import LogSessionScreen

            self.open_form(LogSessionScreen(skill=result.skill or rule.skills[0]))
        elif isinstance(rule, PracticeRule):
            from skilltrack.tui.screens.log_session import LogSessionScreen

            self.open_form(LogSessionScreen(skill=result.skill or "", kind=rule.session_kinds[0]))
        elif isinstance(rule, ExperienceRule):
            from skilltrack.tui.screens.profile import ProfileScreen

            self.open_form(ProfileScreen())
