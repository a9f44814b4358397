"""The rules as they were before issue 8 made them fast: one Python loop over every label, text
or term, no pre-filter. The tests compare each rule's findings (and their order) with these.

Only the loops live here; the exact per-text and per-finding code they call (find_markup,
find_personal_data, the messages of TG203, TG301's walk through one sibling group) is the
rules' own, which the speed work left as it was.
"""

from collections import defaultdict

from taxgen.diagnostics import Location
from taxgen.rules import invalid_color, personal_data, raw_html, sibling_name_collision, unknown_reference
from taxgen.rules.base import did_you_mean
from taxgen.rules.textnorm import lookalike_note


def tg201(ctx):
    for taxonomy in ctx.project.taxonomies:
        first = {}
        for label in taxonomy.labels:
            if label.id in first:
                other = first[label.id]
                yield ctx.diag("TG201", f"duplicate label id '{label.id}' (first defined at {other.location})",
                               label.where("id"), "ids are stable and unique; give one of them a new id")
            else:
                first[label.id] = label


def tg202(ctx):
    for taxonomy, label in ctx.labels():
        for index, parent in enumerate(label.parents):
            if parent not in taxonomy:
                yield ctx.diag("TG202", f"unknown parent '{parent}'", label.where("parent", index)
                               if len(label.parents) > 1 else label.where("parent"),
                               did_you_mean(parent, taxonomy.label_ids))


def tg203(ctx):
    for taxonomy, label in ctx.labels():
        for field, target, owner, path in unknown_reference._references(label):
            if target not in taxonomy:
                yield ctx.diag("TG203", f"{field} refers to unknown label '{target}'", owner.where(*path),
                               did_you_mean(target, taxonomy.label_ids))
            elif target == label.id and field != "near-miss 'use'":
                yield ctx.diag("TG203", f"{field} refers to the label itself", owner.where(*path))


def tg206(ctx):
    for taxonomy, label in ctx.labels():
        if label.deprecated:
            continue
        for index, parent in enumerate(label.parents):
            target = taxonomy.get(parent)
            if target is not None and target.deprecated:
                yield ctx.diag("TG206", f"parent '{parent}' is deprecated", label.where("parent", index)
                               if len(label.parents) > 1 else label.where("parent"),
                               f"move '{label.id}' under "
                               + (f"'{target.replaced_by[0]}'" if target.replaced_by else "an active label"))
    for taxonomy, label in ctx.labels():
        for replacement in label.replaced_by:
            target = taxonomy.get(replacement)
            if target is not None and target.deprecated:
                yield ctx.diag("TG206", f"replaced_by '{replacement}' is itself deprecated",
                               label.where("replaced_by"), "point at the active label that replaces it"
                               + (f": '{target.replaced_by[0]}'" if target.replaced_by else ""))


def tg210(ctx):
    for item in ctx.project.golden_items:
        taxonomy = ctx.project.taxonomy(item.taxonomy)
        if taxonomy is None:
            continue
        if taxonomy.task.kind == "single-label" and len(item.expected) > 1:
            yield ctx.diag("TG210", f"golden item '{item.id}' expects {len(item.expected)} labels in a "
                           "single-label task", item.where("expected"), "keep the one label annotators should choose")
        for index, expected in enumerate(item.expected):
            label = taxonomy.get(expected)
            if label is None:
                continue
            location = item.where("expected", index) if len(item.expected) > 1 else item.where("expected")
            if label.deprecated:
                hint = f"expect '{label.replaced_by[0]}' instead" if label.replaced_by else None
                yield ctx.diag("TG210", f"golden item '{item.id}' expects deprecated label '{expected}'", location,
                               hint)
            elif taxonomy.task.leaf_only and not taxonomy.is_leaf(expected):
                children = ", ".join(f"'{c}'" for c in taxonomy.children(expected)[:5])
                yield ctx.diag("TG210", f"golden item '{item.id}' expects '{expected}', which is not a leaf label "
                               "in a leaf-only task", location, f"expect one of its children: {children}")


def tg212(ctx):
    for _taxonomy, label in ctx.labels():
        if label.deprecated and not label.replaced_by:
            yield ctx.diag("TG212", f"deprecated label '{label.id}' has no replaced_by", label.where("status"),
                           "name the label existing annotations should move to")
        elif not label.deprecated and label.replaced_by:
            yield ctx.diag("TG212", f"active label '{label.id}' has replaced_by", label.where("replaced_by"),
                           "add 'status: deprecated', or remove replaced_by")


def tg301(ctx):
    for taxonomy in ctx.project.taxonomies:
        groups = defaultdict(list)
        for label in taxonomy.labels:
            for parent in label.parents or (None,):
                groups[parent].append(label)
        for parent, siblings in groups.items():  # every sibling group: the rule now picks the few that can collide
            yield from sibling_name_collision._collisions(ctx, parent, siblings)


def tg302(ctx):
    for taxonomy in ctx.project.taxonomies:
        names = {}
        for label in taxonomy.labels:
            names.setdefault(ctx.name_key(label.name), label)
        for label in taxonomy.labels:
            for index, synonym in enumerate(label.synonyms):
                other = names.get(ctx.name_key(synonym))
                if other is not None and other.id != label.id:
                    yield ctx.diag("TG302", f"synonym '{synonym}' of '{label.id}' is the name of label '{other.id}'"
                                   f"{lookalike_note(synonym, other.name)}", label.where("synonyms", index),
                                   f"remove it, or mention '{other.id}' in related / confusable_with")


