"""`glossary site` in a real browser: Debian's Chromium driven by selenium and chromium-driver.

No browser is downloaded: /usr/bin/chromium and /usr/bin/chromedriver (Debian packages
chromium and chromium-driver, installed by .ci/install-debian-packages). Without Chromium
the module is skipped, and the reason is printed as a warning in the summary.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.pinyin import pinyin_query, search_key
from glossarykit.services.site import build_site, write_site

from .conftest import REPO
from .site_sample import HOSTILE, IDS, make_site_catalogue

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1280,900",
]
SCREENSHOT = REPO / "docs" / "site-search-sanshe.png"

if not CHROMIUM.exists():
    REASON = (
        f"browser tests skipped: no Chromium at {CHROMIUM} (install the Debian packages "
        "chromium and chromium-driver, as .ci/install-debian-packages does)"
    )
    warnings.warn(REASON, stacklevel=1)
    pytest.skip(REASON, allow_module_level=True)

# Chromium is there: from here on a missing driver or selenium is a failure, not a skip.
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    assert CHROMEDRIVER.exists(), (
        f"Chromium is installed but {CHROMEDRIVER} is not: install the Debian package "
        "chromium-driver"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogue's site, as files."""
    base = tmp_path_factory.mktemp("site")
    cache = base / "cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GLOSSARY_CACHE_DIR", str(cache))
        catalogue = make_site_catalogue(base / "catalogue")
        write_site(build_site(catalogue), base / "out")
    return base / "out"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The same site from a static HTTP server on the loopback interface."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def page(site: Path, suffix: str = "") -> str:
    return (site / "index.html").as_uri() + suffix


def visible(driver: WebDriver) -> list[str]:
    """Ids of the concepts the page shows."""
    return list(
        driver.execute_script(
            "return [...document.querySelectorAll('article.concept')]"
            ".filter(a => a.offsetParent !== null).map(a => a.id)"
        )
    )


def search(driver: WebDriver, text: str) -> None:
    """Type ``text`` into the search box, key by key, as a user would."""
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)
    WebDriverWait(driver, 5).until(lambda d: box.get_attribute("value") == text)


def errors(driver: WebDriver) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三社", ["s-01"]),
        ("sanshe", ["s-01"]),
        ("聯動", ["s-01", "s-03"]),
        ("three-sector", ["s-01"]),
        ("Three Sector", ["s-01"]),
        ("sānshè liándòng", ["s-01"]),
        ("ssld", ["s-01"]),
        ("liandong", ["s-01", "s-03"]),
        ("changjiang", ["s-04"]),
        ("長江發展", ["s-04"]),
        ("shanxian", ["s-05"]),
        ("danxian", []),
        ("大湖+", ["s-06"]),
        ("", IDS),
    ],
)
def test_typing_filters_the_concepts(
    browser: WebDriver, site: Path, text: str, expected: list[str]
) -> None:
    browser.get(page(site))
    search(browser, text)
    assert visible(browser) == expected
    count = browser.find_element(By.ID, "count").text
    assert count == (
        f"{len(expected)} of 6 concepts" if len(expected) != 6 else "6 concepts"
    )
    assert browser.find_element(By.ID, "none").is_displayed() == (not expected)
    assert errors(browser) == []


def test_the_search_is_kept_in_the_url(browser: WebDriver, site: Path) -> None:
    browser.get(page(site))
    search(browser, "sanshe")
    assert browser.current_url == page(site, "?q=sanshe")
    search(browser, "聯動")
    assert browser.current_url == page(site, "?q=%E8%81%AF%E5%8B%95")


