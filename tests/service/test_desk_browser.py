"""The editor's desk in a real headless Chromium: the loop an editor on deadline does.

Paste formatted text as Word or Google Docs put it on the clipboard, check, filter, move
with j/k, fix residue, dismiss a false alarm, check again and find the dismissal kept,
copy the clean draft; open the desk from a CMS form and from a CMS page on another
origin that frames it and talks to it by postMessage. Every wait is explicit (see
browserkit); the screenshots are kept (see browserkit) and were looked at.
"""

from __future__ import annotations

import html
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browserkit import (
    MARKS_JS,
    WRITE_CLIPBOARD_JS,
    By,
    Keys,
    browser,
    click_and_wait,
    grant_clipboard,
    read_clipboard,
    screenshot,
    start_over,
    visible_items,
    wait,
    wait_ready,
)
from .servicekit import SEED_HTML, Server, free_port, needs_serve, start_server, stop_server

pytestmark = needs_serve
__all__ = ["browser", "screenshot"]  # fixtures, used by name

KEY = "desk-access-key"
RESIDUE = ("6 hours ago", ".png)")


def seed_paragraphs() -> list[str]:
    """The seed's paragraphs (article and pasted residue) as their text."""
    found = re.findall(r"<p>(.*?)</p>", SEED_HTML.read_text(encoding="utf-8"), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in found]


def word_clipboard() -> str:
    """The seed as Word puts it on the clipboard, with things a paste must not keep."""
    paras = "".join(
        f"<p class=MsoNormal style='margin:0cm;mso-line-height-alt:12pt'>"
        f"<span style='font-family:Calibri'>{html.escape(p) or '<o:p>&nbsp;</o:p>'}</span></p>"
        for p in seed_paragraphs()[:16]
    )
    return (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
        "<meta charset=utf-8><style>p.MsoNormal{margin:0}</style>"
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head>"
        "<body lang=EN-GB><div class=WordSection1>"
        "<p class=MsoNormal onclick='alert(1)'><b>The council spent zzspan a huge sum "
        "zzend last year.</b></p>"
        f"{paras}<script>window.pwned = 1</script>"
        "<img src='http://127.0.0.1:9/pixel.png' onerror='window.pwned = 2'>"
        "</div></body></html>"
    )


@pytest.fixture(scope="module")
def cms() -> Iterator[tuple[str, dict[str, str]]]:
    """A CMS on another origin (a second 127.0.0.1 port) serving the pages it gets."""
    pages: dict[str, str] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "").encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, cms: tuple[str, Any]) -> Iterator[Server]:
    """A server with an access key that the CMS's origin may frame."""
    folder = tmp_path_factory.mktemp("desk")
    config = folder / "editcheck.toml"
    plugins = (Path(__file__).parent / "plugins").as_posix()
    config.write_text(f'plugins-dir = "{plugins}"\nfail-on = "error"\n', encoding="utf-8")
    (folder / "key").write_text(KEY, encoding="utf-8")
    server = start_server(
        config,
        "--token-file",
        str(folder / "key"),
        "--frame-ancestors",
        cms[0],
        "--time-budget",
        "20",
        token=KEY,
        cwd=folder,
    )
    yield server
    stop_server(server)


def banner(driver: Any) -> Any:
    return driver.find_element(By.ID, "ec-banner")


def item_for(driver: Any, rule: str, text: str | None = None) -> Any:
    for li in driver.find_elements(By.CSS_SELECTOR, "#ec-list li.ec-item, #ec-docpanel li.ec-item"):
        head = li.find_element(By.CSS_SELECTOR, ".ec-rule").text
        if head == rule and (text is None or text in li.text):
            return li
    raise AssertionError(f"no finding of {rule} ({text})")


def dismiss(driver: Any, li: Any, reason: str) -> None:
    li.find_element(By.CSS_SELECTOR, ".ec-dismiss").click()
    field = wait(driver, lambda d: li.find_element(By.CSS_SELECTOR, ".ec-reason"))
    field.send_keys(reason)
    click_and_wait(driver, li.find_element(By.CSS_SELECTOR, ".ec-dismiss-confirm"))


def marks(driver: Any) -> dict[str, str]:
    return driver.execute_script(MARKS_JS)  # type: ignore[no-any-return]


def open_desk(driver: Any, desk: Server) -> None:
    driver.get(desk.base + "/")
    grant_clipboard(driver, desk.base)
    token = driver.find_element(By.ID, "ec-token")
    token.clear()
    token.send_keys(KEY)


PASTE_JS = """
const data = new DataTransfer();
data.setData('text/html', arguments[0]);
data.setData('text/plain', arguments[1]);
const editor = document.getElementById('ec-editor');
editor.focus();
editor.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                  cancelable: true}));
"""


