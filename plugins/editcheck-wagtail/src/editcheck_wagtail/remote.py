"""Remote mode: ``POST /v1/check`` to a running ``editcheck serve``, one fragment a request.

The gate never fails open: a service that cannot be reached, answers anything but 200,
runs past ``TIMEOUT`` or sends an answer this module cannot read makes the fragment
``incomplete``. So does an answer with ``partial: true``, check errors in its report, or a
verdict other than ``pass`` and ``fail``. Only the stdlib is used: one request at a time,
and a CMS hook gains nothing from a client library here.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any

from editcheck_wagtail.conf import GateSettings
from editcheck_wagtail.fragments import Fragment
from editcheck_wagtail.outcome import Finding, FragmentResult, Outcome

MAX_ANSWER_BYTES = 20_000_000


class Unreachable(Exception):
    """The service did not answer at all; later fragments are not tried."""


class Refused(Exception):
    """The service answered with an error status for this fragment."""


def check_fragments(fragments: list[Fragment], gate: GateSettings, source: str) -> Outcome:
    """Ask the service about each fragment within one ``TIMEOUT`` for the whole page."""
    if gate.url is None:
        raise ValueError("remote mode needs EDITCHECK['URL']")
    deadline = time.monotonic() + gate.timeout
    fail_on = gate.fail_on.value if gate.fail_on else None
    results: list[FragmentResult] = []
    for i, fragment in enumerate(fragments):
        left = deadline - time.monotonic()
        if left <= 0:
            results.append(
                FragmentResult(
                    "incomplete",
                    problems=(
                        f"the {gate.timeout:g} s editcheck time limit ran out before "
                        f"{len(fragments) - i} part(s) of the page were checked",
                    ),
                )
            )
            break
        body = _request_body(fragment, gate, source)
        try:
            answer = _post(gate, body, left)
        except Unreachable as exc:
            results.append(FragmentResult("incomplete", problems=(str(exc),)))
            break
        except Refused as exc:
            results.append(FragmentResult("incomplete", problems=(str(exc),)))
            continue
        result, answered_fail_on = read_answer(answer, fragment.where)
        if answered_fail_on is not None and not gate.fail_on_given:
            fail_on = None if answered_fail_on == "never" else answered_fail_on
        results.append(result)
    return Outcome.combine(results, fail_on)


def _request_body(fragment: Fragment, gate: GateSettings, source: str) -> bytes:
    data: dict[str, Any] = {fragment.kind: fragment.content, "source": source}
    if gate.fail_on_given:
        data["fail_on"] = gate.fail_on.value if gate.fail_on else "never"
    if gate.select:
        data["select"] = list(gate.select)
    if gate.ignore:
        data["ignore"] = list(gate.ignore)
    return json.dumps(data).encode("utf-8")


def _post(gate: GateSettings, body: bytes, timeout: float) -> Any:
    """The decoded JSON answer (None if it is not JSON); Unreachable when nothing answered,
    Refused for an error status."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if gate.token:
        headers["Authorization"] = f"Bearer {gate.token}"
    req = urllib.request.Request(f"{gate.url}/v1/check", data=body, headers=headers, method="POST")
    where = f"the editcheck service at {gate.url}"
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - configured URL
            status = resp.status
            raw = resp.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise Refused(f"{where} answered {exc.code}: {_problem_detail(exc)}") from None
    except TimeoutError:
        raise Unreachable(f"{where} did not answer within {gate.timeout:g} s") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise Unreachable(f"{where} did not answer within {gate.timeout:g} s") from None
        raise Unreachable(f"could not reach {where}: {reason}") from None
    if status != 200:
        raise Refused(f"{where} answered {status} instead of 200")
    if len(raw) > MAX_ANSWER_BYTES:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _problem_detail(exc: urllib.error.HTTPError) -> str:
    try:
        problem = json.loads(exc.read(64_000))
        text = problem.get("detail") or problem.get("title")
    except (ValueError, AttributeError, OSError):
        text = None
    return str(text or exc.reason or "no detail")


def read_answer(answer: Any, where: str) -> tuple[FragmentResult, str | None]:
    """The fragment's result from the service's JSON, and the ``fail_on`` it applied.

    Anything that is not a well-formed answer is ``incomplete``, never a pass.
    """
    malformed = FragmentResult(
        "incomplete",
        problems=(f"{where}: the editcheck service sent an answer that could not be read",),
    )
    if not isinstance(answer, dict) or not isinstance(answer.get("report"), dict):
        return malformed, None
    report = answer["report"]
    annotations, errors = report.get("annotations"), report.get("errors", [])
    if not isinstance(annotations, list) or not isinstance(errors, list):
        return malformed, None
    try:
        findings = tuple(
            Finding(where, str(a["rule"]), str(a["severity"]), str(a["message"]), str(a["text"]))
            for a in annotations
        )
    except (KeyError, TypeError):
        return malformed, None
    fail_on = answer.get("fail_on") if isinstance(answer.get("fail_on"), str) else None
    verdict = answer.get("verdict")
    problems = [
        f"{where}: check {e.get('check', '?')} did not finish: {e.get('message', '')}"
        for e in errors
        if isinstance(e, dict)
    ]
    if answer.get("partial") is not False and not problems:
        problems.append(f"{where}: the editcheck service checked it only in part")
    if verdict not in ("pass", "fail"):
        problems.append(f"{where}: the editcheck service answered verdict {verdict!r}")
    if verdict == "fail":
        return FragmentResult("fail", findings, tuple(problems)), fail_on
    if problems:
        return FragmentResult("incomplete", findings, tuple(problems)), fail_on
    return FragmentResult("pass", findings), fail_on