@pytest.mark.parametrize(
    ("query", "value", "expected"),
    [
        ("?q=sanshe", "sanshe", ["s-01"]),
        ("?q=%E8%81%AF%E5%8B%95", "聯動", ["s-01", "s-03"]),
        ("?q=three-sector", "three-sector", ["s-01"]),
        (
            "?q=lian&domain=%E7%A4%BE%E4%BC%9A%E6%B2%BB%E7%90%86",
            "lian",
            ["s-01", "s-03"],
        ),
        ("?origin=mined", "", ["s-02", "s-04", "s-06"]),
        (
            "?domain=%E7%94%9F%E6%80%81%E7%8E%AF%E5%A2%83&origin=mined",
            "",
            ["s-02", "s-06"],
        ),
        ("?domain=nonsense", "", IDS),
    ],
)
def test_opening_a_search_url_shows_the_filtered_list(
    browser: WebDriver, site: Path, query: str, value: str, expected: list[str]
) -> None:
    browser.get(page(site, query))
    assert browser.find_element(By.ID, "q").get_attribute("value") == value
    assert visible(browser) == expected


def test_domain_and_origin_filters(browser: WebDriver, site: Path) -> None:
    browser.get(page(site))
    Select(browser.find_element(By.ID, "domain")).select_by_value("社会治理")
    assert visible(browser) == ["s-01", "s-03"]
    Select(browser.find_element(By.ID, "origin")).select_by_value("annotated")
    assert visible(browser) == ["s-01"]
    assert browser.current_url == page(
        site, "?domain=%E7%A4%BE%E4%BC%9A%E6%B2%BB%E7%90%86&origin=annotated"
    )
    search(browser, "coordination")
    assert visible(browser) == []


def test_a_concept_anchor_opens_at_that_concept(browser: WebDriver, site: Path) -> None:
    browser.get(page(site, "#s-04"))
    state = browser.execute_script(
        "const a = document.querySelector(':target');"
        "const header = document.querySelector('header.top').getBoundingClientRect();"
        "return [a && a.id, a.getBoundingClientRect().top, header.bottom, innerHeight]"
    )
    target, top, header_bottom, height = state
    assert target == "s-04"
    # Scrolled to it, and not hidden under the sticky search header.
    assert header_bottom <= top < height
    link = browser.find_element(By.CSS_SELECTOR, "#s-04 h2 a")
    assert link.get_attribute("href") == page(site, "#s-04")


def test_anchor_and_search_together(browser: WebDriver, site: Path) -> None:
    browser.get(page(site, "?q=changjiang#s-04"))
    assert visible(browser) == ["s-04"]
    assert (
        browser.execute_script("return document.querySelector(':target').id") == "s-04"
    )


def test_keyboard_reaches_the_labelled_search_field_first(
    browser: WebDriver, site: Path
) -> None:
    browser.get(page(site))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "q"
    assert browser.execute_script(
        "return document.activeElement.labels[0].textContent"
    ) == ("Search")
    outline = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return [s.outlineStyle, s.outlineWidth]"
    )
    assert outline[0] != "none" and outline[1] != "0px"
    active.send_keys("ssld")
    assert visible(browser) == ["s-01"]
    # Focus order: the filters, then the first visible concept's link and copy button.
    order = []
    for _ in range(4):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        order.append(element.get_attribute("id") or element.get_attribute("class"))
    assert order == ["domain", "origin", "term", "copy"]


def test_every_catalogue_string_is_escaped(browser: WebDriver, site: Path) -> None:
    browser.get(page(site, "?q=%E5%A4%A7%E6%B9%96"))
    assert browser.execute_script("return window.pwned === undefined")
    assert (
        browser.execute_script(
            "return document.querySelectorAll('main script, main img, main b').length"
        )
        == 0
    )
    article = browser.find_element(By.ID, "s-06").text
    assert f"Great Lakes Plus {HOSTILE}" in article
    assert "Big Lake <b>Plus</b>" in article
    assert errors(browser) == []


def test_page_shows_every_field(browser: WebDriver, site: Path) -> None:
    browser.get(page(site, "#s-01"))
    text = browser.find_element(By.ID, "s-01").text
    for expected in (
        "三社联动 sān shè lián dòng",
        "Traditional (Hong Kong, Taiwan)\n三社聯動",
        "RENDERING three-society linkage",
        "ALT three-sector linkage",
        "AVOID three communities",
        "Definition\n“三社”指社区、社会组织、社会工作者。",
        "Definition (en)\nCommunities, social organizations and social workers.",
        "Components\n社区、社会组织、社会工作者",
        "Domain\n社会治理",
        "Origin\nannotated 1",
        "glossary/sources/report.txt:2\n深化“三社联动”,建成街道社会工作服务中心14个。\n",
    ):
        assert expected in text
    avoid = browser.find_element(By.CSS_SELECTOR, "#s-01 .avoid del")
    assert avoid.value_of_css_property("text-decoration-line") == "line-through"
    single = browser.find_element(By.ID, "s-05").text
    assert "单县 shàn xiàn" in single
    assert "needs review" in single


