"""What a rule is, and the context every rule reads."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Callable, Iterable, Sequence

import networkx as nx

from ..diagnostics import Diagnostic, Location, Severity
from ..model import Label, Project, Taxonomy
from .textnorm import name_key
from .views import LabelProse, TermKeys, TermTexts


@dataclass(frozen=True)
class RuleInfo:
    """A rule's identity. ``check`` is None for problems the loader itself reports.

    ``scope`` is "label" for a rule whose findings about a label depend on that label alone:
    run over some labels, it finds what it finds for them in the whole project, so a re-check
    after an edit runs it over the labels the edit touched only (incremental.py). Every other
    rule is "project" and reads no label prose (definitions, rules' and examples' texts):
    tests/foundation/test_incremental.py holds both to that.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[["Context"], Iterable[Diagnostic]] | None = None
    scope: str = "project"


def rule_from_module(module) -> RuleInfo:
    return RuleInfo(code=module.CODE, name=module.NAME, severity=module.SEVERITY, summary=module.SUMMARY,
                    doc=(module.__doc__ or "").strip(), check=getattr(module, "check", None),
                    scope=getattr(module, "SCOPE", "project"))


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


class Context:
    """The project plus derived views (the graph) shared by all rules of one run."""

    def __init__(self, project: Project):
        self.project = project
        self._hierarchies: dict[str, nx.DiGraph] = {}
        self._cycles: dict[str, list[set[str]]] = {}
        self._has_cycle: dict[str, bool] = {}
        self._name_keys: dict[str, str] = {}
        self._views: dict[tuple[str, int], object] = {}
        self._severities: dict[str, Severity] | None = None

    def name_key(self, text: str) -> str:
        """textnorm.name_key, computed once per text for all the rules of a run."""
        key = self._name_keys.get(text)
        if key is None:
            key = self._name_keys[text] = name_key(text)
        return key

    def column(self, taxonomy: Taxonomy, field: str) -> list:
        """``[getattr(label, field) for label in taxonomy.labels]``, once per run: a pass over
        100,000 labels costs milliseconds, and several rules read the same field."""
        return self._view(f"column {field}", taxonomy, lambda: list(map(attrgetter(field), taxonomy.labels)))

    def ids(self, taxonomy: Taxonomy) -> Sequence[str]:
        """Each label's id, in document order: taxonomy.label_ids (no pass over the labels) unless
        an id is given twice."""
        label_ids = taxonomy.label_ids
        return label_ids if len(label_ids) == len(taxonomy.labels) else self.column(taxonomy, "id")

    def terms(self, taxonomy: Taxonomy) -> TermTexts:
        """The taxonomy's names and synonyms joined, once per run (for TermKeys and LabelProse)."""
        return self._view("terms", taxonomy,
                          lambda: TermTexts(self.column(taxonomy, "name"), self.column(taxonomy, "synonyms")))

    def term_keys(self, taxonomy: Taxonomy) -> TermKeys:
        """The name keys of the taxonomy's names and synonyms, worked out once per run (TG301, TG302)."""
        return self._view("term keys", taxonomy, lambda: TermKeys(self.terms(taxonomy)))

    def label_prose(self, taxonomy: Taxonomy) -> LabelProse:
        """The texts of the taxonomy's labels joined for searches, once per run (TG404, TG405)."""
        return self._view("prose", taxonomy, lambda: LabelProse(taxonomy.labels, self.terms(taxonomy)))

    def known_ids(self, taxonomy: Taxonomy) -> frozenset[str]:
        """The taxonomy's label ids as a set, once per run: ``map(known.__contains__, ...)`` asks
        about many ids in C, where ``id in taxonomy`` is a Python call each."""
        return self._view("ids", taxonomy, lambda: frozenset(taxonomy.label_ids))

    def _view(self, kind: str, taxonomy: Taxonomy, build: Callable[[], object]):
        key = (kind, id(taxonomy))  # by identity: two taxonomies may share an id (TG012)
        if key not in self._views:
            self._views[key] = build()
        return self._views[key]

    def diag(self, code: str, message: str, location: Location, hint: str | None = None) -> Diagnostic:
        if self._severities is None:  # looked up once per run: a rule may report thousands of findings
            from . import RULES

            self._severities = {info.code: info.severity for info in RULES.values()}
        return Diagnostic(code, self._severities[code], message, location, hint)

    def labels(self) -> Iterable[tuple[Taxonomy, Label]]:
        for taxonomy in self.project.taxonomies:
            for label in taxonomy.labels:
                yield taxonomy, label

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Every taxonomy, label, golden item and guideline as one graph.

        Nodes: ("taxonomy", t), ("label", t, id), ("golden", t, id), ("guideline", path).
        Edge kinds: parent-of, refers-to, replaced-by, excludes, covers, contains.
        """
        g = nx.MultiDiGraph()
        for taxonomy in self.project.taxonomies:
            t = taxonomy.id
            g.add_node(("taxonomy", t))
            for label in taxonomy.labels:
                node = ("label", t, label.id)
                g.add_node(node, label=label)
                g.add_edge(("taxonomy", t), node, kind="contains")
                for parent in label.parents:
                    g.add_edge(("label", t, parent), node, kind="parent-of")
                for other in (*label.related, *label.confusable_with):
                    g.add_edge(node, ("label", t, other), kind="refers-to")
                for other in label.replaced_by:
                    g.add_edge(node, ("label", t, other), kind="replaced-by")
                for rule in label.do_not_use_when:
                    if rule.instead:
                        g.add_edge(node, ("label", t, rule.instead), kind="excludes")
        for item in self.project.golden_items:
            for expected in item.expected:
                g.add_edge(("golden", item.taxonomy, item.id), ("label", item.taxonomy, expected), kind="covers")
        for guideline in self.project.guidelines:
            for link in guideline.links:
                if link.taxonomy:
                    g.add_edge(("guideline", guideline.source), ("label", link.taxonomy, link.label), kind="covers")
        return g

    def hierarchy(self, taxonomy: Taxonomy) -> nx.DiGraph:
        """parent -> child edges among the taxonomy's known labels (built once per run)."""
        if taxonomy.id not in self._hierarchies:
            self._hierarchies[taxonomy.id] = self._build_hierarchy(taxonomy)
        return self._hierarchies[taxonomy.id]

    def has_cycle(self, taxonomy: Taxonomy) -> bool:
        """Whether the parent links form a cycle: a linear check that spares an acyclic hierarchy
        (nearly every one) the networkx graph and its strongly connected components."""
        if taxonomy.id not in self._has_cycle:
            parents = self.column(taxonomy, "parents")
            self._has_cycle[taxonomy.id] = not (_parents_come_first(taxonomy, parents) or _is_acyclic(taxonomy))
        return self._has_cycle[taxonomy.id]

    def cycles(self, taxonomy: Taxonomy) -> list[set[str]]:
        """The hierarchy's cycles: strongly connected components with more than one label, or a self-loop."""
        if taxonomy.id not in self._cycles:
            if not self.has_cycle(taxonomy):
                self._cycles[taxonomy.id] = []
                return []
            graph = self.hierarchy(taxonomy)
            self._cycles[taxonomy.id] = [
                component for component in nx.strongly_connected_components(graph)
                if len(component) > 1 or any(graph.has_edge(node, node) for node in component)]
        return self._cycles[taxonomy.id]

    @staticmethod
    def _build_hierarchy(taxonomy: Taxonomy) -> nx.DiGraph:
        g = nx.DiGraph()
        g.add_nodes_from(taxonomy.label_ids)
        for label in taxonomy.labels:
            for parent in label.parents:
                if parent in taxonomy:
                    g.add_edge(parent, label.id)
        return g


