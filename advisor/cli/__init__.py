"""The command line: the same services as the desktop app."""
