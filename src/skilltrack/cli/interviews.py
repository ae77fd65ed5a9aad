"""``skilltrack interview add|status|list|rubric``: the interview loop as tracked practice."""

import argparse
import sqlite3
from datetime import date
from typing import Any

from skilltrack.cli.context import Context
from skilltrack.cli.sessions import write_unless_overlapping
from skilltrack.cli.tables import print_rows, table
from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import InterviewDraft
from skilltrack.domain.durations import format_minutes, parse_duration
from skilltrack.domain.interviews import (
    GUIDE_SECTION,
    ROUNDS,
    TREND_WINDOW,
    InterviewStatus,
    RoundStatus,
    parse_round,
    parse_rubric,
    parse_score,
    round_by_id,
)
from skilltrack.record.interviews import AddedInterview, add_interview, load_interview_status, load_interviews


def run_interview(context: Context, args: argparse.Namespace) -> int:
    handler = {
        "add": _add,
        "status": _status,
        "list": _list,
        "rubric": _rubric,
        "remove": _remove,
    }[args.action]
    return handler(context, args)


def _remove(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.record.interviews import remove_interview

    removed = context.write(lambda db, today: remove_interview(db, typed_id=args.id))
    context.print(
        f"Removed the {round_by_id(removed.round_id).title.lower()} mock interview of "
        f"{removed.local_day:%a %Y-%m-%d} ({format_minutes(removed.minutes)} of {removed.skill}, "
        f"score {removed.score}/5) and its session."
    )
    return 0


def _add(context: Context, args: argparse.Namespace) -> int:
    # Everything typed is checked before anything is written: bad input writes nothing.
    interview_round = parse_round(args.round)
    minutes = parse_duration(args.minutes, field="minutes")
    score = parse_score(args.score)
    rubric = parse_rubric(args.rubric, interview_round)

    def add(db: sqlite3.Connection, today: date) -> AddedInterview:
        draft = InterviewDraft(
            interview_round=interview_round,
            minutes=minutes,
            score=score,
            rubric=rubric,
            skill=args.skill,
            day=parse_date(args.date, today=today) if args.date else None,
            note=args.note,
            allow_new=args.new,
        )
        return add_interview(
            db,
            draft=draft,
            framework=context.framework,
            now_utc=context.now_utc,
            fallback_zone=context.machine_zone,
            allow_overlap=args.overlap,
        )

    added = write_unless_overlapping(context, add)
    if added.notice:
        context.print(f"Note: {added.notice}.")
    context.print(
        f"Logged a {added.round_title.lower()} mock interview {added.uuid.hex[:8]}: "
        f"{format_minutes(added.minutes)} of {added.skill}, score {added.score}/5, "
        f"on {added.local_day:%a %Y-%m-%d}."
    )
    status = _load_status(context).round(interview_round.id)
    context.print(f"{status.title}: {'ready' if status.ready else 'not ready'} — {status.reason}.")
    return 0


def _load_status(context: Context) -> InterviewStatus:
    framework = context.framework
    return context.read(lambda db, today: load_interview_status(db, framework=framework, today=today))


def round_json(status: RoundStatus) -> dict[str, Any]:
    return {
        "round": status.round_id,
        "title": status.title,
        "sessions": status.sessions,
        "scored_sessions": status.scored_sessions,
        "minutes": status.minutes,
        "average_score": None if status.average_score is None else round(status.average_score, 2),
        "trend": status.trend,
        "trend_scores": TREND_WINDOW,
        "last_practised": status.last_practised.isoformat() if status.last_practised else None,
        "recent_sessions": status.recent_sessions,
        "recent_scored": status.recent_scored,
        "recent_average": None if status.recent_average is None else round(status.recent_average, 2),
        "needs": {"sessions": status.min_sessions, "within_days": status.within_days},
        "ready": status.ready,
        "reason": status.reason,
    }


def recent_average_cell(status: RoundStatus) -> str:
    """The scored average ``ready`` uses (the ladder's window); "unscored" when only unscored sessions."""
    if status.recent_average is not None:
        return f"{status.recent_average:.1f}"
    return "unscored" if status.recent_sessions else "—"


def window_label(status: InterviewStatus) -> str:
    """``90 d`` when every round's window is the same (the built-in ladder), else ``window``."""
    windows = {row.within_days for row in status.rounds}
    return f"{windows.pop()} d" if len(windows) == 1 else "window"


def _status(context: Context, args: argparse.Namespace) -> int:
    status = _load_status(context)
    if args.json:
        context.print_json(
            {
                "date": status.today.isoformat() if status.today else None,
                "ready_rounds": status.ready_rounds,
                "rounds": [round_json(row) for row in status.rounds],
            }
        )
        return 0
    window = window_label(status)
    context.print(
        table(
            [
                "round",
                "sessions",
                f"in {window}",
                f"avg {window}",
                f"trend (last {TREND_WINDOW})",
                "last practised",
                "ready",
                "why",
            ],
            [
                [
                    row.title,
                    str(row.sessions),
                    str(row.recent_sessions),
                    recent_average_cell(row),
                    row.trend,
                    row.last_practised.isoformat() if row.last_practised else "never",
                    "yes" if row.ready else "no",
                    row.reason,
                ]
                for row in status.rounds
            ],
            right=[1, 2, 3],
        )
    )
    context.print(f"\n{status.ready_rounds} of {len(status.rounds)} rounds ready.")
    context.print(
        "Sessions: those the round's ladder expectation counts, scored (interview add) or not (log).\n"
        f"avg {window}: the scored ones' average in the ladder's window, the one ready uses; "
        f"trend: the latest {TREND_WINDOW} scores, newer half against older."
    )
    if status.sessions == 0:
        context.print("Log a mock interview with: skilltrack interview add ROUND --minutes 45 --score 3")
    return 0


def _list(context: Context, args: argparse.Namespace) -> int:
    round_id = parse_round(args.round).id if args.round else None
    rows = context.read(lambda db, today: load_interviews(db, round_id=round_id))
    return print_rows(
        context,
        rows,
        as_json=args.json,
        json_row=lambda row: {
            "id": str(row.uuid),
            "round": row.round_id,
            "date": row.local_day.isoformat(),
            "minutes": row.minutes,
            "score": row.score,
            "rubric": row.rubric,
            "skill": row.skill,
            "note": row.note,
        },
        empty="No mock interviews yet. Log one with: skilltrack interview add ROUND --minutes M --score S",
        headers=["id", "date", "round", "length", "score", "rubric", "note"],
        cells=lambda row: [
            row.uuid.hex[:8],
            row.local_day.isoformat(),
            round_by_id(row.round_id).title,
            format_minutes(row.minutes),
            f"{row.score}/5",
            " ".join(f"{criterion} {score}" for criterion, score in row.rubric.items()),
            row.note,
        ],
        right=[3, 4],
    )


def _rubric(context: Context, args: argparse.Namespace) -> int:
    rounds = (parse_round(args.round),) if args.round else ROUNDS
    for index, interview_round in enumerate(rounds):
        if index:
            context.print()
        context.print(f"{interview_round.title} (logged on {interview_round.skill}): {interview_round.about}")
        context.print(
            table(
                ["criterion", "a strong answer"],
                [[criterion.id, criterion.looks_for] for criterion in interview_round.criteria],
            )
        )
    context.print(
        f'\nScores are 1 (weak) to 5 (strong). From the guide\'s "{GUIDE_SECTION}" section, in our words.'
    )
    return 0
