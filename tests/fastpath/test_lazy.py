"""Files read lazily (loading/lazy.py): yaml-rs's data alone, positions found on demand.

test_fast_fixtures.py and test_fast_norway.py compare whole checks with the reference loader's;
these tests pin what makes that comparison hold: the guard that sends away what yaml-rs reads
otherwise, the label start lines found in the text, and that a clean file is never read again.
"""

from __future__ import annotations

from pathlib import Path

from fastpath_helpers import typed
import pytest
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fast_reader_properties import ANY_WORDS, documents, mutated  # the generated documents

from taxgen.check import check_path
from taxgen.loading import fast, lazy, schema
from taxgen.loading.positions import value_position
from taxgen.loading.project import label_starts
from taxgen.loading.yaml_source import YamlError, decode_source, parse_yaml, resolve_plain

FIXTURES = Path(__file__).parent.parent / "fixtures"
TAXONOMY = schema.schema("taxonomy")
NUMBERISH = st.text(alphabet="0123456789_.eE+-xobXOBinfaINFNul~ ", min_size=1, max_size=8)


def fixture_taxonomy_files() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(FIXTURES.rglob("taxonomies/**/*.y*ml")):
        try:
            out.append((path, decode_source(path.read_bytes(), path.name)))
        except Exception:
            continue  # encoding errors never reach a parser
    return out


def same_scalar(ours, theirs) -> bool:
    return type(ours) is type(theirs) and (ours == theirs or (ours != ours and theirs != theirs))


@settings(max_examples=3000, deadline=None)
@given(NUMBERISH, st.sampled_from(["k: {}\n", "k: [a, {}]\n", "- {}\n", "k:\n  - {}\n"]))
def test_a_scalar_the_guard_lets_through_reads_as_the_core_schema_reads_it(word, shape):
    word = word.strip()
    text = shape.format(word)
    if not word or (word[0] in "-?:" and word[1:2] in ("", " ")) or not lazy._safe(text):
        return
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return  # rejected: read with positions
    value = data["k"] if isinstance(data, dict) else data[0]
    value = value[-1] if isinstance(value, list) else value
    if isinstance(value, (dict, list)):
        return  # not a plain scalar after all ("- x" inside, "k: x" ...)
    assert same_scalar(value, resolve_plain(word)), (text, value)


@pytest.mark.parametrize("text", [
    "k: 1_000\n", "k: _8\n", "k: [a, -_1]\n", "k: 0X1F\n", "k: +0x1\n", "k: 0b1\n", "k: 0O7\n",
    "k: &a x\nj: *a\n", "k: !!str 012\n", "- !x y\n", "? k\n: v\n", "k: {a: b}\n", "%YAML 1.2\n---\nk: v\n",
    "k: \"\\x01\"\n\x01", "k: v\r\n", "k:\tv\n", "k: |\n  last line without a break",
])
def test_what_yaml_rs_may_read_otherwise_is_read_with_positions(text):
    assert not lazy._safe(text)


@pytest.mark.parametrize("text", ["k: topic_1\n", "k: v1_2\n", "k: 'Hi *there*!'\n", "k: R&D\n", "k: 50%\n",
                                  "---\nk: v\n", "k: 10x\n", "k: What?\n"])
def test_ordinary_text_is_read_lazily(text):
    assert lazy._safe(text)


def test_most_clean_fixture_files_are_read_lazily():
    """Otherwise the fixture comparisons would hardly test the lazy path."""
    assert len(lazily_read_fixture_files()) >= 40


def lazily_read_fixture_files() -> list[tuple[Path, str]]:
    return [(path, text) for path, text in fixture_taxonomy_files() if lazy.read_lazily(text, path.name, TAXONOMY)]


@pytest.mark.parametrize("path_text", lazily_read_fixture_files(), ids=lambda pt: pt[0].relative_to(FIXTURES).as_posix())
def test_label_start_lines_found_in_the_text_are_the_located_ones(path_text):
    path, text = path_text
    doc = lazy.read_lazily(text, path.name, TAXONOMY)
    located = fast.parse(text, path.name)
    found = label_starts(doc)
    assert found == label_starts(located) or (found == () and label_starts(located) != ())  # () costs speed only
    if doc.locator.items:
        assert doc.locator.items == located_items(located)


