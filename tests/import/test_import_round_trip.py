"""Round trip per format: import a tool's file -> compile the taxonomy back to that tool's
format (src/taxgen/targets) -> the tool's own package reads both, and they hold an equivalent
label set: the same values, hierarchy, colors and hotkeys.

Tool packages: label-studio-sdk (LabelInterface), labelbox (OntologyBuilder), cvat-sdk (its
OpenAPI label model), argilla (its question model), rdflib for SKOS, the csv module for CSV.
doccano's client cannot be installed next to argilla (it needs pydantic 1), so its files are
read as the JSON list its importer takes. Formats without hierarchy (CVAT, Argilla, doccano)
flatten it on the way out; their tests say so.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from xml.etree import ElementTree

import pytest
from import_helpers import GOOD, run_import
from rdflib import Graph
from rdflib.namespace import RDF, SKOS
from real_sources import label_studio_templates

from taxgen.importers import ImportOptions, import_data
from taxgen.importers.base import normalize_color, taxonomy_slug
from taxgen.targets import TARGETS


def compiled(fmt: str, taxonomy) -> str:
    target = TARGETS[fmt]
    assert target.check(taxonomy) == [], f"{fmt} target refuses {taxonomy.id}"
    return target.render(taxonomy).decode("utf-8")


# ---- Label Studio --------------------------------------------------------------------------------

def ls_label_set(config: str, control: str) -> dict[str, tuple]:
    """value -> (color, hotkey) of one control, as label-studio-sdk reads the config."""
    from label_studio_sdk.label_interface import LabelInterface

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tag = LabelInterface(config).get_control(control)
    regions = tag.tag.endswith("Labels")  # only region labels have a color in Label Studio; <Choice> has none
    out = {}
    for tag_label in tag.labels_attrs.values():
        attr = tag_label.attr
        hotkey = attr.get("hotkey") if len(attr.get("hotkey") or "") == 1 else None
        color = normalize_color(attr.get("background")) if regions else None
        out[" ".join(attr["value"].split())] = (color, hotkey)
    return out


def ls_tree(config: str, control: str) -> set[tuple[str | None, str]]:
    """(parent value, value) pairs from the nesting of <Choice> tags in the control."""
    root = ElementTree.fromstring(config)
    element = next(e for e in root.iter() if e.get("name") == control)
    pairs = set()

    def walk(node, parent):
        for child in node:
            if child.tag == "Choice":
                pairs.add((parent, " ".join(child.get("value").split())))
                walk(child, " ".join(child.get("value").split()))
            else:
                walk(child, parent)

    walk(element, None)
    return pairs


def assert_label_studio_round_trip(config: str, source: str) -> int:
    """Every control of ``config`` survives import -> compile; returns how many were compared."""
    from label_studio_sdk.label_interface import LabelInterface

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        controls = [c.name for c in LabelInterface(config).controls if getattr(c, "labels_attrs", None)]
    result = import_data("label-studio", config.encode(), ImportOptions(source=source))
    by_id = {t.id: t for t in result.taxonomies}
    owners = {a.name: (t, label) for t in result.taxonomies for label in t.labels for a in label.attributes}
    for control in controls:
        if taxonomy_slug(control) not in by_id:  # shown for one label only: came back as its attribute
            taxonomy, label = owners[control]
            back = compiled("label-studio", taxonomy)
            assert set(ls_label_set(back, f"{label.id}/{control}")) == set(ls_label_set(config, control))
            continue
        taxonomy = by_id[taxonomy_slug(control)]
        back = compiled("label-studio", taxonomy)
        before, after = ls_label_set(config, control), ls_label_set(back, "label")
        assert set(after) == set(before), (source, control)
        for value, (color, hotkey) in before.items():
            assert (color or after[value][0], hotkey) == after[value], (source, control, value)
        if any(label.parents for label in taxonomy.labels):
            assert ls_tree(back, "label") == ls_tree(config, control), (source, control)
    return len(controls)


def test_label_studio_fixture_round_trip():
    config = (GOOD / "label-studio-ner.xml").read_text()
    assert assert_label_studio_round_trip(config, "label-studio-ner.xml") == 3


def test_label_studio_templates_round_trip():
    """Every label set in the templates shipped with Label Studio comes back equivalent."""
    compared = templates = 0
    for config, where in label_studio_templates().items():
        count = assert_label_studio_round_trip(config, where)
        templates += bool(count)
        compared += count
    print(f"\nLabel Studio templates: {compared} label sets in {templates} templates round-trip")
    assert templates >= 100


def test_label_studio_per_label_controls_come_back_as_attributes():
    """Attributes compiled to Label Studio controls shown for one label are read back as attributes."""
    (taxonomy,) = run_import("cvat", GOOD / "cvat-labels.json").taxonomies
    config = compiled("label-studio", taxonomy)
    (again,) = import_data("label-studio", config.encode(), ImportOptions(source="cvat.xml")).taxonomies

    def attributes(t):  # Label Studio's <Number> has no range or default
        return {label.id: [(a.name, a.type, a.description) + ((a.values, a.default) if a.type != "number" else ())
                           for a in label.attributes] for label in t.labels}

    assert attributes(again) == attributes(taxonomy)


# ---- Labelbox -------------------------------------------------------------------------------------

def labelbox_read(ontology: dict):
    import labelbox

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return labelbox.OntologyBuilder.from_dict(ontology)


def option_tree(classification, parent=None) -> set[tuple]:
    """(parent option value, option value, option label) for a classification and its nested ones."""
    out = set()
    for option in classification.options:
        out.add((parent, option.value, option.label))
        for nested in option.options:
            if nested.class_type.value in ("radio", "checklist"):
                out |= option_tree(nested, option.value)
    return out


def test_labelbox_round_trip():
    source = json.loads((GOOD / "labelbox-ontology.json").read_text())
    original = labelbox_read(source)
    result = run_import("labelbox", GOOD / "labelbox-ontology.json")
    by_id = {t.id: t for t in result.taxonomies}
    tools = labelbox_read(json.loads(compiled("labelbox", by_id["objects"]))).tools
    assert [(t.name, t.color.lower(), t.tool) for t in tools] == \
        [(t.name, t.color.lower(), t.tool) for t in original.tools]
    assert [[c.name for c in t.classifications if c.class_type.value == "radio"] for t in tools] == \
        [[c.name for c in t.classifications if c.class_type.value == "radio"] for t in original.tools]
    for classification in original.classifications:
        if classification.class_type.value not in ("radio", "checklist"):
            continue
        (back,) = labelbox_read(json.loads(compiled("labelbox", by_id[classification.name]))).classifications
        assert back.class_type == classification.class_type
        assert option_tree(back) == option_tree(classification)


# ---- CVAT -----------------------------------------------------------------------------------------

def cvat_read(labels: list[dict]):
    from cvat_sdk.api_client import ApiClient
    from cvat_sdk.api_client.model_utils import validate_and_convert_types
    from cvat_sdk.api_client.models import PatchedLabelRequest

    configuration = ApiClient().configuration
    return [validate_and_convert_types(label, (PatchedLabelRequest,), ["label"], True, True, configuration)
            for label in labels]


def test_cvat_round_trip():
    original = cvat_read(json.loads((GOOD / "cvat-labels.json").read_text()))
    (taxonomy,) = run_import("cvat", GOOD / "cvat-labels.json").taxonomies
    back = cvat_read(json.loads(compiled("cvat", taxonomy)))
    assert [(l.name, l.color.lower()) for l in back] == [(l.name, l.color.lower()) for l in original]

    def attributes(label):
        return [(a.name.replace(" ", "_"), a.input_type, list(a.values), a.default_value) for a in label.attributes]

    for before, after in zip(original, back):
        assert attributes(after) == attributes(before)


# ---- Argilla --------------------------------------------------------------------------------------

def argilla_questions(settings: dict) -> dict:
    """name -> (type, [(value, text, description)]) as Argilla's question model reads them."""
    from argilla._models import QuestionModel

    out = {}
    for question in settings["questions"]:
        model = QuestionModel.model_validate(question)
        options = getattr(model.settings, "options", None)
        if options is not None and model.settings.type != "ranking":
            out[model.name] = (model.settings.type, [(o["value"], o["text"], o.get("description")) for o in options])
    return out


