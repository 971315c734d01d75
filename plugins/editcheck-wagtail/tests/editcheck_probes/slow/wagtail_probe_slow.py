"""A runaway editcheck plugin: on a draft containing SLOW-DOWN its check never finishes."""

import time

from editcheck import Rule, check, hookimpl


@check(Rule("probe/slow", "house-style", "info", summary="Spins on SLOW-DOWN."), name="probe.slow")
def slow(doc, ctx):
    if "SLOW-DOWN" not in doc.text:
        return
    while True:  # a Python-level loop, so the time budget can stop it
        time.sleep(0.005)


@hookimpl
def editcheck_checks():
    return [slow]