def test_paste_check_filter_fix_dismiss_and_recheck(
    browser: Any, desk: Server, screenshot: Any
) -> None:
    open_desk(browser, desk)
    # What Word puts on the system clipboard, pasted into the formatted editor.
    browser.execute_script(PASTE_JS, word_clipboard(), "\n".join(seed_paragraphs()))
    editor = browser.find_element(By.ID, "ec-editor")
    kept = editor.get_attribute("innerHTML")
    assert "The Department of Homeland Security" in kept and "<b>" in kept
    for gone in ("<script", "onclick", "onerror", "style=", "class=", "<img", "<o:p", "mso-"):
        assert gone not in kept, gone
    assert browser.execute_script("return window.pwned") is None
    screenshot(browser, "desk-1-pasted")

    click_and_wait(browser, browser.find_element(By.ID, "ec-submit"))
    top = banner(browser)
    assert top.get_attribute("data-verdict") == "fail" and top.text.startswith("FAIL")
    assert "A zz span." in top.text  # what fails, and why
    # The reading grade is about the whole draft: in the document panel, not on paragraph 1.
    panel = browser.find_element(By.ID, "ec-docpanel")
    assert "core/reading-grade" in panel.text and "Reading grade" in panel.text
    grade = item_for(browser, "core/reading-grade").get_attribute("data-ec")
    assert grade not in marks(browser)
    screenshot(browser, "desk-2-checked")

    # Filters: severity, category, order; the list and the highlights follow.
    before = len(visible_items(browser))
    browser.find_element(By.CSS_SELECTOR, ".ec-sev-toggle[data-severity='info']").click()
    assert all(li.get_attribute("data-severity") != "info" for li in visible_items(browser))
    assert len(visible_items(browser)) < before
    browser.find_element(By.CSS_SELECTOR, ".ec-sev-toggle[data-severity='info']").click()
    browser.find_element(By.CSS_SELECTOR, "#ec-category option[value='page-residue']").click()
    residue = visible_items(browser)
    assert residue and {li.get_attribute("data-category") for li in residue} == {"page-residue"}
    browser.find_element(By.CSS_SELECTOR, "#ec-category option[value='']").click()
    browser.find_element(By.CSS_SELECTOR, "#ec-order option[value='severity']").click()
    assert visible_items(browser)[0].get_attribute("data-severity") == "error"
    browser.find_element(By.CSS_SELECTOR, "#ec-order option[value='position']").click()

    # j / k move through the findings; a click on a highlight selects its finding.
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    order = [li.get_attribute("data-ec") for li in visible_items(browser)]
    active = browser.find_elements(By.CSS_SELECTOR, "#ec-list li.ec-active")
    assert [li.get_attribute("data-ec") for li in active] == [order[0]]
    browser.find_element(By.TAG_NAME, "body").send_keys("jjk")
    active = browser.find_elements(By.CSS_SELECTOR, "#ec-list li.ec-active")
    assert [li.get_attribute("data-ec") for li in active] == [order[1]]
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "#ec-draft iframe"))
    try:
        browser.find_element(By.CSS_SELECTOR, f"ec-mark[data-ec='{order[3]}']").click()
        assert browser.find_element(By.CSS_SELECTOR, f"ec-mark[data-ec='{order[3]}']")
    finally:
        browser.switch_to.default_content()
    active = browser.find_elements(By.CSS_SELECTOR, "#ec-list li.ec-active")
    assert [li.get_attribute("data-ec") for li in active] == [order[3]]

    # One fix, then all the residue.
    counter = item_for(browser, "core/orphan-counter")
    click_and_wait(browser, counter.find_element(By.CSS_SELECTOR, ".ec-fix"))
    clean = browser.find_element(By.ID, "ec-clean")
    assert "1 fix applied" in clean.text
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".ec-fix-all"))
    rules = {li.find_element(By.CSS_SELECTOR, ".ec-rule").text for li in visible_items(browser)}
    assert not rules & {"core/orphan-counter", "core/stray-timestamp", "core/empty-lines"}
    assert not browser.find_elements(By.CSS_SELECTOR, ".ec-fix-all")
    assert re.search(r"\d+ fixes applied", browser.find_element(By.ID, "ec-clean").text)
    screenshot(browser, "desk-3-fixed")

    # The zz span is a false alarm: dismissed with a reason, it no longer fails the draft.
    dismiss(browser, item_for(browser, "svc/zz-span"), "the sum is in the council's accounts")
    top = banner(browser)
    assert top.get_attribute("data-verdict") == "pass" and top.get_attribute("data-kind") == "warn"
    assert re.match(r"\d+ warnings?", top.text) and "1 dismissed" in top.text
    span = item_for(browser, "svc/zz-span")
    assert "ec-dismissed" in span.get_attribute("class")
    assert "the sum is in the council's accounts" in span.text
    screenshot(browser, "desk-4-dismissed")

    # Check again: the same draft keeps its dismissal.
    browser.find_element(By.ID, "ec-edit").click()
    click_and_wait(browser, browser.find_element(By.ID, "ec-submit"))
    assert banner(browser).get_attribute("data-kind") == "warn"
    assert "ec-dismissed" in item_for(browser, "svc/zz-span").get_attribute("class")

    # Copy the clean draft: formatted and plain, without the residue.
    browser.find_element(By.CSS_SELECTOR, "#ec-clean .ec-copy").click()
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ecCopied"))
    copied = read_clipboard(browser)
    assert "The Department of Homeland Security" in copied["text/plain"]
    assert "<p>" in copied["text/html"] and "zzspan a huge sum" in copied["text/plain"]
    for line in RESIDUE:
        assert line not in copied["text/plain"] and line not in copied["text/html"]


