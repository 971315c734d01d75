"""The editor's desk on the server: the review page, ``POST /review``, dismissals.

**Draft ids.** A dismissal belongs to one finding (its fingerprint) of one draft. The
draft is named by the request's ``draft_id`` (a CMS sends its article id, so dismissals
survive edits and fixes) or, when none is given, by ``sha256:`` and a hash of the draft
exactly as sent (so only a re-check of the very same text keeps them). The review page
keeps the id the server gave a draft for the fixes and re-checks of that draft.

**Dismissals and the verdict.** A dismissed finding does not count toward ``verdict``
and ``blocking``: an editor who has read a finding and overruled it should be able to
publish. Nothing else changes: a dismissal never hides a finding of another draft id, of
another fingerprint or of another rule; a check that did not finish still makes the
verdict ``incomplete``; the answer says how many findings were dismissed and what the
verdict is without them (``dismissals.verdict_ignoring_dismissals``), for a gate that
wants to insist. When the store cannot be read the findings simply count (fail closed),
and the answer says so.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from editcheck.annotations import Severity, gate_verdict
from editcheck.config import Config
from editcheck.dismissals import DEFAULT_PATH, MAX_REASON, Dismissal, DismissalStore
from editcheck.errors import ConfigError
from editcheck.service.bodies import FORM_TYPES, read_body
from editcheck.service.problems import Problem
from editcheck.service.requests import CheckRequest, EditorBlock, parse_json
from editcheck.service.settings import ServiceSettings

log = logging.getLogger("editcheck.service")
MAX_DRAFT_ID = 200
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
_RULE = re.compile(r"^[a-z0-9][a-z0-9_.-]*/[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATA_MARK = "<!--ec-desk-data-->"

# The page loads only its own files and talks only to its own origin.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@cache
def static_text(name: str) -> str:
    """A file of the review page, shipped as package data (read once per process)."""
    return (resources.files("editcheck.service") / "static" / name).read_text(encoding="utf-8")


# ---- the store ---------------------------------------------------------------------------


def dismissals_path(config: Config) -> Path:
    """The config's ``dismissals`` path, else the default beside the config file (or in
    the working directory when there is none)."""
    if config.dismissals is not None:
        return config.dismissals
    return (config.path.parent if config.path else Path.cwd()) / DEFAULT_PATH


@dataclass
class Desk:
    """A worker's dismissal store, or why it has none (dismissing is then refused)."""

    store: DismissalStore | None
    problem: str = ""

    @classmethod
    def open(cls, config: Config) -> Desk:
        path = dismissals_path(config)
        try:
            return cls(DismissalStore(path))
        except ConfigError as exc:
            log.warning("dismissals are off: %s", exc)
            return cls(None, f"dismissals cannot be saved on this server ({exc})")

    def need_store(self) -> DismissalStore:
        if self.store is None:
            raise Problem(503, self.problem, slug="dismissals-unavailable")
        return self.store


# ---- draft ids and check answers -----------------------------------------------------------


def draft_id_of(req: CheckRequest) -> str:
    """The request's ``draft_id``, or a hash of the draft exactly as sent."""
    if req.draft_id:
        return req.draft_id
    if req.kind == "blocks":
        blocks: tuple[EditorBlock, ...] = req.content  # type: ignore[assignment]
        body = json.dumps([[str(b.id), b.text, b.tag] for b in blocks], ensure_ascii=False)
    else:
        body = str(req.content)
    digest = hashlib.sha256(f"{req.kind}\x00{body}".encode("utf-8", "surrogatepass"))
    return "sha256:" + digest.hexdigest()[:32]


