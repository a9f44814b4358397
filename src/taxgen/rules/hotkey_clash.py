"""Two labels of one taxonomy share a hotkey (compared case-insensitively, as most tools do).

Bad:

```yaml
- {id: car, name: Car, hotkey: c}
- {id: cyclist, name: Cyclist, hotkey: C}
```

Good: `hotkey: y` for `cyclist`.
"""

from itertools import compress

from ..diagnostics import Severity

CODE = "TG303"
NAME = "hotkey-clash"
SEVERITY = Severity.ERROR
SUMMARY = "Two labels share a hotkey."


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        used = {}
        for label in compress(taxonomy.labels, ctx.column(taxonomy, "hotkey")):  # the few with a hotkey
            key = label.hotkey.casefold()
            if key in used:
                free = sorted(set("abcdefghijklmnopqrstuvwxyz0123456789") - set(used))
                yield ctx.diag(CODE, f"hotkey '{label.hotkey}' of '{label.id}' is already used by '{used[key].id}'",
                               label.where("hotkey"), f"free keys: {''.join(free[:12])}" if free else None)
            else:
                used[key] = label