def test_google_docs_paste_through_the_real_clipboard(browser: Any, desk: Server) -> None:
    open_desk(browser, desk)
    docs = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        '<p dir="ltr" style="line-height:1.38"><span style="font-weight:700">Council '
        'votes</span><span style="font-style:italic"> tonight</span> on zzword.</p>'
        '<p dir="ltr"><a href="javascript:alert(1)">a link</a> and '
        '<a href="https://example.org/x" onmouseover="alert(2)">another</a></p>'
        '<p dir="ltr">Only 6 residents came.</p></b>'
    )
    assert browser.execute_async_script(WRITE_CLIPBOARD_JS, docs, "Council votes") == "ok"
    editor = browser.find_element(By.ID, "ec-editor")
    editor.click()
    editor.send_keys(Keys.CONTROL, "v")
    wait(browser, lambda d: "Council" in editor.get_attribute("innerHTML"))
    kept = editor.get_attribute("innerHTML")
    assert "<strong>Council votes</strong><em> tonight</em>" in kept
    assert '<a href="https://example.org/x">another</a>' in kept
    assert "javascript:" not in kept and "onmouseover" not in kept and "<b" not in kept
    click_and_wait(browser, browser.find_element(By.ID, "ec-submit"))
    assert "zzword" in marks(browser).values()
    assert banner(browser).get_attribute("data-kind") == "warn"
    # A house-style suggestion is applied when the editor asks, one at a time.
    number = item_for(browser, "news/numbers", "6")
    apply = number.find_element(By.CSS_SELECTOR, ".ec-apply")
    assert apply.text == "Apply \u201csix\u201d"
    click_and_wait(browser, apply)
    assert "1 fix applied" in browser.find_element(By.ID, "ec-clean").text
    browser.find_element(By.ID, "ec-edit").click()
    assert "Only six residents came." in editor.text and "zzword" in editor.text
    # The page's own threshold: blocking on warnings, the same draft fails.
    browser.find_element(By.CSS_SELECTOR, "#ec-threshold option[value='warning']").click()
    click_and_wait(browser, browser.find_element(By.ID, "ec-submit"))
    assert banner(browser).get_attribute("data-verdict") == "fail"
    assert "(warnings)" in banner(browser).text


def test_an_editor_reads_what_to_do_not_http(browser: Any, desk: Server) -> None:
    browser.get(desk.base + "/")
    browser.execute_script("sessionStorage.clear()")
    browser.get(desk.base + "/")
    browser.find_element(By.CSS_SELECTOR, ".ec-mode[data-kind='text']").click()
    browser.find_element(By.ID, "ec-input").send_keys("A short draft.")
    start_over(browser)
    browser.find_element(By.ID, "ec-submit").click()
    wait_ready(browser, allow_error=True)
    status = browser.find_element(By.ID, "ec-status").text
    assert "access key" in status and "Bearer" not in status and "401" not in status


def form_page(desk: Server, draft: str) -> str:
    return (
        "<!doctype html><title>CMS</title><h1>Story 42</h1>"
        f'<form method="post" action="{desk.base}/review">'
        f'<textarea name="draft" hidden>{html.escape(draft)}</textarea>'
        '<input type="hidden" name="draft_id" value="cms-story-42">'
        '<input type="hidden" name="source" value="Story 42">'
        '<button id="review">Review on the desk</button></form>'
    )


