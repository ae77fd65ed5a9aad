"""``skilltrack project add|list|edit|remove`` and ``skilltrack evidence add|list|kinds|edit|remove``:
what was shipped, and what was done that shows an expectation."""

import argparse
import sqlite3
from datetime import date
from typing import Any

from skilltrack.cli.context import Context
from skilltrack.cli.prompts import confirm
from skilltrack.cli.tables import print_rows, table
from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import EvidenceDraft, ProjectDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.names import clean_name
from skilltrack.record import evidence, projects
from skilltrack.record.changes import Edited

# ── projects ───────────────────────────────────────────────────────────────────────────────────


def run_project(context: Context, args: argparse.Namespace) -> int:
    if args.action == "add":
        return _project_add(context, args)
    if args.action == "remove":
        return _project_remove(context, args)
    if args.action == "edit":
        return _project_edit(context, args)
    return _project_list(context, args)


def _project_add(context: Context, args: argparse.Namespace) -> int:
    clean_name(args.name, field="name")

    def add(db: sqlite3.Connection, today: date) -> projects.ProjectAdded:
        draft = ProjectDraft(
            name=args.name,
            role=args.role,
            started_on=parse_date(args.started, today=today, field="from"),
            ended_on=parse_date(args.ended, today=today, field="to") if args.ended else None,
            in_production=args.production,
            skills=_skill_names(args.skills),
            impact=args.impact,
            links=tuple(args.link),
        )
        return projects.add_project(db, draft=draft, ladder=context.ladder, allow_new=args.new)

    added = context.write(add)
    for notice in added.notices:
        context.print(f"Note: {notice}.")
    shipped = "shipped to production" if args.production else "not shipped to production"
    context.print(f"Added project {added.name} ({shipped}, {added.skills} skills).")
    return 0


