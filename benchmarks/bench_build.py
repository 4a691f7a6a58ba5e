"""How much does `briefing build` cost beyond WeasyPrint's own rendering?

    python benchmarks/bench_build.py [--claims claims.yaml] [--repeat 3]

In one process, after a warm-up render (fontconfig and font loading happen once):

- briefing build: load, verify, build the page model, render HTML, render the PDF with its
  attachments, write it atomically; the work `python -m briefing build` does after start-up;
- WeasyPrint alone, same options: the same HTML to PDF with the same options (tagged
  PDF/UA-1, the same attachments): the floor for this document;
- WeasyPrint alone, defaults: the same HTML with WeasyPrint's default options.

Overhead is briefing's time minus WeasyPrint's, as a share of WeasyPrint's. Medians of --repeat runs, in rotating order.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from weasyprint import HTML, Attachment

from briefing.check import run_check
from briefing.record.verification import CLAIMS_ATTACHMENT, RECORD_ATTACHMENT, record_bytes
from briefing.render import build_stamp, render_briefing
from briefing.render.fetcher import TemplatesOnlyFetcher
from briefing.render.html import render_html, templates_dir
from briefing.render.model import briefing_context


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=Path, default=Path("claims.yaml"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    loaded, sources, report = run_check(args.claims)
    templates = templates_dir(loaded)
    # the page references as literal numbers, as the build lays them out (render/pagerefs.py)
    html = render_html(briefing_context(loaded, sources, report), templates, page_of={})
    base_url = templates.resolve().as_uri() + "/"
    stamp = build_stamp(loaded.spec.date)

    def attachments():
        return [Attachment(string=loaded.raw, name=CLAIMS_ATTACHMENT, created=stamp, modified=stamp),
                Attachment(string=record_bytes(report), name=RECORD_ATTACHMENT, created=stamp, modified=stamp)]

    def weasyprint_defaults():
        HTML(string=html, base_url=base_url).write_pdf()

    def weasyprint_same_options():
        HTML(string=html, base_url=base_url, url_fetcher=TemplatesOnlyFetcher(templates)).write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=b"briefing", attachments=attachments())

    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "briefing.pdf"

        def briefing_build():
            loaded_, sources_, report_ = run_check(args.claims)
            output.write_bytes(render_briefing(loaded_, sources_, report_)[0])

        weasyprint_defaults()  # warm-up
        jobs = [("briefing build", briefing_build), ("WeasyPrint alone, same options", weasyprint_same_options),
                ("WeasyPrint alone, defaults", weasyprint_defaults)]
        runs: dict[str, list[float]] = {name: [] for name, _ in jobs}
        stages = []
        for k in range(args.repeat):
            for name, job in jobs[k % 3:] + jobs[:k % 3]:  # rotate, so no job always runs first
                runs[name].append(timed(job))
            stages.append(timed(lambda: run_check(args.claims)))

    median = {name: statistics.median(times) for name, times in runs.items()}
    print(f"claims: {args.claims} ({len(report.results)} citations, {len(sources)} sources); "
          f"HTML {len(html):,} chars; median of {args.repeat} runs")
    print(f"{'':32} {'seconds':>8}")
    for name, value in median.items():
        print(f"{name:32} {value:8.2f}")
    print(f"{'  of which check (load+verify)':32} {statistics.median(stages):8.2f}")
    floor = median["WeasyPrint alone, same options"]
    overhead = (median["briefing build"] - floor) / floor
    print(f"overhead beyond WeasyPrint (same options): {overhead:+.1%}")
    defaults = median["WeasyPrint alone, defaults"]
    print(f"overhead beyond WeasyPrint (defaults):     {(median['briefing build'] - defaults) / defaults:+.1%}")


if __name__ == "__main__":
    main()
