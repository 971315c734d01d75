"""The review page in a real headless Chromium: every highlight covers its annotation's text.

Highlights are placed by the page from each annotation's block xpath (or line) and
block.start/end alone, so a highlight whose text differs from the annotation's ``text``
is a wrong position in the report, which is what a CMS would get wrong too. Uses
Debian's chromium and chromedriver (no driver downloads); skipped when they are absent.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from .browserkit import ARTIFACTS, MARKS_JS, By, WebDriverWait, browser, wait_ready
from .servicekit import ROOT, SEED_HTML, Server, needs_serve

pytestmark = needs_serve
__all__ = ["browser"]  # the fixture, used by name

FIXTURES = ROOT / "fixtures" / "service"
DOCUMENT_RULES = {"core/reading-grade"}  # scope "document": in the document panel


def normalise(text: str) -> str:
    return " ".join(text.split())


def assert_highlights_match(driver: Any, annotations: list[dict[str, Any]]) -> None:
    marks = driver.execute_script(MARKS_JS)
    assert len(annotations) > 0
    passage = 0
    for i, a in enumerate(annotations):
        if a["rule"] in DOCUMENT_RULES:
            assert str(i) not in marks, "a finding about the whole draft sits on a passage"
            panel = driver.find_element(By.ID, "ec-docpanel")
            assert panel.find_elements(By.CSS_SELECTOR, f"li[data-ec='{i}']")
            continue
        passage += 1
        assert normalise(marks.get(str(i), "")) == normalise(a["text"]), (i, a["rule"], a["block"])
    items = driver.find_elements(By.CSS_SELECTOR, "#ec-list li")
    assert len(items) == passage
    assert not driver.find_elements(By.CSS_SELECTOR, "#ec-list .ec-unplaced")


def submit(
    driver: Any,
    service: Server,
    *,
    upload: Path | None = None,
    paste: str | None = None,
    kind: str = "html",
) -> None:
    driver.get(service.base + "/")
    token = driver.find_element(By.ID, "ec-token")
    token.clear()
    token.send_keys(service.token or "")
    if upload is not None:
        driver.find_element(By.ID, "ec-file").send_keys(str(upload))
        WebDriverWait(driver, 10).until(
            lambda d: "Opened" in d.find_element(By.ID, "ec-status").text
        )
    else:
        driver.find_element(By.CSS_SELECTOR, f".ec-mode[data-kind='{kind}']").click()
        driver.execute_script(
            "const t = document.getElementById('ec-input'); t.value = arguments[0];"
            "t.dispatchEvent(new Event('input', {bubbles: true}));",
            paste,
        )
    driver.find_element(By.ID, "ec-submit").click()
    wait_ready(driver)


def test_seed_highlights_match_annotations(browser: Any, service: Server) -> None:
    submit(browser, service, upload=SEED_HTML)
    expected = service.post(
        "/v1/check", {"html": SEED_HTML.read_text(encoding="utf-8"), "position_encoding": "utf-16"}
    ).json()
    assert_highlights_match(browser, expected["report"]["annotations"])
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-page-seed.png"))


def test_awkward_html_positions(browser: Any, service: Server) -> None:
    html = (FIXTURES / "awkward.html").read_text(encoding="utf-8")
    submit(browser, service, paste=html, kind="html")
    expected = service.post("/v1/check", {"html": html, "position_encoding": "utf-16"}).json()
    anns = expected["report"]["annotations"]
    texts = {a["text"] for a in anns}
    assert {"zzafteremoji", "zzcellone", "zzcelltwo", "zzentity", "zzspaces"} <= texts
    assert any(a["rule"] == "svc/zz-span" for a in anns)  # crosses <b> and <a>
    assert_highlights_match(browser, anns)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-page-awkward.png"))


def test_text_draft_uses_line_blocks(browser: Any, service: Server) -> None:
    text = (FIXTURES / "awkward.txt").read_text(encoding="utf-8")
    submit(browser, service, paste=text, kind="text")
    expected = service.post("/v1/check", {"text": text, "position_encoding": "utf-16"}).json()
    assert {"zzlineone", "zzindented"} <= {a["text"] for a in expected["report"]["annotations"]}
    assert_highlights_match(browser, expected["report"]["annotations"])
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-page-text.png"))


def test_a_tree_the_browser_builds_differently_is_flagged_not_misplaced(
    browser: Any, service: Server
) -> None:
    # libxml2 drops the stray </p>; a browser makes it an empty <p>, so p[2] differs.
    html = "<p>First zzone.</p></p><p>Then zztwo.</p>"
    submit(browser, service, paste=html, kind="html")
    anns = service.post(
        "/v1/check", {"html": html, "select": ["svc/*"], "position_encoding": "utf-16"}
    ).json()
    assert [a["text"] for a in anns["report"]["annotations"]] == ["zzone", "zztwo"]
    marks = browser.execute_script(MARKS_JS)
    items = browser.find_elements(By.CSS_SELECTOR, "#ec-list li")
    texts = {li.get_attribute("data-ec"): li.text for li in items}
    placed = {i for i, t in texts.items() if "zzone" in t or "zztwo" in t}
    assert placed, texts
    for i, text in texts.items():
        if "'zztwo'" in text:
            assert i not in marks and "Not highlighted" in text
        elif "'zzone'" in text:
            assert marks[i] == "zzone" and "Not highlighted" not in text


def test_partial_answers_say_which_check_was_stopped(browser: Any, service: Server) -> None:
    submit(browser, service, paste="SLOW-DOWN, but zzword is still found.", kind="text")
    banner = browser.find_element(By.ID, "ec-banner")
    assert banner.get_attribute("data-verdict") == "incomplete"
    assert banner.text.startswith("INCOMPLETE") and "svc.slow (ran out of time)" in banner.text
    assert "zzword" in browser.execute_script(MARKS_JS).values()  # the other checks ran


def test_click_to_jump_both_ways(browser: Any, service: Server) -> None:
    html = (FIXTURES / "awkward.html").read_text(encoding="utf-8")
    submit(browser, service, paste=html, kind="html")
    items = browser.find_elements(By.CSS_SELECTOR, "#ec-list li")
    items[-1].click()
    active = browser.execute_script(
        "return Array.from(document.querySelector('#ec-draft iframe').contentDocument"
        ".querySelectorAll('ec-mark.ec-active')).map(m => m.dataset.ec)"
    )
    assert active and set(active) == {items[-1].get_attribute("data-ec")}
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "#ec-draft iframe"))
    try:
        browser.find_element(By.CSS_SELECTOR, "ec-mark[data-ec='0']").click()
    finally:
        browser.switch_to.default_content()
    chosen = browser.find_elements(By.CSS_SELECTOR, "#ec-list li.ec-active")
    assert [li.get_attribute("data-ec") for li in chosen] == ["0"]
    details = items[0].find_elements(By.CSS_SELECTOR, "details")
    assert details, "the rule's explanation is shown with the annotation"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_html_report_file_is_self_contained(browser: Any, tmp_path: Path) -> None:
    watcher = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=watcher.serve_forever, daemon=True).start()
    try:
        lure = tmp_path / "lure.html"
        url = f"http://127.0.0.1:{watcher.server_address[1]}"
        lure.write_text(
            f'<link rel="stylesheet" href="{url}/x.css"><p>An image '
            f'<img src="{url}/pixel.png"> and zzlure text.</p>',
            encoding="utf-8",
        )
        drafts = [SEED_HTML, FIXTURES / "awkward.html", FIXTURES / "awkward.txt", lure]
        report = tmp_path / "report.html"
        config = tmp_path / "editcheck.toml"
        config.write_text(f'plugins-dir = "{(Path(__file__).parent / "plugins").as_posix()}"\n')
        subprocess.run(
            [
                sys.executable,
                "-m",
                "editcheck",
                "check",
                "--config",
                str(config),
                "--format",
                "html",
                "-o",
                str(report),
                *map(str, drafts),
            ],
            check=False,
            capture_output=True,
            timeout=120,
        )
        page = report.read_text(encoding="utf-8")
        embedded = page.split('<script type="application/json" id="editcheck-data">')[1]
        reports = [d["report"] for d in json.loads(embedded.split("</script>")[0])["drafts"]]
        assert [r["source"] for r in reports] == list(map(str, drafts))
        browser.get(report.as_uri())
        buttons = browser.find_elements(By.CSS_SELECTOR, "#ec-drafts button")
        assert len(buttons) == len(drafts)
        for button, expected in zip(buttons, reports, strict=True):
            browser.execute_script("document.body.removeAttribute('data-ec-ready')")
            browser.execute_script("arguments[0].click()", button)
            wait_ready(browser)
            assert_highlights_match(browser, expected["annotations"])
            if expected["source"].endswith("awkward.html"):
                ARTIFACTS.mkdir(exist_ok=True)
                browser.save_screenshot(str(ARTIFACTS / "report-file-awkward.png"))
        browser.execute_script("return new Promise(r => setTimeout(r, 500))")
        assert watcher.RequestHandlerClass.hits == []  # type: ignore[attr-defined]
    finally:
        watcher.shutdown()
        watcher.server_close()
