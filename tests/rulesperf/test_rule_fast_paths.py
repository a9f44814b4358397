"""The rules' fast paths give what the general code gives: the linear acyclicity check that lets
TG204/TG205 skip networkx, and the ASCII shortcut of name_key."""

import unicodedata

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from taxgen.model import Config, Label, Project, Task, Taxonomy
from taxgen.rules import RULES, Context
from taxgen.rules.base import _is_acyclic
from taxgen.rules.textnorm import _LOOKALIKES, name_key

IDS = st.sampled_from(["a", "b", "c", "d", "e", "f", "ghost"])  # "ghost" is never defined: an unknown parent
LABELS = st.lists(st.tuples(st.sampled_from("abcdef"), st.lists(IDS, max_size=3)), max_size=9)


def _taxonomy(labels) -> Taxonomy:
    return Taxonomy(id="t", title="T", version="1.0.0", task=Task(), labels=tuple(
        Label(id=label_id, name=label_id, taxonomy="t", parents=tuple(parents)) for label_id, parents in labels))


def _networkx_reference(taxonomy: Taxonomy) -> bool:
    graph = Context._build_hierarchy(taxonomy)
    return any(len(c) > 1 or graph.has_edge(n, n) for c in nx.strongly_connected_components(graph) for n in c)


class _NetworkxOnly(Context):
    """The rules as they ran before the fast path: cycles always come from networkx."""

    def has_cycle(self, taxonomy):
        return True


def _diagnostics(context_class, project, code):
    return list(RULES[code].check(context_class(project)))


@settings(max_examples=300, deadline=None)
@given(LABELS)
def test_linear_check_finds_a_cycle_exactly_when_networkx_does(labels):
    taxonomy = _taxonomy(labels)
    assert (not _is_acyclic(taxonomy)) == _networkx_reference(taxonomy)


@settings(max_examples=200, deadline=None)
@given(LABELS)
def test_cycle_and_reachability_diagnostics_match_the_networkx_path(labels):
    project = Project(root=".", config=Config(), taxonomies=(_taxonomy(labels),))
    for code in ("TG204", "TG205"):
        assert _diagnostics(Context, project, code) == _diagnostics(_NetworkxOnly, project, code)


def _general_name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(_LOOKALIKES).split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_ascii_name_key_matches_the_general_normalization(text):
    assert name_key(text) == _general_name_key(text)


def test_every_ascii_character_keys_as_the_general_normalization_does():
    for code in range(128):
        text = f"A{chr(code)}b  {chr(code)}C"
        assert name_key(text) == _general_name_key(text)
