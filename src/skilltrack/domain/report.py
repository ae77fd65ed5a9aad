"""What the readiness report for one level is drawn from, read at one moment (the render package
writes it out as text, Markdown, HTML or JSON)."""

from dataclasses import dataclass
from datetime import date

from skilltrack.domain.framework import Framework
from skilltrack.domain.interviews import InterviewStatus
from skilltrack.domain.plan import Plan
from skilltrack.domain.readiness import LevelReadiness, Readiness
from skilltrack.domain.stories import StoryCoverage


@dataclass(frozen=True)
class ReportData:
    """Everything the readiness report for one level is drawn from, read at one moment."""

    today: date
    framework: Framework
    readiness: Readiness
    level_id: str
    target_level: str
    name: str
    title: str
    target_date: date | None
    plan: Plan
    interviews: InterviewStatus
    stories: StoryCoverage

    @property
    def level(self) -> LevelReadiness:
        return self.readiness.level(self.level_id)

    @property
    def who(self) -> str:
        """The person as the report names them: name and title, whichever are set."""
        return ", ".join(part for part in (self.name, self.title) if part)
