"""What the site shows about a label beyond its own fields: links seen from the other side."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import GoldenItem, Guideline, Project, Taxonomy


@dataclass
class TaxonomyFacts:
    """Reverse links of one taxonomy, computed once so each label page is linear in its own size."""

    related: dict[str, list[str]] = field(default_factory=dict)
    confusable: dict[str, list[str]] = field(default_factory=dict)
    replaces: dict[str, list[str]] = field(default_factory=dict)
    golden: dict[str, list[GoldenItem]] = field(default_factory=dict)
    guidelines: dict[str, list[Guideline]] = field(default_factory=dict)


def _both_ways(pairs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for source, target in pairs:
        for a, b in ((source, target), (target, source)):
            if a != b and b not in out.setdefault(a, []):
                out[a].append(b)
    return out


def _covered_labels(guideline: Guideline, taxonomy_id: str) -> list[str]:
    """Labels of ``taxonomy_id`` a guideline names in its front matter or links to in its body."""
    named = []
    for entry in guideline.labels:
        owner, _, label_id = entry.rpartition("/")
        if (owner or guideline.taxonomy) == taxonomy_id:
            named.append(label_id)
    named += [link.label for link in guideline.links if link.taxonomy == taxonomy_id]
    return list(dict.fromkeys(named))


def taxonomy_facts(project: Project, taxonomy: Taxonomy) -> TaxonomyFacts:
    facts = TaxonomyFacts()
    facts.related = _both_ways((label.id, other) for label in taxonomy.labels for other in label.related)
    facts.confusable = _both_ways((label.id, other) for label in taxonomy.labels for other in label.confusable_with)
    for label in taxonomy.labels:
        for new in label.replaced_by:
            facts.replaces.setdefault(new, []).append(label.id)
    for item in project.golden_for(taxonomy.id):
        for expected in dict.fromkeys(item.expected):
            facts.golden.setdefault(expected, []).append(item)
    for guideline in project.guidelines:
        for label_id in _covered_labels(guideline, taxonomy.id):
            facts.guidelines.setdefault(label_id, []).append(guideline)
    return facts
