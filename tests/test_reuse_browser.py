"""The reuse page in a real browser (Debian's headless Chromium via Playwright): no request,
no console error, a click on a passage opens it beside its source with the word differences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.reuse import write_corpus_files

from diffdoc.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reuse")
    corpus = folder / "c"
    runner = CliRunner()
    runner.invoke(main, ["init", str(corpus)])
    write_corpus_files(folder / "docs")
    runner.invoke(main, ["import", str(folder / "docs"), "--workers", "1", "--corpus", str(corpus)])
    out = folder / "reuse.html"
    result = runner.invoke(
        main, ["reuse", "c-2003", "-f", "html", "-o", str(out), "--corpus", str(corpus)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_click_opens_the_passage_beside_its_source(browser: Any, page_path: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    assert page.evaluate("document.documentElement.className") == "js"
    assert not page.is_visible("#pair-1")
    page.click("#passage-1")
    assert page.is_visible("#pair-1")
    assert page.inner_text("#pair-1 del") == "joint"
    assert page.inner_text("#pair-1 ins") == "common"
    assert "a-2001@v1" in page.inner_text("#pair-1")
    # the passage's colour is its source's legend colour
    colour = page.eval_on_selector("#passage-1", "m => getComputedStyle(m).backgroundColor")
    swatch = page.eval_on_selector(".legend .swatch", "s => getComputedStyle(s).backgroundColor")
    assert colour == swatch != "rgba(0, 0, 0, 0)"
    assert errors == [] and requests == [page_path.as_uri()]
    context.close()
