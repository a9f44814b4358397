"""The pre-filters of the fast rules never pass over what the exact check would flag: a search over
joined texts finds every text a per-text search finds, the bulk name keys are name_key's, and the
shortcuts that skip a rule's walk (no key shared by two labels, ids distinct when folded, parents
defined above their children) hold only when the walk would find nothing."""

import re

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_speed_helpers import labels, names, texts

from taxgen.model import Config, Label, Project, Task, Taxonomy
from taxgen.rules import personal_data, raw_html
from taxgen.rules.base import Context, _parents_come_first
from taxgen.rules.id_lookalike import _distinct_when_folded
from taxgen.rules.textnorm import name_key, name_keys
from taxgen.rules.textscan import SEPARATOR, JoinedTexts
from taxgen.rules.views import LabelProse, TermKeys, TermTexts

text_lists = st.lists(texts, max_size=12)


def _terms(label_list) -> TermTexts:
    return TermTexts([label.name for label in label_list], [label.synonyms for label in label_list])


def _with_separator(items) -> bool:
    return any(SEPARATOR in text for text in items)


# ---- JoinedTexts -------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(text_lists, st.lists(st.sampled_from(["<", ":", "@", "a", "12", "\t", "  "]), min_size=1, max_size=3))
def test_containing_finds_exactly_the_texts_that_contain_a_needle(items, needles):
    found = JoinedTexts(items).containing(*needles)
    expected = [index for index, text in enumerate(items) if any(needle in text for needle in needles)]
    if _with_separator(items) and expected:
        assert found == list(range(len(items)))  # cannot be told apart: every text is checked
    else:
        assert found == expected


@settings(max_examples=300, deadline=None)
@given(text_lists, st.sampled_from([re.compile(r"[0-9]{3}"), re.compile(r"<\s*[a-z]+", re.I), "@", "555"]))
def test_matching_finds_exactly_the_texts_a_per_text_search_finds(items, pattern):
    found = JoinedTexts(items).matching(pattern)
    search = pattern.search if isinstance(pattern, re.Pattern) else (lambda text: pattern in text)
    expected = [index for index, text in enumerate(items) if search(text)]
    assert found == (list(range(len(items))) if _with_separator(items) else expected)


def test_a_search_over_anything_but_texts_answers_every_text():
    scan = JoinedTexts(["a", None, "b"])
    assert scan.containing("x") == [0, 1, 2]
    assert scan.matching(re.compile("x")) == [0, 1, 2]


def test_hits_in_many_texts_are_counted_to_the_right_text():
    items = [f"text {index}" + ("<" if index % 7 == 3 else "") for index in range(1000)]
    assert JoinedTexts(items).containing("<") == [index for index in range(1000) if index % 7 == 3]


# ---- the rules' pre-filters --------------------------------------------------------------------
@settings(max_examples=500, deadline=None)
@given(text_lists)
def test_personal_data_candidates_hold_every_text_with_personal_data(items):
    candidates = set(personal_data._candidates(JoinedTexts(items)))
    assert {index for index, text in enumerate(items) if personal_data.find_personal_data(text)} <= candidates


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１２３４５６７８９𝟎𝟏 -x\x00", max_size=24), max_size=6))
def test_personal_data_candidates_count_digits_of_every_script(items):
    candidates = set(personal_data._candidates(JoinedTexts(items)))
    enough = {index for index, text in enumerate(items) if len(re.findall(r"\d", text)) >= 9}
    assert enough <= candidates


@settings(max_examples=500, deadline=None)
@given(text_lists)
def test_markup_candidates_hold_every_text_with_markup(items):
    candidates = set(JoinedTexts(items).containing(*raw_html._NEEDED))
    assert {index for index, text in enumerate(items) if raw_html.find_markup(text)} <= candidates