def mark_dismissed(desk: Desk, req: CheckRequest, answer: dict[str, Any]) -> None:
    """Mark the answer's dismissed annotations, recount its verdict without them and note
    the findings shown (for the dismissal rates). Works in place on ``answer``."""
    draft_id = draft_id_of(req)
    answer["draft_id"] = draft_id
    reports = [answer["report"]]
    fixed = answer.get("fixed")
    if isinstance(fixed, dict) and isinstance(fixed.get("report"), dict):
        reports.append(fixed["report"])
    dismissed: dict[str, Dismissal] = {}
    if desk.store is not None:
        try:
            dismissed = desk.store.for_draft(draft_id)
        except Exception as exc:  # a locked or damaged file: the findings count
            log.warning("cannot read dismissals: %s", exc)
            desk = Desk(None, "the dismissals could not be read; every finding counts")
    threshold = None if answer["fail_on"] == "never" else Severity(answer["fail_on"])
    before = answer["verdict"]
    count = _mark(answer["report"]["annotations"], dismissed)
    verdict = _verdict(answer["report"], threshold)
    answer["verdict"] = verdict
    answer["blocking"] = _blocking(verdict, answer["fail_on_incomplete"])
    answer["dismissals"] = {
        "available": desk.store is not None,
        "count": count,
        "verdict_ignoring_dismissals": before,
        **({} if desk.store is not None else {"problem": desk.problem}),
    }
    if len(reports) > 1:  # the fixed draft: same draft id, its own findings
        _mark(reports[1]["annotations"], dismissed)
        fixed_verdict = _verdict(reports[1], threshold)
        fixed["verdict"] = fixed_verdict  # type: ignore[index]
        fixed["blocking"] = _blocking(  # type: ignore[index]
            fixed_verdict, answer["fail_on_incomplete"]
        )
    if desk.store is not None:
        shown = {(a["fingerprint"], a["rule"]) for r in reports for a in r["annotations"]}
        try:
            desk.store.record_shown(draft_id, shown)
        except Exception as exc:  # rates are a statistic; the answer stands without them
            log.warning("cannot record findings shown: %s", exc)


def _mark(annotations: list[dict[str, Any]], dismissed: dict[str, Dismissal]) -> int:
    count = 0
    for a in annotations:
        d = dismissed.get(a["fingerprint"])
        if d is not None and d.rule == a["rule"]:
            a["dismissed"] = {"reason": d.reason, "at": d.created}
            count += 1
        else:  # only dismissed ones carry the field: the rest read as the CLI's report
            a.pop("dismissed", None)
    return count


def _verdict(report: dict[str, Any], threshold: Severity | None) -> str:
    counted = (Severity(a["severity"]) for a in report["annotations"] if not a.get("dismissed"))
    return gate_verdict(counted, bool(report["errors"]), threshold)


def _blocking(verdict: str, fail_on_incomplete: bool) -> bool:
    return verdict == "fail" or (verdict == "incomplete" and fail_on_incomplete)


# ---- routes --------------------------------------------------------------------------------


