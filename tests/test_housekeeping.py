"""Closed sessions are dropped once their reconnect window has passed (playground/housekeeping).

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL`` seconds in a TTL cache
that only removes expired entries on its next write; after a lecture hall closes its tabs nothing
writes again, and every session's widgets, figures and uploaded files stayed in memory. These tests
use Streamlit's own session store, with a short window.
"""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

import pytest

from playground import housekeeping

MemorySessionStorage = pytest.importorskip("streamlit.runtime.memory_session_storage").MemorySessionStorage


class FakeSession:
    """What the store keeps of a session: its id, and a shutdown that frees its files."""

    def __init__(self, sid: str):
        self.id = sid
        self.shut_down = 0

    def shutdown(self) -> None:
        self.shut_down += 1


def _stored(storage, sid):
    session = FakeSession(sid)
    storage.save(SimpleNamespace(session=session, client=None, script_run_count=0))
    return session


def _held(storage) -> int:
    """Entries the store still holds, expired or not (what memory sees)."""
    return len(list(storage._cache._expirations))


def test_expired_sessions_are_removed_and_shut_down_live_ones_kept():
    storage = MemorySessionStorage(ttl_seconds=0.3)
    old = [_stored(storage, f"old{i}") for i in range(3)]
    time.sleep(0.4)
    fresh = _stored(storage, "fresh")  # a write reaps here; so do it before the others expire
    more_old = [_stored(storage, f"late{i}") for i in range(2)]
    time.sleep(0.4)
    # Nothing wrote since the late sessions expired: Streamlit's store still holds them
    # (this is the leak being fixed).
    assert _held(storage) == 3
    assert storage.list() == []

    assert housekeeping.reap_closed_sessions(storage._cache) == 3
    assert _held(storage) == 0
    assert [s.shut_down for s in more_old + [fresh]] == [1, 1, 1]
    assert [s.shut_down for s in old] == [0, 0, 0]  # reaped by Streamlit's own write: not ours

    keep = _stored(storage, "keep")
    assert housekeeping.reap_closed_sessions(storage._cache) == 0
    assert keep.shut_down == 0 and storage.get("keep").session is keep


def test_reaping_runs_on_the_event_loop_that_owns_the_store():
    storage = MemorySessionStorage(ttl_seconds=0.05)
    session = _stored(storage, "s")
    time.sleep(0.1)
    loop = asyncio.new_event_loop()
    seen: list[str] = []
    original = session.shutdown
    session.shutdown = lambda: (seen.append(threading.current_thread().name), original())
    runner = threading.Thread(target=loop.run_forever, name="event-loop", daemon=True)
    runner.start()
    try:
        lock = threading.Lock()
        assert housekeeping.reap_closed_sessions(storage._cache, lock, loop) == 1
        assert seen == ["event-loop"] and session.shut_down == 1
        assert not lock.locked()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(timeout=5)
        loop.close()
    # a closed loop (server stopping): nothing reaped, nothing raised
    _stored(storage, "t")
    time.sleep(0.1)
    assert housekeeping.reap_closed_sessions(storage._cache, None, loop) == 0


def test_outside_a_server_there_is_nothing_to_reap():
    assert housekeeping._session_store() is None
    assert housekeeping.reap_closed_sessions() == 0
