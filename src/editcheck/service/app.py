"""The Starlette application: routes, error handling, auth, CORS and the time budget.

Checks are CPU work and drafts are untrusted, so they run in a child process of this
worker (:mod:`editcheck.service.check_process`) and the event loop stays free to answer
health probes. The time budget covers the whole request in the child: a check still
running at the deadline is stopped and named (``partial: true``, verdict
``incomplete``); a child that does not stop is killed and replaced (``incomplete``), and
one that dies answers 503. Nothing a draft does takes the worker itself down.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from editcheck.service import desk, workers
from editcheck.service.auth import BearerAuth, HostAllowList
from editcheck.service.bodies import read_body as _body
from editcheck.service.check_process import CheckProcess
from editcheck.service.handler import CheckHandler
from editcheck.service.openapi import openapi_document
from editcheck.service.problems import Problem, from_problem, problem_response
from editcheck.service.settings import ServiceSettings, settings_from_env
from editcheck.version import __version__

log = logging.getLogger("editcheck.service")
CHECK_PROCESSES = 1  # per server worker: checks are CPU work, one core each
STATIC_FILES = {"review.js": "text/javascript", "review.css": "text/css"}


def create_app(settings: ServiceSettings | None = None) -> Starlette:
    """Build the app; plugins load here, once per worker process."""
    settings = settings or ServiceSettings()
    handler = CheckHandler(settings)
    routes = [
        Route("/", desk.page, methods=["GET"]),
        Route("/review", desk.review, methods=["POST"]),
        Route("/static/{name}", _static, methods=["GET"]),
        Route("/healthz", _healthz, methods=["GET"]),
        Route("/readyz", _readyz, methods=["GET"]),
        Route("/v1/rules", _rules, methods=["GET"]),
        Route("/v1/openapi.json", _openapi, methods=["GET"]),
        Route("/v1/check", _check, methods=["POST"]),
        Route("/v1/check/batch", _batch, methods=["POST"]),
        Route("/v1/dismissals", desk.list_dismissals, methods=["GET"]),
        Route("/v1/dismissals", desk.add_dismissal, methods=["POST"]),
        Route("/v1/dismissals", desk.remove_dismissal, methods=["DELETE"]),
    ]
    middleware = []
    if settings.cors_origins:  # outermost: preflights and 401s get CORS headers too
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST", "DELETE"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            )
        )
    if settings.allowed_hosts:  # before auth: a rebound page gets nothing, not even a 401
        middleware.append(Middleware(HostAllowList, hosts=settings.allowed_hosts))
    if settings.token:
        middleware.append(Middleware(BearerAuth, token=settings.token))
    checks = CheckProcess(settings, handler, CHECK_PROCESSES)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await checks.start()
        beating = asyncio.create_task(workers.heartbeat())  # the supervisor's liveness watch
        yield
        beating.cancel()
        checks.close()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Problem: _on_problem, HTTPException: _on_http, Exception: _on_crash},
        lifespan=lifespan,
    )
    app.state.handler = handler
    app.state.settings = settings
    app.state.checks = checks
    app.state.desk = desk.Desk.open(handler.config)
    checks.desk = app.state.desk  # for the answers the worker gives when a child is cut
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory in each worker: settings from ``EDITCHECK_SERVE_*``."""
    return create_app(settings_from_env())


async def _static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        raise HTTPException(404)
    return Response(
        desk.static_text(name),
        media_type=STATIC_FILES[name] + "; charset=utf-8",
        headers=desk.STATIC_HEADERS,
    )


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok", "pid": os.getpid()})  # which worker answered


async def _readyz(request: Request) -> Response:
    handler: CheckHandler = request.app.state.handler
    checks: CheckProcess = request.app.state.checks
    plugins = handler.plugins
    up = checks.up()
    return JSONResponse(
        {
            "status": "ready" if up else "starting",
            "editcheck_version": __version__,
            "plugins": [p.name for p in plugins.plugins],
            "rules": len(handler.checker.plan.rules),
            "plugin_failures": [str(f) for f in plugins.failures],
            "workers": workers.count(),
            "check_processes": {"up": up, "configured": checks.size},
        },
        status_code=200 if up else 503,
    )


async def _rules(request: Request) -> Response:
    handler: CheckHandler = request.app.state.handler
    plan = handler.checker.plan
    rules = []
    for rule in handler.plugins.rules:
        data = rule.to_dict()
        data["enabled"] = rule.id in plan.rules
        data["severity"] = plan.severities.get(rule.id, rule.severity).value
        rules.append(data)
    return JSONResponse({"rules": rules})


async def _openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(request.app.state.settings))


async def _check(request: Request) -> Response:
    checks: CheckProcess = request.app.state.checks
    # read, validated, checked and encoded in the check process: the loop only moves bytes
    return _json_bytes(await checks.answer("check", await _body(request)))


async def _batch(request: Request) -> Response:
    checks: CheckProcess = request.app.state.checks
    return _json_bytes(await checks.answer("batch", await _body(request)))  # one budget


def _json_bytes(body: bytes) -> Response:
    return Response(body, media_type="application/json")


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return from_problem(exc, instance=request.url.path)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = {
        404: f"no route {request.url.path}",
        405: f"{request.method} is not allowed on {request.url.path}",
    }.get(status, str(exc.detail))
    return problem_response(
        status, detail, instance=request.url.path, headers=dict(exc.headers or {})
    )


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        500,
        "the server failed to answer this request; it has been logged",
        instance=request.url.path,
    )