def _parents_come_first(taxonomy: Taxonomy, parents: list[tuple[str, ...]]) -> bool:
    """Whether every label's known parents (``parents``: each label's, in document order) are
    defined above it, as taxonomies are usually written: document order is then a topological
    order, so the hierarchy has no cycle. False says nothing (a parent defined below its child, or
    an id given twice; _is_acyclic then decides)."""
    label_ids = taxonomy.label_ids
    if len(label_ids) != len(parents):
        return False  # an id given twice: its second definition's parents belong to its first place
    above: set[str] = set()
    all_above, add = above.issuperset, above.add
    for label_id, its_parents in zip(label_ids, parents):  # without a repeated id, label_ids is in label order
        if not all_above(its_parents):
            for parent in its_parents:
                if parent not in above and parent in taxonomy:  # a self-link is never above
                    return False
        add(label_id)
    return True


def _is_acyclic(taxonomy: Taxonomy) -> bool:
    """Kahn's topological sort over the same parent -> child edges as Context.hierarchy: the
    hierarchy has no cycle exactly when every label is taken once all its parents were. A link
    given twice is counted twice on both sides, so it needs no de-duplication."""
    label_ids = taxonomy.label_ids
    known = set(label_ids)
    children: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}  # links from parents not taken yet, per label
    for label in taxonomy.labels:
        for parent in label.parents:
            if parent in known:
                children.setdefault(parent, []).append(label.id)
                waiting[label.id] = waiting.get(label.id, 0) + 1
    ready = [label_id for label_id in label_ids if label_id not in waiting]
    taken = 0
    while ready:
        taken += 1
        for child in children.get(ready.pop(), ()):
            waiting[child] -= 1
            if not waiting[child]:
                ready.append(child)
    return taken == len(label_ids)
