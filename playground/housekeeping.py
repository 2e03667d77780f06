"""Process-wide upkeep of the server: collect cyclic garbage on a timer.

Streamlit would run a full ``gc.collect(2)`` after every script run; with the player's 5 ticks a
second per session that was a third of the server's time, so ``.streamlit/config.toml`` turns it
off (``runner.postScriptGC = false``). Closed sessions still leave cycles behind (their plotly
figures point back to their parents), which Python's generational collector may not reach for a
long time. One daemon thread per process collects every :data:`PERIOD` seconds instead, and hands
the freed heap back to the system: memory returns toward its baseline after a lecture hall closes
its tabs, at a cost of one collection (~tens of ms) per period rather than per round.
"""

from __future__ import annotations

import ctypes
import gc
import threading

PERIOD = 20.0  # seconds between two full collections
_lock = threading.Lock()
_thread: threading.Thread | None = None
_stop = threading.Event()


def _release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``): numpy buffers
    freed by closed sessions otherwise stay in the process's resident memory."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        pass


def _loop(period: float, stop: threading.Event) -> None:
    while not stop.wait(period):
        gc.collect()
        _release_freed_memory()


def start(period: float = PERIOD) -> bool:
    """Start the collector thread once per process; True if this call started it."""
    global _thread, _stop
    with _lock:
        if _thread is not None and _thread.is_alive():
            return False
        _stop = threading.Event()
        _thread = threading.Thread(target=_loop, args=(period, _stop),
                                   name="ensemble-playground-gc", daemon=True)
        _thread.start()
        return True


def stop() -> None:
    """Stop the collector thread (tests; a server never needs to)."""
    global _thread
    with _lock:
        if _thread is not None:
            _stop.set()
            _thread.join(timeout=5)
            _thread = None
