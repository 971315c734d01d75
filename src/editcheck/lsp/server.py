"""The pygls server: when to check a draft, for how long, and what to publish.

- **Debounced and coalesced.** A change arms a timer (``debounce`` seconds, re-armed by
  each further change); when it fires the draft is checked. While a check runs, further
  changes only mark the draft as changed, and one more check of the latest text follows.
  So at most one check per draft is in flight and none is spent on text already replaced.
- **The whole draft, every time.** Readability, repetition and sourcing read across
  paragraphs, and no check declares that it reads one paragraph alone, so each check sees
  the whole draft as ``editcheck check`` would (about 13 ms for 1,000 words on this
  machine: ``benchmarks/lsp_latency.py``). Reports are kept by text, so an undo is free.
- **Never silent.** Checks run in one worker thread with the runner's time budget; if a
  draft's check (or the one ahead of it) has run a grace period past it, the draft gets
  an error diagnostic ("editcheck did not finish: ...") instead of the last result or
  nothing. Loading the plugins at start has a budget of its own (``STARTUP_SECONDS``).
  A check that crashed, a plugin that did not load, a bad config: each is an error
  diagnostic too.
- **Edits name their version.** A quick fix is offered only for the version of the draft
  its diagnostics were computed for, and the edit carries that version.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
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
STARTUP_SECONDS = 60.0  # loading the plugins and the first check, before any draft's budget
WATCH_SECONDS = 0.1  # how often a waiting draft looks whether the thread is stuck


@dataclass(slots=True)
class _Draft:
    """Scheduling state of one open document, and what was last published for it."""

    timer: asyncio.TimerHandle | None = None
    running: bool = False
    changed: bool = False
    version: int | None = None
    items: list[Item] = field(default_factory=list)


class CheckingThread:
    """One daemon thread that runs the checks in order, and knows how long the one it is
    running has taken (so a waiting draft can tell a busy thread from a stuck one).

    Not a ``ThreadPoolExecutor``: its threads are joined at exit, so a check stuck in C
    code would keep the server from exiting when the editor asks it to.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.current: _Job | None = None
        self._thread = threading.Thread(target=self._work, name="editcheck-lsp", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any, limit: float | None) -> _Job:
        """Queue ``fn(*args)``; ``limit`` is how long it may run before it counts as stuck."""
        job = _Job(fn, args, limit)
        self._queue.put(job)
        return job

    def stuck(self) -> _Job | None:
        """The job now running, if it has run past its limit."""
        job = self.current
        if job is None or job.limit is None or job.started is None:
            return None
        return job if time.monotonic() - job.started > job.limit else None

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if not job.future.set_running_or_notify_cancel():
                continue
            job.started = time.monotonic()
            self.current = job
            try:
                job.future.set_result(job.fn(*job.args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
                job.future.set_exception(exc)
            finally:
                self.current = None


@dataclass(slots=True)
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    limit: float | None
    started: float | None = None
    future: Future[Any] = field(default_factory=Future)


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
        self._tasks: set[asyncio.Task[None]] = set()

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
        draft.timer = asyncio.get_running_loop().call_later(wait, self._start, uri)

    def _start(self, uri: str) -> None:
        task = asyncio.get_running_loop().create_task(self._check(uri))
        self._tasks.add(task)  # held until done: the loop keeps only a weak reference
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # a bug here must be seen: log it where the editor shows the server's output
            self.window_log_message(
                types.LogMessageParams(
                    types.MessageType.Error, f"editcheck lsp: {task.exception()!r}"
                )
            )

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
        """The draft's diagnostics; an error instead once its check, or the check ahead
        of it in the thread, has run past the budget and a grace period."""
        encoding = self.encoding()
        limit = self.budget + GRACE_SECONDS if self.budget else None
        job = self.checking.submit(self._check_now, text, name, encoding, limit=limit)
        work = asyncio.wrap_future(job.future)
        while True:
            done, _ = await asyncio.wait({work}, timeout=WATCH_SECONDS)
            if done:
                return work.result()  # type: ignore[no-any-return]
            stuck = self.checking.stuck()
            if stuck is None:
                continue
            whose = "still checking" if stuck is job else "waiting behind a check still running"
            message = (
                f"{UNFINISHED}: {whose} after {stuck.limit:g} s (the time budget and a "
                "grace period); these findings are missing, not absent"
            )
            return [problem_item(message, LineIndex(text, encoding))]

    def _check_now(self, text: str, name: str, encoding: str) -> list[Item]:
        """In the checking thread: the draft's diagnostics, or one saying why there are none."""
        try:
            report = self.engine.check(text, name, budget=self.budget)
        except EditcheckError as exc:
            message = f"editcheck did not check this draft: {exc}"
            return [problem_item(message, LineIndex(text, encoding))]
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
        # plugins load now, not on the first draft (and not on its budget)
        ls.checking.submit(_warm_up, ls.engine, limit=STARTUP_SECONDS)

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
