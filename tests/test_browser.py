"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Uses the system browser (/usr/bin/chromium, `apt-get install chromium`; .ci/run installs it),
never a browser downloaded by `playwright install`. Skipped, with the reason, where it is
missing. DIFFDOC_SCREENSHOT=docs/report.png also writes the README's screenshot.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.paths import ROOT, SEED
from test_report_html import hostile_case

from diffdoc.compare import compare_files
from diffdoc.report import render

DEMO_DRAFT = ROOT / "demo" / "sco-2002-illustrative-edited-draft.md"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed against the illustrative edited draft: every kind of change."""
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(compare_files(SEED, DEMO_DRAFT), "html"), encoding="utf-8")
    return path


class Watched:
    """A page with its console messages, page errors, requests and dialogs recorded."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, query: str = "") -> Any:
        self.page.goto(path.as_uri() + query)
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    session = Watched(browser, viewport={"width": 1400, "height": 900})
    yield session
    session.close()


def test_opens_without_console_errors_or_network_requests(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    assert page.title().startswith("Comparison of sco-2002-06-07")
    assert page.evaluate("document.documentElement.className") == "js"
    assert watched.errors == []
    assert watched.console == []
    assert watched.requests == [report.as_uri()]


def test_n_three_times_focuses_the_third_change(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    for _ in range(3):
        page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "change-3"
    assert page.eval_on_selector_all(".row.change.current", "rows => rows.map(r => r.id)") == [
        "change-3"
    ]
    assert page.inner_text("#change-position") == "Change 3 of 11"
    assert page.is_visible("#change-3")
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == "change-2"
    page.click("#next-change")
    assert page.evaluate("document.activeElement.id") == "change-3"
    # following a link in the list of changes makes that change the current one
    page.click('nav.changes a[href="#change-7"]')
    assert page.evaluate("document.activeElement.id") == "change-7"
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "change-8"
    assert watched.errors == [] and watched.console == []


def test_inline_view_is_remembered_in_the_url(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    assert page.is_visible("#change-1 .side.new")
    assert not page.is_visible("#change-1 .inline")
    page.click("#view-inline")
    assert page.url.endswith("?view=inline")
    assert not page.is_visible("#change-1 .side.new")
    assert page.is_visible("#change-1 .inline")
    assert page.inner_text("#change-1 .inline del") == "is in accord with"
    # every changed paragraph can still be cited: its old and new numbers show
    assert page.locator(".row.change .inline .pn:visible").count() == 12
    assert page.inner_text("#change-1 .inline .pn") == "3 → 3"
    # a visible gap between the deletion and the insertion that replaces it
    deleted = page.locator("#change-1 .inline del").bounding_box()
    inserted = page.locator("#change-1 .inline ins").bounding_box()
    assert inserted["x"] - (deleted["x"] + deleted["width"]) >= 4
    assert page.get_attribute("#view-inline", "aria-pressed") == "true"
    page.reload()
    assert page.is_visible("#change-1 .inline")
    page.click("#view-side")
    assert "view=" not in page.url
    assert page.is_visible("#change-1 .side.new")
    assert watched.errors == [] and watched.console == []


def test_a_collapsed_run_expands_with_one_click(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    run = page.locator("details.run").first
    first_row = run.locator(".same").first
    assert run.get_attribute("open") is None
    assert not first_row.is_visible()
    run.locator("summary").click()
    assert run.get_attribute("open") is not None
    assert first_row.is_visible()


def test_moved_paragraph_links_lead_to_each_other(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    page.click(".row.moved-away .caption a")
    move = page.evaluate("document.activeElement.id")
    assert page.get_attribute(f"#{move}", "class") == "row change op-move kind-paragraph current"
    page.click(f"#{move} .caption .note a")
    assert page.url.endswith("#old-27")
    assert page.is_visible("#old-27")


def test_screenshot(watched: Watched, report: Path, tmp_path: Path) -> None:
    page = watched.open(report)
    for _ in range(9):
        page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "change-9"
    path = tmp_path / "report.png"
    page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    wanted = os.environ.get("DIFFDOC_SCREENSHOT")
    if wanted:
        Path(wanted).write_bytes(path.read_bytes())


def test_readable_without_javascript(browser: Any, report: Path) -> None:
    session = Watched(browser, java_script_enabled=False)
    try:
        page = session.open(report)
        assert page.evaluate("1") == 1  # evaluate still works: only the page's scripts are off
        assert page.is_visible("#change-1 .side.new")
        assert not page.is_visible(".toolbar")
        assert page.is_visible("nav.changes")
        page.locator("details.run summary").first.click()
        assert page.locator("details.run .same").first.is_visible()
        assert session.requests == [report.as_uri()]
    finally:
        session.close()


def test_hostile_text_runs_nothing(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render(hostile_case(), "html"), encoding="utf-8")
    session = Watched(browser)
    try:
        page = session.open(path)
        page.hover(".version.old")
        page.click("#change-1 .side.new")
        assert session.dialogs == []
        assert session.errors == [] and session.console == []
        assert session.requests == [path.as_uri()]
        assert "<script>alert('title')</script>" in page.inner_text(".same")
    finally:
        session.close()


def test_narrow_screen_stacks_the_sides(browser: Any, report: Path) -> None:
    session = Watched(browser, viewport={"width": 420, "height": 900})
    try:
        page = session.open(report)
        old = page.locator("#change-1 .side.old").bounding_box()
        new = page.locator("#change-1 .side.new").bounding_box()
        assert new["y"] >= old["y"] + old["height"] - 1
        assert abs(new["x"] - old["x"]) < 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 420
    finally:
        session.close()


def test_dark_scheme_and_print(browser: Any, report: Path) -> None:
    session = Watched(browser, color_scheme="dark")
    try:
        page = session.open(report)
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == "rgb(23, 24, 26)"
        page.emulate_media(media="print")
        assert not page.is_visible("nav.changes")
        assert not page.is_visible(".toolbar")
        assert page.is_visible("#change-1")
        pdf = page.pdf(format="A4")
        assert pdf[:5] == b"%PDF-"
    finally:
        session.close()


def test_unchanged_paragraph_is_one_element_with_both_numbers(
    watched: Watched, report: Path
) -> None:
    page = watched.open(report)
    # one element per unchanged paragraph; the style sheet shows its old and new numbers
    # (children only for marks: typography hints, bracketed text)
    marks = "p.same > :not(.typo):not(.neg-bracket)"
    assert page.evaluate(f"document.querySelectorAll('{marks}').length") == 0
    first = page.locator("main > .same").first
    numbers = first.evaluate(
        "p => [getComputedStyle(p, '::before').content, getComputedStyle(p, '::after').content]"
    )
    assert numbers == [f'"{first.get_attribute("data-o")}"', f'"{first.get_attribute("data-n")}"']
    # an old number's link (#old-N) finds the paragraph by data-o, opening its collapsed run
    run = page.locator("details.run").first
    target = run.locator(".same").nth(1)
    old, new = target.get_attribute("data-o"), target.get_attribute("data-n")
    page.evaluate(f"window.location.hash = 'old-{old}'")
    assert run.get_attribute("open") is not None
    assert target.is_visible()
    # a click on a number links to it, like the numbers of changed paragraphs
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 10, box["y"] + 14)
    assert page.evaluate("location.hash") == f"#new-{new}"
    box = target.bounding_box()  # following the link scrolled the page
    page.mouse.click(box["x"] + 10, box["y"] + 14)
    assert page.evaluate("location.hash") == f"#old-{old}"
    assert watched.errors == [] and watched.console == []


def test_current_change_is_marked_in_the_list_of_changes(watched: Watched, report: Path) -> None:
    page = watched.open(report)
    page.keyboard.press("n")
    page.keyboard.press("n")
    current = page.eval_on_selector_all("nav.changes li[aria-current]", "l => l.map(e => e.id)")
    assert current == ["nav-change-2"]
    background = page.eval_on_selector("#nav-change-2", "e => getComputedStyle(e).backgroundColor")
    assert background != page.eval_on_selector(
        "#nav-change-1", "e => getComputedStyle(e).backgroundColor"
    )


@pytest.fixture(scope="module")
def long_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120 KB real text with one word changed near its end: the change lies far below the
    first screen, past hundreds of rows whose height the browser only guesses until they are
    drawn (content-visibility: auto)."""
    from helpers.paths import TEXTS

    source = TEXTS / "paris-2015-11-06-adp-draft-agreement.okfn-md.en.txt"
    if not source.exists():
        pytest.skip(f"real texts not found at {TEXTS} (set DIFFDOC_SHARED to the shared folder)")
    folder = tmp_path_factory.mktemp("long")
    text = source.read_text(encoding="utf-8")
    at = text.index(" Parties", int(len(text) * 0.85))
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(text, encoding="utf-8")
    new.write_text(text[:at] + " Governments" + text[at + len(" Parties") :], encoding="utf-8")
    comparison = compare_files(old, new)
    assert comparison.stats.modify == 1
    path = folder / "report.html"
    path.write_text(render(comparison, "html"), encoding="utf-8")
    return path


def _moved_by_a_second_jump(page: Any, selector: str) -> float:
    """How far (px) the element moves when scrolled to again, now that the rows before it
    are laid out: 0 when the first jump landed where it should."""
    return float(
        page.evaluate(
            """(selector) => {
                const row = document.querySelector(selector);
                const before = row.getBoundingClientRect().top;
                row.scrollIntoView({ block: "center" });
                return Math.abs(row.getBoundingClientRect().top - before);
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("query", ["", "?view=inline"])
@pytest.mark.parametrize("how", ["key", "button", "list"])
@pytest.mark.parametrize("size", [(1280, 800), (1400, 900)])
def test_the_first_jump_lands_on_the_change_in_a_long_report(
    browser: Any, long_report: Path, query: str, how: str, size: tuple[int, int]
) -> None:
    watched = Watched(browser, viewport={"width": size[0], "height": size[1]})
    try:
        page = watched.open(long_report, query)
        if how == "key":
            page.keyboard.press("n")
        elif how == "button":
            page.click("#next-change")
        else:
            page.evaluate("document.querySelector('nav.changes details').open = true")
            page.click("#nav-change-1 a")
        page.wait_for_timeout(400)  # what a person sees after the jump has settled
        assert page.inner_text("#change-position") == "Change 1 of 1"
        # Where a second press would put it (it was hundreds of px off before).
        assert _moved_by_a_second_jump(page, "#change-1") < 4
        assert watched.errors == []
    finally:
        watched.close()


def test_evolution_page_fits_at_1400_px(browser: Any, tmp_path: Path) -> None:
    """The versions table stays inside its column with long labels and notes, and the heat
    map's paragraph labels wrap instead of being cut mid-word."""
    from click.testing import CliRunner
    from helpers.paths import TEXTS

    from diffdoc.cli import main

    names = sorted(TEXTS.glob("us-uk-2023-06-08-atlantic-declaration.wh-md.v*.en.txt"))
    if len(names) < 3:
        pytest.skip(f"real texts not found at {TEXTS} (set DIFFDOC_SHARED to the shared folder)")
    out = tmp_path / "evolution.html"
    result = CliRunner().invoke(main, ["history", *map(str, names), "-o", str(out)])
    assert result.exit_code == 0, result.output
    watched = Watched(browser, viewport={"width": 1400, "height": 900})
    try:
        page = watched.open(out)
        widths = page.evaluate(
            """() => {
                const table = document.querySelector("table.versions");
                return [table.getBoundingClientRect().right,
                        document.querySelector("section").getBoundingClientRect().right,
                        table.parentElement.scrollWidth, table.parentElement.clientWidth];
            }"""
        )
        assert widths[0] <= widths[1] + 1 and widths[2] <= widths[3], widths
        clipped = page.evaluate(
            """() => [...document.querySelectorAll(".heat td.label")]
                .filter(cell => cell.scrollWidth > cell.clientWidth + 1).length"""
        )
        assert clipped == 0
        assert watched.errors == []
    finally:
        watched.close()
