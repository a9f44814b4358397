"""Hypothesis strategies for `taxgen import` inputs: every format's seed files mutated, and
files generated from each format's own vocabulary (Label Studio XML trees, tool JSON, SKOS
graphs serialized by rdflib in Turtle, RDF/XML and JSON-LD, CSV tables)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import quoteattr

from hypothesis import strategies as st

from fuzz_helpers import (CSV_TOKENS, FIXTURES, JSON_TOKENS, TURTLE_TOKENS, XML_TOKENS, csv_dump, json_dump, junk,
                          mutated, restructured, texts)

IMPORT_FIXTURES = FIXTURES / "import"

# format -> seed files (valid ones from tests/fixtures/import/good, hostile ones too: mutating
# a refused file can make it almost acceptable, which is where parsers are weakest)
SEEDS = {
    "label-studio": ["good/label-studio-ner.xml", "hostile/unknown-tags.xml", "hostile/no-labels.xml"],
    "labelbox": ["good/labelbox-ontology.json", "hostile/wrong-shapes.json"],
    "cvat": ["good/cvat-labels.json", "hostile/wrong-shapes.json"],
    "argilla": ["good/argilla-settings.json", "hostile/wrong-shapes.json"],
    "doccano": ["good/doccano-labels.json", "hostile/wrong-shapes.json"],
    "skos": ["good/skos-animals.ttl", "good/skos-animals.rdf", "good/skos-animals.jsonld", "hostile/broken.ttl"],
    "csv": ["good/labels.csv", "hostile/latin1.csv"],
}
TOKENS = {".xml": XML_TOKENS, ".rdf": XML_TOKENS, ".json": JSON_TOKENS, ".jsonld": JSON_TOKENS,
          ".ttl": TURTLE_TOKENS, ".csv": CSV_TOKENS}


def seed_path(rel: str) -> Path:
    return IMPORT_FIXTURES / rel


@st.composite
def mutated_import_file(draw, fmt: str) -> tuple[str, bytes]:
    """(file suffix, bytes): a seed of ``fmt`` with byte/token edits, or JSON seeds with edited values."""
    rel = draw(st.sampled_from(SEEDS[fmt]))
    data = seed_path(rel).read_bytes()
    suffix = Path(rel).suffix
    if suffix in (".json", ".jsonld") and draw(st.booleans()):
        return suffix, draw(restructured(json.loads(data), json_dump))
    return suffix, draw(mutated(data, TOKENS[suffix]))


# ---- generated files ----------------------------------------------------------------------------

LS_TAGS = ["View", "Labels", "Label", "Choices", "Choice", "Taxonomy", "RectangleLabels", "PolygonLabels", "Text",
           "Image", "Header", "TextArea", "Number", "Rating", "Relations", "Relation", "Style", "HyperTextLabels",
           "BrushLabels", "Video", "Audio", "Unknown", "view"]
LS_ATTRIBUTES = ["name", "toName", "value", "alias", "background", "hotkey", "hint", "choice", "visibleWhen",
                 "whenTagName", "whenChoiceValue", "whenLabelValue", "leafsOnly", "showInline", "selected", "html",
                 "title", "maxUsages", "placeholder", "min", "max", "perRegion", "required"]


def _xml_element(children, tag: str, attributes: dict[str, str], text: str) -> str:
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in attributes.items())
    body = "".join(children) + text
    return f"<{tag}{attrs}>{body}</{tag}>" if body else f"<{tag}{attrs}/>"


def _xml_text(text: str) -> str:
    """Text that XML can hold: control characters other than tab and newline are dropped."""
    return "".join(c for c in text if c in "\t\n" or (c >= " " and c not in "\ufffe\uffff"))


xml_values = texts.map(_xml_text) | st.sampled_from(["text", "$text", "$image", "entities", "red", "#ff0000", "a", "1",
                                                   "true", "multiple", "single"])
xml_elements = st.recursive(
    st.builds(lambda tag, attrs, text: _xml_element([], tag, attrs, text), st.sampled_from(LS_TAGS),
              st.dictionaries(st.sampled_from(LS_ATTRIBUTES), xml_values, max_size=4),
              texts.map(_xml_text).map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))),
    lambda inner: st.builds(_xml_element, st.lists(inner, max_size=5), st.sampled_from(LS_TAGS),
                            st.dictionaries(st.sampled_from(LS_ATTRIBUTES), xml_values, max_size=4), st.just("")),
    max_leaves=25)


def label_studio_configs():
    """A labeling config: a <View> of random Label Studio tags with random attributes."""
    return st.lists(xml_elements, max_size=6).map(lambda parts: f"<View>{''.join(parts)}</View>".encode("utf-8"))


JSON_KEYS = {
    "labelbox": ["tools", "classifications", "tool", "name", "color", "type", "options", "label", "value",
                 "instructions", "required", "normalized", "schemaNodeId"],
    "cvat": ["name", "color", "type", "attributes", "sublabels", "input_type", "values", "default_value", "mutable",
             "labels", "id", "parent"],
    "argilla": ["questions", "fields", "settings", "type", "options", "value", "text", "description", "name",
                "title", "guidelines", "visible_options", "required"],
    "doccano": ["id", "text", "prefix_key", "suffix_key", "background_color", "text_color"],
}
JSON_WORDS = ["radio", "checklist", "rectangle", "polygon", "label_selection", "multi_label_selection", "select",
              "checkbox", "text", "number", "any", "rectangle", "ner", "#ff0000", "red", "ctrl", "a"]


def tool_json(fmt: str):
    """JSON built from the format's keys and words, nested at random."""
    leaves = st.none() | st.booleans() | st.integers(-2, 2 ** 70) | st.sampled_from(JSON_WORDS) | texts
    keys = st.sampled_from(JSON_KEYS[fmt]) | texts
    values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                          max_leaves=30)
    return values.map(json_dump)


