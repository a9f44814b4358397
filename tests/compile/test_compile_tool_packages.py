"""Every compiled file is read back by the tool's own Python package (or the format's reference
library) and must say the same labels as the taxonomy: the fixtures (including awkward names) and
every taxonomy in the repo's taxonomies/."""

from __future__ import annotations

import json
import uuid

import pytest

from compile_helpers import REPO, cases, compiled
from taxgen.check import check_path
from taxgen.targets.common import display_names, selectable, visible_ids


def test_the_repo_examples_compile_for_every_tool_they_fit():
    result = check_path(REPO)
    assert result.errors == 0
    assert compiled()["repo"].errors == 0 and len(result.project.taxonomies) >= 1
    assert all(d.code == "TG601" for d in compiled()["repo"].diagnostics)  # only tasks a tool does not do


def _names(taxonomy) -> dict[str, str]:
    labels = selectable(taxonomy)
    return display_names(taxonomy, labels)


# --------------------------------------------------------------------------- Label Studio

@pytest.mark.parametrize("taxonomy, data", cases("label-studio"))
def test_label_studio_sdk_validates_and_reads_back_our_labels(taxonomy, data):
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(data.decode("utf-8"))
    interface.validate()
    control = interface.get_control("label")
    hierarchical = type(control).__name__ == "TaxonomyTag"
    expected_ids = visible_ids(taxonomy) if hierarchical else {label.id for label in selectable(taxonomy)}
    assert set(control.labels) == expected_ids
    names = {i: taxonomy.get(i).name for i in expected_ids} if hierarchical else _names(taxonomy)
    for label_id, tag in control.labels_attrs.items():
        label = taxonomy.get(label_id)
        assert tag.attr["value"] == names[label_id]
        assert tag.attr.get("hint", "") == label.definition
        if label.hotkey and not hierarchical:
            assert tag.attr["hotkey"] == label.hotkey.lower()


@pytest.mark.parametrize("taxonomy, data", cases("label-studio"))
def test_label_studio_attribute_controls_are_tied_to_their_label(taxonomy, data):
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(data.decode("utf-8"))
    expected = {f"{label.id}/{a.name}": label.id for label in selectable(taxonomy) for a in label.attributes}
    found = {c.name: c.attr.get("whenLabelValue") or c.attr.get("whenChoiceValue")
             for c in interface.controls if c.name != "label"}
    assert found == expected


# --------------------------------------------------------------------------- Labelbox

def _options(classification: dict, path: tuple = ()):
    """(value, label, has nested hierarchy) of every option, depth first."""
    for option in classification["options"]:
        nested = [c for c in option["options"] if c["name"] == option["value"]]
        yield option["value"], option["label"], bool(nested)
        for child in nested:
            yield from _options(child)


@pytest.mark.parametrize("taxonomy, data", cases("labelbox"))
def test_labelbox_ontology_builder_round_trip_is_equal(taxonomy, data):
    from labelbox import OntologyBuilder

    ontology = json.loads(data)
    assert OntologyBuilder.from_dict(ontology).asdict() == ontology
    if taxonomy.task.classification:
        (tree,) = ontology["classifications"]
        assert tree["type"] == ("checklist" if taxonomy.task.multi else "radio")
        options = list(_options(tree))
        assert {value for value, _, _ in options} == visible_ids(taxonomy)
        assert all(text == taxonomy.get(value).name for value, text, _ in options)
        leaves = {value for value, _, nested in options if not nested}
        chosen = {label.id for label in selectable(taxonomy)}
        assert chosen == leaves if taxonomy.task.leaf_only else chosen <= {value for value, _, _ in options}
    else:
        names = _names(taxonomy)
        assert [tool["name"] for tool in ontology["tools"]] == [names[label.id] for label in selectable(taxonomy)]


# --------------------------------------------------------------------------- CVAT

