"""Accuracy of reading real sources: web pages and PDFs, through the readers `check` uses.

    python benchmarks/accuracy_sources.py                       # ../shared/pages and tests/sources/*.pdf
    python benchmarks/accuracy_sources.py --pages DIR --pdfs DIR --show 10

Web pages: every sentence of each article's text (``articles.json``: what a reader of the page
sees) is quoted from the page and must verify; the share found in the main text (what `find`,
the closest passage and the appendix show first) is printed too. PDFs (each ``NAME.pdf`` with a
``NAME.json`` of the articles it sets, as ``tests/sources/make_pdfs.py`` writes them): every
sentence, and every pair of sentences (which crosses footnote markers, line-end hyphens and page
breaks with their running heads and feet), must verify, on the page where it starts. That page
is found independently, with pypdf. For both, the misquotations of ``accuracy.py`` (number,
negation, name, word, dropped word, splice) made of every sentence must all be rejected.

A sentence that ends right before a negation ("... building? Not ...") is left out: the rules
forbid cutting a quote there.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import WORD, _has_negation, misquotes

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.sources import extract
from briefing.verify import Corpus, verify_citation

ROOT = Path(__file__).resolve().parents[1]
# a sentence ends at . ! ? (and a closing mark), before a capital; not after an initial or a short abbreviation
SENTENCE = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Mt|No|Jr|Sr|vs))(?<!\b[A-Z][a-z]{2})(?<=[.!?])[\"”’)]?\s+"
                      r"(?=[\"“‘(]?[A-Z0-9])")
MIN_WORDS = 3


def sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out += [s.strip() for s in SENTENCE.split(paragraph) if len(s.split()) >= MIN_WORDS]
    return out


def edge_negation(sentence: str, text: str) -> bool:
    """The word after the sentence in the article is a negation: the quote may not end there."""
    at = text.find(sentence)
    after = WORD.search(text, at + len(sentence)) if at >= 0 else None
    return after is not None and _has_negation(after.group())


def alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}
        self.misses: dict[str, list[str]] = {}

    def add(self, what: str, ok: bool, example: str) -> None:
        c = self.counts.setdefault(what, [0, 0])
        c[0] += ok
        c[1] += 1
        if not ok:
            self.misses.setdefault(what, []).append(example)

    def line(self, what: str) -> str:
        ok, n = self.counts.get(what, [0, 0])
        return f"  {what:<44} {ok:>6,} / {n:<6,} {100 * ok / n if n else 0:6.2f} %"


def verify(quote: str, corpus: Corpus, sid: str):
    return verify_citation(CitationRef("c", 0, sid, quote[:3000], None, Location("bench", 1, 1)), corpus)


def misquote_cases(tally: Tally, what: str, quotes: list[str], corpus: Corpus, sid: str,
                   rng: random.Random) -> None:
    plain = alnum(corpus.raw(sid))
    for q in quotes:
        for kind, variant in misquotes(q, [o for o in quotes if o != q], rng).items():
            if alnum(variant) in plain:  # a "misquote" that is verbatim in the source is not one
                continue
            if kind == "word-dropped" and re.search(r"…|\.\.\.", q):  # the sentence's own "…" may omit the word
                continue
            tally.add(what, not verify(variant, corpus, sid).verified, f"{kind}: {variant}")


def run_pages(pages: Path, tally: Tally, rng: random.Random) -> float:
    articles = json.loads((pages / "articles.json").read_text(encoding="utf-8"))
    seconds = 0.0
    for stem, article in articles.items():
        t0 = time.perf_counter()
        extraction = extract((pages / f"{stem}.html").read_bytes(), f"{stem}.html")
        seconds += time.perf_counter() - t0
        corpus = Corpus({stem: extraction.text}, {stem: stem})
        first_other = _main_end(extraction.text, pages / f"{stem}.html")
        quotes = [s for s in sentences(article["article_text"]) if not edge_negation(s, article["article_text"])]
        for q in quotes:
            r = verify(q, corpus, stem)
            tally.add("web pages: article sentences accepted", r.verified, f"{stem}: {q}")
            if r.verified:
                tally.add("web pages: found in the main text", r.placements[0].start < first_other, f"{stem}: {q}")
        misquote_cases(tally, "web pages: misquotations rejected", quotes, corpus, stem, rng)
    return seconds / max(len(articles), 1)


def _main_end(text: str, page: Path) -> int:
    """Where the page's main text ends in the extracted text (the reader puts it first)."""
    import lxml.html

    from briefing.sources import html as reader

    root = lxml.html.document_fromstring(reader._decode(page.read_bytes(), page.name))
    paragraphs = [p for p in reader._paragraphs(root) if p.strip()]
    flags = reader._main_flags(reader._decode(page.read_bytes(), page.name), paragraphs)
    return sum(len(p) + 2 for p, f in zip(paragraphs, flags, strict=True) if f)


def true_pages(pdf: bytes) -> tuple[str, list[int]]:
    """Each page's letters and digits, run together, and where each page starts: read with pypdf,
    not with the reader under test."""
    from pypdf import PdfReader

    joined, starts = "", []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        starts.append(len(joined))
        joined += alnum(page.extract_text() or "")
    return joined, starts


def page_of(sentence: str, joined: str, starts: list[int]) -> int | None:
    key = alnum(sentence)[:32]
    at = joined.find(key)
    if at < 0 or joined.find(key, at + 1) >= 0:  # not found whole (cut by a running head), or not unique
        return None
    return sum(1 for s in starts if s <= at)


def run_pdfs(folder: Path, tally: Tally, rng: random.Random) -> None:
    for pdf in sorted(folder.glob("*.pdf")):
        truth = pdf.with_suffix(".json")
        if not truth.is_file():
            continue
        data = pdf.read_bytes()
        extraction = extract(data, pdf.name)
        sid = pdf.stem
        corpus = Corpus({sid: extraction.text}, {sid: sid})
        joined, starts = true_pages(data)
        for article in json.loads(truth.read_text(encoding="utf-8"))["articles"]:
            quotes = [s for s in sentences(article) if not edge_negation(s, article)]
            pairs = [f"{a} {b}" for a, b in pairwise(quotes) if f"{a} {b}" in article]
            for what, group in (("sentences", quotes), ("pairs of sentences", pairs)):
                for q in group:
                    r = verify(q, corpus, sid)
                    tally.add(f"PDFs: {what} accepted", r.verified, f"{pdf.name}: {q}")
                    want = page_of(q, joined, starts)
                    if r.verified and want is not None:
                        got = extraction.page_at(r.placements[0].start)
                        tally.add("PDFs: right page", got == want, f"{pdf.name}: p. {got}, not {want}: {q}")
            misquote_cases(tally, "PDFs: misquotations rejected", quotes, corpus, sid, rng)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "pages")
    ap.add_argument("--pdfs", type=Path, default=ROOT / "tests" / "sources")
    ap.add_argument("--show", type=int, default=5, help="misses to show per line")
    args = ap.parse_args()
    tally, rng = Tally(), random.Random(14)
    per_page = run_pages(args.pages, tally, rng) if (args.pages / "articles.json").is_file() else 0.0
    run_pdfs(args.pdfs, tally, rng)
    for what in tally.counts:
        print(tally.line(what))
        for miss in tally.misses.get(what, [])[:args.show]:
            print(f"      miss: {miss[:160]}")
    if per_page:
        print(f"  reading a web page takes {per_page * 1000:.0f} ms on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
