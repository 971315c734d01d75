"""Driving Debian's chromium with selenium for the review-page tests (no driver downloads).

Every wait is explicit: the page sets ``data-ec-ready`` on <body> when a review is drawn
(``error`` when a request failed), and the tests wait for that, or for a message, or for
an element, never for a fixed time. Screenshots go to a pytest temporary folder, to
``test-artifacts/`` and, when ``EDITCHECK_SCREENS_DIR`` names a folder, there too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .servicekit import ROOT

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.chrome.service import Service as DriverService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
WAIT = 30  # seconds: generous for a loaded shared machine; a pass never waits this long
__all__ = ["By", "Keys", "WebDriverWait"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1100",
]

# Text of every highlight of each annotation, from the page (frame for HTML drafts).
MARKS_JS = """
const frame = document.querySelector('#ec-draft iframe');
const doc = frame ? frame.contentDocument : document;
const out = {};
doc.querySelectorAll('ec-mark').forEach(m => {
  out[m.dataset.ec] = (out[m.dataset.ec] || '') + m.textContent;
});
return out;
"""


def start_browser(profile: Path) -> Any:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "Debian's chromium and chromium-driver are not installed "
            "(apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=DriverService(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Any, str], Path]:
    """``screenshot(driver, name)``: save the page as NAME.png (see the module doc)."""
    folder = tmp_path_factory.mktemp("screens")
    extra = os.environ.get("EDITCHECK_SCREENS_DIR")

    def save(driver: Any, name: str) -> Path:
        driver.execute_script("window.scrollTo(0, 0)")  # the verdict in the picture
        path = folder / f"{name}.png"
        driver.save_screenshot(str(path))
        for where in (ARTIFACTS, Path(extra) if extra else None):
            if where is not None:
                where.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, where / path.name)
        return path

    return save


def wait(driver: Any, condition: Callable[[Any], Any], timeout: float = WAIT) -> Any:
    return WebDriverWait(driver, timeout).until(condition)


def ready_state(driver: Any) -> str | None:
    return driver.execute_script("return document.body.getAttribute('data-ec-ready')")  # type: ignore[no-any-return]


def wait_ready(driver: Any, *, allow_error: bool = False) -> None:
    """Wait for the review to be drawn (or for the page to say why it could not be)."""
    wait(driver, ready_state)
    if not allow_error:
        status = driver.find_element(By.ID, "ec-status")
        assert ready_state(driver) == "1", status.text


def start_over(driver: Any) -> None:
    """Forget the last review's ready flag before an action that redraws it."""
    driver.execute_script("document.body.removeAttribute('data-ec-ready')")


def click_and_wait(driver: Any, element: Any) -> None:
    start_over(driver)
    element.click()
    wait_ready(driver)


def grant_clipboard(driver: Any, origin: str) -> None:
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )


READ_CLIPBOARD_JS = """
const done = arguments[arguments.length - 1];
navigator.clipboard.read().then(async items => {
  const out = {};
  for (const item of items) {
    for (const type of item.types) { out[type] = await (await item.getType(type)).text(); }
  }
  done(out);
}, err => done({error: String(err)}));
"""

WRITE_CLIPBOARD_JS = """
const done = arguments[arguments.length - 1];
const item = new ClipboardItem({
  'text/html': new Blob([arguments[0]], {type: 'text/html'}),
  'text/plain': new Blob([arguments[1]], {type: 'text/plain'}),
});
navigator.clipboard.write([item]).then(() => done('ok'), err => done(String(err)));
"""


def read_clipboard(driver: Any) -> dict[str, str]:
    data = driver.execute_async_script(READ_CLIPBOARD_JS)
    assert "error" not in data, data
    return data  # type: ignore[no-any-return]


def visible_items(driver: Any) -> list[Any]:
    return [li for li in driver.find_elements(By.CSS_SELECTOR, "#ec-list li") if li.is_displayed()]
