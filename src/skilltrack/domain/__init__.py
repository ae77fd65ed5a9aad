"""Pure rules of the record: parsing what people type, readiness, streaks. No I/O, no UI."""