def _project_edit(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.edits import print_edit

    ongoing = args.ended is not None and args.ended.strip().lower() == "ongoing"
    changes = projects.ProjectChanges(
        name=args.new_name,
        role=args.role,
        ongoing=ongoing,
        in_production=args.production,
        skills=None if args.skills is None else _skill_names(args.skills),
        impact=args.impact,
        links=None if args.link is None else tuple(args.link),
    )
    if changes.empty and args.started is None and args.ended is None:
        raise InputError(
            "edit",
            "nothing to change; give --name, --role, --from, --to, --production, --skills, --impact "
            "or --link",
        )

    def change(db: sqlite3.Connection, today: date) -> Edited[projects.ProjectRow]:
        dated = changes._replace(
            started_on=parse_date(args.started, today=today, field="from") if args.started else None,
            ended_on=parse_date(args.ended, today=today, field="to") if args.ended and not ongoing else None,
        )
        return projects.edit_project(
            db, typed=args.name, changes=dated, ladder=context.ladder, allow_new=args.new
        )

    edited = context.write(change)
    return print_edit(
        context,
        edited,
        what="project",
        label=edited.after.name,
        as_json=args.json,
        row_json=_project_json,
        names={"started_on": "from", "ended_on": "to", "in_production": "production"},
    )


def _skill_names(typed: str) -> tuple[str, ...]:
    return tuple(name for name in (part.strip() for part in typed.split(",")) if name)


def _project_json(row: projects.ProjectRow) -> dict[str, Any]:
    return {
        "id": str(row.uuid),
        "name": row.name,
        "role": row.role,
        "from": row.started_on,
        "to": row.ended_on,
        "production": row.in_production,
        "impact": row.impact,
        "links": list(row.links),
        "skills": list(row.skills),
    }


def _project_list(context: Context, args: argparse.Namespace) -> int:
    rows = context.read(lambda db, today: projects.project_rows(db))
    return print_rows(
        context,
        rows,
        as_json=args.json,
        json_row=_project_json,
        empty="No projects yet. Add one with: skilltrack project add NAME --role R --from DATE",
        headers=["project", "role", "from", "to", "prod", "skills"],
        cells=lambda row: [
            row.name,
            row.role,
            row.started_on.isoformat(),
            row.ended_on.isoformat() if row.ended_on else "ongoing",
            "yes" if row.in_production else "no",
            ", ".join(row.skills),
        ],
    )


def _project_remove(context: Context, args: argparse.Namespace) -> int:
    name = context.read(lambda db, today: projects.find_project(db, typed=args.name).name)
    if not confirm(context, f"Remove project {name}? Evidence tied to it is kept.", assume_yes=args.yes):
        context.print("Nothing removed.")
        return 0
    untied = context.write(
        lambda db, today: projects.remove_project(
            db, project_id=projects.find_project(db, typed=args.name).id
        )
    )
    kept = f"; {untied} evidence entries kept, no longer tied to it" if untied else ""
    context.print(f"Removed project {name}{kept}.")
    return 0


# ── evidence ───────────────────────────────────────────────────────────────────────────────────


def run_evidence(context: Context, args: argparse.Namespace) -> int:
    if args.action == "kinds":
        context.print(
            table(
                ["kind", "what it is"],
                [[kind.id, f"{kind.title}: {kind.hint}"] for kind in context.framework.evidence_kinds],
            )
        )
        return 0
    if args.action == "add":
        return _evidence_add(context, args)
    if args.action == "edit":
        return _evidence_edit(context, args)
    if args.action == "remove":
        title = context.write(lambda db, today: evidence.remove_evidence(db, typed_id=args.id))
        context.print(f"Removed evidence: {title}.")
        return 0
    return _evidence_list(context, args)


def _evidence_add(context: Context, args: argparse.Namespace) -> int:
    def add(db: sqlite3.Connection, today: date) -> tuple[evidence.EvidenceAdded, date]:
        draft = EvidenceDraft(
            kind=args.kind,
            title=args.title,
            occurred_on=parse_date(args.date, today=today) if args.date else today,
            expectation_id=args.expectation,
            project=args.project,
            link=args.link,
            note=args.note,
        )
        return evidence.add_evidence(db, draft=draft, framework=context.framework), draft.occurred_on

    added, occurred_on = context.write(add)
    context.print(f"Added {args.kind} evidence {added.short_id} on {occurred_on.isoformat()}: {added.title}")
    return 0


def _evidence_edit(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.edits import print_edit

    changes = evidence.EvidenceChanges(
        title=args.title,
        kind=args.kind,
        expectation_id=args.expectation,
        project=args.project,
        link=args.link,
        note=args.note,
    )
    if changes.empty and args.date is None:
        raise InputError(
            "edit",
            "nothing to change; give --title, --kind, --date, --expectation, --project, --link or --note",
        )

    def change(db: sqlite3.Connection, today: date) -> Edited[evidence.EvidenceRow]:
        day = parse_date(args.date, today=today) if args.date else None
        return evidence.edit_evidence(
            db, typed_id=args.id, changes=changes._replace(occurred_on=day), framework=context.framework
        )

    edited = context.write(change)
    return print_edit(
        context,
        edited,
        what="evidence entry",
        label=edited.after.uuid.hex[:8],
        as_json=args.json,
        row_json=_evidence_json,
        names={"occurred_on": "date", "expectation_id": "expectation"},
    )


def _evidence_json(row: evidence.EvidenceRow) -> dict[str, Any]:
    return {
        "id": str(row.uuid),
        "kind": row.kind,
        "title": row.title,
        "date": row.occurred_on,
        "expectation": row.expectation_id,
        "project": row.project,
        "link": row.link,
        "note": row.note,
    }


def _evidence_list(context: Context, args: argparse.Namespace) -> int:
    rows = context.read(lambda db, today: evidence.evidence_rows(db, kind=args.kind))
    return print_rows(
        context,
        rows,
        as_json=args.json,
        json_row=_evidence_json,
        empty="No evidence yet. Add some with: skilltrack evidence add TITLE --kind KIND",
        headers=["id", "date", "kind", "title", "project"],
        cells=lambda row: [
            row.uuid.hex[:8],
            row.occurred_on.isoformat(),
            row.kind,
            row.title,
            row.project or "",
        ],
    )
