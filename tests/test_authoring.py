"""The writer's tools, through the real CLI: find, fix, lock, sources, schema, init, watch."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from briefing.verify.tokens import SourceText
from tests.conftest import ROOT, run_cli, watching

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SOURCE_IDS = {"000": "voa", "001": "un-experts", "002": "rfa", "003": "darusman", "004": "assembly"}


def unique_phrases(path: Path, count: int, seed: int) -> list[tuple[str, int, int]]:
    """Phrases of 6-12 words that occur once in their seed, with their line:col."""
    text = path.read_text(encoding="utf-8")
    rng = random.Random(seed)
    words = [m for m in re.finditer(r"\S+", text)]
    out: list[tuple[str, int, int]] = []
    while len(out) < count:
        a = rng.randrange(len(words) - 12)
        b = a + rng.randrange(6, 12)
        start, end = words[a].start(), words[b].end()
        phrase = text[start:end]
        if text.count(phrase) == 1 and "\n\n" not in phrase:
            line, col = SourceText(text).line_col(start)
            out.append((phrase, line, col))
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_find_gives_source_and_line_col_for_phrases_from_every_seed(seed: Path):
    sid = SOURCE_IDS[seed.name[:3]]
    for k, (phrase, line, col) in enumerate(unique_phrases(seed, 3, seed=len(seed.name))):
        pasted = phrase
        if k == 0:  # copied with straight quotes and one line, as from a web page
            pasted = (pasted.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'"))
        pasted = " ".join(pasted.split())
        result = run_cli("find", pasted, cwd=ROOT)
        assert result.returncode == 0, (pasted, result.stdout)
        first = result.stdout.splitlines()[0]
        assert first == f"{sid} seeds/{seed.name}:{line}:{col}", (pasted, first)


def test_find_prints_a_citation_ready_to_paste(project: Path):
    phrase = 'reports it had forcibly repatriated refugees were "utterly groundless'
    result = run_cli("find", phrase, cwd=project)
    lines = result.stdout.splitlines()
    text = (project / "seeds" / "004_5e2509c17e97253a.txt").read_text(encoding="utf-8")
    line, col = SourceText(text).line_col(text.index("reports it had forcibly"))
    assert lines[0] == f"assembly seeds/004_5e2509c17e97253a.txt:{line}:{col}"
    assert lines[2:4] == ["  - source: assembly",
                          '    quote: "reports it had forcibly repatriated refugees were “utterly groundless"']
    # the pasted block is valid YAML that verifies
    claims = project / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    anchor = "          - source: assembly\n            quote: \"Beijing typically"
    block = "\n".join(" " * 10 + row[2:] for row in lines[2:4]) + "\n"
    claims.write_text(text.replace(anchor, block + anchor, 1), encoding="utf-8")
    assert run_cli("check", cwd=project).returncode == 0


def test_find_offers_the_closest_passages_when_nothing_verifies(project: Path):
    result = run_cli("find", "the North Koreans are sent to prison camps", "--limit", "2", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("not found verbatim; the closest passages:\n"
                                    "voa seeds/000_89247fba3eac04d8.txt:15:36")
    assert result.stdout.count("  - source: ") == 2


def test_fix_shows_a_diff_then_writes_the_source_words_and_keeps_the_rest(project: Path):
    claims = project / "claims.yaml"
    original = claims.read_text(encoding="utf-8")
    broken = (original.replace("as many as 600 North Korean refugees in October", "as many as 601 North Korean "
                               "refugees in October")
              .replace('"Once caught by the Chinese police, the North Koreans are sent home."',
                       '"Once caught by the Chinese police, the North Koreans are sent away."'))
    claims.write_text(broken, encoding="utf-8")
    dry = run_cli("fix", cwd=project)
    assert dry.returncode == 1
    assert "-            quote: \"Once caught by the Chinese police, the North Koreans are sent away.\"" in dry.stdout
    assert "+            quote: \"Once caught by the Chinese police, the North Koreans are sent home.\"" in dry.stdout
    assert claims.read_text(encoding="utf-8") == broken  # a dry run writes nothing
    wrote = run_cli("fix", "--write", cwd=project)
    assert wrote.returncode == 0, wrote.stdout
    assert claims.read_text(encoding="utf-8") == original  # comments, quoting and layout intact


def test_fix_proposes_the_right_source(project: Path):
    claims = project / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    wrong = text.replace("          - source: un-experts\n            quote: \"Numerous escapees",
                         "          - source: voa\n            quote: \"Numerous escapees", 1)
    claims.write_text(wrong, encoding="utf-8")
    assert run_cli("fix", "--write", cwd=project).returncode == 0
    assert claims.read_text(encoding="utf-8") == text


def test_lock_then_check_passes_and_one_changed_byte_fails(project: Path):
    claims = project / "claims.yaml"
    before = claims.read_text(encoding="utf-8")
    result = run_cli("lock", cwd=project)
    assert result.returncode == 0 and "5 pinned now" in result.stdout
    after = claims.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 5 and all(re.fullmatch(r"    sha256: [0-9a-f]{64}", line) for line in added)
    assert [line for line in after.splitlines() if not line.startswith("    sha256: ")] == before.splitlines()
    assert run_cli("check", cwd=project).returncode == 0
    assert "0 pinned now, 5 already pinned" in run_cli("lock", cwd=project).stdout
    seed = project / "seeds" / "002_900f55720112a6a4.txt"
    data = bytearray(seed.read_bytes())
    data[-2] = ord("!") if data[-2] != ord("!") else ord("?")
    seed.write_bytes(bytes(data))
    result = run_cli("check", cwd=project)
    assert result.returncode == 1 and "error[source-changed] source 'rfa'" in result.stdout
    listing = run_cli("sources", cwd=project)
    assert listing.returncode == 1 and re.search(r"^rfa .* CHANGED ", listing.stdout, re.M)
    assert run_cli("lock", cwd=project).returncode == 0 and run_cli("check", cwd=project).returncode == 0


def test_lock_replaces_a_stale_pin_in_place_and_handles_flow_mappings(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The committee met on Tuesday and said nothing new.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text("title: T  # the title\nsources:\n  a: {path: a.txt, title: A}\n  b:\n    path: a.txt\n"
                      "    sha256: " + "ab" * 32 + "   # stale\n    title: B\nsections:\n  - title: S\n    claims:\n"
                      "      - id: c\n        text: It met.\n        citations:\n          - source: a\n"
                      "            quote: The committee met on Tuesday\n", encoding="utf-8")
    assert run_cli("lock", cwd=tmp_path).returncode == 0
    text = claims.read_text(encoding="utf-8")
    digest = __import__("hashlib").sha256((tmp_path / "a.txt").read_bytes()).hexdigest()
    assert f"  a: {{path: a.txt, sha256: {digest}, title: A}}\n" in text
    assert f"    sha256: {digest}   # stale\n" in text and "title: T  # the title" in text
    assert run_cli("check", cwd=tmp_path).returncode == 0


def test_sources_lists_size_hash_pin_and_citations():
    result = run_cli("sources", "--format", "json", cwd=ROOT)
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["rfa"]["citations"] == 18 and rows["rfa"]["size"] == (ROOT / rows["rfa"]["path"]).stat().st_size
    assert sum(r["citations"] for r in rows.values()) == 67
    assert run_cli("sources", cwd=ROOT).stdout.splitlines()[-1] == "5 sources, 17,600 bytes, 67 citations"


def test_schema_is_generated_shipped_and_accepts_the_claims_file():
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML
    result = run_cli("schema", cwd=ROOT)
    schema = json.loads(result.stdout)
    assert result.stdout == (ROOT / "docs" / "claims.schema.json").read_text(encoding="utf-8"), \
        "docs/claims.schema.json is stale: python -m briefing schema > docs/claims.schema.json"
    assert (ROOT / "claims.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=docs/claims.schema.json\n")
    data = json.loads(json.dumps(YAML(typ="safe").load((ROOT / "claims.yaml").read_text(encoding="utf-8")),
                                 default=str))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []
    data["sections"][0]["claims"][0]["quotes"] = []
    assert any("quotes" in e.message for e in validator.iter_errors(data))


def test_init_scaffolds_a_project_that_builds(tmp_path: Path):
    result = run_cli("init", "new", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "new"
    assert (project / "claims.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "build" / "briefing.pdf").read_bytes().startswith(b"%PDF-")
    again = run_cli("init", "new", cwd=tmp_path)
    assert again.returncode == 2 and "new/claims.yaml: already exists" in again.stderr


def test_watch_rechecks_on_save_and_reports_what_changed(project: Path):
    # A real process: watch runs until it is stopped, and its output is read while it runs.
    with watching(project, "--no-pdf", "--interval", "0.1") as watch:

        def wait_for(pattern: str) -> str:
            return watch.wait_for(lambda lines: next((x for x in lines if re.search(pattern, x)), None),
                                  f"line matching {pattern!r}")

        wait_for(r"^\[watch\] 67 citations: 67 verified")
        claims = project / "claims.yaml"
        text = claims.read_text(encoding="utf-8")
        claims.write_text(text.replace("are not binding.", "are binding."), encoding="utf-8")
        hit = wait_for(r"now failing: .* un-cat-not-binding quote 1: negation-changed")
        assert hit.startswith("  now failing: claims.yaml:")
        wait_for(r"^\[watch\] 67 citations: 66 verified, 1 failed")
        claims.write_text(text, encoding="utf-8")
        wait_for(r"now verified: .* un-cat-not-binding quote 1")