@pytest.mark.parametrize("labels", [
    "labels:\n-\n  id: a\n  name: A\n",  # the item's mapping starts on the line below its '-'
    "labels:\n  - # first\n    id: a\n    name: A\n",
])
def test_items_that_do_not_start_on_their_dash_line_give_no_start_lines(labels):
    text = "taxonomy: t\n" + labels
    assert lazy.label_items(text, 1) == ()


def test_label_start_lines_around_comments_block_scalars_and_later_keys():
    text = ("taxonomy: t\n# labels below\nlabels:\n\n  # the first\n  - id: a\n    name: A\n    definition: |\n"
            "      - not an item\n  - id: b\n    name: B\n")
    assert lazy.label_items(text, 2) == ((6, 5), (10, 5))
    assert lazy.label_items("taxonomy: t\nlabels:\n- id: a\n  name: A\n-   id: b\n    name: B\n", 2) == ((3, 3), (5, 5))


def clean_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "taxonomies").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - taxgen:\n      rules: {TG403: off}\n")
    (root / "taxonomies" / "t.yaml").write_text(
        "taxonomy:\n  id: t\n  title: T\n  version: 1.0.0\n  task: {kind: single-label, data: text}\n"
        .replace("{kind: single-label, data: text}", "\n    kind: single-label\n    data: text") +
        "labels:\n  - id: a\n    name: A\n    definition: The first.\n    examples: [One a.]\n")
    (root / "taxonomies" / "more.yaml").write_text(
        "taxonomy: t\nlabels:\n  - id: b\n    name: B\n    definition: The second.\n    examples: [One b.]\n")
    return root


@pytest.fixture
def located_reads(monkeypatch) -> list:
    """The files read again with positions."""
    reads: list = []
    original = fast.parse

    def parse(text, path):
        reads.append(path)
        return original(text, path)

    monkeypatch.setattr(fast, "parse", parse)
    return reads


def test_a_clean_project_is_never_read_with_positions(tmp_path, located_reads):
    result = check_path(clean_project(tmp_path))
    assert list(result.diagnostics) == [] and result.project.label_count == 2
    assert located_reads == []


def test_only_the_file_with_a_diagnostic_is_read_with_positions(tmp_path, located_reads):
    root = clean_project(tmp_path)
    more = root / "taxonomies" / "more.yaml"
    more.write_text(more.read_text().replace("    definition: The second.\n", "    parent: nowhere\n"
                                             "    definition: The second.\n"))
    result = check_path(root)
    assert [(d.code, str(d.location)) for d in result.diagnostics] == [("TG202", "taxonomies/more.yaml:5:13")]
    assert located_reads == ["taxonomies/more.yaml"]


LABEL_LINES = st.sampled_from([
    "id: {id}\nname: N{id}\n", "id: {id}\nname: N{id}\ndefinition: |\n  - a dash line\n  more\n",
    "# about {id}\nid: {id}\nname: N{id}\n", "id: {id}\nname: N{id}\nexamples:\n- One.\n- Two.\n",
    "id: {id}\nname: N{id}\nsynonyms: [a{id}, b{id}]\n\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(LABEL_LINES, min_size=1, max_size=6), st.sampled_from(["", "  ", "    "]),
       st.booleans(), st.booleans())
def test_label_start_lines_of_generated_files_are_the_located_ones(labels, indent, comment_first, after):
    items = []
    for number, label in enumerate(labels):
        lines = label.format(id=f"l{number}").split("\n")[:-1]
        comments = [indent + line for line in lines if line.startswith("#")]  # own lines, before the item
        lines = [line for line in lines if not line.startswith("#")]
        body = [indent + ("- " if i == 0 else "  ") + line if line else "" for i, line in enumerate(lines)]
        items.append("\n".join(comments + body) + "\n")
    text = ("taxonomy: t\nlabels:\n" + ("# the labels\n" if comment_first else "") + "".join(items) +
            ("# end\n" if after else ""))
    doc = lazy.read_lazily(text, "t.yaml", {"type": "object"})
    assert doc is not None
    located = fast.parse(text, "t.yaml")
    assert label_starts(doc) == label_starts(located)
    assert lazy.label_items(text, len(located.data["labels"])) == located_items(located)


def located_items(doc) -> tuple:
    """Where the located reader puts each label (as the loader asks positions.value_position)."""
    labels = doc.data["labels"]
    return tuple(value_position(doc, labels, index) for index in range(len(labels)))


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_the_ascii_shortcut_finds_what_the_outside_pattern_finds(text):
    assert lazy._outside(text) == (fast._OUTSIDE.search(text) is not None)


def yaml_rs_reading(text: str):
    try:
        return ("data", typed(yaml_rs.loads(text, parse_datetime=False)))
    except Exception:
        return ("rejected",)


def reference_reading(text: str):
    try:
        return ("data", typed(parse_yaml(text, "t.yaml").data))
    except YamlError:
        return ("rejected",)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(ANY_WORDS) | mutated())
