"""The OpenAPI 3.1 description of the service, served at ``/v1/openapi.json``.

Written by hand next to the validation it describes; the tests check the documented
examples against these schemas and every route of the app against ``paths``.
"""

from __future__ import annotations

from typing import Any

from editcheck.annotations import CATEGORIES
from editcheck.service.requests import BLOCK_TAGS, ENCODINGS, FAIL_ON
from editcheck.service.settings import ServiceSettings
from editcheck.version import __version__

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _check_request() -> dict[str, Any]:
    common = {
        "id": {"type": "string", "description": "Echoed back, to match answers to drafts."},
        "source": {"type": "string", "description": "A name for the draft, echoed in the report."},
        "select": {**_STR_LIST, "description": "Only these rules (ids, globs, category:NAME)."},
        "ignore": {**_STR_LIST, "description": "Skip these rules."},
        "fail_on": {
            "enum": list(FAIL_ON),
            "description": "Severity that makes the verdict fail "
            "(default: the server config's fail-on).",
        },
        "fail_on_incomplete": {
            "type": "boolean",
            "description": "Whether an incomplete check blocks (default: the server "
            "config's fail-on-incomplete, true unless changed).",
        },
        "position_encoding": {
            "enum": list(ENCODINGS),
            "default": "utf-32",
            "description": "utf-32: code points (as the CLI); utf-16: "
            "JavaScript string offsets. Applies to every offset.",
        },
        "draft_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "description": "The draft's id in the CMS: dismissals are kept per draft id "
            "and annotation fingerprint (default: a hash of the draft as sent).",
        },
        "fix": {
            "oneOf": [{"type": "boolean"}, _STR_LIST],
            "description": "true: apply every safe fix (residue lines, blank runs, invisible "
            "characters, double-escaped entities, mojibake, an exact duplicate paragraph); "
            "an array of annotation fingerprints: apply only those fixes (house-style "
            "suggestions included). The answer's `fixed` holds the fixed draft and its "
            "report. Not for blocks input.",
        },
        "html": {"type": "string", "description": "An HTML fragment or page."},
        "text": {"type": "string", "description": "Plain text; each line is a block."},
        "blocks": {
            "type": "array",
            "items": _ref("EditorBlock"),
            "description": "The editor's blocks; annotations come back keyed by id "
            "with offsets into each block's text.",
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": common,
        "oneOf": [{"required": [k]} for k in ("html", "text", "blocks")],
    }


def _annotation() -> dict[str, Any]:
    return {
        "type": "object",
        "required": [
            "rule",
            "category",
            "severity",
            "message",
            "text",
            "start",
            "end",
            "line",
            "column",
            "block",
            "quote",
            "fingerprint",
        ],
        "properties": {
            "rule": {"type": "string"},
            "category": {"enum": list(CATEGORIES)},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "suggestion": {"type": ["string", "null"]},
            "text": {"type": "string"},
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "line": {"type": "integer"},
            "column": {"type": "integer"},
            "block": {
                "type": "object",
                "required": ["index", "xpath", "start", "end"],
                "properties": {
                    "index": {"type": "integer"},
                    "xpath": {"type": ["string", "null"]},
                    "start": {"type": "integer"},
                    "end": {"type": "integer"},
                    "id": {"type": ["string", "integer"]},
                },
            },
            "quote": {"type": "object", "required": ["exact", "prefix", "suffix"]},
            "fingerprint": {"type": "string"},
            "data": {"type": "object"},
            "dismissed": {
                "type": "object",
                "description": "Present when an editor dismissed this finding of this draft: "
                "{reason, at}. A dismissed finding does not count toward the verdict.",
            },
        },
    }


