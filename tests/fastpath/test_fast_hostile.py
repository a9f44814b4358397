"""Hostile and edge-case YAML: the fast path raises the reference loader's diagnostic or builds
its exact document, whichever the reference does."""

from __future__ import annotations

import pytest
from fastpath_helpers import FIXTURES, outcome

from taxgen.loading import fast
from taxgen.loading.yaml_source import YamlError, decode_source, parse_yaml

HOSTILE = sorted((FIXTURES / "hostile").iterdir())

# Inputs close to the shape the fast reader takes, each with what makes it special.
EDGE_CASES = {
    "duplicate key in a label": "labels:\n  - id: a\n    name: A\n    id: b\n",
    "duplicate key after a nested block": "a:\n  x: 1\na: 2\n",
    "duplicate key after an empty value": "a:\na: 1\n",
    "deep block nesting": "".join(" " * (2 * depth) + f"k{depth}:\n" for depth in range(70)) + " " * 140 + "v: 1\n",
    "tab indentation": "a:\n\tb: 1\n",
    "tab inside a value": "a: one\ttwo\n",
    "CRLF line breaks": "a: 1\r\nb: 2\r\n",
    "lone CR": "a: 1\rb: 2\n",
    "NEL line break": "a: x\x85b: y\n",
    "line separator": "a: x\u2028b: y\n",
    "byte-order mark inside": "a: \ufeffx\n",
    "control character": "a: x\x07y\n",
    "anchor and alias": "a: &x one\nb: *x\n",
    "merge key": "base: &b\n  x: 1\nchild:\n  <<: *b\n",
    "tag": "a: !!str 012\n",
    "custom tag": "a: !Ref b\n",
    "multi-line plain scalar": "definition: one\n  two\n",
    "multi-line quoted scalar": "a: 'one\n  two'\n",
    "escapes in double quotes": 'a: "tab\\there"\n',
    "mapping value on a value": "a: b: c\n",
    "value ending in a colon": "a: b:\n",
    "second document": "a: 1\n---\nb: 2\n",
    "document end marker": "a: 1\n...\n",
    "leading document start": "---\na: 1\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "long key": "k" * 1100 + ": v\n",
    "numeric key": "1: a\n",
    "null key": "null: a\n",
    "quoted key": "'a b': c\n",
    "complex key": "? a\n: b\n",
    "flow mapping": "a: {b: 1}\n",
    "nested flow sequence": "a: [b, [c]]\n",
    "flow sequence with a colon": "a: [b:c, d]\n",
    "flow sequence with an empty entry": "a: [b, , c]\n",
    "unclosed flow sequence": "a: [b, c\nd: 1\n",
    "block scalar at the end without a line break": "a: |\n  text",
    "block scalar with indentation indicator": "a: |2\n   text\n",
    "block scalar with more indented folded lines": "a: >\n  one\n    two\n  three\n",
    "block scalar with a less indented line": "a:\n  b: |\n      one\n    two\n",
    "block scalar with trailing spaces on a blank line": "a: |\n  one\n   \n  two\n",
    "block scalar keep chomping": "a: |+\n  one\n\n\nb: 1\n",
    "block scalar keep chomping, blank last line without a line break": "a: |+\n\n\n end\n ",
    "block scalar, blank last line without a line break": "a: |\n  one\n  ",
    "block scalar strip chomping": "a: >-\n  one\n  two\n\nb: 1\n",
    "empty block scalar": "a: |\nb: 1\n",
    "sequence in a sequence": "- - a\n",
    "sequence at a mapping's column": "a:\n- x\n- y\nb: 1\n",
    "key after a sequence at the same column": "- a\nb: 1\n",
    "bare scalar document": "just text\n",
    "empty value then deeper sequence": "a:\n    - x\n  - y\n",
    "odd indentation": "a:\n   b: 1\n  c: 2\n",
    "comment after a value": "a: 1 # one\nb: x#y\nc: 'q' # q\n",
    "reserved indicator": "a: @x\n",
    "backquote": "a: `x`\n",
    "empty file": "",
    "comments only": "# one\n# two\n",
    "Norway everywhere": "NO: NO\nlist: [NO, on, off, yes, y, n, 012, 1e3, ~, 0x1F, .inf, -.5, +1, .NaN]\n",
}


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_files(path):
    raw = path.read_bytes()
    try:
        text = decode_source(raw, path.name)
    except YamlError:
        return  # refused before any parser runs, on both paths (fast.load_document takes text)
    assert outcome(fast.parse, text) == outcome(parse_yaml, text)


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases(text):
    assert outcome(fast.parse, text) == outcome(parse_yaml, text)


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_the_reader_alone_never_differs(text):
    """Without the yaml-rs cross-check: the reader reads a text exactly, or leaves it."""
    doc = fast.read_simple(text, "t.yaml")
    if doc is not None:
        assert outcome(lambda *_: doc, text) == outcome(parse_yaml, text)


def test_the_simple_shapes_are_read_fast():
    simple = ["leading document start", "comment after a value", "block scalar keep chomping",
              "block scalar strip chomping", "sequence at a mapping's column", "Norway everywhere"]
    for name in simple:
        assert fast.read_simple(EDGE_CASES[name], "t.yaml") is not None, name
