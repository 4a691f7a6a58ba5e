"""Typeset the test PDFs in tests/sources/ from the article texts of ../shared/pages (MIT licence).

    python tests/sources/make_pdfs.py [--pages ../shared/pages] [--out tests/sources]

Three engines, so the PDF reader is not tuned to one: LaTeX (pdflatex: two columns, running
head and foot with the page number, footnotes, hyphenation), groff (ms macros through gropdf:
two columns, running heads and footers, footnotes, hyphenation) and WeasyPrint (CSS columns,
``hyphens: auto``, page-margin heads and footers, ``float: footnote``). Each document gets a
``.json`` beside it: the article texts it sets, in order, which the tests and
``benchmarks/accuracy_sources.py`` quote from. CI does not need LaTeX or groff: the PDFs are
committed; this script is how they were made (``apt-get install texlive-latex-recommended groff``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = {  # document -> the articles it sets (stems of ../shared/pages), a few pages each
    "latex-two-columns": ["833caf3bdba53dcf", "7a664e40d256470f", "8634d1211c3f2b73"],
    "groff-two-columns": ["d0382c0d9573a0a7", "264dc3ae31249cb1", "3cb22bfabed8de71"],
    "weasyprint-columns": ["7dfc3e359d7c0ca4", "359fee228518d55b", "14cc2a0ca59c62a8"],
}
FOOTNOTE_EVERY = 5  # a footnote after every fifth sentence, mid-paragraph
SENTENCE_END = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z])")
# what the three engines can all set; the rest (emoji, CJK) is left out of the articles
SETTABLE = re.compile("[^\n -~\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")


def articles(pages: Path, stems: list[str]) -> list[str]:
    data = json.loads((pages / "articles.json").read_text(encoding="utf-8"))
    out = []
    for stem in stems:
        text = SETTABLE.sub("", data[stem]["article_text"])
        out.append("\n\n".join(" ".join(p.split()) for p in text.split("\n") if p.strip()))
    return out


def with_footnotes(paragraph: str, counter: list[int], mark: str) -> str:
    """``mark`` (with {n} for its number, {w} for words of the sentence) after every
    FOOTNOTE_EVERY-th sentence end but the last."""
    parts = SENTENCE_END.split(paragraph)
    out = []
    for k, s in enumerate(parts):
        counter[0] += 1
        # each note its own words (the sentence's first two), as real notes are: no two alike
        note = mark.replace("{n}", str(counter[0])).replace("{w}", " ".join(re.findall(r"[A-Za-z]+", s)[:2]))
        noted = counter[0] % FOOTNOTE_EVERY == 0 and k < len(parts) - 1
        out.append(s + (note if noted else ""))
    return " ".join(out)


def latex(texts: list[str]) -> str:
    def esc(s: str) -> str:
        s = re.sub(r"([\\{}$&#%_^~])", lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(
            m.group(1), "\\" + m.group(1)), s)
        return s.replace("\u2026", r"\ldots{}").replace("\u00a0", "~")
    counter = [0]
    body = []
    for i, t in enumerate(texts):
        body.append(f"\\section*{{Article {i + 1}}}")
        for p in t.split("\n\n"):
            note = r"\footnote{Note {n}: on {w}, as reported at the time.}"
            body.append(with_footnotes(esc(p), counter, note) + "\n")
    return ("\\documentclass[twocolumn,10pt]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
            "\\usepackage[utf8]{inputenc}\n\\usepackage[margin=2cm]{geometry}\n\\usepackage{fancyhdr}\n"
            "\\pagestyle{fancy}\\fancyhf{}\\fancyhead[L]{Test corpus: news articles}\\fancyhead[R]{\\thepage}"
            "\\fancyfoot[C]{Draft for review, page \\thepage}\n\\begin{document}\n" + "\n".join(body)
            + "\n\\end{document}\n")


def groff(texts: list[str]) -> str:
    def esc(s: str) -> str:
        s = s.replace("\\", "\\e")
        return re.sub(r"(?m)^([.'])", r"\\&\1", s)
    counter = [0]
    out = [".ds LH Test corpus: news articles", ".ds CH", ".ds RH %", ".ds LF", ".ds CF Draft for review, page %",
           ".ds RF", ".nr PS 10", ".nr VS 12", ".2C", ".hy 1"]
    for i, t in enumerate(texts):
        out += [".SH", f"Article {i + 1}"]
        for p in t.split("\n\n"):
            out.append(".PP")
            text = with_footnotes(esc(p), counter, "\\**\n.FS\nNote {n}: on {w}, as reported at the time.\n.FE\n")
            out += [line if not line.startswith((".", "'")) or line.startswith((".FS", ".FE")) else "\\&" + line
                    for line in text.split("\n")]
    return "\n".join(out) + "\n"


def weasy(texts: list[str]) -> str:
    counter = [0]
    body = []
    for i, t in enumerate(texts):
        body.append(f"<h2>Article {i + 1}</h2>")
        for p in t.split("\n\n"):
            note = '<span class="fn">Note {n}: on {w}, as reported at the time.</span>'
            body.append("<p>" + with_footnotes(html.escape(p), counter, note) + "</p>")
    css = ("@page { size: A4; margin: 2.2cm 2cm; @top-left { content: 'Test corpus: news articles'; }"
           " @top-right { content: counter(page); }"
           " @bottom-center { content: 'Draft for review, page ' counter(page); } }"
           " body { font: 10pt/1.3 serif; columns: 2; column-gap: 1cm; hyphens: auto; text-align: justify; }"
           " .fn { float: footnote; font-size: 8pt; }"
           " ::footnote-call { content: counter(footnote); vertical-align: super; font-size: 70%; }")
    return f"<!doctype html><html lang=en><head><style>{css}</style></head><body>{''.join(body)}</body></html>"


def make(name: str, texts: list[str], out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if name.startswith("latex"):
            (work / "doc.tex").write_text(latex(texts), encoding="utf-8")
            for _ in range(2):
                subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], cwd=work, check=True,
                               capture_output=True)
            pdf = (work / "doc.pdf").read_bytes()
        elif name.startswith("groff"):
            pdf = subprocess.run(["groff", "-k", "-ms", "-Tpdf"], input=groff(texts).encode("utf-8"),
                                 check=True, capture_output=True).stdout
        else:
            from weasyprint import HTML
            pdf = HTML(string=weasy(texts)).write_pdf()
    (out / f"{name}.pdf").write_bytes(pdf)
    (out / f"{name}.json").write_text(json.dumps({"articles": texts}, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "pages")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args()
    for name, stems in SETS.items():
        make(name, articles(args.pages, stems), args.out)
        print(f"wrote {args.out / (name + '.pdf')}")


if __name__ == "__main__":
    main()
