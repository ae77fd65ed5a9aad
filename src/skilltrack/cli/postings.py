"""Job postings: ``jd`` holds one against the record; ``posting add|list|show|set-status|remove``
keeps them, with their match on the day they were saved and now."""

import argparse
import io
import json
import sqlite3
import sys
from datetime import date

from skilltrack.cli.context import Context
from skilltrack.cli.tables import print_rows
from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import PostingDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.postings.matching import PostingMatch, assess_posting
from skilltrack.domain.postings.text import clean_line, clean_link, parse_posting_status
from skilltrack.files import MAX_POSTING_BYTES, read_posting_file, read_posting_stream
from skilltrack.record import postings as saved
from skilltrack.record.facts import load_match_facts
from skilltrack.render.postings import MATCH_FORMATS, match_json, match_markdown, match_text


def _format(text: str) -> str:
    chosen = text.strip().lower()
    if chosen not in MATCH_FORMATS:
        raise InputError("format", f"{text!r} is not accepted; use one of {', '.join(MATCH_FORMATS)}")
    return chosen


def read_posting(context: Context, name: str) -> str:
    """The posting's text from a file, or from standard input for ``-``; checked, never empty."""
    if name != "-":
        return read_posting_file(name, record=context.db_path, field="file")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream with no bytes beneath (tests, embedding)
        return read_posting_stream(
            io.BytesIO(sys.stdin.read(MAX_POSTING_BYTES + 1).encode("utf-8", "replace")), name
        )
    return read_posting_stream(buffer, name)


def _emit(context: Context, match: PostingMatch, chosen: str, *, title: str = "Job posting match") -> None:
    if chosen == "json":
        context.print(json.dumps(match_json(match), indent=2, ensure_ascii=False))
    elif chosen == "markdown":
        context.out.write(match_markdown(match, title=title))
    else:
        context.out.write(match_text(match))


def run_jd(context: Context, args: argparse.Namespace) -> int:
    chosen = _format(args.format)
    text = read_posting(context, args.file)
    framework = context.framework
    match = context.read(
        lambda db, today: saved.match_posting(db, text=text, framework=framework, today=today)
    )
    _emit(context, match, chosen)
    return 0


