"""The Rust schema engine may only ever skip work, never a diagnostic.

fast_schema.known_valid lets a document that jsonschema-rs finds valid skip the Python
validator, which words every schema diagnostic. So whenever it says valid, the Python
validator must find nothing: otherwise the fast path would drop a diagnostic the reference
path reports. The generated documents aim at where two engines can differ: string lengths
in code points (combining marks, emoji), ``$`` before a trailing line break in patterns,
unique items, integers beyond 64 bits, NaN and infinities, enums, oneOf alternatives.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taxgen.loading import fast_schema, schema
from taxgen.loading.yaml_source import YamlDocument

# Values each engine accepts for the field, and values at the edges where engines can differ.
IDS = st.sampled_from(["a", "NO", "a.b", "A_1", "low-er", "a" * 128, "0x1F"])
TEXTS = st.sampled_from(["a", "NO", "é", "😀", "Oslo is lovely.", "line\nbreak"]) | \
    st.text(alphabet="aZ09 .é😀\u0301", min_size=1, max_size=6).filter(lambda text: text[0] != "\u0301")
CHARS = st.sampled_from(["a", "é", "😀", "1", "N"])
TRICKY = st.sampled_from(["", " ", "a\n", "abc\n", "e\u0301", "😀😀", "é\u0301", "1.0.0\n", "01.0.0", "2020-01-01\n",
                          "a" * 129, "x:y", "-a", "Active", "PII", "1a", "https://", "ftp://x", 2 ** 70, -1, 0, 1.5,
                          float("nan"), float("inf"), True, False, None, [], {}, ["a", "a"], [1, 1.0], [True, 1],
                          ["a", "b\n"], {"text": "a"}, {"text": "a", "file": "b"}, {"when": "a", "instead": "b\n"}])


def mappings(required: dict, optional: dict):
    return st.fixed_dictionaries(required, optional=optional)


UNIQUE_IDS = st.lists(IDS, max_size=3, unique=True)
LABEL = mappings(
    {"id": IDS, "name": TEXTS},
    {"definition": TEXTS, "parent": IDS | UNIQUE_IDS, "synonyms": st.lists(TEXTS, max_size=3, unique=True),
     "use_when": st.lists(TEXTS, max_size=2),
     "do_not_use_when": st.lists(TEXTS | mappings({"when": TEXTS}, {"instead": IDS}), max_size=2),
     "related": UNIQUE_IDS, "examples": st.lists(TEXTS | mappings({"text": TEXTS}, {"note": TEXTS}), max_size=3),
     "near_misses": st.lists(mappings({"text": TEXTS, "why": TEXTS}, {"use": IDS}), max_size=2),
     "color": TEXTS, "hotkey": CHARS, "status": st.sampled_from(["active", "deprecated"]),
     "replaced_by": IDS, "sensitivity": st.sampled_from(["none", "pii"]),
     "attributes": st.lists(mappings({"name": st.sampled_from(["size", "a_b"]),
                                      "type": st.sampled_from(["text", "select"])},
                                     {"values": st.lists(TEXTS, max_size=3, unique=True),
                                      "default": TEXTS | st.integers(-5, 5) | st.booleans()}), max_size=2)})
TASK = mappings({"kind": st.sampled_from(["single-label", "spans"]), "data": st.sampled_from(["text", "image"])},
                {"leaf_only": st.booleans(), "instructions": TEXTS})
CHANGELOG = st.lists(mappings({"version": TEXTS, "changes": st.lists(TEXTS, min_size=1, max_size=2)},
                              {"date": st.just("2020-01-01")}), max_size=2)
HEADER = mappings({"id": st.sampled_from(["countries", "c-1"]), "title": TEXTS,
                   "version": st.sampled_from(["1.0.0", "1.2.3-rc.1+b"]), "task": TASK},
                  {"description": TEXTS, "changelog": CHANGELOG})
TAXONOMY = st.fixed_dictionaries({"taxonomy": HEADER | st.just("countries"), "labels": st.lists(LABEL, max_size=3)})
GOLDEN = st.fixed_dictionaries(
    {"golden_items": st.lists(mappings(
        {"id": IDS | st.just("g:1"), "input": TEXTS | st.fixed_dictionaries({"url": st.just("https://x")}),
         "expected": IDS | st.lists(IDS, min_size=1, max_size=3, unique=True), "rationale": TEXTS},
        {"difficulty": st.sampled_from(["easy", "hard"])}), max_size=3)},
    optional={"taxonomy": st.just("countries")})


@st.composite
def perturbed(draw, documents):
    """A valid document, or one with a value somewhere in it replaced by a tricky one."""
    data = draw(documents)
    for _ in range(draw(st.integers(0, 1))):
        node, key = data, None
        while True:  # walk down to a random place
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            if not children or (key is not None and draw(st.booleans())):
                break
            key, child = draw(st.sampled_from(children))
            if not isinstance(child, (dict, list)):
                break
            node = child
            key = None
        if key is not None:
            node[key] = draw(TRICKY)
        elif isinstance(node, dict):
            node[draw(st.sampled_from(["extra", "id", "name", "text"]))] = draw(TRICKY)
    return data


SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def python_errors(name: str, data) -> list[str]:
    return [error.message for error in schema.validator(name).iter_errors(data)]


def rust_says_valid(name: str, data) -> bool:
    return fast_schema.known_valid(YamlDocument(path="t.yaml", data=data), name, schema.schema(name))


@SETTINGS
@given(perturbed(TAXONOMY))
def test_a_taxonomy_file_the_rust_engine_passes_has_no_python_errors(data):
    if rust_says_valid("taxonomy", data):
        assert python_errors("taxonomy", data) == []


@SETTINGS
@given(perturbed(GOLDEN))
def test_a_golden_file_the_rust_engine_passes_has_no_python_errors(data):
    if rust_says_valid("golden", data):
        assert python_errors("golden", data) == []


def test_the_rust_engine_does_pass_valid_files():
    """Otherwise the properties above would hold vacuously."""
    label = {"id": "NO", "name": "Norway", "synonyms": ["Noreg", "Norge"], "examples": ["Oslo.", {"text": "Bergen."}],
             "hotkey": "n", "attributes": [{"name": "size", "type": "select", "values": ["a", "b"], "default": "a"}]}
    header = {"id": "countries", "title": "Countries", "version": "1.0.0", "task": {"kind": "spans", "data": "text"}}
    assert fast_schema.jsonschema_rs is not None
    assert rust_says_valid("taxonomy", {"taxonomy": header, "labels": [label]})
    assert rust_says_valid("golden", {"golden_items": [{"id": "g:1", "input": {"url": "https://x"}, "expected": ["NO"],
                                                        "rationale": "Because."}]})