def _schemas() -> dict[str, Any]:
    return {
        "EditorBlock": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "text"],
            "properties": {
                "id": {"type": ["string", "integer"]},
                "text": {"type": "string"},
                "tag": {
                    "enum": list(BLOCK_TAGS),
                    "default": "p",
                    "description": "What the block is; headings and captions are read as in HTML.",
                },
            },
        },
        "CheckRequest": _check_request(),
        "BatchRequest": {
            "type": "object",
            "additionalProperties": False,
            "required": ["documents"],
            "properties": {
                "documents": {"type": "array", "minItems": 1, "items": _ref("CheckRequest")}
            },
        },
        "Annotation": _annotation(),
        "Report": {
            "type": "object",
            "required": [
                "schema",
                "source",
                "media_type",
                "summary",
                "annotations",
                "errors",
                "partial",
            ],
            "properties": {
                "schema": {"const": "editcheck/report@1"},
                "annotations": {"type": "array", "items": _ref("Annotation")},
                "errors": {"type": "array", "items": {"type": "object"}},
                "partial": {"type": "boolean"},
            },
        },
        "CheckResponse": {
            "type": "object",
            "required": [
                "verdict",
                "blocking",
                "fail_on",
                "fail_on_incomplete",
                "partial",
                "timed_out",
                "position_encoding",
                "report",
            ],
            "properties": {
                "id": {"type": "string"},
                "verdict": {
                    "enum": ["pass", "fail", "incomplete"],
                    "description": "incomplete: a check timed out, crashed or was skipped.",
                },
                "blocking": {
                    "type": "boolean",
                    "description": "Whether a gate should stop publication: fail, and "
                    "incomplete unless fail_on_incomplete is false.",
                },
                "fail_on": {"enum": list(FAIL_ON)},
                "fail_on_incomplete": {"type": "boolean"},
                "partial": {"type": "boolean"},
                "timed_out": {**_STR_LIST, "description": "Checks stopped by the time budget."},
                "position_encoding": {"enum": list(ENCODINGS)},
                "report": _ref("Report"),
                "draft_id": {
                    "type": "string",
                    "description": "The id dismissals of this draft are kept under.",
                },
                "dismissals": {
                    "type": "object",
                    "required": ["available", "count", "verdict_ignoring_dismissals"],
                    "properties": {
                        "available": {"type": "boolean"},
                        "count": {"type": "integer"},
                        "verdict_ignoring_dismissals": {
                            "enum": ["pass", "fail", "incomplete"],
                            "description": "The verdict had no finding been dismissed.",
                        },
                        "problem": {"type": "string"},
                    },
                },
                "fixed": _ref("Fixed"),
                "blocks": {
                    "type": "object",
                    "description": "For blocks input: annotations keyed by block id.",
                    "additionalProperties": {"type": "array", "items": _ref("Annotation")},
                },
            },
        },
        "Fixed": {
            "type": "object",
            "description": "When fix was asked: the draft with the fixes applied, in the "
            "input's own format, and the report of checking it again.",
            "required": ["draft", "content_type", "applied", "not_applied", "verdict", "report"],
            "properties": {
                "draft": {"type": "string", "description": "HTML source for html, text for text"},
                "content_type": {"enum": ["html", "text"]},
                "applied": {**_STR_LIST, "description": "Fingerprints of the fixes applied."},
                "not_applied": {
                    "type": "array",
                    "description": "Fixes asked for and not applied, with why.",
                    "items": {
                        "type": "object",
                        "required": ["fingerprint", "reason"],
                        "properties": {
                            "fingerprint": {"type": "string"},
                            "reason": {"type": "string"},
                        },
                    },
                },
                "verdict": {"enum": ["pass", "fail", "incomplete"]},
                "report": _ref("Report"),
            },
        },
        "BatchResponse": {
            "type": "object",
            "required": ["verdict", "blocking", "partial", "results"],
            "properties": {
                "verdict": {
                    "enum": ["pass", "fail", "incomplete"],
                    "description": "incomplete: a check timed out, crashed or was skipped.",
                },
                "blocking": {
                    "type": "boolean",
                    "description": "Whether a gate should stop publication: fail, and "
                    "incomplete unless fail_on_incomplete is false.",
                },
                "partial": {"type": "boolean"},
                "results": {"type": "array", "items": _ref("CheckResponse")},
            },
        },
        "Dismissal": {
            "type": "object",
            "required": ["draft_id", "fingerprint", "rule"],
            "properties": {
                "draft_id": {"type": "string", "minLength": 1, "maxLength": 200},
                "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
                "rule": {"type": "string"},
                "reason": {"type": "string", "maxLength": 500},
                "text": {"type": "string", "description": "The flagged text, for audits."},
                "created": {"type": "number", "description": "Unix time (answers only)."},
            },
        },
        "DismissalList": {
            "type": "object",
            "required": ["draft_id", "dismissals"],
            "properties": {
                "draft_id": {"type": "string"},
                "dismissals": {"type": "array", "items": _ref("Dismissal")},
            },
        },
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {"type": "object", "required": ["field", "message"]},
                },
            },
        },
    }


