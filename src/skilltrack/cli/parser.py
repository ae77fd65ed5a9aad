"""The command line's grammar. Values stay strings here; commands parse them with the domain's parsers,
so every bad value gets the same clear message, naming the field, as in the app."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from skilltrack import __version__
from skilltrack.domain.dates import DATE_FORMS
from skilltrack.domain.durations import DURATION_FORMS
from skilltrack.domain.kinds import (
    INTERVIEW_ROUNDS,
    POSTING_STATUSES,
    SESSION_KINDS,
    SKILL_KINDS,
    STORY_THEMES,
)
from skilltrack.domain.profile import PROFILE_KEYS

THEMES = ", ".join(STORY_THEMES)

TYPE_CHECKING = False  # not typing's: importing typing took a few milliseconds of every command
if TYPE_CHECKING:
    from typing import Any, NoReturn


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal, without the import of shutil argparse makes to find the
    width: every parser makes a formatter while it is built, and that import took 3 ms of every command."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d)")


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line and the right exit status (2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # "-5m" and "-1:30" are values (a negative duration, refused with the duration's own message),
        # not unknown options: argparse takes only "-5" and "-1.5" for numbers.
        self._negative_number_matcher = _NEGATIVE_VALUE

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def _globals() -> Parser:
    # SUPPRESS so that options given before the command are not reset by the sub-parser's defaults.
    common = Parser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar="PATH", help="the record to use"
    )
    common.add_argument(
        "--framework",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="a ladder file to use instead of the built-in one",
    )
    return common


class _NotBuiltError(Exception):
    """A command's own parser was needed but not built: the guess at the command typed was wrong."""


