"""Process-wide upkeep of the server: drop closed sessions, collect cyclic garbage, on a timer.

Streamlit would run a full ``gc.collect(2)`` after every script run; with the player's 5.5 ticks a
second per session that was a third of the server's time, so ``.streamlit/config.toml`` turns it
off (``runner.postScriptGC = false``). Closed sessions still leave cycles behind (their plotly
figures point back to their parents), which Python's generational collector may not reach for a
long time. One daemon thread per process collects every :data:`PERIOD` seconds instead, and hands
the freed heap back to the system: memory returns toward its baseline after a lecture hall closes
its tabs, at a cost of one collection (~tens of ms) per period rather than per round.

Closed sessions themselves: Streamlit keeps a closed tab's session for
``server.disconnectedSessionTTL`` seconds (a reconnect resumes it) in a TTL cache that removes
expired entries only on its next *write*, that is, when another tab closes. After the last student
of a hall closes the tab nothing writes, and every session's widgets and figures stayed in memory
(30 sessions: ~10 MB of live objects, measured with the load test) until the next hall. The same
timer reaps them (:func:`reap_closed_sessions`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import gc
import logging
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


def _session_store():
    """Where Streamlit keeps closed sessions for a reconnect, the lock it takes around that store,
    and the event loop that owns it; None outside a running server or if a Streamlit version
    keeps them elsewhere (then nothing is reaped and nothing breaks)."""
    try:
        from streamlit.runtime import Runtime
        if not Runtime.exists():
            return None
        runtime = Runtime.instance()
        manager = runtime._session_mgr  # noqa: SLF001
        return (manager._session_storage._cache, getattr(manager, "_storage_lock", None),  # noqa: SLF001
                runtime._get_async_objs().eventloop)  # noqa: SLF001
    except (AttributeError, RuntimeError, ImportError):
        return None


def reap_closed_sessions(store=None, lock=None, loop=None) -> int:
    """Remove the closed sessions whose reconnect window has passed and shut each one down (its
    uploaded files and media go too, as when Streamlit closes a session itself); the number
    removed.

    The store is not thread-safe: in a server the removal runs on Streamlit's event loop, which
    owns it (as Streamlit's own cross-thread calls do), and this thread waits for it."""
    if store is None:
        found = _session_store()
        if found is None:
            return 0
        store, lock, loop = found
    if not hasattr(store, "expire"):
        return 0

    def reap() -> int:
        with lock if lock is not None else contextlib.nullcontext():
            removed = store.expire() or ()  # (older cachetools return None)
        for _, info in removed:
            info.session.shutdown()
        return len(removed)

    if loop is None:
        return reap()
    done: concurrent.futures.Future = concurrent.futures.Future()

    def on_loop() -> None:
        try:
            done.set_result(reap())
        except Exception as exc:  # handed to the waiting thread, never raised on the loop
            done.set_exception(exc)
    try:
        loop.call_soon_threadsafe(on_loop)
        return done.result(timeout=10)
    except (RuntimeError, concurrent.futures.TimeoutError):  # loop closed (server stopping) / busy
        return 0


def _loop(period: float, stop: threading.Event) -> None:
    while not stop.wait(period):
        try:
            reap_closed_sessions()
        except Exception:  # a session that fails to shut down must not stop the upkeep
            logging.getLogger(__name__).exception("reaping closed sessions failed")
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