@pytest.mark.parametrize("taxonomy, data", cases("cvat"))
def test_cvat_sdk_models_accept_every_label(taxonomy, data):
    from cvat_sdk.api_client import Configuration, models
    from cvat_sdk.api_client.model_utils import validate_and_convert_types

    labels = json.loads(data)
    converted = validate_and_convert_types(labels, ([models.PatchedLabelRequest],), ["labels"], True, True,
                                           configuration=Configuration())
    assert all(isinstance(label, models.PatchedLabelRequest) for label in converted)
    for label in labels:
        models.LabelType(label["type"])  # raises on a type CVAT does not know
        assert len({a["name"] for a in label["attributes"]}) == len(label["attributes"])
        for attribute in label["attributes"]:
            if attribute["input_type"] in ("select", "radio", "checkbox"):
                assert attribute["default_value"] in attribute["values"]
    names = _names(taxonomy)
    assert [label["name"] for label in labels] == [names[label.id] for label in selectable(taxonomy)]
    assert len({label["name"] for label in labels}) == len(labels)


# --------------------------------------------------------------------------- Argilla

@pytest.fixture(scope="module")
def argilla_client():
    """The settings classes need a client object; this one answers only the login call, locally.

    Nothing else is sent: Settings._from_dict, validate() and serialize() run offline.
    """
    import argilla as rg
    import httpx

    def login(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/me", f"unexpected request {request.url}"
        return httpx.Response(200, json={"id": str(uuid.UUID(int=1)), "username": "offline", "role": "owner",
                                         "first_name": "offline", "last_name": None, "api_key": "offline",
                                         "inserted_at": "2024-01-01T00:00:00", "updated_at": "2024-01-01T00:00:00"})

    return rg.Argilla(api_url="http://argilla.invalid", api_key="offline",
                      mounts={"all://": httpx.MockTransport(login)})


@pytest.mark.parametrize("taxonomy, data", cases("argilla"))
def test_argilla_settings_read_validate_and_serialize_to_the_same(argilla_client, taxonomy, data):
    import argilla as rg

    document = json.loads(data)
    settings = rg.Settings._from_dict(document)
    settings.validate()
    assert settings.serialize() == document
    (question,) = settings.questions
    expected = {"single-label": rg.LabelQuestion, "multi-label": rg.MultiLabelQuestion, "spans": rg.SpanQuestion}
    assert type(question) is expected[taxonomy.task.kind]
    assert question.labels == [label.id for label in selectable(taxonomy)]
    names = _names(taxonomy)
    for option in document["questions"][0]["settings"]["options"]:
        assert option["text"] == names[option["value"]]
        assert 1 <= len(option["value"]) <= 200 and 1 <= len(option["text"]) <= 500
        assert 1 <= len(option.get("description", "x")) <= 1000


@pytest.mark.parametrize("taxonomy, data", cases("argilla"))
def test_argilla_question_fits_the_servers_create_schema(taxonomy, data):
    """The limits of argilla-server 2.8.0's question create schemas (api/schemas/v1/questions.py).

    argilla-server itself cannot share the test environment: it pins typer<0.10 where
    label-studio-sdk 2.1.2 needs typer>=0.12.3 (and pydantic~=2.9, httpx~=0.27), and importing
    its schema module starts the whole FastAPI app (redis, SQLAlchemy, Elasticsearch clients).
    Its facts are checked here instead; the `argilla` SDK above validates the same document.
    """
    document = json.loads(data)
    (question,) = document["questions"]
    settings = question["settings"]
    options = settings["options"]
    assert 1 <= len(question["name"]) <= 200 and 1 <= len(question["title"]) <= 500
    assert question["description"] is None or 1 <= len(question["description"]) <= 1000
    assert len({option["value"] for option in options}) == len(options)  # "Option values must be unique"
    minimum = 1 if settings["type"] == "span" else 2
    assert minimum <= len(options) <= 500
    visible = settings.get("visible_options")
    assert visible is None or 3 <= visible <= len(options)
    if settings["type"] == "span":
        assert settings["field"] in {field["name"] for field in document["fields"]}
        assert document["fields"][0]["settings"]["type"] == "text"
    assert 1 <= len(document["guidelines"])


# --------------------------------------------------------------------------- SKOS

SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.mark.parametrize("taxonomy, data", cases("skos"))
def test_rdflib_parses_the_turtle_into_our_concepts(taxonomy, data):
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import OWL, RDF

    skos = Namespace(SKOS)
    graph = Graph().parse(data=data.decode("utf-8"), format="turtle")
    base = f"https://taxgen.dev/taxonomies/{taxonomy.id}/"
    scheme = URIRef(base)
    assert (scheme, RDF.type, skos.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, skos.Concept))
    assert concepts == {URIRef(base + label_id) for label_id in taxonomy.label_ids}
    for label_id in taxonomy.label_ids:
        label, concept = taxonomy.get(label_id), URIRef(base + label_id)
        assert set(graph.objects(concept, skos.prefLabel)) == {Literal(label.name)}
        assert set(graph.objects(concept, skos.notation)) == {Literal(label.id)}
        assert set(graph.objects(concept, skos.altLabel)) == {Literal(s) for s in label.synonyms}
        assert set(graph.objects(concept, skos.broader)) == {URIRef(base + p) for p in label.parents}
        assert {str(o) for o in graph.objects(concept, skos.example)} == {e.text for e in label.examples}
        if label.definition.strip():
            assert set(graph.objects(concept, skos.definition)) == {Literal(label.definition.strip())}
        assert ((concept, OWL.deprecated, Literal(True)) in graph) == label.deprecated


