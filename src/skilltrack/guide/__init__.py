"""The ladder in force: the built-in one derived from the guide, or a person's own file."""

from skilltrack.guide.loader import FrameworkError, load_builtin_framework, load_framework

__all__ = ["FrameworkError", "load_builtin_framework", "load_framework"]