def tg303(ctx):
    for taxonomy in ctx.project.taxonomies:
        used = {}
        for label in taxonomy.labels:
            if not label.hotkey:
                continue
            key = label.hotkey.casefold()
            if key in used:
                free = sorted(set("abcdefghijklmnopqrstuvwxyz0123456789") - set(used))
                yield ctx.diag("TG303", f"hotkey '{label.hotkey}' of '{label.id}' is already used by "
                               f"'{used[key].id}'", label.where("hotkey"),
                               f"free keys: {''.join(free[:12])}" if free else None)
            else:
                used[key] = label


def tg304(ctx):
    for _taxonomy, label in ctx.labels():
        if label.color is None or invalid_color._HEX.match(label.color):
            continue
        short = invalid_color._SHORT.match(label.color)
        hint = ("write it as '#" + "".join(c * 2 for c in short.groups()).lower() + "'") if short else \
            "use six hex digits, e.g. '#1e88e5' (quote it: '#' starts a YAML comment)"
        yield ctx.diag("TG304", f"invalid color {label.color!r} for '{label.id}'", label.where("color"), hint)


def tg305(ctx):
    for taxonomy in ctx.project.taxonomies:
        seen = {}
        for label in taxonomy.labels:
            key = label.id.casefold()
            other = seen.get(key)
            if other is not None and other.id != label.id:
                yield ctx.diag("TG305", f"label id '{label.id}' differs from '{other.id}' only in letter case",
                               label.where("id"), "ids must stay distinct in case-insensitive tools and URLs")
            seen.setdefault(key, label)


def tg401(ctx):
    for _taxonomy, label in ctx.labels():
        if not label.deprecated and not label.definition.strip():
            yield ctx.diag("TG401", f"label '{label.id}' has no definition", label.where("definition"),
                           "say in one or two sentences what makes an item this label")


def tg402(ctx):
    for taxonomy, label in ctx.labels():
        if not label.deprecated and taxonomy.is_leaf(label.id) and not label.examples:
            yield ctx.diag("TG402", f"leaf label '{label.id}' has no positive example", label.location,
                           "add at least one item under 'examples'")


def tg404(ctx):
    texts = []
    for _taxonomy, label in ctx.labels():
        texts += [(example.text, example, ("example of", label.id)) for example in label.examples]
        texts += [(near.text, near, ("near-miss of", label.id)) for near in label.near_misses]
    texts += [(item.text, item, ("golden item", item.id)) for item in ctx.project.golden_items if item.text]
    for text, owner, (what, name) in texts:
        found = personal_data.find_personal_data(text)
        if found:
            yield ctx.diag("TG404", f"{what} '{name}' contains {found}", personal_data._location(owner),
                           "mask it, e.g. [email], [phone], [card number]: this text is published")


def _tg405_texts(ctx):
    for taxonomy in ctx.project.taxonomies:
        yield f"taxonomy '{taxonomy.id}' title", None, taxonomy.title, taxonomy, ("title",)
        yield f"taxonomy '{taxonomy.id}' description", None, taxonomy.description, taxonomy, ("description",)
        yield f"taxonomy '{taxonomy.id}' instructions", None, taxonomy.task.instructions, taxonomy, ("task",)
        for i, entry in enumerate(taxonomy.changelog):
            for j, text in enumerate(entry.changes):
                yield f"taxonomy '{taxonomy.id}' changelog", None, text, taxonomy, ("changelog", i, "changes", j)
        for label in taxonomy.labels:
            for field, text, owner, path in raw_html._label_texts(label):
                yield field, label, text, owner, path
    for item in ctx.project.golden_items:
        yield f"golden item '{item.id}'", None, (item.text or "") + " " + item.rationale, item, ()
    for guideline in ctx.project.guidelines:
        yield "guideline title", None, guideline.title, guideline, ("title",)


def tg405(ctx):
    for what, label, text, owner, path in _tg405_texts(ctx):
        found = raw_html.find_markup(text or "")
        if found:
            what = what if label is None else f"{what} of '{label.id}'"
            yield ctx.diag("TG405", f"{what} contains {found[1]}", owner.where(*path),
                           "write plain text; markup is not rendered")
    for guideline in ctx.project.guidelines:
        for number, line in enumerate(guideline.body.split("\n")):
            found = raw_html.find_markup(line)
            if found:
                location = Location(guideline.source, guideline.body_line + number, found[0] + 1)
                yield ctx.diag("TG405", f"guideline contains {found[1]}", location,
                               "remove it: guidelines are published as pages annotators open")


REFERENCE = {
    "TG201": tg201, "TG202": tg202, "TG203": tg203, "TG206": tg206, "TG210": tg210, "TG212": tg212,
    "TG301": tg301, "TG302": tg302, "TG303": tg303, "TG304": tg304, "TG305": tg305, "TG401": tg401,
    "TG402": tg402, "TG404": tg404, "TG405": tg405,
}