# --------------------------------------------------------------------------- tools without a parsing package

@pytest.mark.parametrize("taxonomy, data", cases("doccano"))
def test_doccano_label_types_keep_doccanos_model_constraints(taxonomy, data):
    """doccano's own serializer cannot run here: doccano 1.8.4 pins pandas<2.0, built for NumPy 1,
    while label-studio-sdk 2.1.2 needs numpy>=2.2; pip resolves the two, but pandas then fails to
    import ("numpy.dtype size changed"), breaking label-studio-sdk, statsmodels and datasets. The
    serializer also needs a configured Django project with a database. Its LabelType model's
    constraints (label_types/models.py, serializers.py) are checked instead: text 1-100
    characters and unique per project, suffix_key a digit or lower-case letter, prefix_key only
    with a suffix_key, shortcuts unique, colors #rrggbb (7 characters)."""
    import re
    import string

    labels = json.loads(data)
    texts = [label["text"] for label in labels]
    assert all(1 <= len(text) <= 100 for text in texts) and len(set(texts)) == len(texts)
    keys = [label["suffix_key"] for label in labels if label["suffix_key"] is not None]
    assert all(key in string.digits + string.ascii_lowercase for key in keys) and len(set(keys)) == len(keys)
    assert all(label["prefix_key"] is None for label in labels)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", label[c]) for label in labels for c in ("background_color", "text_color"))
    names = _names(taxonomy)
    assert texts == [names[label.id] for label in selectable(taxonomy)]


@pytest.mark.parametrize("taxonomy, data", cases("sagemaker"))
def test_sagemaker_label_categories_follow_the_documented_format(taxonomy, data):
    document = json.loads(data)
    assert document["document-version"] == "2018-11-28"
    labels = [entry["label"] for entry in document["labels"]]
    assert all(set(entry) == {"label"} for entry in document["labels"])
    assert len(set(labels)) == len(labels) and len(labels) >= (2 if taxonomy.task.classification else 1)
    assert set(document["instructions"]) == {"shortInstruction", "fullInstruction"}
    names = _names(taxonomy)
    assert labels == [names[label.id] for label in selectable(taxonomy)]


@pytest.mark.parametrize("taxonomy, data", cases("prodigy"))
def test_prodigy_file_lists_selectable_ids_one_per_line(taxonomy, data):
    lines = data.decode("utf-8").splitlines()
    assert lines == [label.id for label in selectable(taxonomy)]
    assert all("," not in line and line == line.strip() for line in lines)


@pytest.mark.parametrize("taxonomy, data", cases("spacy"))
def test_spacy_label_list_is_the_selectable_ids(taxonomy, data):
    assert json.loads(data) == [label.id for label in selectable(taxonomy)]
