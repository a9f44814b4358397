"""Each format's importer on a fixture that uses every feature it reads: the YAML it writes
(snapshots), that the result passes `taxgen check`, and what each importer keeps."""

from __future__ import annotations

import pytest
from import_helpers import GOOD, GOOD_FILES, project, run_import, write_import  # noqa: F401 (fixture)

from taxgen.check import check_path
from taxgen.diagnostics import Severity
from taxgen.importers.emit import taxonomy_yaml


def _labels(result, taxonomy_id: str) -> dict:
    taxonomy = next(t for t in result.taxonomies if t.id == taxonomy_id)
    return {label.id: label for label in taxonomy.labels}


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_import_output_matches_snapshot(name, snapshot):
    result = run_import(GOOD_FILES[name], GOOD / name)
    assert result.errors == 0
    for taxonomy in result.taxonomies:
        snapshot(f"import/{name}/{taxonomy.id}.yaml", taxonomy_yaml(taxonomy, origin=f"Imported from {name}."))
    lines = [f"{d.location}: {d.severity.value} {d.code} {d.message}" for d in result.diagnostics]
    snapshot(f"import/{name}/diagnostics.txt", "\n".join(lines) + "\n")


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_imported_project_passes_check(name, project):
    result = run_import(GOOD_FILES[name], GOOD / name)
    written = write_import(project, GOOD_FILES[name], result)
    checked = check_path(project)
    errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert len(checked.project.taxonomies) == len(written) == len(result.taxonomies)
    # only what an import cannot invent is left to warn about
    assert {d.code for d in checked.diagnostics} <= {"TG402", "TG403", "TG212"}


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_import_is_deterministic(name):
    first = run_import(GOOD_FILES[name], GOOD / name)
    second = run_import(GOOD_FILES[name], GOOD / name)
    assert [taxonomy_yaml(t) for t in first.taxonomies] == [taxonomy_yaml(t) for t in second.taxonomies]


def test_label_studio_keeps_values_hierarchy_colors_hotkeys_hints():
    result = run_import("label-studio", GOOD / "label-studio-ner.xml")
    assert [t.id for t in result.taxonomies] == ["entities", "sentiment", "topic"]
    entities, sentiment, topic = result.taxonomies
    assert (entities.task.kind, entities.task.data, entities.task.instructions) == \
        ("spans", "text", "Select the entities in the text")
    labels = _labels(result, "entities")
    assert list(labels) == ["PER", "ORG", "Location", "NO"]  # alias is what results store
    assert (labels["PER"].name, labels["PER"].color, labels["PER"].hotkey, labels["PER"].definition) == \
        ("Person", "#ff0000", "p", "A named human being, real or fictional.")
    assert labels["Location"].color == "#008000" and labels["NO"].color == "#00aaff"
    assert sentiment.task.kind == "multi-label" and sentiment.task.instructions == "How does the author feel?"
    assert topic.task.leaf_only is True and topic.task.kind == "multi-label"
    tree = {label.id: (label.name, label.parents) for label in topic.labels}
    assert tree == {"Animals": ("Animals", ()), "Birds": ("Birds", ("Animals",)), "Owls": ("Owls", ("Birds",)),
                    "Other": ("Other", ("Animals",)), "Plants": ("Plants", ()),
                    "Plants.Other": ("Other", ("Plants",))}
    assert any(d.code == "TI009" and "showInline" in d.message for d in result.diagnostics)


def test_label_studio_dynamic_choices_are_reported_not_invented():
    xml = b'<View><Text name="t" value="$t"/><Choices name="c" toName="t" value="$options"/></View>'
    from taxgen.importers import ImportOptions, import_data

    result = import_data("label-studio", xml, ImportOptions(source="c.xml"))
    assert result.taxonomies == ()
    assert [d.code for d in result.diagnostics] == ["TI009", "TI005"]


def test_labelbox_tools_attributes_and_nested_options():
    result = run_import("labelbox", GOOD / "labelbox-ontology.json")
    assert [t.id for t in result.taxonomies] == ["objects", "weather", "defects"]
    objects = _labels(result, "objects")
    car = objects["Car"]
    assert car.color == "#ff0000"
    assert [(a.name, a.type, a.values) for a in car.attributes] == [("occluded", "radio", ("yes", "no")),
                                                                    ("plate", "text", ())]
    assert objects["traffic-light"].name == "Traffic light"
    weather = _labels(result, "weather")
    assert weather["heavy_rain"].parents == ("rainy",) and weather["heavy_rain"].name == "Heavy rain"
    assert result.taxonomies[1].task.instructions == "What is the weather?"
    assert result.taxonomies[2].task.kind == "multi-label"


