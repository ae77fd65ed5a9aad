"""``skilltrack sync DIR``: this record and its other copies meet through a folder (see
:mod:`skilltrack.transfer.sync`); ``--status`` says what a sync would do, changing nothing."""

import argparse

from skilltrack.cli.context import Context


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run_sync(context: Context, args: argparse.Namespace) -> int:
    from skilltrack.transfer.sync import check_folder, since_last_sync, sync, sync_status

    folder = check_folder(args.folder, context.db_path)
    if args.status:
        status = sync_status(context.opened(create=False), folder)
        if args.json:
            context.print_json(
                {
                    "folder": str(folder),
                    "replica": status.replica,
                    "unsent": status.unsent,
                    "last_sync_at": status.last_sync_at_utc,
                    "peers": [
                        {"replica": peer.replica, "pending": peer.pending, "seen_ours": peer.seen_ours}
                        for peer in status.peers
                    ],
                }
            )
            return 0
        last = since_last_sync(status.last_sync_at_utc, context.now_utc)
        context.print(f"This record syncs as replica {status.replica[:8]}; last sync {last}.")
        context.print(f"To send: {_plural(status.unsent, 'change')} made here since the last sync.")
        if not status.peers:
            context.print(f"No other replica has synced through {folder} yet.")
        for peer in status.peers:
            seen = (
                "has all of ours" if peer.seen_ours is not None and status.unsent == 0 else "waits for ours"
            )
            context.print(
                f"  replica {peer.replica[:8]}: {_plural(peer.pending, 'change')} to apply here; {seen}"
            )
        return 0
    result = sync(context.record, folder)
    if args.json:
        context.print_json(
            {
                "folder": str(folder),
                "replica": result.replica,
                "read": result.read,
                "applied": result.applied.applied,
                "already_applied": result.applied.already,
                "decisions": result.applied.decisions,
                "sent": result.sent,
                "compacted": result.compacted,
                "problems": result.problems,
            }
        )
        return 0
    read = sum(result.read.values())
    context.print(
        f"Synced through {folder}: {_plural(read, 'change')} read from "
        f"{_plural(len(result.read), 'other replica')}, {result.applied.applied} new here; "
        f"{_plural(result.sent, 'change')} of this record sent."
    )
    for decision in result.applied.decisions:
        context.print(f"  decided: {decision}")
    for problem in result.problems:
        context.print(f"  skipped: {problem}")
    if result.compacted:
        dropped = _plural(result.compacted, "old change")
        context.print(f"  {dropped} every replica has applied, and later ones override, left the folder.")
    return 0
