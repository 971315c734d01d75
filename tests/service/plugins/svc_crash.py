"""A buggy plugin: on CRASH-ME it reports garbage of every kind a plugin can get wrong
(data no JSON encoder can write, NaN, string and out-of-range offsets, a rule under
another plugin's namespace) beside one good finding. The garbage must be dropped and named
in the report's errors; the good finding, and every other check's, must survive."""

from editcheck import Rule, check, hookimpl


@check(
    Rule("svc/crash", "house-style", "info", summary="Garbage findings on CRASH-ME."),
    name="svc.crash",
)
def crash(doc, ctx):
    at = doc.text.find("CRASH-ME")
    if at < 0:
        return
    ctx.report("svc/crash", at, at + 8, "good")
    ctx.report("svc/crash", at, at + 8, "boom", data={"object": object()})
    ctx.report("svc/crash", at, at + 8, "nan", data={"score": float("nan")})
    ctx.report("svc/crash", "0", "5", "string offsets")
    ctx.report("svc/crash", at, 10**9, "out of range")
    ctx.report("core/unsourced-statistic", at, at + 8, "not mine")


@hookimpl
def editcheck_checks():
    return [crash]
