"""Read and validate the JSON bodies of ``/v1/check`` and ``/v1/check/batch``.

Validation is strict: an unknown field is an error (a misspelt ``selct`` would otherwise
silently check every rule), and every problem found is listed, each with the field it is
about, so a CMS developer fixes a request in one go. There is deliberately no field for a
config file or a plugins folder: plugins come from the server's configuration only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from editcheck.service.problems import Problem

INPUT_FIELDS = ("html", "text", "blocks")
FAIL_ON = ("error", "warning", "info", "never")
ENCODINGS = ("utf-32", "utf-16")
_FIELDS = {
    *INPUT_FIELDS,
    "id",
    "source",
    "select",
    "ignore",
    "fail_on",
    "fail_on_incomplete",
    "position_encoding",
    "draft_id",
    "fix",
}


# What an editor block may say it is; checks treat headings, list items, quotes and
# captions differently from paragraphs, as they do in HTML.
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre")


@dataclass(frozen=True, slots=True)
class EditorBlock:
    """One block of a CMS editor: its id, its text in the editor's coordinates, its kind."""

    id: str | int
    text: str
    tag: str = "p"


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """One draft to check and how to answer."""

    kind: str  # "html", "text" or "blocks"
    content: str | tuple[EditorBlock, ...]
    id: str | None = None
    source: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    position_encoding: str = "utf-32"
    fail_on_incomplete: bool | None = None  # None: the server's setting
    where: str = ""  # the field prefix of this request in a batch ("documents[2].")
    # None: no fixing; "all": every safe fix; a tuple: the fixes of these fingerprints
    fix: tuple[str, ...] | str | None = None
    draft_id: str | None = None  # whose dismissals apply (default: a hash of the draft)


