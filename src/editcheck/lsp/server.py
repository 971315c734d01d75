"""The pygls server: when to check a draft, for how long, and what to publish.

- **Debounced and coalesced.** A change arms a timer (``debounce`` seconds, re-armed by
  each further change); when it fires the draft is checked. While a check runs, further
  changes only mark the draft as changed, and one more check of the latest text follows.
  So at most one check per draft is in flight and none is spent on text already replaced.
- **The whole draft, every time.** Readability, repetition and sourcing read across
  paragraphs, and no check declares that it reads one paragraph alone, so each check sees
  the whole draft as ``editcheck check`` would (about 13 ms for 1,000 words on this
  machine: ``benchmarks/lsp_latency.py``). Reports are kept by text, so an undo is free.
- **Never silent.** Checks run in one worker thread with the runner's time budget; if the
  thread has not answered a grace period after it, the draft gets an error diagnostic
  ("editcheck did not finish: ...") instead of the last result or nothing. A check that
  crashed, a plugin that did not load, a bad config: each is an error diagnostic too.
- **Edits name their version.** A quick fix is offered only for the version of the draft
  its diagnostics were computed for, and the edit carries that version.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from editcheck.errors import EditcheckError
from editcheck.lsp.diagnostics import UNFINISHED, Item, code_actions, problem_item, report_items
from editcheck.lsp.engine import DraftEngine, draft_name, uri_path
from editcheck.lsp.positions import LineIndex
from editcheck.version import __version__

GRACE_SECONDS = 1.0  # past the budget, how long the checking thread may take to answer


@dataclass(slots=True)
class _Draft:
    """Scheduling state of one open document, and what was last published for it."""

    timer: asyncio.TimerHandle | None = None
    running: bool = False
    changed: bool = False
    version: int | None = None
    items: list[Item] = field(default_factory=list)


class CheckingThread:
    """One daemon thread that runs the checks, in order.

    Not a ``ThreadPoolExecutor``: its threads are joined at exit, so a check stuck in C
    code would keep the server from exiting when the editor asks it to.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]]]
        self._queue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="editcheck-lsp", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self._queue.put((fn, args, future))
        return future

    def _work(self) -> None:
        while True:
            fn, args, future = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
                future.set_exception(exc)


class EditcheckServer(LanguageServer):
    """editcheck's language server: diagnostics for HTML, Markdown and text drafts."""

    def __init__(
        self, engine: DraftEngine, *, debounce: float = 0.0, budget: float | None = 5.0
    ) -> None:
        super().__init__("editcheck", __version__)
        self.engine = engine
        self.debounce = debounce
        self.budget = budget
        self.drafts: dict[str, _Draft] = {}
        self.checking = CheckingThread()

    def encoding(self) -> str:
        """The position encoding agreed at initialize (UTF-16 unless the client offered
        another that pygls supports)."""
        value: Any = self.workspace.position_encoding or "utf-16"
        return str(getattr(value, "value", value))

    def changed(self, uri: str, *, delay: float | None = None) -> None:
        """The draft at ``uri`` changed: check it after the debounce delay."""
        draft = self.drafts.setdefault(uri, _Draft())
        if draft.timer is not None:
            draft.timer.cancel()
            draft.timer = None
        if draft.running:
            draft.changed = True
            return
        wait = self.debounce if delay is None else delay
        loop = asyncio.get_running_loop()
        draft.timer = loop.call_later(wait, lambda: loop.create_task(self._check(uri)))

    def closed(self, uri: str) -> None:
        draft = self.drafts.pop(uri, None)
        if draft is not None and draft.timer is not None:
            draft.timer.cancel()
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    async def _check(self, uri: str) -> None:
        draft = self.drafts.get(uri)
        document = self.workspace.text_documents.get(uri)
        if draft is None or document is None:
            return
        draft.timer = None
        name = draft_name(uri, document.language_id)
        if name is None:
            return
        draft.running, draft.changed = True, False
        text, version = document.source, document.version
        try:
            items = await self._items(text, name)
        finally:
            draft.running = False
        if self.drafts.get(uri) is not draft:
            return  # closed meanwhile
        draft.version, draft.items = version, items
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[i.diagnostic for i in items]
            )
        )
        if draft.changed:
            self.changed(uri)

    async def _items(self, text: str, name: str) -> list[Item]:
        encoding = self.encoding()
        work = asyncio.wrap_future(self.checking.submit(self._check_now, text, name, encoding))
        limit = self.budget + GRACE_SECONDS if self.budget else None
        try:
            return await asyncio.wait_for(asyncio.shield(work), limit)
        except TimeoutError:
            message = (
                f"{UNFINISHED}: still checking after {limit:g} s (the time budget and a "
                "grace period); these findings are missing, not absent"
            )
            return [problem_item(message, LineIndex(text, encoding))]

    def _check_now(self, text: str, name: str, encoding: str) -> list[Item]:
        """In the checking thread: the draft's diagnostics, or one saying why there are none."""
        try:
            report = self.engine.check(text, name, budget=self.budget)
        except EditcheckError as exc:
            return [problem_item(f"editcheck did not check this draft: {exc}", LineIndex(text))]
        except Exception as exc:  # noqa: BLE001 - shown in the editor, never swallowed
            message = f"{UNFINISHED}: internal error: {type(exc).__name__}: {exc}"
            return [problem_item(message, LineIndex(text, encoding))]
        return report_items(report, text, encoding)

    def actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        draft = self.drafts.get(uri)
        document = self.workspace.text_documents.get(uri)
        if draft is None or document is None or document.version != draft.version:
            return []  # the draft changed since its diagnostics: their edits are stale
        return code_actions(draft.items, uri, draft.version, params.range)


def create_server(
    engine: DraftEngine, *, debounce: float = 0.0, budget: float | None = 5.0
) -> EditcheckServer:
    """The server with its handlers registered (``start_io()`` runs it)."""
    server = EditcheckServer(engine, debounce=debounce, budget=budget)

    @server.feature(types.INITIALIZE)
    def initialize(ls: EditcheckServer, params: types.InitializeParams) -> None:
        root = params.root_uri or (params.root_path and f"file://{params.root_path}")
        if root:
            from pathlib import Path

            ls.engine.root = Path(uri_path(root))

    @server.feature(types.INITIALIZED)
    def initialized(ls: EditcheckServer, params: types.InitializedParams) -> None:
        ls.checking.submit(_warm_up, ls.engine)  # plugins load now, not on the first draft

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EditcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, delay=0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EditcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EditcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: EditcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.actions(params)

    return server


def _warm_up(engine: DraftEngine) -> None:
    """Build the checker and run it once, so lazy loads are not paid on the first draft;
    a failure here is shown on each draft instead."""
    with contextlib.suppress(Exception):  # each draft's own check reports it
        engine.check("Warm-up draft. The council said 5 people came.", "warm-up.txt")
