"""The ``skilltrack`` command: parse, run one command, and turn every failure into one clear line.

Exit status: 0 done, 1 a data or storage problem, 2 bad usage or input. No traceback reaches a user.
Each command imports only what it needs, so that ``skilltrack log`` never loads the app.
"""

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from skilltrack.cli.context import Context
from skilltrack.cli.parser import parse_arguments
from skilltrack.domain.errors import FrameworkError, InputError
from skilltrack.locations import ConfigError
from skilltrack.record.errors import RecordError, StorageError

# command (and action) → "module:function" under skilltrack.cli
COMMANDS = {
    None: "app:run_app",
    "log": "sessions:run_log",
    "start": "sessions:run_start",
    "stop": "sessions:run_stop",
    "cancel": "sessions:run_cancel",
    "session": "sessions:run_session",
    "status": "readiness:run_status",
    "report": "readiness:run_report",
    "guide": "readiness:run_guide",
    "plan": "planning:run_plan",
    "progress": "planning:run_progress",
    "jd": "postings:run_jd",
    "posting": "postings:run_posting",
    "interview": "interviews:run_interview",
    "story": "stories:run_story",
    "skill": "skills:run_skill",
    "project": "projects:run_project",
    "evidence": "projects:run_evidence",
    "profile": "profile:run_profile",
    "config": "profile:run_config",
    "export": "transfer:run_export",
    "import": "transfer:run_import",
    "backup": "maintenance:run_backup",
    "backups": "maintenance:run_backups",
    "restore": "maintenance:run_restore",
    "check": "maintenance:run_check",
    "publish": "team:run_publish",
    "team": "team:run_team",
    "sync": "sync:run_sync",
}


def _handler(command: str | None) -> Callable[..., int]:
    module_name, function = COMMANDS[command].split(":")
    module = import_module(f"skilltrack.cli.{module_name}")
    handler: Callable[..., int] = getattr(module, function)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    args = parse_arguments(argv)
    context = Context(db_option=getattr(args, "db", None), framework_option=getattr(args, "framework", None))
    try:
        return _handler(args.command)(context, args)
    except (InputError, RecordError) as error:
        return _fail(str(error), 2)
    except (StorageError, FrameworkError, ConfigError) as error:
        return _fail(str(error), 1)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing more was written", 130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. | head): not an error worth a message
        return 0
    except Exception as error:  # the last line of defence: never a traceback
        return _fail(f"unexpected problem: {type(error).__name__}: {error}", 1)
    finally:
        context.close()


def _fail(message: str, status: int) -> int:
    print(f"skilltrack: {message}", file=sys.stderr)
    return status