class _Unbuilt(Parser):
    """Stands for a command that was not typed: it takes every definition and keeps none of them.

    ``skilltrack`` lists every command in its help and among the choices of a usage error, but only the
    command typed needs its own parser: building all of them took longer than ``log``'s whole work.
    """

    def __init__(self) -> None:  # nothing of ArgumentParser's: that is the cost avoided
        pass

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def add_subparsers(self, *args: Any, **kwargs: Any) -> Any:
        return self

    def add_parser(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self

    def parse_known_args(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise _NotBuiltError


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The commands: every one listed and accepted by name, only ``wanted`` given its own parser."""

    wanted: str | None = None
    lazy = False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if not self.lazy or name == self.wanted:
            return super().add_parser(name, **kwargs)
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs["help"]))
        unbuilt = _Unbuilt()
        self._name_parser_map[name] = unbuilt
        return unbuilt


_GLOBAL_VALUES = ("--db", "--framework")
"""Global options that take a value, which is never the command however it is spelt."""


def _command_typed(argv: Sequence[str]) -> str | None:
    """The first word that could be the command: a guess, checked by parsing (see parse_arguments)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _GLOBAL_VALUES:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse a command line as :func:`build_parser`'s parser does, building only the typed command's parser.

    Help, usage errors and results are those of the whole parser; when the guess at the command is
    wrong (an abbreviated option took a word as its value), the whole parser is built and used.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        return build_parser(typed=words).parse_args(words)
    except _NotBuiltError:
        return build_parser().parse_args(words)


def build_parser(*, typed: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole grammar; with ``typed`` (a command line), only the parser of the command it names."""
    common = _globals()
    parser = Parser(
        prog="skilltrack",
        description="Your record as a backend engineer, held against a senior, lead and staff ladder. "
        "With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"skilltrack {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on a throwaway demo record")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser, action=_Commands)
    if typed is not None and isinstance(commands, _Commands):
        commands.lazy, commands.wanted = True, _command_typed(typed)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text, parents=[common])

    kinds = ", ".join(SESSION_KINDS)

    log = command("log", "log a learning session")
    log.add_argument("skill", help="skill or tool, by name or alias (postgres, k8s, golang…)")
    log.add_argument("duration", help=DURATION_FORMS)
    log.add_argument("--date", help=f"{DATE_FORMS} (default: today)")
    log.add_argument("--at", help="start time, HH:MM (default: it just ended)")
    log.add_argument("--kind", default="study", help=f"one of {kinds} (default: study)")
    log.add_argument("--note", default="", help="what you did")
    log.add_argument("--new", action="store_true", help="add SKILL as new even if it looks like a known one")
    log.add_argument("--overlap", action="store_true", help="log it even if it overlaps another session")

    start = command("start", "start a timer for a learning session")
    start.add_argument("skill")
    start.add_argument("--kind", default="study", help=f"one of {kinds} (default: study)")
    start.add_argument(
        "--new", action="store_true", help="add SKILL as new even if it looks like a known one"
    )
    stop = command("stop", "stop the timer and log the session")
    stop.add_argument("--note", default="", help="what you did")
    stop.add_argument("--overlap", action="store_true", help="log it even if it overlaps another session")
    command("cancel", "cancel the timer without logging anything")

    status = command("status", "readiness, this week, streak, timer and top gaps")
    status.add_argument("--json", action="store_true", help="print JSON")

    sessions = command("session", "list, change or remove learning sessions")
    session_commands = sessions.add_subparsers(dest="action", metavar="ACTION", required=True)
    session_list = session_commands.add_parser("list", help="recent sessions", parents=[common])
    session_list.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    session_list.add_argument("--skill", help="only this skill")
    session_list.add_argument("--json", action="store_true", help="print JSON")
    session_edit = session_commands.add_parser(
        "edit", help="change a session: its skill, length, day, start, kind or note", parents=[common]
    )
    session_edit.add_argument("id", help="the id shown by session list (at least 4 characters)")
    session_edit.add_argument("--skill", help="another skill or tool, by name or alias")
    session_edit.add_argument("--duration", help=DURATION_FORMS)
    session_edit.add_argument("--date", help=f"the day it happened: {DATE_FORMS}")
    session_edit.add_argument("--at", help="start time, HH:MM")
    session_edit.add_argument("--kind", help=f"one of {kinds}")
    session_edit.add_argument("--note", help="what you did ('' for none)")
    session_edit.add_argument("--new", action="store_true", help="add --skill as new even if it looks known")
    session_edit.add_argument("--overlap", action="store_true", help="keep it even if it overlaps another")
    session_edit.add_argument("--json", action="store_true", help="print what changed as JSON")
    session_remove = session_commands.add_parser("remove", help="remove a session by id", parents=[common])
    session_remove.add_argument("id", help="the id shown by session list (at least 4 characters)")

    skill = command("skill", "add, list, rate, rename or remove skills and tools")
    skill_commands = skill.add_subparsers(dest="action", metavar="ACTION", required=True)
    skill_add = skill_commands.add_parser("add", help="add a skill or tool", parents=[common])
    skill_add.add_argument("name")
    skill_add.add_argument("--kind", help=f"one of {', '.join(SKILL_KINDS)}")
    skill_add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    skill_add.add_argument("--level", help="a first self-rating, 0–5")
    skill_list = skill_commands.add_parser("list", help="skills with level and hours", parents=[common])
    skill_list.add_argument("--json", action="store_true", help="print JSON")
    skill_show = skill_commands.add_parser("show", help="one skill: ratings and sessions", parents=[common])
    skill_show.add_argument("name")
    skill_show.add_argument("--json", action="store_true", help="print JSON")
    skill_rate = skill_commands.add_parser(
        "rate",
        help="record a dated self-rating",
        description="Levels: 0 none, 1 aware, 2 used it with help, 3 works with it daily without help, "
        "4 deep (designs with it, debugs its internals, teaches it), 5 recognised authority.",
        parents=[common],
    )
    skill_rate.add_argument("name")
    skill_rate.add_argument("level", help="0–5")
    skill_rate.add_argument("--date", help=f"{DATE_FORMS} (default: today)")
    skill_rate.add_argument("--note", default="", help="why this level")
    skill_rename = skill_commands.add_parser("rename", help="rename a skill", parents=[common])
    skill_rename.add_argument("name")
    skill_rename.add_argument("new_name")
    skill_edit = skill_commands.add_parser("edit", help="change a skill's kind", parents=[common])
    skill_edit.add_argument("name")
    skill_edit.add_argument("--kind", required=True, help=f"one of {', '.join(SKILL_KINDS)}")
    skill_remove = skill_commands.add_parser(
        "remove", help="remove a skill with its sessions and ratings", parents=[common]
    )
    skill_remove.add_argument("name")
    skill_remove.add_argument("--yes", action="store_true", help="do not ask; remove what goes with it")

    project = command("project", "add, list, change or remove projects")
    project_commands = project.add_subparsers(dest="action", metavar="ACTION", required=True)
    project_add = project_commands.add_parser("add", help="add a project", parents=[common])
    project_add.add_argument("name")
    project_add.add_argument("--role", required=True, help="what you were: backend engineer, tech lead…")
    project_add.add_argument("--from", dest="started", required=True, help=f"start date: {DATE_FORMS}")
    project_add.add_argument("--to", dest="ended", help=f"end date: {DATE_FORMS} (default: ongoing)")
    project_add.add_argument("--production", action="store_true", help="it shipped to production")
    project_add.add_argument("--skills", default="", help="skills and tools used, comma-separated")
    project_add.add_argument("--impact", default="", help="scale or impact, in a sentence")
    project_add.add_argument("--link", action="append", default=[], help="a link (repeatable)")
    project_add.add_argument("--new", action="store_true", help="add unknown skill names as new")
    project_list = project_commands.add_parser("list", help="list projects", parents=[common])
    project_list.add_argument("--json", action="store_true", help="print JSON")
    project_edit = project_commands.add_parser(
        "edit", help="change a project: mark it shipped, its dates, skills, links…", parents=[common]
    )
    project_edit.add_argument("name", help="the project's name")
    project_edit.add_argument("--name", dest="new_name", help="a new name")
    project_edit.add_argument("--role", help="what you were: backend engineer, tech lead…")
    project_edit.add_argument("--from", dest="started", help=f"start date: {DATE_FORMS}")
    project_edit.add_argument("--to", dest="ended", help=f"end date: {DATE_FORMS}; or 'ongoing'")
    project_edit.add_argument(
        "--production",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="it shipped to production (--no-production: it did not)",
    )
    project_edit.add_argument("--skills", help="skills and tools used, comma-separated (replaces)")
    project_edit.add_argument("--impact", help="scale or impact, in a sentence")
    project_edit.add_argument("--link", action="append", help="a link (repeatable; replaces)")
    project_edit.add_argument("--new", action="store_true", help="add unknown skill names as new")
    project_edit.add_argument("--json", action="store_true", help="print what changed as JSON")
    project_remove = project_commands.add_parser("remove", help="remove a project", parents=[common])
    project_remove.add_argument("name")
    project_remove.add_argument("--yes", action="store_true", help="do not ask")

    evidence = command("evidence", "record what you did: design docs, incidents, mentoring…")
    evidence_commands = evidence.add_subparsers(dest="action", metavar="ACTION", required=True)
    evidence_add = evidence_commands.add_parser("add", help="add an evidence entry", parents=[common])
    evidence_add.add_argument("title", help="what you did, in a line")
    evidence_add.add_argument("--kind", required=True, help="see: skilltrack evidence kinds")
    evidence_add.add_argument("--date", help=f"{DATE_FORMS} (default: today)")
    evidence_add.add_argument("--expectation", help="the ladder expectation id it shows (skilltrack guide)")
    evidence_add.add_argument("--project", help="the project it belongs to")
    evidence_add.add_argument("--link", default="", help="a link to the doc, PR or postmortem")
    evidence_add.add_argument("--note", default="")
    evidence_list = evidence_commands.add_parser("list", help="list evidence", parents=[common])
    evidence_list.add_argument("--kind", help="only this kind")
    evidence_list.add_argument("--json", action="store_true", help="print JSON")
    evidence_commands.add_parser("kinds", help="the kinds of evidence the ladder counts", parents=[common])
    evidence_edit = evidence_commands.add_parser("edit", help="change an entry", parents=[common])
    evidence_edit.add_argument("id", help="the id shown by evidence list")
    evidence_edit.add_argument("--title", help="what you did, in a line")
    evidence_edit.add_argument("--kind", help="see: skilltrack evidence kinds")
    evidence_edit.add_argument("--date", help=f"the day it happened: {DATE_FORMS}")
    evidence_edit.add_argument("--expectation", help="the ladder expectation id it shows ('' for none)")
    evidence_edit.add_argument("--project", help="the project it belongs to ('' for none)")
    evidence_edit.add_argument("--link", help="a link to the doc, PR or postmortem ('' for none)")
    evidence_edit.add_argument("--note", help="('' for none)")
    evidence_edit.add_argument("--json", action="store_true", help="print what changed as JSON")
    evidence_remove = evidence_commands.add_parser("remove", help="remove an entry by id", parents=[common])
    evidence_remove.add_argument("id")

    profile = command("profile", "show or set your profile")
    profile.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"set a field; keys: {', '.join(PROFILE_KEYS)}",
    )
    profile.add_argument("--json", action="store_true", help="print JSON")

    report = command("report", "the readiness report for a level")
    report.add_argument("--level", help="senior, lead or staff (default: your target level)")
    report.add_argument(
        "--format", default="text", help="text, markdown, html (one file, prints well) or json"
    )
    report.add_argument("-o", "--output", type=Path, help="write to FILE instead of the screen")

    plan = command("plan", "a weekly plan for your hours, and when the target level is reached")
    plan.add_argument("--level", help="senior, lead or staff (default: your target level)")
    plan.add_argument("--json", action="store_true", help="print JSON")

    progress = command("progress", "readiness week by week, milestones, and what moved since last month")
    progress.add_argument("--level", help="senior, lead or staff (default: your target level)")
    progress.add_argument("--weeks", default="52", help="how many weeks back (default 52)")
    progress.add_argument("--json", action="store_true", help="print JSON")

    jd = command("jd", "hold a job posting against your record")
    jd.add_argument("file", help="the posting as a text file, or - for standard input")
    jd.add_argument("--format", default="text", help="text, markdown or json")

    posting = command("posting", "save job postings and follow them: considering, applied, interviewing…")
    posting_commands = posting.add_subparsers(dest="action", metavar="ACTION", required=True)
    posting_add = posting_commands.add_parser("add", help="save a posting with its match", parents=[common])
    posting_add.add_argument("file", help="the posting as a text file, or - for standard input")
    posting_add.add_argument("--company", required=True)
    posting_add.add_argument("--title", required=True, help="the role, as the posting names it")
    posting_add.add_argument("--link", default="", help="where the posting is")
    posting_add.add_argument("--date", help=f"when it was posted or found: {DATE_FORMS} (default: today)")
    posting_add.add_argument("--status", default="considering", help=f"one of {', '.join(POSTING_STATUSES)}")
    posting_list = posting_commands.add_parser("list", help="saved postings", parents=[common])
    posting_list.add_argument("--status", help="only this status")
    posting_list.add_argument("--json", action="store_true", help="print JSON")
    posting_show = posting_commands.add_parser(
        "show", help="one posting: its match then and now", parents=[common]
    )
    posting_show.add_argument("id", help="the id shown by posting list")
    posting_show.add_argument("--format", default="text", help="text, markdown or json")
    posting_status = posting_commands.add_parser("set-status", help="move a posting along", parents=[common])
    posting_status.add_argument("id", help="the id shown by posting list")
    posting_status.add_argument("status", help=f"one of {', '.join(POSTING_STATUSES)}")
    posting_edit = posting_commands.add_parser("edit", help="correct a saved posting", parents=[common])
    posting_edit.add_argument("id", help="the id shown by posting list")
    posting_edit.add_argument("--company")
    posting_edit.add_argument("--title", help="the role, as the posting names it")
    posting_edit.add_argument("--link", help="where the posting is ('' for none)")
    posting_edit.add_argument("--date", help=f"when it was posted or found: {DATE_FORMS}")
    posting_edit.add_argument("--json", action="store_true", help="print what changed as JSON")
    posting_remove = posting_commands.add_parser("remove", help="forget a posting", parents=[common])
    posting_remove.add_argument("id", help="the id shown by posting list")

    interview = command("interview", "practise the interview loop: system design, coding, debugging…")
    interview_commands = interview.add_subparsers(dest="action", metavar="ACTION", required=True)
    interview_add = interview_commands.add_parser(
        "add", help="log a mock interview round (it counts as a learning session)", parents=[common]
    )
    interview_add.add_argument("round", help=f"one of {', '.join(INTERVIEW_ROUNDS)}")
    interview_add.add_argument("--minutes", required=True, help="how long: 45, 45m, 1h")
    interview_add.add_argument("--score", required=True, help="how it went overall, 1–5")
    interview_add.add_argument(
        "--rubric",
        action="append",
        default=[],
        metavar="CRITERION=SCORE",
        help="a score 1–5 for one criterion of the round (repeatable; see: skilltrack interview rubric)",
    )
    interview_add.add_argument("--skill", help="the skill practised (default: the round's own)")
    interview_add.add_argument(
        "--new", action="store_true", help="add --skill as new even if it looks like a known one"
    )
    interview_add.add_argument("--date", help=f"{DATE_FORMS} (default: today)")
    interview_add.add_argument("--note", default="", help="what the exercise was, what to do better")
    interview_add.add_argument(
        "--overlap", action="store_true", help="log it even if it overlaps another session"
    )
    interview_status = interview_commands.add_parser(
        "status", help="per round: sessions, average, trend, ready or not", parents=[common]
    )
    interview_status.add_argument("--json", action="store_true", help="print JSON")
    interview_list = interview_commands.add_parser(
        "list", help="mock interviews, newest first", parents=[common]
    )
    interview_list.add_argument("--round", help="only this round")
    interview_list.add_argument("--json", action="store_true", help="print JSON")
    interview_remove = interview_commands.add_parser(
        "remove", help="remove a mock interview and its session", parents=[common]
    )
    interview_remove.add_argument("id", help="the id shown by interview list")
    interview_rubric = interview_commands.add_parser(
        "rubric", help="what each round is scored on", parents=[common]
    )
    interview_rubric.add_argument("round", nargs="?", help="only this round")

    story = command("story", "a story bank for the behavioural round")
    story_commands = story.add_subparsers(dest="action", metavar="ACTION", required=True)
    story_add = story_commands.add_parser(
        "add", help="add a story (situation, task, action, result)", parents=[common]
    )
    story_add.add_argument("title")
    # dest star_*: "action" is the sub-command's own dest.
    for part in ("situation", "task", "action", "result"):
        story_add.add_argument(f"--{part}", dest=f"star_{part}", metavar="TEXT", required=True)
    story_add.add_argument("--project", help="the project it happened on")
    story_add.add_argument("--expectation", help="the ladder expectation it shows (skilltrack guide)")
    story_add.add_argument(
        "--theme",
        action="append",
        default=[],
        help=f"one of {', '.join(STORY_THEMES)} (repeatable; default: guessed)",
    )
    story_list = story_commands.add_parser(
        "list", help="stories, and what has no story yet", parents=[common]
    )
    story_list.add_argument("--json", action="store_true", help="print JSON")
    story_show = story_commands.add_parser("show", help="one story in full", parents=[common])
    story_show.add_argument("title", help="the title, or the id shown by story list")
    story_show.add_argument("--json", action="store_true", help="print JSON")
    story_edit = story_commands.add_parser("edit", help="change parts of a story", parents=[common])
    story_edit.add_argument("title", help="the title, or the id shown by story list")
    story_edit.add_argument("--title", dest="new_title", help="a new title")
    for part in ("situation", "task", "action", "result"):
        story_edit.add_argument(f"--{part}", dest=f"star_{part}", metavar="TEXT")
    story_edit.add_argument("--project", help="the project it happened on ('' for none)")
    story_edit.add_argument("--expectation", help="the ladder expectation it shows ('' for none)")
    story_edit.add_argument("--theme", action="append", help=f"one of {THEMES} (repeatable; replaces)")
    story_remove = story_commands.add_parser("remove", help="remove a story", parents=[common])
    story_remove.add_argument("title", help="the title, or the id shown by story list")
    story_remove.add_argument("--yes", action="store_true", help="do not ask")

    guide = command("guide", "the ladder in force: levels, areas, expectations and rules")
    guide.add_argument("--format", default="text", help="text or json")

    export = command("export", "write the whole record (JSON) or the sessions (CSV)")
    export.add_argument("--format", default="json", help="json (everything) or csv (the sessions)")
    export.add_argument("-o", "--output", type=Path, help="write to FILE instead of standard output")

    import_ = command("import", "add sessions and records from a file: skilltrack, CSV, Watson, Timewarrior")
    import_.add_argument("file", help="the file to read, or - for standard input")
    import_.add_argument(
        "--from",
        dest="source",
        help="skilltrack, csv, watson or timewarrior (default: detected from the file)",
    )
    import_.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    import_.add_argument(
        "--keep-overlaps",
        action="store_true",
        help="add sessions that overlap ones already in the record (skipped by default)",
    )
    import_.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="NAME=SKILL",
        help="import a project or tag NAME as SKILL (repeatable)",
    )

    backup = command("backup", "take a verified backup of the record now")
    backup.add_argument("path", nargs="?", type=Path, help="where to write it (default: the backups folder)")
    backups = command("backups", "list the backups with their dates and sizes")
    backups.add_argument("--json", action="store_true", help="print JSON")
    restore = command("restore", "replace the record with a backup (the current one is kept as a backup)")
    restore.add_argument("backup", type=Path, help="the backup file (see: skilltrack backups)")
    restore.add_argument("--yes", action="store_true", help="do not ask")
    restore.add_argument(
        "--other-record", action="store_true", help="restore it even if it is a backup of another record"
    )
    check = command("check", "check the record: integrity, references, and logical problems")
    check.add_argument("--fix", action="store_true", help="repair what is safe to repair, in one transaction")
    check.add_argument("--json", action="store_true", help="print JSON")

    publish = command("publish", "share your readiness snapshot in a team folder (no notes or links)")
    publish.add_argument("folder", help="the team's shared folder; only your own file in it is written")
    team = command("team", "the team's readiness matrix from the snapshots in a shared folder")
    team.add_argument("folder", help="the team's shared folder")
    team.add_argument("--json", action="store_true", help="print JSON")

    sync = command(
        "sync",
        "meet this record's copies on other machines through a folder you already sync (git, Syncthing, "
        "Dropbox, a USB stick)",
    )
    sync.add_argument(
        "folder", type=Path, help="the sync folder (never the folder holding the record itself)"
    )
    sync.add_argument(
        "--status", action="store_true", help="say what a sync would send and apply; change nothing"
    )
    sync.add_argument("--json", action="store_true", help="print JSON")

    config = command("config", "show where skilltrack keeps things, or set a default")
    config.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="framework or db")
    config.add_argument("--unset", action="append", default=[], metavar="KEY", help="framework or db")
    return parser
