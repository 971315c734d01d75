"""Remote mode: the Wagtail admin asks a real ``editcheck serve`` (a subprocess on
127.0.0.1) and blocks on its ``fail``, on a partial answer, and on every way the call can
go wrong: nothing listening, a wrong token, an error status, a malformed answer, a timeout.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from wagtail_servekit import free_port, start_service, stop_service, stub_service
from wagtail_storykit import (
    BAD_BODY,
    FIXED_BODY,
    PROBES,
    create_story,
    edit_story,
    messages_text,
    story,
    story_form,
)

needs_serve = pytest.mark.skipif(
    find_spec("starlette") is None or find_spec("uvicorn") is None,
    reason="editcheck serve needs the serve extra: pip install -e '.[serve]'",
)

TOKEN = "wagtail-test-token"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One server for the module: token, core rules and the slow probe, a 1 s budget."""
    folder = tmp_path_factory.mktemp("editcheck-serve")
    (folder / "token").write_text(TOKEN + "\n", encoding="utf-8")
    config = (
        f'select = ["core/*", "probe/*"]\nplugins-dir = "{(PROBES / "slow").as_posix()}"\n'
        'fail-on = "error"\n'
    )
    server = start_service(
        folder, config, "--token-file", str(folder / "token"), "--time-budget", "1"
    )
    yield server
    stop_service(server)


def remote(url: str, **extra: Any) -> dict[str, Any]:
    return {"URL": url, "TOKEN": TOKEN, "TIMEOUT": 10, "FAIL_ON": "warning", **extra}


@needs_serve
def test_the_service_blocks_a_bad_page_and_publishes_the_fixed_one(editor, service) -> None:
    with override_settings(EDITCHECK=remote(service.url)):
        response = create_story(editor, story_form(BAD_BODY, action="publish"))
        assert not story().live
        (message,) = messages_text(response)
        assert message.startswith("editcheck blocked publishing: 5 findings at or above warning")
        for rule, text in [
            ("core/stray-timestamp", "6 hours ago"),
            ("core/broken-markup", ".png)"),
            ("core/interface-string", "Advertisement"),
            ("core/placeholder", "TK"),
        ]:
            assert rule in message and text in message
        assert "in Body › block 3 (Quote) › Text: Placeholder 'TK'" in message
        review_link = f'href="{service.url}/"'
        assert review_link in editor.get(response.url).content.decode()

        response = edit_story(editor, story(), story_form(FIXED_BODY, action="publish"))
    assert story().live and messages_text(response) == []


@needs_serve
@pytest.mark.parametrize("allow_incomplete", [False, True])
def test_a_partial_answer_is_incomplete(editor, service, allow_incomplete: bool) -> None:
    """The service's budget stops the slow probe: a partial answer is never a pass."""
    gate = remote(service.url, FAIL_ON_INCOMPLETE=not allow_incomplete)
    with override_settings(EDITCHECK=gate):
        response = create_story(
            editor, story_form([("text", "Nothing here. SLOW-DOWN")], action="publish")
        )
    (message,) = messages_text(response)
    assert "check probe.slow did not finish" in message
    assert story().live is allow_incomplete


@needs_serve
def test_a_wrong_token_blocks(editor, service) -> None:
    with override_settings(EDITCHECK=remote(service.url, TOKEN="not-the-token")):
        response = create_story(editor, story_form(FIXED_BODY, action="publish"))
    (message,) = messages_text(response)
    assert message.startswith("editcheck blocked publishing: the check could not run")
    assert f"the editcheck service at {service.url} answered 401" in message
    assert not story().live


def test_nothing_listening_blocks_with_a_message_that_the_check_could_not_run(editor) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with override_settings(EDITCHECK=remote(url)):
        response = create_story(editor, story_form(FIXED_BODY, action="publish"))
    (message,) = messages_text(response)
    assert message.startswith(
        "editcheck blocked publishing: the check could not run or did "
        "not finish, so this page was not published."
    )
    assert f"could not reach the editcheck service at {url}" in message
    assert not story().live


def _answer(verdict: Any = "pass", partial: Any = False, **report: Any) -> bytes:
    body = {
        "verdict": verdict,
        "fail_on": "warning",
        "partial": partial,
        "report": {"annotations": [], "errors": [], **report},
    }
    return json.dumps(body).encode()


BROKEN = {
    "error status": (
        500,
        "application/problem+json",
        b'{"status": 500, "detail": "the server failed"}',
        "answered 500: the server failed",
    ),
    "not json": (200, "text/html", b"<html>proxy login</html>", "could not be read"),
    "no report": (200, "application/json", b'{"verdict": "pass"}', "could not be read"),
    "bad annotation": (
        200,
        "application/json",
        _answer(annotations=[{"rule": "x"}]),
        "could not be read",
    ),
    "unknown verdict": (
        200,
        "application/json",
        _answer(verdict="maybe"),
        "answered verdict 'maybe'",
    ),
    "incomplete verdict": (
        200,
        "application/json",
        _answer(verdict="incomplete"),
        "answered verdict 'incomplete'",
    ),
    "partial pass": (200, "application/json", _answer(partial=True), "checked it only in part"),
    "errors in report": (
        200,
        "application/json",
        _answer(errors=[{"check": "acme.x", "kind": "error", "message": "boom"}]),
        "check acme.x did not finish: boom",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_an_answer_that_is_not_a_clean_pass_blocks(editor, case: str) -> None:
    status, kind, body, problem = BROKEN[case]
    with (
        stub_service(lambda: (status, kind, body)) as url,
        override_settings(EDITCHECK=remote(url)),
    ):
        response = create_story(editor, story_form(FIXED_BODY, action="publish"))
    (message,) = messages_text(response)
    assert message.startswith("editcheck blocked publishing: the check could not run")
    assert problem in message
    assert not story().live


def test_a_clean_pass_from_the_service_publishes(editor) -> None:
    """The stub's clean answer publishes: the cases above fail for what they send."""
    with (
        stub_service(lambda: (200, "application/json", _answer())) as url,
        override_settings(EDITCHECK=remote(url)),
    ):
        create_story(editor, story_form(FIXED_BODY, action="publish"))
    assert story().live


def test_a_service_slower_than_timeout_blocks(editor) -> None:
    slow = stub_service(lambda: (200, "application/json", _answer()), delay=3)
    with slow as url, override_settings(EDITCHECK=remote(url, TIMEOUT=0.3)):
        response = create_story(editor, story_form(FIXED_BODY, action="publish"))
    (message,) = messages_text(response)
    assert f"the editcheck service at {url} did not answer within 0.3 s" in message
    assert not story().live


def test_review_url_can_be_set_apart_from_the_service(editor, tmp_path: Path) -> None:
    gate = {
        "FAIL_ON": "warning",
        "CONFIG": {"select": ["core/*"]},
        "REVIEW_URL": "https://editcheck.newsroom.example/",
    }
    with override_settings(EDITCHECK=gate):
        response = create_story(editor, story_form(BAD_BODY, action="publish"))
    assert 'href="https://editcheck.newsroom.example/"' in editor.get(response.url).content.decode()