async def list_dismissals(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    draft_id = _draft_id_param(request.query_params.get("draft_id"))
    found = desk.need_store().for_draft(draft_id)
    return JSONResponse({"draft_id": draft_id, "dismissals": [d.to_dict() for d in found.values()]})


async def add_dismissal(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    data = parse_json(await read_body(request))
    stored = desk.need_store().add(dismissal_request(data))
    return JSONResponse(stored.to_dict(), status_code=201)


async def remove_dismissal(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    draft_id = _draft_id_param(request.query_params.get("draft_id"))
    fingerprint = request.query_params.get("fingerprint", "")
    if not _FINGERPRINT.match(fingerprint):
        raise _invalid("fingerprint", "must be an annotation's fingerprint (16 hex digits)")
    if not desk.need_store().remove(draft_id, fingerprint):
        raise Problem(404, "that finding of that draft is not dismissed", slug="not-dismissed")
    return JSONResponse({"draft_id": draft_id, "fingerprint": fingerprint, "removed": True})


def dismissal_request(data: Any) -> Dismissal:
    """Validate ``{draft_id, fingerprint, rule, reason?, text?}``; all errors in one 422."""
    errors: list[dict[str, str]] = []
    if not isinstance(data, dict):
        raise _invalid("(body)", "must be a JSON object")
    for name in sorted(set(data) - {"draft_id", "fingerprint", "rule", "reason", "text"}):
        errors.append({"field": name, "message": "unknown field"})
    if not _valid_draft_id(data.get("draft_id")):
        errors.append({"field": "draft_id", "message": _DRAFT_ID_RULE})
    if not isinstance(data.get("fingerprint"), str) or not _FINGERPRINT.match(data["fingerprint"]):
        errors.append({"field": "fingerprint", "message": "must be 16 hex digits"})
    if not isinstance(data.get("rule"), str) or not _RULE.match(data["rule"]):
        errors.append({"field": "rule", "message": "must be the annotation's rule id"})
    for name, limit in (("reason", MAX_REASON), ("text", 10_000)):
        value = data.get(name, "")
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            errors.append({"field": name, "message": f"must be a string of at most {limit}"})
    if errors:
        raise Problem(422, "the request has invalid fields", slug="invalid-fields", errors=errors)
    return Dismissal(
        data["draft_id"],
        data["fingerprint"],
        data["rule"],
        (data.get("reason") or "").strip(),
        data.get("text") or "",
    )


_DRAFT_ID_RULE = f"must be a non-empty string of at most {MAX_DRAFT_ID} characters"


def _valid_draft_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_DRAFT_ID and value.strip() == value


def _draft_id_param(value: str | None) -> str:
    if not _valid_draft_id(value):
        raise _invalid("draft_id", _DRAFT_ID_RULE)
    return str(value)


def _invalid(field: str, message: str) -> Problem:
    return Problem(
        422,
        "the request has invalid fields",
        slug="invalid-fields",
        errors=[{"field": field, "message": message}],
    )


async def page(request: Request) -> Response:
    """The review page, empty."""
    return page_response(request.app.state.settings, None)


async def review(request: Request) -> Response:
    """``POST /review`` from a CMS form: the review page with the draft loaded.

    Fields (``application/x-www-form-urlencoded``): ``draft`` (required), ``content_type``
    (``html`` or ``text``; default html), ``draft_id`` and ``source`` (optional). Nothing
    is checked until the page asks, with the editor's access key when the server has one.
    """
    body = await read_body(request, FORM_TYPES)
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise Problem(400, "the form could not be read", slug="malformed-form") from None
    one = {k: v[0] for k, v in fields.items() if v}
    errors: list[dict[str, str]] = []
    if not one.get("draft", "").strip():
        errors.append({"field": "draft", "message": "required: the draft to review"})
    kind = one.get("content_type", "html")
    if kind not in ("html", "text"):
        errors.append({"field": "content_type", "message": "must be html or text"})
    if "draft_id" in one and not _valid_draft_id(one["draft_id"]):
        errors.append({"field": "draft_id", "message": _DRAFT_ID_RULE})
    if errors:
        raise Problem(422, "the form has invalid fields", slug="invalid-fields", errors=errors)
    draft = {
        "content": one["draft"],
        "content_type": kind,
        "draft_id": one.get("draft_id") or None,
        "source": one.get("source") or None,
        "at": time.time(),
    }
    return page_response(request.app.state.settings, draft)


def page_response(settings: ServiceSettings, draft: dict[str, Any] | None) -> Response:
    """The page with its desk settings (and a draft) embedded as inert JSON."""
    data = {"origins": list(settings.frame_ancestors), "draft": draft}
    block = f'<script type="application/json" id="ec-desk">{_embed(data)}</script>'
    html = static_text("index.html").replace(_DATA_MARK, block, 1)
    headers = {"Content-Security-Policy": page_csp(settings), **STATIC_HEADERS}
    if settings.frame_ancestors:
        del headers["X-Frame-Options"]  # CSP frame-ancestors names who may frame it
    headers["Cache-Control"] = "no-store"  # a draft from a CMS must not stay in a cache
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


def page_csp(settings: ServiceSettings) -> str:
    ancestors = " ".join(settings.frame_ancestors) or "'none'"
    return f"{PAGE_CSP}; frame-ancestors {ancestors}"


def _embed(data: Any) -> str:
    """JSON safe inside a <script> element (no '</script>', no '<!--')."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
