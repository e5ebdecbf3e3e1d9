"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Where no Chromium is installed the tests are skipped with a message saying how to install
it; in CI (`CI=true`) a missing Chromium or axe-core is an error, never a skip.
"""
import json
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in the test thread; without this Django refuses
# the ORM calls the tests and fixtures make from that thread. Set before any database access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.conftest import World  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
SPANISH_CATALOG = REPO / "src" / "puente" / "locale" / "es" / "LC_MESSAGES" / "django.mo"
PASSWORD = "pw-Secret-123"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Impacts that fail a page; "minor" and "moderate" findings are not gated.
BLOCKING_IMPACTS = {"serious", "critical"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(path: Path, message: str) -> None:
    """Skip locally when a tool is missing; in CI fail loudly instead."""
    if path.exists():
        return
    if in_ci():
        pytest.fail(f"{message} (CI=true: browser tests must not be skipped)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Chromium not found at /usr/bin/chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    require(AXE_JS, f"axe-core not found at {AXE_JS}: run `npm ci` in the repository root")
    return AXE_JS


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def world(transactional_db):
    """The shared two-agency world, on a database the live server thread can see.

    Transactional tests empty every table between tests, including the countries a data
    migration created, so put them back before building the world.
    """
    from puente.registry.models import Country

    Country.objects.update_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    Country.objects.update_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
    return World()


def _open_page(browser, live_server, request, *, bypass_csp: bool):
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    # What went wrong in the page: a CSP refusal or script error logged to the console, an
    # uncaught exception, an answer of 400 or more. Browsers ask for /favicon.ico on their own;
    # the site has none, so that request is not counted.
    page.errors = []

    def on_console(msg):
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            page.errors.append(f"console: {msg.text}")

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            page.errors.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: page.errors.append(f"page error: {exc}"))
    page.on("response", on_response)
    page.on("requestfailed", lambda req: page.errors.append(f"request failed: {req.method} {req.url} {req.failure}"))
    return context, page


def _close_page(context, page, request):
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        page.screenshot(path=str(ARTIFACTS / f"failed-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context and page, with the site's Content-Security-Policy enforced."""
    context, page = _open_page(browser, live_server, request, bypass_csp=False)
    yield page
    _close_page(context, page, request)


@pytest.fixture
def axe_page(browser, axe_source, live_server, request):
    """A page where axe-core can be injected: the CSP would refuse its inline script tag."""
    context, page = _open_page(browser, live_server, request, bypass_csp=True)
    yield page
    _close_page(context, page, request)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Let fixtures see whether the test failed, to keep a screenshot of the failing page.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# Helpers shared by the test modules.


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form (django-axes sees a real attempt)."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def switch_language(page, code: str) -> None:
    """Use the language switch in the page header and wait for the page to come back."""
    page.select_option("#language-select", code)
    with page.expect_navigation():
        page.click("form.language-switch button[type=submit]")
    assert page.get_attribute("html", "lang") == code


def html_lang(page) -> str:
    return page.get_attribute("html", "lang")


def axe_violations(page, axe_path: Path) -> list[dict]:
    """Run axe-core on the current page; return its serious and critical violations."""
    page.add_script_tag(path=str(axe_path))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{where}] {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines())
            lines.append(f"    target {json.dumps(node['target'])}: {summary}")
    return "\n".join(lines)


# What axe leaves to "needs review" but a page can check for certain: every id an ARIA
# attribute or a label points at exists, ids are unique, the title names the page, and
# the page has one main heading.
_PAGE_CHECKS = """() => {
  const problems = [];
  const attrs = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage'];
  for (const el of document.querySelectorAll(attrs.map(a => `[${a}]`).join(','))) {
    for (const attr of attrs) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${attr}="${id}" on <${el.tagName.toLowerCase()} id="${el.id}"> names no element`);
      }
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    const control = document.getElementById(label.htmlFor);
    if (!control || !control.labels) problems.push(`<label for="${label.htmlFor}"> labels no form control`);
  }
  const seen = {};
  for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
  for (const [id, count] of Object.entries(seen)) if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  const title = document.title.split('·')[0].trim();
  if (!title) problems.push(`the title "${document.title}" does not name the page`);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} <h1> elements, expected one`);
  return problems;
}"""


def page_problems(page) -> list[str]:
    return page.evaluate(_PAGE_CHECKS)
