"""How long the source readers take: a 100-page PDF, and the web pages of ../shared/pages.

    python benchmarks/bench_sources.py [--pages 100] [--repeat 5]

The PDF is typeset here by WeasyPrint (two columns, hyphenation, running heads and feet,
footnotes) from the article texts of tests/sources/, about 4,500 characters a page, then read
with the PDF reader `check` uses (best of --repeat runs). With pdflatex on the PATH, the same
text is typeset by LaTeX too. The web pages are read the same way, one by one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefing.sources import extract
from tests.sources.make_pdfs import latex, weasy  # the typesetting of the test corpus

ROOT = Path(__file__).resolve().parents[1]


def corpus_text(pages: int) -> list[str]:
    articles = [a for f in sorted((ROOT / "tests" / "sources").glob("*.json"))
                for a in json.loads(f.read_text(encoding="utf-8"))["articles"]]
    out, size = [], 0
    while size < pages * 4800:  # about a page of 10-point text in two columns, per 4,800 characters
        for a in articles:
            out.append(a)
            size += len(a)
    return out


def best_of(repeat: int, data: bytes, name: str) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        extraction = extract(data, name)
        times.append(time.perf_counter() - t0)
        pages = len({p for _, p in extraction.page_starts})
    return min(times), pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = corpus_text(args.pages)
    from weasyprint import HTML

    pdfs = {"WeasyPrint": HTML(string=weasy(texts)).write_pdf()}
    if shutil.which("pdflatex"):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "doc.tex").write_text(latex(texts), encoding="utf-8")
            for _ in range(2):
                # a LaTeX warning exits non-zero with a good PDF: the PDF decides
                subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], cwd=tmp, capture_output=True,
                               check=False)
            if (Path(tmp) / "doc.pdf").is_file():
                pdfs["LaTeX"] = (Path(tmp) / "doc.pdf").read_bytes()
    for engine, data in pdfs.items():
        seconds, pages = best_of(args.repeat, data, "bench.pdf")
        print(f"PDF ({engine}): {pages} pages, {len(data) / 1e6:.1f} MB read in {seconds:.2f} s "
              f"({1000 * seconds / max(pages, 1):.1f} ms a page)")
    folder = ROOT.parent / "shared" / "pages"
    pages_html = sorted(folder.glob("*.html"))
    if pages_html:
        t0 = time.perf_counter()
        total = sum(len(extract(p.read_bytes(), p.name).text) for p in pages_html)
        seconds = time.perf_counter() - t0
        print(f"web pages: {len(pages_html)} pages ({sum(p.stat().st_size for p in pages_html) / 1e6:.1f} MB, "
              f"{total:,} characters of text) read in {seconds:.2f} s ({1000 * seconds / len(pages_html):.0f} ms "
              "a page, trafilatura's main-text pass included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
