"""A color is not a `#rrggbb` hex color. Several tools accept only that form.

Bad: `color: red`, `color: "#f00"`.

Good: `color: "#e53935"`.
"""

import re
from itertools import compress, repeat
from operator import is_not

from ..diagnostics import Severity

CODE = "TG304"
NAME = "invalid-color"
SEVERITY = Severity.ERROR
SUMMARY = "A color that is not #rrggbb."
SCOPE = "label"  # what it finds in a label depends on that label alone (see RuleInfo.scope)

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SHORT = re.compile(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$")


def check(ctx):
    for taxonomy in ctx.project.taxonomies:
        colors = ctx.column(taxonomy, "color")
        for label in compress(taxonomy.labels, map(is_not, colors, repeat(None))):  # the few with a color
            yield from _invalid_color(ctx, label)


def _invalid_color(ctx, label):
    if _HEX.match(label.color):
        return
    short = _SHORT.match(label.color)
    hint = ("write it as '#" + "".join(c * 2 for c in short.groups()).lower() + "'") if short else \
        "use six hex digits, e.g. '#1e88e5' (quote it: '#' starts a YAML comment)"
    yield ctx.diag(CODE, f"invalid color {label.color!r} for '{label.id}'", label.where("color"), hint)