CONCEPTS = ["a", "b", "c", "scheme", "x%20y", "ü"]
PREDICATES = ["prefLabel", "altLabel", "hiddenLabel", "definition", "scopeNote", "example", "broader", "narrower",
              "related", "inScheme", "topConceptOf", "hasTopConcept", "notation", "note", "exactMatch"]


@st.composite
def skos_documents(draw) -> tuple[str, bytes]:
    """(suffix, bytes): a random SKOS graph serialized by rdflib as Turtle, RDF/XML or JSON-LD."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

    ex = Namespace("http://example.org/v/")
    graph = Graph()
    for concept in CONCEPTS:
        if draw(st.booleans()):
            kind = SKOS.ConceptScheme if concept == "scheme" and draw(st.booleans()) else SKOS.Concept
            graph.add((ex[concept], RDF.type, kind))
    for _ in range(draw(st.integers(0, 15))):
        subject = ex[draw(st.sampled_from(CONCEPTS))]
        predicate = SKOS[draw(st.sampled_from(PREDICATES))]
        if draw(st.booleans()):
            obj = ex[draw(st.sampled_from(CONCEPTS))]
        else:
            text = draw(texts).replace("\x00", "")
            obj = Literal(text, lang=draw(st.sampled_from([None, "en", "de", "en-GB"])))
        graph.add((subject, predicate, obj))
    if draw(st.booleans()):
        graph.add((ex[draw(st.sampled_from(CONCEPTS))], OWL.deprecated, Literal(True)))
        old, new = (ex[draw(st.sampled_from(CONCEPTS))] for _ in range(2))
        graph.add((old, DCTERMS.isReplacedBy, URIRef(new)))
    fmt, suffix = draw(st.sampled_from([("turtle", ".ttl"), ("xml", ".rdf"), ("json-ld", ".jsonld")]))
    try:
        return suffix, graph.serialize(format=fmt).encode("utf-8")
    except Exception:  # rdflib cannot write every literal in every syntax; Turtle can
        return ".ttl", graph.serialize(format="turtle").encode("utf-8")


CSV_HEADERS = ["id", "name", "parent", "definition", "synonyms", "color", "hotkey", "examples", "status", "replaced_by",
               "Label", "broader", "", "id"]


@st.composite
def csv_tables(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(CSV_HEADERS) | texts, min_size=1, max_size=6))
    cells = st.sampled_from(["a", "b", "a.b", "", "deprecated", "#ff0000", "x|y", "c"]) | texts
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 1), max_size=8))
    return csv_dump([header, *rows])


def generated_import_file(fmt: str):
    """(suffix, bytes) generated for ``fmt``."""
    if fmt == "label-studio":
        return st.tuples(st.just(".xml"), label_studio_configs())
    if fmt == "skos":
        return skos_documents()
    if fmt == "csv":
        return st.tuples(st.just(".csv"), csv_tables())
    return st.tuples(st.just(".json"), tool_json(fmt))


def any_json_junk():
    return junk.map(json_dump)
