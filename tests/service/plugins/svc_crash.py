"""A buggy plugin: on CRASH-ME it attaches data no JSON encoder can write.

The runner keeps the finding, so the failure happens while the answer is encoded, outside
any check's error boundary: the service must answer a plain 500 problem, log the trace,
and keep serving.
"""

from editcheck import Rule, check, hookimpl


@check(
    Rule("svc/crash", "house-style", "info", summary="Unserialisable data on CRASH-ME."),
    name="svc.crash",
)
def crash(doc, ctx):
    at = doc.text.find("CRASH-ME")
    if at >= 0:
        ctx.report("svc/crash", at, at + 8, "boom", data={"object": object()})


@hookimpl
def editcheck_checks():
    return [crash]
