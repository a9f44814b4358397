"""Two golden items share an id; scores could not tell their answers apart.

Bad: two items with `id: sent-001`.

Good: `sent-001` and `sent-002`.
"""

from ..diagnostics import Severity

CODE = "TG214"
NAME = "duplicate-golden-id"
SEVERITY = Severity.ERROR
SUMMARY = "Two golden items of a taxonomy have the same id."


def check(ctx):
    seen = {}
    for item in ctx.project.golden_items:
        key = (item.taxonomy, item.id)
        if key in seen:
            yield ctx.diag(CODE, f"duplicate golden item id '{item.id}' (first defined at {seen[key].location})",
                           item.where("id"))
        else:
            seen[key] = item
