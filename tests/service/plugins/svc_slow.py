"""A check that never finishes on drafts containing SLOW-DOWN: stands in for a runaway check."""

import time

from editcheck import Rule, check, hookimpl


@check(
    Rule("svc/slow", "house-style", "info", summary="Spins forever on SLOW-DOWN."), name="svc.slow"
)
def slow(doc, ctx):
    if "SLOW-DOWN" not in doc.text:
        return
    while True:  # Python-level loop, so the runner's time budget can stop it
        time.sleep(0.005)


@hookimpl
def editcheck_checks():
    return [slow]