def test_cvat_attributes_keep_type_values_default():
    result = run_import("cvat", GOOD / "cvat-labels.json")
    labels = _labels(result, "cvat-labels")
    attributes = {a.name: (a.type, a.values, a.default) for a in labels["car"].attributes}
    assert attributes == {
        "model": ("select", ("sedan", "suv", "truck"), "sedan"),
        "parked": ("checkbox", (), False),
        "passengers": ("number", ("0", "8", "1"), "0"),
        "plate_number": ("text", (), None),
    }
    assert labels["road"].color == "#ffcc33"


def test_cvat_skeleton_points_become_children():
    data = b'[{"name": "hand", "type": "skeleton", "color": "#112233", "sublabels": [' \
           b'{"name": "thumb", "type": "points", "color": "#445566"}]}]'
    from taxgen.importers import ImportOptions, import_data

    result = import_data("cvat", data, ImportOptions(source="s.json"))
    labels = {label.id: label for label in result.taxonomies[0].labels}
    assert labels["thumb"].parents == ("hand",)


def test_argilla_questions_definitions_and_guidelines():
    result = run_import("argilla", GOOD / "argilla-settings.json")
    assert [(t.id, t.task.kind) for t in result.taxonomies] == \
        [("sentiment", "single-label"), ("topics", "multi-label"), ("entities", "spans")]
    sentiment = result.taxonomies[0]
    assert sentiment.title == "What is the sentiment?" and sentiment.task.instructions == "Pick one."
    assert sentiment.description == "Label the sentiment of each product review."
    assert sentiment.labels[0].definition == "The reviewer is satisfied."


def test_doccano_hotkeys_colors_and_task_kind_option():
    result = run_import("doccano", GOOD / "doccano-labels.json", task_kind="spans")
    labels = _labels(result, "doccano-labels")
    assert (labels["PER"].hotkey, labels["PER"].color) == ("p", "#d33115")
    assert labels["date-time"].name == "Date / time"
    assert result.taxonomies[0].task.kind == "spans"
    assert not any("does not say" in d.message for d in result.diagnostics)


@pytest.mark.parametrize("name", ["skos-animals.ttl", "skos-animals.rdf", "skos-animals.jsonld"])
def test_skos_reads_the_same_vocabulary_in_every_syntax(name):
    result = run_import("skos", GOOD / name)
    taxonomy = result.taxonomies[0]
    assert (taxonomy.id, taxonomy.title, taxonomy.description) == ("animals", "Animals", "Animals that appear in photos.")
    labels = {label.id: label for label in taxonomy.labels}
    dog = labels["dog"]
    assert (dog.name, dog.parents, dog.synonyms, dog.related) == ("Dog", ("mammal",), ("Hound", "Puppy"), ("cat",))
    assert dog.use_when == ("Use for domestic dogs only, not wolves.",)
    assert [e.text for e in dog.examples] == ["A labrador fetching a stick."]
    assert labels["B-01"].name == "Owl" and labels["B-01"].parents == ("bird",)  # notation, narrower
    assert labels["dodo"].status == "deprecated" and labels["dodo"].replaced_by == ("bird",)


def test_skos_language_option():
    result = run_import("skos", GOOD / "skos-animals.ttl", language="de")
    labels = {label.id: label for label in result.taxonomies[0].labels}
    assert labels["dog"].name == "Hund" and labels["mammal"].name == "Säugetier"
    assert result.taxonomies[0].title == "Tiere"
    assert labels["cat"].name == "Cat"  # no German label: falls back to the first language


def test_csv_columns_parent_by_name_and_multi_values():
    result = run_import("csv", GOOD / "labels.csv")
    labels = _labels(result, "labels")
    assert labels["refund"].synonyms == ("chargeback", "money back")
    assert labels["password"].parents == ("account",)  # "Account access": a parent named, not id'd
    assert labels["account"].color == "#008000"


def test_csv_custom_columns_and_semicolons():
    data = "Code;Label;Broader;Notes\nA1;Alpha;;first\nA2;Beta;A1;second\n".encode()
    from taxgen.importers import ImportOptions, import_data

    options = ImportOptions(source="t.csv", columns={"id": "Code", "name": "Label", "parent": "Broader",
                                                     "definition": "Notes"})
    result = import_data("csv", data, options)
    labels = {label.id: label for label in result.taxonomies[0].labels}
    assert labels["A2"].parents == ("A1",) and labels["A2"].definition == "second"


def test_csv_unknown_parent_is_left_out_with_a_warning():
    from taxgen.importers import ImportOptions, import_data

    result = import_data("csv", b"id,name,parent\na,A,zzz\n", ImportOptions(source="t.csv"))
    assert result.taxonomies[0].labels[0].parents == ()
    assert any(d.code == "TI007" and "zzz" in d.message and d.line == 2 for d in result.diagnostics)