def test_argilla_round_trip():
    original = argilla_questions(json.loads((GOOD / "argilla-settings.json").read_text()))
    result = run_import("argilla", GOOD / "argilla-settings.json")
    assert [t.id for t in result.taxonomies] == list(original)
    for taxonomy in result.taxonomies:
        (back,) = argilla_questions(json.loads(compiled("argilla", taxonomy))).values()
        kind, options = original[taxonomy.id]
        assert back[0] == kind
        # a definition the source lacked stays absent; the rest comes back word for word
        assert [(v, t, d or None) for v, t, d in back[1]] == options


# ---- doccano --------------------------------------------------------------------------------------

def test_doccano_round_trip():
    original = json.loads((GOOD / "doccano-labels.json").read_text())
    (taxonomy,) = run_import("doccano", GOOD / "doccano-labels.json").taxonomies
    back = json.loads(compiled("doccano", taxonomy))
    assert [(e["text"], e["background_color"].lower(), e["suffix_key"]) for e in back] == \
        [(e["text"], e["background_color"].lower(), e["suffix_key"]) for e in original]


# ---- SKOS -----------------------------------------------------------------------------------------

def skos_read(text: str, fmt: str) -> tuple[dict, set]:
    """prefLabel by notation-or-name, and broader pairs by prefLabel, as rdflib reads them."""
    graph = Graph().parse(data=text, format=fmt)
    names = {c: str(graph.value(c, SKOS.prefLabel)) for c in graph.subjects(RDF.type, SKOS.Concept)}
    broader = {(names[c], names[p]) for c, p in graph.subject_objects(SKOS.broader) if p in names}
    broader |= {(names[c], names[p]) for p, c in graph.subject_objects(SKOS.narrower) if c in names}
    synonyms = {(names[c], str(s)) for c, s in graph.subject_objects(SKOS.altLabel) if c in names}
    return names, broader | {("alt", pair) for pair in synonyms}