def run_posting(context: Context, args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(context, args)
    if args.action == "show":
        return _show(context, args)
    if args.action == "set-status":
        return _set_status(context, args)
    if args.action == "edit":
        return _edit(context, args)
    if args.action == "remove":
        removed = context.write(lambda db, today: saved.remove_posting(db, typed_id=args.id))
        context.print(f"Removed the posting {removed.short_id}: {removed.label}.")
        return 0
    return _list(context, args)


def _add(context: Context, args: argparse.Namespace) -> int:
    # Every value is checked, and the match worked out, before the one short write.
    company = clean_line(args.company, field="company")
    title = clean_line(args.title, field="title")
    link = clean_link(args.link)
    status = parse_posting_status(args.status)
    text = read_posting(context, args.file)
    framework = context.framework

    def add(db: sqlite3.Connection, today: date) -> saved.PostingAdded:
        posted_on = parse_date(args.date, today=today) if args.date else None
        draft = PostingDraft(
            company=company, title=title, text=text, link=link, posted_on=posted_on, status=status
        )
        return saved.add_posting(db, draft=draft, framework=framework, today=today)

    added = context.write(add)
    match = added.match
    context.print(
        f"Saved the posting {added.row.short_id}: {title} at {company} ({status}), "
        f"match {match.percent}% today."
    )
    if match.practise_first:
        context.print(f"Practise first: {', '.join(item.ask.name for item in match.practise_first[:3])}.")
    return 0


def _edit(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.edits import print_edit
    from skilltrack.record.changes import Edited

    changes = saved.PostingChanges(
        company=None if args.company is None else clean_line(args.company, field="company"),
        title=None if args.title is None else clean_line(args.title, field="title"),
        link=None if args.link is None else clean_link(args.link),
    )
    if changes.empty and args.date is None:
        raise InputError("edit", "nothing to change; give --company, --title, --link or --date")

    def change(db: sqlite3.Connection, today: date) -> Edited[saved.PostingRow]:
        day = parse_date(args.date, today=today) if args.date else None
        return saved.edit_posting(db, typed_id=args.id, changes=changes._replace(posted_on=day))

    edited = context.write(change)
    return print_edit(
        context,
        edited,
        what="posting",
        label=edited.after.short_id,
        as_json=args.json,
        row_json=lambda row: {
            "id": str(row.uuid),
            "company": row.company,
            "title": row.title,
            "link": row.link,
            "posted_on": row.posted_on,
            "status": row.status,
        },
    )


def _list(context: Context, args: argparse.Namespace) -> int:
    status = parse_posting_status(args.status) if args.status else None
    framework = context.framework
    rows = context.read(
        lambda db, today: saved.load_saved_postings(db, framework=framework, today=today, status=status)
    )
    which = f" with status {status}" if status else ""
    return print_rows(
        context,
        rows,
        as_json=args.json,
        json_row=lambda item: {
            "id": str(item.row.uuid),
            "company": item.row.company,
            "title": item.row.title,
            "link": item.row.link or None,
            "posted_on": item.row.posted_on.isoformat(),
            "status": item.row.status,
            "status_changed_on": item.row.status_changed_on.isoformat(),
            "match_at_save": item.row.match_at_save,
            "match_now": item.now.percent,
        },
        empty=f"No saved postings{which}. Save one with: skilltrack posting add FILE --company C --title T",
        headers=["id", "posted", "company", "title", "status", "then", "now"],
        cells=lambda item: [
            item.row.short_id,
            item.row.posted_on.isoformat(),
            item.row.company,
            item.row.title,
            item.row.status,
            f"{item.row.match_at_save}%",
            f"{item.now.percent}%",
        ],
        right=[5, 6],
    )


def _show(context: Context, args: argparse.Namespace) -> int:
    chosen = _format(args.format)
    framework = context.framework

    def load(db: sqlite3.Connection, today: date) -> tuple[saved.PostingRow, PostingMatch]:
        row = saved.find_posting(db, typed_id=args.id)
        return row, assess_posting(
            row.text,
            framework,
            load_match_facts(db, framework=framework, today=today),
            today,
            title=row.title,
        )

    row, now = context.read(load)
    change = now.percent - row.match_at_save
    if chosen == "json":
        document = {
            "id": str(row.uuid),
            "company": row.company,
            "title": row.title,
            "link": row.link or None,
            "posted_on": row.posted_on.isoformat(),
            "status": row.status,
            "status_changed_on": row.status_changed_on.isoformat(),
            "match_at_save": row.match_at_save,
            "match_now": now.percent,
            "match": match_json(now),
        }
        context.print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    heading = f"{row.title} at {row.company}"
    trend = f"{'+' if change > 0 else ''}{change}" if change else "no change"
    about = [
        f"Posted {row.posted_on.isoformat()} · {row.status} since {row.status_changed_on.isoformat()}"
        + (f" · {row.link}" if row.link else ""),
        f"Match when saved {row.match_at_save}%, now {now.percent}% ({trend})",
    ]
    if chosen == "markdown":
        body = match_markdown(now, title=heading)
        first, _, rest = body.partition("\n")
        context.out.write(f"{first}\n\n" + "  \n".join(about) + "\n" + rest)
        return 0
    context.print(f"{heading}  (id {row.short_id})")
    for line in about:
        context.print(line)
    context.print()
    context.out.write(match_text(now))
    return 0


def _set_status(context: Context, args: argparse.Namespace) -> int:
    status = parse_posting_status(args.status)
    change = context.write(
        lambda db, today: saved.set_posting_status(db, typed_id=args.id, status=status, today=today)
    )
    before, what, short = change.before, change.row.label, change.row.short_id
    if before == status:
        context.print(f"The posting {short} ({what}) is already {status}.")
    else:
        context.print(f"The posting {short} ({what}): {before} → {status}.")
    return 0
