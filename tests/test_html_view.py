"""The reviewer HTML (`build --html`) as a browser lays it out: the shipped briefing opened in
headless Chromium, with a measuring script injected into a copy (the shipped file has none).
The script reads the real layout and writes what it measured into the DOM; ``--dump-dom``
hands it back. Skipped only where Chromium is missing outside CI (.ci/run installs it)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

# Layout facts only a browser knows, gathered once per page load.
MEASURE = r"""
<script>
(() => {
  const box = el => el.getBoundingClientRect();
  const pseudo = (el, which) => getComputedStyle(el, which).content;
  // characters on each full line of a paragraph (its last line is usually short: left out)
  function lineLengths(p) {
    const lines = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let top = null, count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("a.ref")) continue;  // the superscript note numbers
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        if (top !== null && r.top > top + r.height / 2) { lines.push(count); count = 0; }
        if (top === null || r.top > top + r.height / 2) top = r.top;
        count++;
      }
    }
    return lines;  // the last line is never pushed
  }
  const claims = [...document.querySelectorAll(".claim")].map(claim => {
    const p = claim.querySelector(".claim-text"), pb = box(p);
    return {
      id: claim.id,
      text: {top: pb.top, bottom: pb.bottom, left: pb.left, right: pb.right},
      bottom: box(claim).bottom,
      refs: [...p.querySelectorAll("a.ref")].map(a => a.getAttribute("href")),
      notes: [...claim.querySelectorAll(".footnote")].map(li => {
        const b = box(li), loc = li.querySelector(".loc");
        return {id: li.id, top: b.top, bottom: b.bottom, left: b.left, right: b.right,
                back: li.querySelector(".note-number").getAttribute("href"),
                loc: pseudo(loc, "::before") + "|" + loc.textContent + "|" + pseudo(loc, "::after"),
                passage: loc.getAttribute("href"), fontSize: parseFloat(getComputedStyle(li).fontSize)};
      }),
    };
  });
  const passages = Object.fromEntries([...document.querySelectorAll(".passage")].map(div => [div.id,
    {links: [...div.querySelectorAll(".cited-by a")].map(a => a.getAttribute("href")),
     after: [...div.querySelectorAll(".cited-by a.xref")].map(a => pseudo(a, "::after"))}]));
  const broken = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute("href"))
    .filter(href => { const t = document.getElementById(decodeURIComponent(href.slice(1)));
                      return !t || box(t).height === 0; });
  const paragraphs = [...document.querySelectorAll(".claim-text, .summary p")];
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    claims, passages, broken,
    lines: paragraphs.flatMap(lineLengths),
    bodyFontSize: parseFloat(getComputedStyle(document.querySelector(".claim-text")).fontSize),
    fetched: performance.getEntriesByType("resource").map(e => e.name),
    viewport: innerWidth, scrollWidth: document.documentElement.scrollWidth,
  });
  document.body.append(out);
})();
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is required in CI to check the reviewer HTML (.ci/run installs it)")
    pytest.skip("Chromium is not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The shipped briefing's HTML, built by the real command."""
    chromium()  # skip before the build when there is no browser
    folder = tmp_path_factory.mktemp("html")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.yaml", folder / "claims.yaml")
    result = run_cli("build", "--html", "build/briefing.html", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "build" / "briefing.html"


def measure(page: Path, width: int, tmp_path: Path) -> dict:
    shipped = page.read_text(encoding="utf-8")
    assert "<script" not in shipped  # the measuring script exists only in the test's copy
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(shipped.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={tmp_path / f'profile-{width}'}", f"--window-size={width},2000", "--dump-dom",
         probe.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no measurements from Chromium: {result.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def wide(page: Path, tmp_path_factory) -> dict:
    return measure(page, 1280, tmp_path_factory.mktemp("chromium"))


def test_each_claims_notes_are_listed_right_under_it(wide):
    claims = wide["claims"]
    assert len(claims) >= 30 and sum(len(c["notes"]) for c in claims) == 67
    for claim, following in zip(claims, [*claims[1:], None], strict=True):
        notes = claim["notes"]
        assert [f"#{n['id']}" for n in notes] == claim["refs"]
        text = claim["text"]
        for upper, note in zip([text, *notes], notes, strict=False):  # each note with the box above it
            assert note["top"] >= upper["bottom"] - 1, (claim["id"], note["id"])  # in order, below the claim
            assert text["left"] <= note["left"] and note["right"] <= text["right"] + 1, note["id"]
        assert notes[-1]["bottom"] <= claim["bottom"] + 1
        if following:
            assert claim["bottom"] <= following["text"]["top"], claim["id"]  # before the next claim


def test_lines_have_a_readable_measure(wide):
    lines = wide["lines"]
    assert len(lines) >= 40
    assert 60 <= statistics.median(lines) <= 80, sorted(lines)
    assert max(lines) <= 90, sorted(lines)
    assert wide["bodyFontSize"] >= 15
    assert min(n["fontSize"] for c in wide["claims"] for n in c["notes"]) >= 13


def test_location_brackets_close_without_page_numbers(wide):
    for claim in wide["claims"]:
        for note in claim["notes"]:
            assert re.fullmatch(r'"\["\|[\w-]+ \d+:\d+\|"\]"', note["loc"]), note["loc"]
    for passage in wide["passages"].values():
        assert all(after in ("none", "normal") for after in passage["after"]), passage  # no "p. N" on screen


def test_links_run_claim_to_note_to_passage_and_back(wide):
    assert wide["broken"] == []  # every internal link lands on something shown
    for claim in wide["claims"]:
        for note in claim["notes"]:
            assert note["back"] == f"#{claim['id']}"
            passage = wide["passages"][note["passage"][1:]]
            assert f"#{note['id']}" in passage["links"] and f"#{claim['id']}" in passage["links"]


def test_the_page_fetches_nothing_and_fits_the_window(wide, page, tmp_path):
    assert wide["fetched"] == []
    assert wide["scrollWidth"] <= wide["viewport"]
    narrow = measure(page, 400, tmp_path)  # a phone: hashes and URLs wrap, nothing scrolls sideways
    assert narrow["fetched"] == [] and narrow["scrollWidth"] <= narrow["viewport"]
