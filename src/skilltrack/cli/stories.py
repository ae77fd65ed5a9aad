"""``skilltrack story add|list|show|edit|remove``: the story bank for the behavioural round."""

import argparse
import sqlite3
from datetime import date
from typing import Any

from skilltrack.cli.context import Context
from skilltrack.cli.tables import table
from skilltrack.domain.drafts import StoryChanges, StoryDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.stories import (
    STAR_PARTS,
    StoryCoverage,
    check_expectation,
    clean_part,
    clean_title,
    guess_themes,
    parse_themes,
    theme_titles,
)
from skilltrack.record.profile import target_level
from skilltrack.record.stories import (
    StoryRow,
    add_story,
    edit_story,
    find_story,
    load_stories,
    load_story_coverage,
    remove_story,
)


def run_story(context: Context, args: argparse.Namespace) -> int:
    handler = {
        "add": _add,
        "list": _list,
        "show": _show,
        "edit": _edit,
        "remove": _remove,
    }[args.action]
    return handler(context, args)


def _add(context: Context, args: argparse.Namespace) -> int:
    title = clean_title(args.title)
    parts = {part: clean_part(getattr(args, f"star_{part}"), part) for part in STAR_PARTS}
    themes = parse_themes(args.theme)
    guessed = not args.theme
    if guessed:
        themes = guess_themes(" ".join([title, *parts.values()]))
    expectation = check_expectation(args.expectation, context.framework) if args.expectation else None
    draft = StoryDraft(
        title=title,
        themes=themes,
        project=args.project or None,
        expectation_id=expectation,
        **parts,
    )
    story = context.write(lambda db, today: add_story(db, draft=draft))
    context.print(f"Added story {story.uuid.hex[:8]}: {story.title}.")
    if themes:
        how = "guessed from the text; change them with --theme" if guessed else "as given"
        context.print(f"Themes: {theme_titles(themes)} ({how}).")
    else:
        context.print("Themes: none guessed; name them with: skilltrack story edit TITLE --theme THEME")
    return 0


def story_json(row: StoryRow) -> dict[str, Any]:
    return {
        "id": str(row.uuid),
        "title": row.title,
        "situation": row.situation,
        "task": row.task,
        "action": row.action,
        "result": row.result,
        "project": row.project,
        "expectation": row.expectation_id,
        "themes": list(row.themes),
        "updated_at": row.updated_at_utc.isoformat(),
    }


def coverage_json(coverage: StoryCoverage) -> dict[str, Any]:
    return {
        "level": coverage.level_id,
        "stories": coverage.stories,
        "missing_themes": list(coverage.missing_themes),
        "missing_expectations": [
            {"id": expectation.id, "title": expectation.title}
            for expectation in coverage.missing_expectations
        ],
        "covered_themes": list(coverage.covered_themes),
        "covered_expectations": [expectation.id for expectation in coverage.covered_expectations],
    }


def _list(context: Context, args: argparse.Namespace) -> int:
    framework = context.framework

    def read(db: sqlite3.Connection, today: date) -> tuple[list[StoryRow], str, StoryCoverage]:
        level = target_level(db, framework=framework)
        return load_stories(db), level, load_story_coverage(db, framework=framework, level_id=level)

    rows, level, coverage = context.read(read)
    if args.json:
        context.print_json(
            {"stories": [story_json(row) for row in rows], "coverage": coverage_json(coverage)}
        )
        return 0
    if rows:
        context.print(
            table(
                ["id", "title", "themes", "expectation", "project"],
                [
                    [
                        row.uuid.hex[:8],
                        row.title,
                        theme_titles(row.themes),
                        row.expectation_id or "",
                        row.project or "",
                    ]
                    for row in rows
                ],
            )
        )
    else:
        context.print("No stories yet. Add one with: skilltrack story add TITLE --situation … --result …")
    context.print()
    context.print(coverage_text(coverage, context.framework.level(level).title))
    return 0


def coverage_text(coverage: StoryCoverage, level_title: str) -> str:
    lines = []
    if coverage.missing_themes:
        lines.append(f"Themes with no story yet: {', '.join(t.lower() for t in coverage.missing_themes)}.")
    else:
        lines.append("Every classic theme has a story.")
    if coverage.missing_expectations:
        lines.append(f"{level_title} expectations a story could show, with none yet:")
        width = max(len(e.id) for e in coverage.missing_expectations)
        lines.extend(f"  {e.id.ljust(width)}  {e.title}" for e in coverage.missing_expectations)
    else:
        lines.append(f"Every {level_title} expectation a story can show has one.")
    return "\n".join(lines)


def _show(context: Context, args: argparse.Namespace) -> int:
    row = _find(context, args.title)
    if args.json:
        context.print_json(story_json(row))
        return 0
    context.print(f"{row.title}  ({row.uuid.hex[:8]})")
    details = [
        ("Themes", theme_titles(row.themes) or "none"),
        ("Project", row.project or "none"),
        ("Shows", _expectation_title(context, row.expectation_id)),
    ]
    for label, value in details:
        context.print(f"{label}: {value}")
    for part in STAR_PARTS:
        context.print(f"\n{part.capitalize()}\n{_indent(getattr(row, part))}")
    return 0


def _expectation_title(context: Context, expectation_id: str | None) -> str:
    if expectation_id is None:
        return "no expectation"
    for expectation in context.framework.expectations:
        if expectation.id == expectation_id:
            return f"{expectation.id} ({expectation.title})"
    return f"{expectation_id} (not in the ladder in force)"


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _find(context: Context, typed: str) -> StoryRow:
    return context.read(lambda db, today: find_story(db, typed=typed))


def _edit(context: Context, args: argparse.Namespace) -> int:
    expectation = None
    if args.expectation is not None:
        expectation = (
            check_expectation(args.expectation, context.framework) if args.expectation.strip() else ""
        )
    changes = StoryChanges(
        title=clean_title(args.new_title) if args.new_title is not None else None,
        themes=parse_themes(args.theme) if args.theme is not None else None,
        project=args.project.strip() if args.project is not None else None,
        expectation_id=expectation,
        **{
            part: clean_part(getattr(args, f"star_{part}"), part)
            for part in STAR_PARTS
            if getattr(args, f"star_{part}") is not None
        },
    )
    if changes.empty:
        raise InputError(
            "edit",
            "nothing to change; give --title, --situation, --task, --action, --result, --project, "
            "--expectation or --theme",
        )
    uuid = _find(context, args.title).uuid
    row = context.write(lambda db, today: edit_story(db, uuid=uuid, changes=changes))
    context.print(f"Updated story {row.uuid.hex[:8]}: {row.title}.")
    return 0


def _remove(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.cli.prompts import confirm

    row = _find(context, args.title)
    if not confirm(context, f'Remove the story "{row.title}"?', assume_yes=args.yes):
        context.print("Nothing removed.")
        return 0
    title = context.write(lambda db, today: remove_story(db, uuid=row.uuid))
    context.print(f'Removed the story "{title}".')
    return 0
