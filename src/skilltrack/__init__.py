"""skilltrack: a backend engineer's record, held against a senior, lead and staff ladder."""

__version__ = "0.1.0"
