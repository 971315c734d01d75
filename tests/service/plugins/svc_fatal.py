"""Checks that no time budget can stop from inside: on KILL-WORKER the process dies (as
with a segfault or the OOM killer); on STUCK-HERE the check never returns and swallows
every exception raised into it (as a check blocked in C code would)."""

import contextlib
import os
import time

from editcheck import Rule, check, hookimpl


@check(
    Rule("svc/fatal", "house-style", "info", summary="Dies on KILL-WORKER, hangs on STUCK-HERE."),
    name="svc.fatal",
)
def fatal(doc, ctx):
    if "KILL-WORKER" in doc.text:
        os._exit(1)
    if "STUCK-HERE" in doc.text:
        while True:  # the point: whatever the budget raises in here is swallowed
            with contextlib.suppress(BaseException):
                time.sleep(0.01)


@hookimpl
def editcheck_checks():
    return [fatal]
