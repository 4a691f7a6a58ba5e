"""Accuracy on generated quote variants: legitimate edits must verify, misquotations must not.

    python benchmarks/accuracy.py                  # the five seed articles
    python benchmarks/accuracy.py --per-source 80 --show 5

From every source it draws word-bounded passages (deterministically) and derives variants,
each labelled by the rule it exercises: legitimate ones (typography, framing, case,
punctuation, ellipsis, bracket, slip) and misquotations (number, negation, name, word,
dropped word, splice, hidden negation, wrong source). It prints, per rule, how many were
accepted, beside what `rapidfuzz.fuzz.partial_ratio >= 90` would have accepted.
The verifier is called in-process (it is pure); the CLI wraps the same function.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation
from briefing.verify.lexicon import NEGATIONS, NUMBER_WORDS, is_negation, real_word_change

ROOT = Path(__file__).resolve().parents[1]
# numbers first (60,000 and 2023-12-08 are one word), and abbreviations (U.N. is one word)
WORD = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+(?:[.,]\d+)*)*[^\W_]*"
                  r"|[A-Z](?:\.[A-Z])+\.?(?:['’][sS])?"
                  r"|[^\W_]+(?:['’`][^\W_]+)*")
NAMES = ["Japan", "Moscow", "Geneva", "Smith", "Tokyo", "Europe", "Ottawa"]
SWAPS = {"may": "will", "will": "may", "both": "neither", "more": "less", "most": "least", "all": "some",
         "some": "all", "must": "should", "should": "must", "can": "could", "and": "or", "or": "and",
         "before": "after", "after": "before", "recent": "former", "strongly": "mildly", "also": "only"}


def passages(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Spans of 4-30 whole words within one paragraph that do not cut a negation off at an edge."""
    out: list[tuple[int, int]] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    paragraphs = [p for p in paragraphs if len(WORD.findall(text[p[0]:p[1]])) >= 8]
    for _ in range(count * 5):
        if len(out) >= count or not paragraphs:
            break
        a, b = rng.choice(paragraphs)
        words = list(WORD.finditer(text, a, b))
        n = rng.randint(4, min(30, len(words)))
        i = rng.randint(0, len(words) - n)
        before = words[i - 1].group() if i > 0 else ""
        if before and text[words[i - 1].end():words[i].start()] == "-":  # "refoulement" of "non-refoulement"
            before = f"{before}-{words[i].group()}"
        after = words[i + n].group() if i + n < len(words) else ""
        if _has_negation(before) or _has_negation(after):
            continue
        out.append((words[i].start(), words[i + n - 1].end()))
    return out


def legit(q: str, text: str, span: tuple[int, int], rng: random.Random) -> dict[str, str]:
    out = {"exact": q}
    out["typography"] = (q.replace("’", "'").replace("“", '"').replace("”", '"').replace(" ", "\n", 1)
                         .replace("—", "--").replace("ó", "o").replace("á", "a"))
    out["framing"] = f"  “{q}”  "
    if q[0].islower():
        out["case"] = q[0].upper() + q[1:]
    elif q[0].isupper() and len(q) > 1 and q[1].islower():
        out["case"] = q[0].lower() + q[1:]
    words = list(WORD.finditer(q))
    if len(words) >= 8:
        i = rng.randint(2, len(words) - 5)
        j = rng.randint(i + 1, min(i + 6, len(words) - 2))
        omitted = q[words[i].start():words[j].start()]
        if not _has_negation(omitted):
            out["ellipsis"] = q[:words[i].start()].rstrip() + " … " + q[words[j].start():]
    if len(words) >= 4:
        k = rng.randint(1, 2)
        replaced = q[:words[k].start()]
        if not _has_negation(replaced) and not re.search(r"\d", replaced) and \
                not any(w.lower() in NUMBER_WORDS for w in WORD.findall(replaced)):
            out["bracket"] = "[They] " + q[words[k].start():]
    slippable = [w for w in words if w.group().isalpha() and w.group().islower() and len(w.group()) >= 6
                 and not is_negation(w.group()) and w.group() not in NUMBER_WORDS]
    if len(words) >= 3 and slippable:
        w = rng.choice(slippable)
        s = w.group()
        k = rng.randint(1, len(s) - 3)
        slipped = s[:k] + s[k + 1] + s[k] + s[k + 2:]
        if slipped != s and not real_word_change(slipped, s):  # another real word is a changed word
            out["slip"] = q[:w.start()] + slipped + q[w.end():]
    if q[-1] in ".,;:" and len(q) > 2:
        out["final-punctuation"] = q[:-1]
    return out


def _has_negation(text: str) -> bool:
    if re.search(r"(?i)\b(?:non|un|il|ir)-\s*$", text):  # a prefix cut off from its word ("non-" of "non-refoulement")
        return True
    return any(is_negation(w.lower().replace("’", "'")) for w in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text))


