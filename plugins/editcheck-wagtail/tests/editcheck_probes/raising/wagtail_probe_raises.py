"""A buggy editcheck plugin: its check raises on every draft (the run is incomplete)."""

from editcheck import Rule, check, hookimpl


@check(Rule("probe/raises", "house-style", "info", summary="Always raises."), name="probe.raises")
def raises(doc, ctx):
    raise RuntimeError("probe check crashed")


@hookimpl
def editcheck_checks():
    return [raises]
