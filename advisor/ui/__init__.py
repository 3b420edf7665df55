"""The PySide6 desktop UI: thin, over the services."""

from advisor.ui.pyside_fixes import install_emit_fix

install_emit_fix()  # before any screen emits a signal (see pyside_fixes.py)
