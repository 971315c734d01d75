"""Check one validated request with the server's plugins and build the answer.

Plugins and settings load once per worker (an :class:`editcheck.api.Checker`); a request's
``select``/``ignore`` only picks a different plan over the same plugins, so the service
answers exactly as ``editcheck check`` does with the same config.
"""

from __future__ import annotations

import html as html_lib
from functools import lru_cache
from typing import Any

from editcheck.annotations import CheckFailure, PositionEncoding, Report
from editcheck.api import Checker
from editcheck.config import Config, load_config, parse_fail_on
from editcheck.document import Document, load_html, load_text
from editcheck.errors import ConfigError, InputTooLarge, SelectorError
from editcheck.plugins import PluginSet
from editcheck.run.settings import CheckerSettings, build_checker
from editcheck.service.problems import Problem
from editcheck.service.requests import CheckRequest, EditorBlock
from editcheck.service.settings import ServiceSettings
from editcheck.version import __version__


class CheckHandler:
    """The server's checker and the per-request plans drawn from it."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.config: Config = load_config(settings.config)
        self.checker = build_checker(CheckerSettings(self.config))
        self._plan_for = lru_cache(maxsize=128)(self._make_checker)

    @property
    def plugins(self) -> PluginSet:
        """The plugins this worker loaded (once, at start)."""
        return self.checker.plugins

    def _make_checker(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> Checker:
        if not select and not ignore:
            return self.checker
        return Checker(self.config, select=select, ignore=ignore, plugins=self.checker.plugins)

    def check(self, req: CheckRequest, deadline: float | None) -> dict[str, Any]:
        """The answer to one check request (raises :class:`Problem` for 413/422)."""
        try:
            checker = self._plan_for(req.select, req.ignore)
            fail_on = parse_fail_on(req.fail_on) if req.fail_on else self.config.fail_on
        except SelectorError as exc:
            field = req.where + exc.field
            raise Problem(
                422,
                str(exc),
                slug="invalid-fields",
                errors=[{"field": field, "message": str(exc)}],
            ) from None
        except ConfigError as exc:
            raise Problem(422, str(exc), slug="invalid-fields") from None
        doc = self._load(req)
        report = checker.check_document(doc, deadline=deadline)
        answer = self._answer(req, doc, report, fail_on)
        if req.fix is not None:
            answer["fixed"] = self._fixed(req, checker, doc, report, deadline, fail_on)
        return answer

    def _fixed(
        self,
        req: CheckRequest,
        checker: Checker,
        doc: Document,
        report: Report,
        deadline: float | None,
        fail_on: Any,
    ) -> dict[str, Any]:
        """The ``fixed`` member: the fixed draft, what was applied, and its own report."""
        from editcheck.fixes import fix_document

        only = None if req.fix == "all" else req.fix
        outcome = fix_document(checker, doc, only, report=report, deadline=deadline)
        result = outcome.result
        encoding: PositionEncoding = "utf-16" if req.position_encoding == "utf-16" else "utf-32"
        return {
            "draft": result.draft,
            "content_type": result.content_type,
            "applied": list(result.applied),
            "not_applied": [{"fingerprint": fp, "reason": why} for fp, why in result.not_applied],
            "verdict": outcome.fixed_report.verdict(fail_on),
            "report": outcome.fixed_report.to_dict(encoding),
        }

    def unfinished(self, req: CheckRequest, message: str) -> dict[str, Any]:
        """The answer for a request whose checks were stopped from outside (the check
        process was killed): no findings, one timeout, verdict ``incomplete``."""
        fail_on = parse_fail_on(req.fail_on) if req.fail_on else self.config.fail_on
        report = Report(
            source=req.source,
            media_type="text/plain" if req.kind == "text" else "text/html",
            annotations=(),
            errors=(CheckFailure("*", message, "timeout"),),
            editcheck_version=__version__,
        )
        return self._answer(req, None, report, fail_on)

    def _load(self, req: CheckRequest) -> Document:
        if req.kind == "blocks":
            blocks: tuple[EditorBlock, ...] = req.content  # type: ignore[assignment]
            self._limit(sum(len(b.text.encode("utf-8", "surrogatepass")) for b in blocks))
            return load_html(blocks_html(blocks), source=req.source)
        text: str = req.content  # type: ignore[assignment]
        self._limit(len(text.encode("utf-8", "surrogatepass")))
        loader = load_html if req.kind == "html" else load_text
        return loader(text, source=req.source)

    def _limit(self, size: int) -> None:
        if size > self.config.max_bytes:
            raise Problem(
                413, str(InputTooLarge(size, self.config.max_bytes)), slug="draft-too-large"
            )

    def _answer(
        self, req: CheckRequest, doc: Document | None, report: Report, fail_on: Any
    ) -> dict[str, Any]:
        data = report.to_dict("utf-16" if req.position_encoding == "utf-16" else "utf-32")
        on_incomplete = (
            self.config.fail_on_incomplete
            if req.fail_on_incomplete is None
            else req.fail_on_incomplete
        )
        answer: dict[str, Any] = {
            "verdict": report.verdict(fail_on),
            "blocking": report.blocks(fail_on, fail_on_incomplete=on_incomplete),
            "fail_on": fail_on.value if fail_on else "never",
            "fail_on_incomplete": on_incomplete,
            "partial": report.partial,
            "timed_out": [e.check for e in report.errors if e.kind == "timeout"],
            "position_encoding": req.position_encoding,
            "report": data,
        }
        if req.id is not None:
            answer = {"id": req.id, **answer}
        if req.kind == "blocks":
            blocks: tuple[EditorBlock, ...] = req.content  # type: ignore[assignment]
            answer["blocks"] = (
                by_block(blocks, doc, data["annotations"])
                if doc is not None
                else {str(b.id): [] for b in blocks}
            )
        return answer


def blocks_html(blocks: tuple[EditorBlock, ...]) -> str:
    """One element per editor block (its ``tag``, a list item inside its own list), so
    each block's raw text is the editor's text exactly.

    A carriage return is written as a character reference because HTML parsers turn a
    literal CR LF into LF, which would shift every offset after it.
    """
    parts = []
    for b in blocks:
        text = html_lib.escape(b.text, quote=False).replace("\r", "&#13;")
        element = f"<{b.tag}>{text}</{b.tag}>"
        parts.append(f"<ul>{element}</ul>" if b.tag == "li" else element)
    return "".join(parts)


def by_block(
    blocks: tuple[EditorBlock, ...], doc: Document, annotations: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Annotations keyed by the editor's block ids; each also names its block's ``id``.

    ``block.start``/``block.end`` index the editor's text of that block; ``xpath`` is null
    because the paragraphs it would point at exist only inside the service.
    """
    if len(doc.blocks) != len(blocks):
        raise Problem(
            422,
            "the blocks could not be read as one paragraph each",
            slug="invalid-fields",
            errors=[{"field": "blocks", "message": "unreadable block text"}],
        )
    keyed: dict[str, list[dict[str, Any]]] = {str(b.id): [] for b in blocks}
    for a in annotations:
        block = blocks[a["block"]["index"]]
        a["block"]["id"] = block.id
        a["block"]["xpath"] = None  # the wrapper markup is ours, not the editor's
        keyed[str(block.id)].append(a)
    return keyed
