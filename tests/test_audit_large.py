"""`briefing audit` reads a large briefing (issue 12): the structure tree's /ParentTree /Nums of a
briefing of some 2,000 claims is longer than pypdf's 100,000-element limit for an array, and pypdf
parses it with the catalog, which shares its object stream. Building that many claims takes minutes,
so a small real build gets the long array the way a large one has it: the array lengthened with
pypdf, the objects packed into object streams by qpdf, as WeasyPrint writes them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from briefing.record import pages
from tests.conftest import MINIMAL_CLAIMS, run_cli
from tests.test_audit_pages import build

PYPDF_LIMIT = 100_000  # pypdf's default array_maximum_element_count


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("small"), MINIMAL_CLAIMS)


@pytest.fixture(scope="module")
def large(built: Path) -> Path:
    """The small build with a structure tree just over pypdf's limit."""
    return with_long_parent_tree(built, built.parent / "large.pdf", PYPDF_LIMIT + 2)


def with_long_parent_tree(pdf: Path, out: Path, length: int) -> Path:
    """``pdf`` with its /ParentTree /Nums lengthened to ``length`` elements (more keys, each for
    the last entry's value, as a large build's links have), in object streams."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (.ci/run installs it)")
    writer = PdfWriter(clone_from=PdfReader(pdf))
    tree = writer.root_object["/StructTreeRoot"]
    assert isinstance(tree, DictionaryObject)
    # a direct object of the structure tree's root, as WeasyPrint writes it (pypdf's copy makes it
    # an object of its own), so that it lands in an object stream the audit reads
    copied = tree["/ParentTree"].get_object()
    assert isinstance(copied, DictionaryObject)
    parent_tree = DictionaryObject(copied)
    tree[NameObject("/ParentTree")] = parent_tree
    nums = parent_tree["/Nums"]
    assert isinstance(nums, ArrayObject) and len(nums) >= 2
    key, value = int(nums[-2]), nums[-1]
    while len(nums) < length:
        key += 1
        nums.extend([NumberObject(key), value])
    loose = out.with_suffix(".loose.pdf")
    with open(loose, "wb") as handle:
        writer.write(handle)
    subprocess.run([qpdf, "--object-streams=generate", str(loose), str(out)], check=True)
    return out


def test_a_structure_tree_longer_than_pypdfs_limit_is_audited(built: Path, large: Path, tmp_path: Path):
    # as in a large build: pypdf as it comes refuses the structure tree
    with pytest.raises(LimitReachedError, match="array element count"):
        _ = PdfReader(large).root_object["/StructTreeRoot"]
    result = run_cli("audit", str(large), "--root", str(built.parents[1]), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "matches its record" in result.stdout


def test_an_array_longer_than_a_briefing_can_have_is_still_refused(built: Path, large: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    # the bound lowered just under this file's array (one over it would take millions of elements,
    # seconds to write and parse): the audit refuses it in one line, as it did every large briefing
    monkeypatch.setattr(pages, "MAX_ARRAY_ELEMENTS", PYPDF_LIMIT)
    result = run_cli("audit", str(large), "--root", str(built.parents[1]), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "large.pdf: not a readable PDF (LimitReachedError: Reached maximum array element count" \
        in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_reads_its_own_large_briefing_under_the_same_limits(built: Path, large: Path):
    recorded = pages.record_pages(large.read_bytes())
    assert len(recorded) == len(PdfReader(built).pages)
