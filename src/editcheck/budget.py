"""Per-check time budgets: stop a runaway check and keep everyone else's results.

One daemon watchdog thread per process keeps the deadlines of the checks now running (in
any thread). When a deadline passes it raises :class:`CheckTimeout` inside the thread
running that check, at its next Python instruction, so the runner's error boundary catches
it like any other failure. Arming and disarming is a dict update under a lock: cheap
enough to wrap every check of every draft.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import threading
import time


class CheckTimeout(Exception):
    """Raised inside a check that ran past its time budget."""


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self._fired: dict[int, int] = {}  # token -> thread id, until disarmed
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        """Start a budget of ``seconds`` for the calling thread; returns a token."""
        with self._cond:
            token = next(self._tokens)
            self._armed[token] = (time.monotonic() + seconds, threading.get_ident())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._watch, name="editcheck-watchdog", daemon=True
                )
                self._thread.start()
            self._cond.notify()
            return token

    def disarm(self, token: int) -> None:
        """End a budget. If it fired and the exception has not been raised yet (the check
        ended just as its time did), the pending exception is withdrawn: raised later, it
        would escape the runner's error boundary."""
        with self._cond:
            self._armed.pop(token, None)
            ident = self._fired.pop(token, None)
            if ident is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for token, (deadline, ident) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        self._fired[token] = ident
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(CheckTimeout)
                        )
                waits = [d for d, _ in self._armed.values()]
                self._cond.wait(timeout=(min(waits) - now) if waits else None)


_WATCHDOG = _Watchdog()


def _fresh_watchdog_after_fork() -> None:
    """A forked worker gets a watchdog of its own: the parent's thread does not exist in
    the child, and its lock may have been held at the moment of the fork."""
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


os.register_at_fork(after_in_child=_fresh_watchdog_after_fork)


def arm(seconds: float) -> int:
    """Give the calling thread ``seconds`` before :class:`CheckTimeout` is raised in it."""
    return _WATCHDOG.arm(seconds)


def disarm(token: int) -> None:
    """Cancel the budget ``token``."""
    _WATCHDOG.disarm(token)