def test_the_whole_loop_from_a_cms_form_without_html_source(
    browser: Any, desk: Server, cms: tuple[str, dict[str, str]], screenshot: Any
) -> None:
    origin, pages = cms
    pages["/story.html"] = form_page(desk, SEED_HTML.read_text(encoding="utf-8"))
    browser.get(origin + "/story.html")
    browser.execute_script("sessionStorage.clear()")
    browser.find_element(By.ID, "review").click()
    wait_ready(browser, allow_error=True)  # it checks at once; the key is not given yet
    assert "access key" in browser.find_element(By.ID, "ec-status").text
    assert browser.find_element(By.ID, "ec-sub").text == "Draft loaded from your CMS: Story 42."
    grant_clipboard(browser, desk.base)
    browser.find_element(By.ID, "ec-token").send_keys(KEY)
    click_and_wait(browser, browser.find_element(By.ID, "ec-submit"))
    assert banner(browser).get_attribute("data-kind") == "warn"
    screenshot(browser, "desk-5-from-cms")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".ec-fix-all"))
    vague = item_for(browser, "core/vague-attribution", "Officials said")
    dismiss(browser, vague, "named in the next sentence")
    assert "ec-dismissed" in item_for(browser, "core/vague-attribution", "Officials").get_attribute(
        "class"
    )
    browser.find_element(By.CSS_SELECTOR, "#ec-clean .ec-copy").click()
    wait(browser, lambda d: d.execute_script("return document.body.dataset.ecCopied"))
    copied = read_clipboard(browser)
    assert copied["text/plain"].startswith("US Immigration and Customs Enforcement")
    assert copied["text/plain"].rstrip().endswith("fullest extent of the law.\u201d")
    for line in RESIDUE:
        assert line not in copied["text/plain"]
    # Never the HTML source: the formatted view was all the editor used.
    assert browser.find_element(By.ID, "ec-input").get_attribute("hidden")
    screenshot(browser, "desk-6-cms-loop-done")


EMBED_PAGE = """<!doctype html><title>CMS editor</title>
<h1>CMS: story 7</h1>
<iframe id="desk" src="{desk}/" width="1300" height="900" allow="clipboard-write"></iframe>
<script>
window.received = [];
window.addEventListener('message', function (ev) {{
  if (ev.origin !== '{desk}') {{ return; }}
  window.received.push(ev.data);
}});
window.sendToDesk = function (msg) {{
  document.getElementById('desk').contentWindow.postMessage(msg, '{desk}');
}};
</script>
"""


def messages(driver: Any, kind: str) -> list[dict[str, Any]]:
    got = driver.execute_script("return window.received")
    return [m for m in got if m.get("type") == kind]


def test_embedded_in_a_cms_page_from_another_origin(
    browser: Any, desk: Server, cms: tuple[str, dict[str, str]], screenshot: Any
) -> None:
    origin, pages = cms
    pages["/embed.html"] = EMBED_PAGE.format(desk=desk.base)
    headers = desk.get("/", auth=False).headers
    assert headers["content-security-policy"].endswith(f"frame-ancestors {origin}")
    assert "x-frame-options" not in headers
    browser.get(origin + "/embed.html")
    wait(browser, lambda d: messages(d, "editcheck:ready"))
    draft = SEED_HTML.read_text(encoding="utf-8")
    browser.execute_script(
        "sendToDesk({type: 'editcheck:load', draft: arguments[0], content_type: 'html',"
        " draft_id: 'cms-7', token: arguments[1]})",
        draft,
        KEY,
    )
    result = wait(browser, lambda d: messages(d, "editcheck:result"))[-1]
    assert result["draft_id"] == "cms-7" and result["verdict"] == "pass"
    assert result["counts"]["warning"] > 0 and result["fixed"] is False
    screenshot(browser, "desk-7-embedded")

    browser.switch_to.frame(browser.find_element(By.ID, "desk"))
    try:
        browser.find_element(By.CSS_SELECTOR, ".ec-fix-all").click()
    finally:
        browser.switch_to.default_content()
    fixed = wait(browser, lambda d: messages(d, "editcheck:fixed"))[-1]
    assert fixed["draft_id"] == "cms-7" and fixed["content_type"] == "html"
    assert fixed["applied"] and "6 hours ago" not in fixed["draft"]
    assert "fullest extent of the law" in fixed["draft"]
    results = wait(browser, lambda d: messages(d, "editcheck:result")[1:])
    assert results[-1]["fixed"] is True and results[-1]["draft"] == fixed["draft"]

    # A message from an origin the server did not name is ignored.
    browser.switch_to.frame(browser.find_element(By.ID, "desk"))
    try:
        browser.execute_script(
            "window.dispatchEvent(new MessageEvent('message', {origin: 'https://evil.example',"
            " source: window.parent, data: {type: 'editcheck:load', draft: '<p>pwned</p>'}}))"
        )
    finally:
        browser.switch_to.default_content()
    count = len(messages(browser, "editcheck:result"))
    browser.execute_script("sendToDesk({type: 'editcheck:check'})")
    after = wait(browser, lambda d: messages(d, "editcheck:result")[count:])
    assert after[-1]["draft"] == fixed["draft"]
    screenshot(browser, "desk-8-embedded-fixed")
