"""Property tests: on generated block-style YAML (the shape taxonomies are written in) and on
random mutations of it, the fast path and the reference loader agree exactly: the same data
with the same scalar types, the same position for every key and value, the same written texts
of non-string scalars, or the same diagnostic."""

from __future__ import annotations

from fastpath_helpers import outcome
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taxgen.loading import fast
from taxgen.loading.yaml_source import parse_yaml

NORWAY = ["NO", "no", "No", "on", "On", "off", "OFF", "yes", "Yes", "y", "Y", "n", "N", "true", "False", "null", "~",
          "012", "0o12", "0x1F", "1e3", "1E3", "+1", "-0", "1.", ".5", "-.inf", ".NaN", "1_000", "0b101", "1:20",
          "2001-12-14", "+.inf", "0O7", "-0x1F", "1e", "="]
CLEAN_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCXYZ-_.é", min_size=1, max_size=12).filter(
    lambda text: text.strip(" ") == text and not text.startswith(("-", ".")) and text.lower() not in ("null", "true", "false"))
TRICKY = st.text(alphabet=" abcXYZ019:#-?'\"[]{},&*!|>%@`~.+_\\é\U0001f600\t", min_size=0, max_size=10)
KEYS = st.sampled_from(["id", "name", "parent", "a", "b c", "NO", "on", "y", "x-y", "k:v", "a#b", "über"]) | CLEAN_WORDS
STEPS = st.sampled_from([1, 2, 4])


@st.composite
def scalars(draw, words):
    text = draw(words)
    style = draw(st.sampled_from(["plain", "plain", "plain", "single", "double", "comment"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text + '"'
    if style == "comment":
        return text + " # note"
    return text


@st.composite
def blocks(draw, indent: int, depth: int, words, sequence: bool | None = None) -> list[str]:
    """Lines of a block mapping or sequence at ``indent``."""
    if sequence is None:
        sequence = depth < 4 and draw(st.booleans())
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        head = " " * indent + ("-" if sequence else draw(KEYS) + ":")
        kind = draw(st.sampled_from(["scalar", "scalar", "nested", "empty", "block", "flow"]) if depth < 4
                    else st.sampled_from(["scalar", "empty", "flow"]))
        if kind == "scalar":
            lines.append(head + " " + draw(scalars(words)))
        elif kind == "empty":
            lines.append(head + draw(st.sampled_from(["", " ", " # empty"])))
        elif kind == "flow":
            items = draw(st.lists(words, max_size=3))
            lines.append(head + " [" + draw(st.sampled_from([", ", ",", " , "])).join(items) + "]")
        elif kind == "block":
            lines.append(head + " " + draw(st.sampled_from(["|", ">", "|-", ">-", "|+", ">+"])))
            step = draw(STEPS)
            for _ in range(draw(st.integers(1, 3))):
                lines.append(draw(st.sampled_from(["", " " * (indent + step) + draw(words)])))
            if not lines[-1]:
                lines.append(" " * (indent + step) + "end")
        else:
            nested_sequence = depth < 3 and draw(st.booleans())
            indentless = not sequence and nested_sequence and draw(st.booleans())
            inner = indent if indentless else indent + draw(STEPS)
            if sequence and not nested_sequence and draw(st.booleans()):  # `- key: value` on one line
                inner = indent + 2
                nested = draw(blocks(inner, depth + 1, words, sequence=False))
                lines.append(head + " " + nested[0].lstrip(" "))
                lines.extend(nested[1:])
            else:
                lines.append(head)
                lines.extend(draw(blocks(inner, depth + 1, words, sequence=nested_sequence)))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "# comment", " " * indent + "# indented comment"])))
    return lines


def documents(words, ends=("\n", "\n", "", "\n\n")) -> st.SearchStrategy[str]:
    return st.builds(lambda lines, end: "\n".join(lines) + end,
                     blocks(0, 0, words, sequence=False), st.sampled_from(ends))


ANY_WORDS = st.sampled_from(NORWAY) | CLEAN_WORDS | TRICKY
FAST_ENOUGH = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST_ENOUGH
@given(documents(ANY_WORDS))
def test_fast_path_agrees_with_the_reference(text):
    assert outcome(fast.parse, text) == outcome(parse_yaml, text)


@FAST_ENOUGH
@given(documents(ANY_WORDS))
def test_the_reader_alone_is_exact_whenever_it_reads(text):
    doc = fast.read_simple(text, "t.yaml")
    if doc is not None:
        assert outcome(lambda *_: doc, text) == outcome(parse_yaml, text)


@FAST_ENOUGH
@given(documents(st.sampled_from(NORWAY[:13]) | CLEAN_WORDS, ends=("\n", "\n\n")))
def test_clean_documents_are_read_by_the_fast_reader(text):
    """Block style with plain words, ending with a line break: exactly the shape the reader exists for.
    (A block scalar on the last line without a line break is left to the reference loader.)"""
    doc = fast.read_simple(text, "t.yaml")
    reference = outcome(parse_yaml, text)
    if reference[0] == "document":  # generated keys may repeat: then the reference reports a duplicate
        assert doc is not None
        assert outcome(lambda *_: doc, text) == reference


@st.composite
def mutated(draw):
    text = draw(documents(st.sampled_from(NORWAY) | CLEAN_WORDS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = " " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][1:]
        else:
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + draw(st.sampled_from(list(":#-'\"[]{},&*!|> \t\\"))) + lines[index][at:]
    return "\n".join(lines)


@FAST_ENOUGH
@given(mutated())
def test_mutations_of_valid_documents_agree(text):
    assert outcome(fast.parse, text) == outcome(parse_yaml, text)


@FAST_ENOUGH
@given(mutated())
def test_the_reader_alone_is_exact_on_mutations(text):
    doc = fast.read_simple(text, "t.yaml")
    if doc is not None:
        assert outcome(lambda *_: doc, text) == outcome(parse_yaml, text)


@pytest.mark.parametrize("items", ["?eline, dog", "-x, ?", "a, ?b", "-", "- a"])
def test_flow_items_starting_with_an_indicator_read_as_the_reference_reads_them(items):
    """Found by the atheris target: PyYAML reads `?eline` in a flow sequence as a key ({eline: null});
    yaml-rs, following YAML 1.2, as the text '?eline'. The reference loader decides."""
    text = f"synonyms: [{items}]\n"
    assert outcome(fast.parse, text) == outcome(parse_yaml, text)


@given(st.sampled_from(NORWAY) | TRICKY | st.text(max_size=8))
def test_the_plain_shortcut_resolves_like_resolve_plain(text):
    from fastpath_helpers import typed

    from taxgen.loading.yaml_source import resolve_plain

    if text:
        assert typed(fast._plain(text)) == typed(resolve_plain(text))