def _problems(*codes: int) -> dict[str, Any]:
    text = {
        400: "Malformed JSON",
        401: "Missing or wrong bearer token",
        404: "Nothing to remove",
        413: "Body over the size limit",
        422: "Invalid fields",
    }
    return {
        str(c): {
            "description": text[c],
            "content": {"application/problem+json": {"schema": _ref("Problem")}},
        }
        for c in codes
    }


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _post(summary: str, request: str, response: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "security": [{"bearer": []}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(request)}},
            },
            "responses": {
                "200": _json(response, "The report and verdict (even with findings)."),
                **_problems(400, 401, 413, 422),
            },
        }
    }


def _get(summary: str, description: str = "OK", secured: bool = False) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": {"200": {"description": description}}}
    if secured:
        op["security"] = [{"bearer": []}]
        op["responses"].update(_problems(401))
    return {"get": op}


def _review() -> dict[str, Any]:
    form = {
        "type": "object",
        "required": ["draft"],
        "properties": {
            "draft": {"type": "string", "description": "The draft, as HTML or plain text."},
            "content_type": {"enum": ["html", "text"], "default": "html"},
            "draft_id": {"type": "string", "description": "The CMS's id for the draft."},
            "source": {"type": "string", "description": "A name for the draft."},
        },
    }
    return {
        "post": {
            "summary": "Open the review page with a draft loaded (a CMS form's target).",
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": form}},
            },
            "responses": {
                "200": {"description": "The review page (HTML) with the draft in it."},
                **_problems(413, 422),
            },
        }
    }


def _dismissals() -> dict[str, Any]:
    query = [{"name": "draft_id", "in": "query", "required": True, "schema": {"type": "string"}}]
    fingerprint = {
        "name": "fingerprint",
        "in": "query",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
    }
    secured: dict[str, Any] = {"security": [{"bearer": []}]}
    return {
        "get": {
            **secured,
            "summary": "The dismissed findings of one draft.",
            "parameters": query,
            "responses": {"200": _json("DismissalList", "The dismissals"), **_problems(401, 422)},
        },
        "post": {
            **secured,
            "summary": "Dismiss one finding of one draft (with an optional reason).",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("Dismissal")}},
            },
            "responses": {"201": _json("Dismissal", "Stored"), **_problems(400, 401, 422)},
        },
        "delete": {
            **secured,
            "summary": "Take a dismissal back.",
            "parameters": [*query, fingerprint],
            "responses": {
                "200": {"description": "Removed"},
                **_problems(401, 404, 422),
            },
        },
    }


def openapi_document(settings: ServiceSettings) -> dict[str, Any]:
    """The whole OpenAPI document for a server with ``settings``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "editcheck",
            "version": __version__,
            "description": "Editorial annotations for news drafts. Request bodies are "
            f"limited to {settings.max_body_bytes:,} bytes; each request has a time "
            f"budget of {settings.time_budget or 'unlimited'} s.",
        },
        "paths": {
            "/": _get("The review page (HTML)."),
            "/static/{name}": {
                "get": {
                    **_get("The review page's script and style.")["get"],
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"enum": ["review.js", "review.css"]},
                        }
                    ],
                }
            },
            "/healthz": _get("Liveness: the process answers."),
            "/readyz": _get("Readiness: plugins loaded, with any load failures."),
            "/v1/rules": _get(
                "Every rule with its documentation and whether it is on.", secured=True
            ),
            "/v1/openapi.json": _get("This document.", secured=True),
            "/v1/check": _post("Check one draft.", "CheckRequest", "CheckResponse"),
            "/v1/check/batch": _post(
                "Check several drafts in one request.", "BatchRequest", "BatchResponse"
            ),
            "/review": _review(),
            "/v1/dismissals": _dismissals(),
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
