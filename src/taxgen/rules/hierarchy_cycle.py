"""The parent links of a taxonomy form a cycle, so no label in it has a root.

Bad:

```yaml
- id: a
  name: A
  parent: b
- id: b
  name: B
  parent: a
```

Good: one of them is a root (no `parent`).
"""

import networkx as nx

from ..diagnostics import Severity

CODE = "TG204"
NAME = "hierarchy-cycle"
SEVERITY = Severity.ERROR
SUMMARY = "Parent links form a cycle."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        if not ctx.has_cycle(taxonomy):
            continue
        graph = ctx.hierarchy(taxonomy)
        for component in ctx.cycles(taxonomy):
            sub = graph.subgraph(component)
            cycle = [edge[0] for edge in nx.find_cycle(sub)]
            start = min(range(len(cycle)), key=lambda i: cycle[i])  # deterministic: start at the smallest id
            cycle = cycle[start:] + cycle[:start]
            label = taxonomy.get(cycle[0])
            shown = " -> ".join(cycle + [cycle[0]])
            yield ctx.diag(CODE, f"hierarchy cycle: {shown} (each is the parent of the next)", label.where("parent"),
                           "remove one parent link so the chain ends at a root label")
