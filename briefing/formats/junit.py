"""``--format junit``: one test case per citation, in the JUnit XML that CI systems read.

Citation failures are ``<failure>``s; claim- and source-level findings (an unsupported
figure, a changed source) are test cases of their own, in a second suite. Unusable input
(exit 2: nothing could be verified) is a test case with an ``<error>`` there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from briefing.formats.common import is_input_error
from briefing.formats.text import citation_context, finding_line
from briefing.results import Report


def render(report: Report, color: bool = False) -> str:
    root = ET.Element("testsuites", name="briefing")
    citations = ET.SubElement(root, "testsuite", name=f"{report.claims_path}: citations")
    for r in report.results:
        case = ET.SubElement(citations, "testcase", classname=f"{report.claims_path}.{r.ref.claim_id}",
                             name=f"{r.ref.claim_id} quote {r.ref.index + 1} ({r.ref.source_id})",
                             file=r.ref.location.path, line=str(r.ref.location.line))
        errors = r.errors
        if errors:
            body = [finding_line(f) for f in r.problems] + citation_context(r)
            failure = ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].code)
            failure.text = "\n".join(body)
        elif r.problems:  # warnings only: the case passes, the warning is kept
            ET.SubElement(case, "system-out").text = "\n".join(finding_line(f) for f in r.problems)
    _count(citations)
    if report.findings:
        others = ET.SubElement(root, "testsuite", name=f"{report.claims_path}: claims and sources")
        for f in report.findings:
            attrs = {"classname": f"{report.claims_path}.{f.code}", "name": f"{f.code} at {f.location}"}
            if f.location is not None:
                attrs.update(file=f.location.path, line=str(f.location.line))
            case = ET.SubElement(others, "testcase", attrs)
            if f.is_error:
                kind = "error" if is_input_error(f) else "failure"
                ET.SubElement(case, kind, message=f.message, type=f.code).text = finding_line(f)
        _count(others)
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(s.get(total, "0")) for s in root)))  # _count set each suite's
    _xml_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(root: ET.Element) -> None:
    """Characters XML 1.0 cannot hold (a control character pasted into a quote) are shown as \\xNN."""
    def clean(text: str) -> str:
        return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    for el in root.iter():
        if el.text:
            el.text = clean(el.text)
        for key, value in el.attrib.items():
            el.set(key, clean(value))


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", "0")