def misquotes(q: str, others: list[str], rng: random.Random) -> dict[str, str]:
    out = {}
    words = list(WORD.finditer(q))
    digits = [m for m in re.finditer(r"\d", q)]
    if digits:
        m = rng.choice(digits)
        out["number"] = q[:m.start()] + str((int(m.group()) + rng.randint(1, 9)) % 10) + q[m.end():]
    numwords = [w for w in words if w.group().lower() in NUMBER_WORDS]
    if numwords:
        w = rng.choice(numwords)
        out["number-word"] = q[:w.start()] + ("eleven" if w.group().lower() != "eleven" else "twelve") + q[w.end():]
    interior = words[1:-1]
    negs = [w for w in interior if w.group().lower() in NEGATIONS]
    if negs:
        w = rng.choice(negs)
        out["negation-dropped"] = q[:w.start()] + q[w.end() + 1:]
    verbs = [w for w in interior if w.group().lower() in ("is", "are", "was", "were", "will", "would", "can", "may")]
    if verbs:
        w = rng.choice(verbs)
        out["negation-added"] = q[:w.end()] + " not" + q[w.end():]
    names = [w for w in words[1:] if w.group()[0].isupper() and w.group()[1:].islower() and len(w.group()) > 2]
    if names:
        w = rng.choice(names)
        out["name"] = q[:w.start()] + rng.choice([n for n in NAMES if n != w.group()]) + q[w.end():]
    swaps = [w for w in words if w.group().lower() in SWAPS]
    if swaps:
        w = rng.choice(swaps)
        out["word"] = q[:w.start()] + SWAPS[w.group().lower()] + q[w.end():]
    if len(interior) >= 3:
        w = rng.choice(interior)
        out["word-dropped"] = (q[:w.start()] + q[w.end():]).replace("  ", " ")
    if others:
        other = rng.choice(others)
        ow = WORD.findall(other)
        if len(words) >= 4 and len(ow) >= 4:
            out["splice"] = q[:words[len(words) // 2].start()] + " ".join(ow[len(ow) // 2:])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-source", type=int, default=60)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=3, help="examples to print per wrong verdict kind")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless every misquotation is rejected and >= 99.5 %% of legitimate quotes pass")
    args = parser.parse_args()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    tally, wrong = run_cases(texts, random.Random(args.seed), args.per_source)
    totals = print_tally(tally, wrong, args.show)
    legit_rate = totals["legit"][1] / max(totals["legit"][0], 1)
    if args.check and (totals["misquote"][1] > 0 or legit_rate < 0.995):
        return 1
    return 0


Tally = dict[tuple[str, str], list[int]]  # (group, rule) -> [cases, accepted, fuzzy-accepted]
Examples = dict[tuple[str, str], list[str]]  # (group, rule) -> the wrong verdicts


def run_cases(texts: dict[str, str], rng: random.Random, per_source: int) -> tuple[Tally, Examples]:
    """Every variant of every drawn passage through the verifier: the tally per rule, and the
    wrong verdicts as examples."""
    corpus = Corpus(texts)
    tally: Tally = defaultdict(lambda: [0, 0, 0])
    wrong: Examples = defaultdict(list)
    ids = sorted(texts)
    for sid in ids:
        text = texts[sid]
        spans = passages(text, rng, per_source)
        others = [text[a:b] for a, b in spans]
        for a, b in spans:
            q = text[a:b]
            cases = [("legit", k, v, sid) for k, v in legit(q, text, (a, b), rng).items()]
            cases += [("misquote", k, v, sid) for k, v in misquotes(q, [o for o in others if o != q], rng).items()]
            other_sid = rng.choice([s for s in ids if s != sid])
            if q not in texts[other_sid] and len(WORD.findall(q)) >= 6:
                cases.append(("misquote", "wrong-source", q, other_sid))
            flat = " ".join(WORD.findall(text))
            for group, kind, quote, cited in cases:
                if kind == "splice" and " ".join(WORD.findall(quote)) in flat:
                    continue  # the two pieces happened to be contiguous: not a splice
                result = verify_citation(CitationRef("a", 0, cited, quote, None, Location("a", 1, 1)), corpus)
                # a "misquote" that happens to be verbatim elsewhere in the source is not one
                if group == "misquote" and result.verified and all(
                        p.start >= b or p.end <= a for p in result.placements) and kind != "wrong-source":
                    continue
                row = tally[(group, kind)]
                row[0] += 1
                row[1] += result.verified
                row[2] += fuzz.partial_ratio(quote, texts[cited]) >= 90
                if result.verified != (group == "legit"):
                    wrong[(group, kind)].append(f"{quote!r} -> {[p.code for p in result.problems]}")
    return tally, wrong


def print_tally(tally: Tally, wrong: Examples, show: int) -> dict[str, list[int]]:
    """The table per rule, the totals per group and some wrong verdicts; returns the totals."""
    print(f"{'group':9} {'rule':18} {'cases':>6} {'accepted':>9} {'partial_ratio>=90':>18}")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (group, kind), (n, ok, fz) in sorted(tally.items()):
        print(f"{group:9} {kind:18} {n:6d} {ok:9d} {fz:18d}")
        for i in range(3):
            totals[group][i] += (n, ok, fz)[i]
    for group, (n, ok, fz) in totals.items():
        rate = ok / n * 100
        print(f"{group}: {n} cases, briefing accepts {rate:.1f} %, partial_ratio>=90 accepts {fz / n * 100:.1f} %")
    for key, examples in wrong.items():
        print(f"\nwrong verdicts, {key[0]} {key[1]}:")
        for e in examples[:show]:
            print("   ", e[:300])
    return totals


if __name__ == "__main__":
    sys.exit(main())
