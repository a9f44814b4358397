"""A label cannot be reached from any root label: it hangs below a cycle.

Annotators browse from the roots down; such a label never shows in the tree.

Bad: `c` under `a`, while `a` and `b` are each other's parent.

Good: break the cycle so `a` or `b` is a root.
"""

import networkx as nx

from ..diagnostics import Severity

CODE = "TG205"
NAME = "unreachable-label"
SEVERITY = Severity.ERROR
SUMMARY = "A label no root leads to (it hangs below a cycle)."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        if not ctx.has_cycle(taxonomy):  # without a cycle every label lies below a root
            continue
        graph = ctx.hierarchy(taxonomy)
        roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
        reached = set(roots)
        for root in roots:
            reached |= nx.descendants(graph, root)
        cyclic = set().union(*ctx.cycles(taxonomy))
        for label in taxonomy.labels:
            if label.id not in reached and label.id not in cyclic and taxonomy.get(label.id) is label:
                yield ctx.diag(CODE, f"label '{label.id}' is not reachable from any root label", label.where("parent"),
                               "it sits below a cycle in the hierarchy; fix the cycle (TG204)")
