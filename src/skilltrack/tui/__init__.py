"""The full-screen app: the record drawn and edited through the same functions as the command line."""
