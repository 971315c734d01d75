"""The Starlette application: routes, error handling, auth, CORS and the time budget.

Checks are CPU work, so each runs in Starlette's thread pool and the event loop stays free
to answer health probes. The request's time budget becomes a deadline the runner enforces
per check: a check still running at the deadline is stopped inside its thread, the answer
says ``partial: true`` and names it, and the worker goes on serving.
"""

from __future__ import annotations

import logging
import time
from importlib import resources


from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from editcheck.service.auth import BearerAuth
from editcheck.service.engine import Engine
from editcheck.service.openapi import openapi_document
from editcheck.service.problems import Problem, from_problem, problem_response
from editcheck.service.requests import batch_request, check_request, parse_json
from editcheck.service.settings import ServiceSettings, settings_from_env
from editcheck.version import __version__

log = logging.getLogger("editcheck.service")
STATIC_FILES = {"review.js": "text/javascript", "review.css": "text/css"}


def static_text(name: str) -> str:
    """A file of the review page, shipped as package data."""
    return (resources.files("editcheck.service") / "static" / name).read_text(encoding="utf-8")


def create_app(settings: ServiceSettings | None = None) -> Starlette:
    """Build the app; plugins load here, once per worker process."""
    settings = settings or ServiceSettings()
    engine = Engine(settings)
    routes = [
        Route("/", _page, methods=["GET"]),
        Route("/static/{name}", _static, methods=["GET"]),
        Route("/healthz", _healthz, methods=["GET"]),
        Route("/readyz", _readyz, methods=["GET"]),
        Route("/v1/rules", _rules, methods=["GET"]),
        Route("/v1/openapi.json", _openapi, methods=["GET"]),
        Route("/v1/check", _check, methods=["POST"]),
        Route("/v1/check/batch", _batch, methods=["POST"]),
    ]
    middleware = []
    if settings.cors_origins:  # outermost: preflights and 401s get CORS headers too
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
            max_age=600))
    if settings.token:
        middleware.append(Middleware(BearerAuth, token=settings.token))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={
        Problem: _on_problem, HTTPException: _on_http, Exception: _on_crash})
    app.state.engine = engine
    app.state.settings = settings
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory in each worker: settings from ``EDITCHECK_SERVE_*``."""
    return create_app(settings_from_env())


async def _page(request: Request) -> Response:
    return Response(static_text("index.html"), media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": _PAGE_CSP})


async def _static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        raise HTTPException(404)
    return Response(static_text(name), media_type=STATIC_FILES[name] + "; charset=utf-8")


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _readyz(request: Request) -> Response:
    engine: Engine = request.app.state.engine
    plugins = engine.plugins
    return JSONResponse({
        "status": "ready", "editcheck_version": __version__,
        "plugins": [p.name for p in plugins.plugins],
        "rules": len(engine.checker.plan.rules),
        "plugin_failures": [str(f) for f in plugins.failures],
    })


async def _rules(request: Request) -> Response:
    engine: Engine = request.app.state.engine
    plan = engine.checker.plan
    rules = []
    for rule in engine.plugins.rules:
        data = rule.to_dict()
        data["enabled"] = rule.id in plan.rules
        data["severity"] = plan.severities.get(rule.id, rule.severity).value
        rules.append(data)
    return JSONResponse({"rules": rules})


async def _openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(request.app.state.settings))


async def _check(request: Request) -> Response:
    deadline = _deadline(request)
    req = check_request(parse_json(await _body(request)))
    engine: Engine = request.app.state.engine
    return JSONResponse(await run_in_threadpool(engine.check, req, deadline))


async def _batch(request: Request) -> Response:
    deadline = _deadline(request)
    settings: ServiceSettings = request.app.state.settings
    reqs = batch_request(parse_json(await _body(request)), settings.max_batch)
    engine: Engine = request.app.state.engine
    results = await run_in_threadpool(lambda: [engine.check(r, deadline) for r in reqs])
    verdict = "fail" if any(r["verdict"] == "fail" for r in results) else "pass"
    return JSONResponse({"verdict": verdict, "partial": any(r["partial"] for r in results),
                         "results": results})


def _deadline(request: Request) -> float | None:
    budget = request.app.state.settings.time_budget
    return time.monotonic() + budget if budget else None


async def _body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it passes the limit (before reading it all).

    The body is read as JSON whatever its Content-Type says, so ``curl -d`` works.
    """
    limit = request.app.state.settings.max_body_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Problem(413, f"the body is {int(length):,} bytes; the limit is {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"the body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return from_problem(exc, instance=request.url.path)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = {404: f"no route {request.url.path}",
              405: f"{request.method} is not allowed on {request.url.path}"}.get(
        status, str(exc.detail))
    return problem_response(status, detail, instance=request.url.path,
                            headers=dict(exc.headers or {}))


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, "the server failed to answer this request; it has been logged",
                            instance=request.url.path)


# The page loads only its own files and talks only to its own origin.
_PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
             "base-uri 'none'; form-action 'none'")


