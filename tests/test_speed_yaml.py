"""The claims loader (libyaml's parser, values built by briefing.spec.yaml_read): YAML 1.2's types as
ruamel.yaml read them before, every guard of the loader, positions of keys and values."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.exceptions import InputError
from briefing.spec.yaml_read import parse, position

DOC = b"""title: T
base: &base
  a: yes
  b: 0o17
when: 2026-11-23
list:
  - <<: *base
    a: no
  - "quoted 12"
  - 12
  - 1.5
  - ~
  - True
"""


def test_plain_scalars_resolve_as_yaml_1_2_and_positions_are_kept():
    value, where = parse(DOC, "c.yaml")
    assert value["base"] == {"a": "yes", "b": 15}  # YAML 1.2: "yes" is a string
    assert value["when"] == date(2026, 11, 23)
    assert value["list"] == [{"a": "no", "b": 15}, "quoted 12", 12, 1.5, None, True]  # a merge never overrides
    assert position(where, ("title",)) == (1, 8)
    assert position(where, ("title",), key=True) == (1, 1)
    assert position(where, ("list", 1)) == (9, 5)
    assert position(where, ("list", 0, "a")) == (8, 8)
    assert position(where, ("list", 9, "x")) == (7, 3)  # a path that does not exist: the nearest value


@pytest.mark.parametrize("doc, message", [
    (b"title: T\ntitle: U\n", r'c.yaml:2:1: YAML error: duplicate key "title"'),
    (b"a: &a [*a]\n", "c.yaml:1:4: YAML error: an alias refers to itself"),
    (b"a: !foo 1\n", "c.yaml:1:4: YAML error: the tag !foo is not supported here; remove it"),
    ("".join(" " * i + "k:\n" for i in range(70)).encode() + b" " * 70 + b"x\n",
     "c.yaml:66:66: nested more than 64 levels deep"),
    (b"a: [" * 70 + b"]" * 70, "c.yaml:1:260: YAML error: nested more than 64 levels deep"),
    (b'a: "\\a"\n', "c.yaml:1:4: 'a' contains the control character U+0007; remove it"),
    (b"a: 2024-02-30\n", "c.yaml: YAML error: cannot read this YAML (ValueError: day is out of range for month)"),
    (b"a: 1\nb: [\n", "c.yaml:3:1: YAML error: did not find expected node content"),
    ("a: \u00e9\u0080\n".encode(), "c.yaml:1:5: YAML error: character U+0080 is not allowed "
                                   "(control characters are not allowed)"),
])
def test_every_guard_is_one_line_with_its_position(doc: bytes, message: str):
    with pytest.raises(InputError) as err:
        parse(doc, "c.yaml")
    assert err.value.problems == [message]