def parse_json(body: bytes) -> Any:
    """The decoded body; malformed JSON (or not UTF-8) is a 400."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem(400, f"the body is not valid JSON: {exc}", slug="malformed-json") from None
    except RecursionError:  # arrays or objects nested about a thousand deep
        raise Problem(400, "the body's JSON is nested too deeply", slug="malformed-json") from None
    except ValueError as exc:  # an integer past Python's 4,300-digit limit
        raise Problem(
            400, f"the body's JSON cannot be read: {exc}", slug="malformed-json"
        ) from None


def check_request(data: Any, where: str = "") -> CheckRequest:
    """Validate one check request; all field errors together are one 422."""
    errors: list[dict[str, str]] = []
    request = _check_request(data, where, errors)
    if errors or request is None:
        raise Problem(422, "the request has invalid fields", slug="invalid-fields", errors=errors)
    return request


def batch_request(data: Any, max_batch: int) -> list[CheckRequest]:
    """Validate ``{"documents": [...]}``: a non-empty list of check requests."""
    errors: list[dict[str, str]] = []
    if not isinstance(data, dict):
        _err(errors, "", "the body must be a JSON object")
    elif set(data) != {"documents"}:
        extra = sorted(set(data) - {"documents"})
        _err(errors, extra[0] if extra else "documents", "unknown field" if extra else "required")
    elif not isinstance(data["documents"], list) or not data["documents"]:
        _err(errors, "documents", "must be a non-empty array of check requests")
    elif len(data["documents"]) > max_batch:
        _err(errors, "documents", f"at most {max_batch} documents per batch")
    if errors:
        raise Problem(422, "the request has invalid fields", slug="invalid-fields", errors=errors)
    requests = [
        _check_request(d, f"documents[{i}].", errors) for i, d in enumerate(data["documents"])
    ]
    if errors:
        raise Problem(422, "the request has invalid fields", slug="invalid-fields", errors=errors)
    return [r for r in requests if r is not None]


def _check_request(data: Any, where: str, errors: list[dict[str, str]]) -> CheckRequest | None:
    if not isinstance(data, dict):
        _err(errors, where.rstrip("."), "must be a JSON object")
        return None
    before = len(errors)
    for name in sorted(set(data) - _FIELDS):
        _err(errors, where + name, "unknown field")
    given = [f for f in INPUT_FIELDS if f in data]
    if len(given) != 1:
        _err(
            errors,
            where + "html|text|blocks",
            "exactly one of html, text or blocks is required"
            if not given
            else f"only one of html, text or blocks may be given (got {', '.join(given)})",
        )
    kind = given[0] if given else "text"
    content = _content(kind, data.get(kind, ""), where, errors)
    select = _str_list(data, "select", where, errors)
    ignore = _str_list(data, "ignore", where, errors)
    fail_on = _choice(data, "fail_on", FAIL_ON, where, errors)
    encoding = _choice(data, "position_encoding", ENCODINGS, where, errors) or "utf-32"
    ident = _opt_str(data, "id", where, errors)
    source = _opt_str(data, "source", where, errors)
    draft_id = _opt_str(data, "draft_id", where, errors)
    if draft_id is not None and not 0 < len(draft_id) <= 200:
        _err(errors, where + "draft_id", "must be a non-empty string of at most 200 characters")
    on_incomplete = data.get("fail_on_incomplete")
    if on_incomplete is not None and not isinstance(on_incomplete, bool):
        _err(errors, where + "fail_on_incomplete", "must be true or false")
    fix = _fix(data.get("fix"), where, errors)
    if fix is not None and kind == "blocks":
        _err(errors, where + "fix", "fixing needs html or text (editor blocks have no source)")
    _unicode(data, where, errors)
    if len(errors) > before:
        return None
    return CheckRequest(
        kind,
        content,
        ident,
        source,
        select,
        ignore,
        fail_on,
        encoding,
        on_incomplete,
        where,
        fix,
        draft_id=draft_id,
    )


def _fix(value: Any, where: str, errors: list[dict[str, str]]) -> tuple[str, ...] | str | None:
    """``true``: every safe fix; a list of annotation fingerprints: those fixes only."""
    if value is None or value is False:
        return None
    if value is True:
        return "all"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(dict.fromkeys(value))
    _err(errors, where + "fix", "must be true, false, or an array of annotation fingerprints")
    return None


def _unicode(data: dict[str, Any], where: str, errors: list[dict[str, str]]) -> None:
    """JSON may carry unpaired surrogates (``"\\ud800"``); no report could quote them."""
    for name, value in data.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            parts = item.values() if isinstance(item, dict) else [item]
            if any(isinstance(v, str) and not _encodable(v) for v in parts):
                _err(errors, where + name, "contains an unpaired surrogate; send valid Unicode")
                break


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _content(
    kind: str, value: Any, where: str, errors: list[dict[str, str]]
) -> str | tuple[EditorBlock, ...]:
    if kind != "blocks":
        if not isinstance(value, str):
            _err(errors, where + kind, "must be a string")
            return ""
        return value
    if not isinstance(value, list):
        _err(errors, where + "blocks", "must be an array of {id, text} objects")
        return ()
    blocks: list[EditorBlock] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        block = _block(item, f"{where}blocks[{i}]", seen, errors)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)


def _block(item: Any, at: str, seen: set[str], errors: list[dict[str, str]]) -> EditorBlock | None:
    if not isinstance(item, dict) or not {"id", "text"} <= set(item) <= {"id", "text", "tag"}:
        _err(errors, at, "must be an object with the fields id and text (and optionally tag)")
        return None
    ident, text, tag = item["id"], item["text"], item.get("tag", "p")
    before = len(errors)
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        _err(errors, at + ".id", "must be a string or an integer")
    elif str(ident) in seen:
        _err(errors, at + ".id", f"duplicate block id {ident!r}")
    if not isinstance(text, str):
        _err(errors, at + ".text", "must be a string")
    if tag not in BLOCK_TAGS:
        _err(errors, at + ".tag", f"must be one of {', '.join(BLOCK_TAGS)}")
    if len(errors) > before:
        return None
    seen.add(str(ident))
    return EditorBlock(ident, text, tag)


def _str_list(
    data: dict[str, Any], name: str, where: str, errors: list[dict[str, str]]
) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _err(errors, where + name, "must be an array of strings (rule ids, globs, category:NAME)")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _choice(
    data: dict[str, Any],
    name: str,
    allowed: tuple[str, ...],
    where: str,
    errors: list[dict[str, str]],
) -> str | None:
    value = data.get(name)
    if value is not None and value not in allowed:
        _err(errors, where + name, f"must be one of {', '.join(allowed)}")
        return None
    return value


def _opt_str(
    data: dict[str, Any], name: str, where: str, errors: list[dict[str, str]]
) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        _err(errors, where + name, "must be a string")
        return None
    return value


def _err(errors: list[dict[str, str]], field: str, message: str) -> None:
    errors.append({"field": field or "(body)", "message": message})