def test_where_the_guard_trusts_yaml_rs_it_reads_what_the_reference_loader_reads(text):
    """Generated block-style documents and mutations of them (test_fast_reader_properties.py)."""
    if lazy._safe(text):
        ours = yaml_rs_reading(text)
        if ours[0] == "data" and ours[1][0] == "map" and text_keys_only(ours[1]):  # what may reach the schema
            assert ours == reference_reading(text)


def text_keys_only(value) -> bool:
    """Whether every key of a typed() value is text: the compiled validator refuses any other key
    (fast_schema.certainly_valid: the file is then read with positions)."""
    if value[0] == "map":
        return all(key.__class__ is str and text_keys_only(item) for key, item in value[1])
    if value[0] == "seq":
        return all(text_keys_only(item) for item in value[1])
    return True


PROSE_WORDS = st.sampled_from(["cat", "Dog", "a b", "x:y", "R&D", "50%", "don't", 'say "hi"', "#tag", "a # b",
                               "\\n", "\\t", "\\x41", "\\u00e9", "\\N", "\\_", "é", "  ", "-", "--", "NO", "1_0", "|", ">-",
                               "*a*", "[b]", "&c"])


@st.composite
def prose_values(draw) -> str:
    """Scalars over several lines, as definitions are written: plain, quoted, literal, folded."""
    lines = draw(st.lists(st.lists(PROSE_WORDS, min_size=0, max_size=3).map(" ".join), min_size=1, max_size=4))
    step = " " * draw(st.sampled_from([2, 3, 4]))
    more = draw(st.sampled_from(["", " ", "  "]))
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    if style in ("literal", "folded"):
        header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-"]))
        extra = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))  # first line too
        body = [step + (more if deeper else "") + line if line else "" for deeper, line in zip(extra, lines)]
        return header + "\n" + "\n".join(body)
    quote = {"plain": "", "single": "'", "double": '"'}[style]
    return quote + ("\n" + step).join(lines) + quote


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose_values(), st.sampled_from([("id: a\ndefinition: {}\nname: b\n", 0),
                                        ("labels:\n  - id: a\n    definition: {}\n", 4),
                                        ("- {}\n- b\n", 2), ("k:\n  - {}\n  - b\n", 2),  # a list item's body:
                                        ("k:\n  - {}\n  - b\n", 1), ("k:\n- {}\n", 0)]))  # right of its dash
def test_where_the_guard_trusts_yaml_rs_it_reads_prose_as_the_reference_loader_does(value, shape):
    shape, indent = shape  # indent: of the value's next lines (the prose adds its own, 2 or more)
    text = shape.format(value.replace("\n", "\n" + " " * indent))
    if lazy._safe(text):
        ours = yaml_rs_reading(text)
        if ours[0] == "data" and text_keys_only(ours[1]):
            assert ours == reference_reading(text), text


def test_findings_about_whole_labels_need_no_second_reading(tmp_path, located_reads, reference_path):
    """TG402/TG403 point at the label itself: its line and column are known from the text."""
    root = clean_project(tmp_path)
    more = root / "taxonomies" / "more.yaml"
    more.write_text(more.read_text().replace("    examples: [One b.]\n", ""))
    result = check_path(root)
    assert [(d.code, str(d.location)) for d in result.diagnostics] == [("TG402", "taxonomies/more.yaml:3:5")]
    assert located_reads == []
    with reference_path:
        assert [str(d.location) for d in check_path(root).diagnostics] == ["taxonomies/more.yaml:3:5"]
