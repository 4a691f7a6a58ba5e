"""Each citation carries its identity from loading to rendering: results are looked up by it,
never paired with citations by their place in a list. Tests on the shipped claims (67
citations in several sections) with one quote broken, so fix has something to propose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefing.check import run_check
from briefing.findings import CitationId
from briefing.fixes import propose
from briefing.render.model import briefing_context
from briefing.spec.model import iter_citations


def broken(project: Path) -> Path:
    claims = project / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    quote = "forcibly sent back as many as 600 North Korean"
    assert text.count(quote) == 1
    claims.write_text(text.replace(quote, quote.replace("600", "60")), encoding="utf-8")
    return claims


def test_every_result_carries_the_identity_and_location_of_its_citation(project: Path):
    loaded, _, report = run_check(broken(project), "claims.yaml")
    listed = list(iter_citations(loaded.spec))
    assert [r.ref.id for r in report.results] == [cid for cid, _, _ in listed]  # file order, each once
    for (cid, claim, cit), result in zip(listed, report.results, strict=True):
        assert (result.ref.claim_id, result.ref.index, result.ref.quote) == (claim.id, cid.citation, cit.quote)
        assert result.ref.location == loaded.location(*cid.yaml_path(), "quote")
        assert report.by_id[cid] is result
    sections = {cid.section for cid, _, _ in listed}
    assert len(sections) > 1  # the identity tells sections apart, not only claims


def test_fix_and_the_briefing_look_results_up_by_identity_not_by_order(project: Path):
    loaded, sources, report = run_check(broken(project), "claims.yaml")
    shuffled = replace(report, results=tuple(reversed(report.results)))
    proposals = propose(loaded, report)
    assert [(p.path, p.new) for p in proposals] == [(p.path, p.new) for p in propose(loaded, shuffled)]
    [only] = proposals
    [cid] = [r.ref.id for r in report.results if not r.verified]
    assert isinstance(cid, CitationId)
    assert only.path == (*cid.yaml_path(), "quote") and "as many as 600" in only.new
    assert report.by_id[cid].ref.quote == only.old

    fixed = project / "claims.yaml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("back as many as 60 ", "back as many as 600 "),
                     encoding="utf-8")
    loaded, sources, report = run_check(fixed, "claims.yaml")
    assert report.ok
    shuffled = replace(report, results=tuple(reversed(report.results)))
    in_order, reordered = briefing_context(loaded, sources, report), briefing_context(loaded, sources, shuffled)
    assert [(n["claim_id"], n["quote"], n["where"]) for n in in_order["notes"]] == \
        [(n["claim_id"], n["quote"], n["where"]) for n in reordered["notes"]]
    # each note prints its own citation's quote, in file order
    assert [n["claim_id"] for n in in_order["notes"]] == [claim.id for _, claim, _ in iter_citations(loaded.spec)]
