"""One screen (or modal) per module."""