@pytest.mark.parametrize("name, fmt", [("skos-animals.ttl", "turtle"), ("skos-animals.rdf", "xml"),
                                       ("skos-animals.jsonld", "json-ld")])
def test_skos_round_trip(name, fmt):
    source = (GOOD / name).read_text()
    names, relations = skos_read(source, fmt)
    (taxonomy,) = run_import("skos", GOOD / name).taxonomies
    back_names, back_relations = skos_read(compiled("skos", taxonomy), "turtle")
    english = {n for n in names.values()} - {"Tiere", "Hund", "Säugetier"}
    assert set(back_names.values()) == english and back_relations == relations


# ---- CSV ------------------------------------------------------------------------------------------

def test_csv_round_trip():
    rows = list(csv.DictReader((GOOD / "labels.csv").read_text().splitlines()))
    (taxonomy,) = run_import("csv", GOOD / "labels.csv").taxonomies
    back = list(csv.DictReader(io.StringIO(compiled("csv", taxonomy))))
    by_name = {row["name"]: row for row in back}
    ids = {row["name"]: row["id"] for row in back}
    for row in rows:
        again = by_name[row["name"]]
        assert again["id"] == row["id"] and again["definition"] == row["definition"]
        parent = row["parent"]
        assert again["parent"] == (ids.get(parent) or parent)
        assert again["color"] == (normalize_color(row["color"]) or "")
        assert again["hotkey"] == row["hotkey"]


@pytest.mark.parametrize("name", ["labels.csv", "skos-animals.ttl", "doccano-labels.json"])
def test_compiled_file_imports_back_to_the_same_taxonomy(name):
    """import -> compile -> import is a fixed point for the formats that keep everything."""
    fmt = {"labels.csv": "csv", "skos-animals.ttl": "skos", "doccano-labels.json": "doccano"}[name]
    (taxonomy,) = run_import(fmt, GOOD / name).taxonomies
    again = import_data(fmt, TARGETS[fmt].render(taxonomy), ImportOptions(source=name)).taxonomies[0]

    def essence(t):
        return [(l.id, l.name, l.parents, l.synonyms, l.definition, l.color, l.hotkey, l.status, l.replaced_by)
                for l in t.labels]

    assert sorted(essence(again)) == sorted(essence(taxonomy))
