"""A work-around for a reference-count bug in PySide6 6.12 (seen on Python 3.11).

`SignalInstance.emit()` returns True without taking a reference to it, and the caller then
releases one: every signal emitted from Python leaves True with one reference less. An app
starts with about 600; after that many emits (a term's batch of letters reports progress once
per letter) the interpreter aborts with "Fatal Python error: bool_dealloc". Python 3.12 made
True immortal, so the bug is harmless there.

The fix is installed only when a probe shows the bug, and gives back the missing reference.
An extra reference to True is harmless: True is never freed.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from advisor.speed_tricks import gc_paused

PROBE_EMITS = 64

_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_a_reference() -> bool:
    """Emit a few times and see whether True lost as many references."""
    probe = _Probe()
    # No collection may run between the two counts (it could free objects holding True);
    # pausing the collector is enough, and much cheaper at start-up than a full collection.
    with gc_paused():
        before = sys.getrefcount(True)
        for _ in range(PROBE_EMITS):
            probe.ping.emit()
        lost = before - sys.getrefcount(True)
    return lost >= PROBE_EMITS // 2


def install_emit_fix() -> bool:
    """Patch SignalInstance.emit when (and only when) it loses references. Returns whether the
    patch is in place; calling it again does nothing."""
    global _installed
    if _installed or not emit_loses_a_reference():
        return _installed
    import ctypes  # only where the bug is: loading ctypes costs start-up time

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    return True