def test_copy_puts_the_rendering_on_the_clipboard(
    browser: WebDriver, served: str
) -> None:
    origin = served.rsplit("/", 1)[0]
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": origin,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    browser.get(served + "?q=sanshe")
    browser.find_element(By.CSS_SELECTOR, "#s-01 button.copy").click()
    status = browser.find_element(By.ID, "copied")
    WebDriverWait(browser, 5).until(lambda d: status.get_attribute("textContent"))
    assert status.get_attribute("textContent") == "Copied “three-society linkage”."
    pasted = browser.execute_async_script(
        "const done = arguments[0];"
        "navigator.clipboard.readText().then(done, e => done('error: ' + e));"
    )
    assert pasted == "three-society linkage"


def test_served_from_a_static_host_it_works_the_same(
    browser: WebDriver, served: str
) -> None:
    browser.get(served + "?q=sanshe")
    assert visible(browser) == ["s-01"]
    search(browser, "聯動")
    assert visible(browser) == ["s-01", "s-03"]
    assert browser.current_url == served + "?q=%E8%81%AF%E5%8B%95"
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name)"
    )
    assert sorted(resources) == [
        served.replace("index.html", "site.css"),
        served.replace("index.html", "site.js"),
    ]
    assert errors(browser) == []


def test_readable_on_a_phone(browser: WebDriver, site: Path) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        browser.get(page(site, "?q=%E5%A4%A7%E6%B9%96"))
        widths = browser.execute_script(
            "return [document.documentElement.scrollWidth, innerWidth,"
            " document.getElementById('q').getBoundingClientRect().right,"
            " parseFloat(getComputedStyle(document.querySelector('.fields dd')).fontSize)]"
        )
        scroll_width, width, search_right, font_size = widths
        assert scroll_width <= width  # nothing sticks out sideways
        assert search_right <= width
        assert font_size >= 16
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_print_stylesheet_drops_the_controls(browser: WebDriver, site: Path) -> None:
    browser.get(page(site))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "const d = s => getComputedStyle(document.querySelector(s)).display;"
            "return [d('form.search'), d('button.copy'), d('#count'), d('article.concept')]"
        )
        assert shown == ["none", "none", "none", "block"]
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {})
        assert base64.b64decode(pdf["data"]).startswith(b"%PDF")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_glossary_site_finds_sanshe_liandong(
    browser: WebDriver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    catalogue = load_catalogue(REPO)
    write_site(build_site(catalogue), tmp_path / "site")
    browser.get(page(tmp_path / "site"))
    index = json.loads(
        browser.execute_script("return document.getElementById('index').textContent")
    )
    search(browser, "三社")
    assert visible(browser) == [
        c.id for c in catalogue.concepts if any("三社" in f for f in c.sources)
    ]
    search(browser, "sanshe")
    shown = visible(browser)
    assert "wc2017-a06" in shown
    query = pinyin_query("sanshe")
    for entry in index:
        keys = [search_key(reading) for reading in entry["py"]]
        at_syllable = any(
            k.joined.startswith(query, at) for k in keys for at in k.starts
        )
        assert (entry["id"] in shown) == at_syllable, entry["id"]
    if request.config.getoption("--update-golden"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        browser.set_window_size(1200, 1400)
        try:
            browser.get(page(tmp_path / "site", "?q=sanshe"))
            SCREENSHOT.write_bytes(browser.get_screenshot_as_png())
        finally:
            browser.set_window_size(1280, 900)


def test_the_readme_links_the_committed_screenshot() -> None:
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/site-search-sanshe.png)" in readme
