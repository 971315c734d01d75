"""A fault plugin: on BALLOON-NOW its check allocates (and touches) memory in 32 MB steps
up to 3 GiB, as a check with a runaway structure would. The service's memory watch must
kill the check process long before the end and answer a clear problem."""

import time

from editcheck import Rule, check, hookimpl

STEP = 32 * 2**20
MOST = 3 * 2**30


@check(
    Rule("svcmem/balloon", "house-style", "info", summary="Balloons on BALLOON-NOW."),
    name="svcmem.balloon",
)
def balloon(doc, ctx):
    if "BALLOON-NOW" not in doc.text:
        return
    held = []
    while len(held) * STEP < MOST:
        held.append(bytearray(b"x" * STEP))  # written, so resident
        time.sleep(0.01)
    ctx.report("svcmem/balloon", 0, 1, f"held {len(held) * STEP} bytes and was not stopped")


@hookimpl
def editcheck_checks():
    return [balloon]
