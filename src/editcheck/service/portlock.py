"""One editcheck server per port.

Workers share a port through SO_REUSEPORT, and the kernel would let a second
``editcheck serve`` join the same group and take a share of the traffic with a different
config. Before binding, the server takes an exclusive lock named after the port (a file
in the temporary folder, locked with ``flock``); the kernel drops it when the server
exits, however it exits, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

from editcheck.errors import EditcheckError


class PortTaken(EditcheckError):
    """The port is held by another editcheck server, or by anything else."""


def lock_path(port: int) -> Path:
    """The lock file for ``port`` (one per port, whatever the host)."""
    return Path(tempfile.gettempdir()) / f"editcheck-serve-{port}.lock"


def hold_port(port: int) -> int:
    """Lock ``port`` for this process; return the lock's file descriptor (keep it open).

    Raises :class:`PortTaken` naming the other server's pid when it holds the lock.
    """
    path = lock_path(port)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:  # another user's lock file: a read-only descriptor locks too
        fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise PortTaken(
            f"port {port} is already served by another editcheck (pid {holder}); "
            "stop it or choose another --port"
        ) from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError:
        pass  # read-only: the lock holds, only the pid in the message is missing
    os.set_inheritable(fd, False)
    return fd