@settings(max_examples=200, deadline=None)
@given(st.lists(labels(row=5), max_size=6))
def test_label_prose_points_at_every_label_with_a_finding(label_list):
    prose = LabelProse(label_list, _terms(label_list))
    markup = prose.labels_found(raw_html._markup_candidates)
    personal = prose.labels_found(personal_data._candidates)
    for label in label_list:
        if any(raw_html.find_markup(text or "") for _, text, _, _ in raw_html._label_texts(label)):
            assert any(label is found for found in markup)
        if any(personal_data.find_personal_data(text) for text, _, _ in personal_data._label_texts(label)):
            assert any(label is found for found in personal)


# ---- name keys ---------------------------------------------------------------------------------
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(texts, st.text(max_size=6)), max_size=12))
def test_bulk_name_keys_are_name_key_of_each_text(items):
    assert name_keys(items) == [name_key(text) for text in items]


def _sharing_labels(label_list) -> set[int]:
    owners: dict[str, set[int]] = {}
    for index, label in enumerate(label_list):
        for text in (label.name, *label.synonyms):
            owners.setdefault(name_key(text), set()).add(index)
    return {index for indexes in owners.values() if len(indexes) > 1 for index in indexes}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, st.lists(names, max_size=3)), max_size=8))
def test_term_keys_know_which_labels_share_a_key(terms):
    label_list = [Label(id="x", name=name, taxonomy="t", synonyms=tuple(synonyms)) for name, synonyms in terms]
    keys = TermKeys(_terms(label_list))
    sharing = _sharing_labels(label_list)
    assert keys.labels_sharing_a_key() == sharing
    if keys.each_key_in_one_label:
        assert not sharing


# ---- ids and the hierarchy ---------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["a", "A", "ß", "ss", "SS", "K", "\u212a", "k", "a\x00b", "İ"]),
                          st.text(max_size=3)), unique=True, max_size=6))
def test_ids_distinct_when_folded_exactly_when_no_two_fold_alike(id_list):
    distinct = len({i.casefold() for i in id_list}) == len(id_list)
    if _with_separator(id_list):  # cannot be told apart when joined: the rule walks the labels
        assert not _distinct_when_folded(tuple(id_list)) or distinct
    else:
        assert _distinct_when_folded(tuple(id_list)) == distinct


HIERARCHIES = st.lists(st.tuples(st.sampled_from("abcdef"), st.lists(st.sampled_from("abcdefg"), max_size=3)),
                       max_size=9)  # g is never defined: an unknown parent


@settings(max_examples=400, deadline=None)
@given(HIERARCHIES)
def test_parents_defined_above_their_children_mean_no_cycle(hierarchy):
    taxonomy = Taxonomy(id="t", title="T", version="1", task=Task(), labels=tuple(
        Label(id=label_id, name=label_id, taxonomy="t", parents=tuple(parents)) for label_id, parents in hierarchy))
    acyclic = nx.is_directed_acyclic_graph(Context._build_hierarchy(taxonomy))
    assert acyclic or not _parents_come_first(taxonomy, [label.parents for label in taxonomy.labels])
    project = Project(root=".", config=Config(), taxonomies=(taxonomy,))
    assert Context(project).has_cycle(taxonomy) is not acyclic


def test_a_top_down_taxonomy_is_certified_and_any_other_goes_to_the_general_check():
    def taxonomy(order, extra=()):
        parents = {"root": (), "child": ("root",), "leaf": ("child", "ghost"), "loop": ("loop",)}
        return Taxonomy(id="t", title="T", version="1", task=Task(),
                        labels=tuple(Label(id=i, name=i, taxonomy="t", parents=parents[i]) for i in (*order, *extra)))

    def first(t):
        return _parents_come_first(t, [label.parents for label in t.labels])

    assert first(taxonomy(["root", "child", "leaf"]))
    assert not first(taxonomy(["leaf", "child", "root"]))  # acyclic all the same
    assert not first(taxonomy(["root", "loop"]))  # a self-link
    assert not first(taxonomy(["root", "child"], extra=["root"]))  # an id given twice
    for order, cyclic in ((["leaf", "child", "root"], False), (["root", "loop"], True)):
        project = Project(root=".", config=Config(), taxonomies=(taxonomy(order),))
        assert Context(project).has_cycle(project.taxonomies[0]) is cyclic
