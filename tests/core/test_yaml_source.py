"""The located YAML loader: plain data, positions, and a diagnostic for every kind of bad input."""

import pytest
import yaml

from taxgen.loading.yaml_source import YamlError, load_yaml_bytes, parse_yaml


def error_of(text: str):
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "t.yaml")
    return caught.value.diagnostic


def test_values_keep_their_line_and_column():
    doc = parse_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "t.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert (doc.locate(["b", 1, "c"]).line, doc.locate(["b", 1, "c"]).column) == (4, 9)
    assert (doc.locate(["b", 1, "c"], key=True).line, doc.locate(["b", 1, "c"], key=True).column) == (4, 6)
    assert str(doc.locate(["b", 0])) == "t.yaml:3:5"


@pytest.mark.parametrize("scalar", ["NO", "no", "yes", "on", "off", "Y", "n", "012x"])
def test_yaml11_booleans_stay_strings(scalar):
    assert parse_yaml(f"id: {scalar}\n", "t.yaml").data == {"id": scalar}


@pytest.mark.parametrize("scalar, value", [("1", 1), ("1.5", 1.5), ("true", True), ("~", None), ("0x1F", 31),
                                           ("'1'", "1"), ('"true"', "true")])
def test_core_schema_scalars(scalar, value):
    assert parse_yaml(f"v: {scalar}\n", "t.yaml").data == {"v": value}


def test_duplicate_key_points_at_the_second_one():
    d = error_of("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (d.code, d.line, d.column) == ("TG002", 4, 3)
    assert d.message == "duplicate key 'c' (first defined at line 3)"


def test_python_tags_are_refused_not_constructed():
    d = error_of("a: !!python/object/apply:os.system [echo hi]\n")
    assert d.code == "TG006" and d.line == 1


def test_billion_laughs_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    assert error_of("\n".join(lines) + "\n").code == "TG003"


def test_deep_nesting_is_bounded():
    d = error_of("[" * 10_000 + "]" * 10_000)
    assert d.code == "TG004" and d.line == 1


@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{b: ", "}")], ids=["flow-sequence", "flow-mapping"])
def test_deep_nesting_reads_the_same_whatever_the_parser_or_libyaml_version(opener, closer):
    """libyaml 0.2.6 stops at a depth of its own (1000) before taxgen's limit would report."""
    text = "a: " + opener * 2_000 + closer * 2_000
    found = []
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        with pytest.raises(YamlError) as caught:
            parse_yaml(text, "t.yaml", loader=loader)
        found.append(caught.value.diagnostic)
    level_64 = 4 + 63 * len(opener)  # the top mapping is level 1: the 64th flow opener is too deep
    assert found[0] == found[1] and (found[0].code, found[0].line, found[0].column) == ("TG004", 1, level_64)


def test_invalid_utf8_is_located():
    with pytest.raises(YamlError) as caught:
        load_yaml_bytes(b"a: ok\nb: caf\xe9\n", "t.yaml")
    d = caught.value.diagnostic
    assert (d.code, d.line, d.column) == ("TG005", 2, 7)


def test_utf16_is_refused():
    with pytest.raises(YamlError) as caught:
        load_yaml_bytes("a: 1\n".encode("utf-16"), "t.yaml")
    assert caught.value.diagnostic.code == "TG005"


def test_nul_byte_is_located():
    d = error_of("a: b\nc: x\x00y\n")
    assert (d.code, d.line, d.column) == ("TG005", 2, 5)


def test_second_document_is_refused():
    assert error_of("a: 1\n---\nb: 2\n").code == "TG001"


def test_syntax_error_has_position():
    d = error_of("a: [1, 2\nb: 3\n")
    assert d.code == "TG001" and d.line >= 1 and d.message.startswith("YAML syntax error")
