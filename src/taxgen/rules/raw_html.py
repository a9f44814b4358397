"""A text field or guideline contains live HTML: a `<script>`/`<iframe>` element, an
event-handler attribute (`onclick=`), or a `javascript:` link. The site escapes label
texts, but such markup in a shared taxonomy is a red flag; in guidelines it would run.

Bad:

```yaml
definition: Click <a href="javascript:alert(1)" onclick="x()">here</a>
```

Good: plain text, or Markdown links to `https://` addresses.
"""

import re

from ..diagnostics import Location, Severity

CODE = "TG405"
NAME = "raw-html"
SEVERITY = Severity.ERROR
SUMMARY = "Script, iframe, event-handler attributes or javascript: links in any text."
SCOPE = "label"  # what it finds in a label depends on that label alone (see RuleInfo.scope)

_PATTERNS = (
    (re.compile(r"<\s*/?\s*(script|iframe|object|embed|frame|frameset|base|meta|link|style)\b", re.I), "a <{0}> tag"),
    (re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I), "an event-handler attribute '{0}='"),
    (re.compile(r"\b(javascript|vbscript)\s*:", re.I), "a {0}: link"),
    (re.compile(r"\bdata\s*:\s*text/html", re.I), "a data:text/html link"),
)


_NEEDED = ("<", ":")  # every pattern needs one of them (find_markup's first test)


def _markup_candidates(scan) -> list[int]:
    """Indexes of the texts of ``scan`` (a JoinedTexts) that may hold markup."""
    return scan.containing(*_NEEDED)


def find_markup(text: str) -> tuple[int, str] | None:
    """Offset and description of the first dangerous markup in ``text``."""
    if "<" not in text and ":" not in text:
        return None
    for pattern, message in _PATTERNS:
        match = pattern.search(text)
        if match:
            group = match.group(1) if match.groups() else ""
            return match.start(), message.format(group.lower())
    return None


# Each text comes with the object and field path of its location, worked out only for a finding.
def _label_texts(label):
    yield "name", label.name, label, ("name",)
    yield "definition", label.definition, label, ("definition",)
    for i, text in enumerate(label.synonyms):
        yield "synonym", text, label, ("synonyms", i)
    for i, text in enumerate(label.use_when):
        yield "use_when rule", text, label, ("use_when", i)
    for rule in label.do_not_use_when:
        yield "do_not_use_when rule", rule.text, rule, ()
    for example in label.examples:
        yield "example", example.text + " " + example.note, example, ()
    for near in label.near_misses:
        yield "near-miss", near.text + " " + near.why, near, ()
    for attribute in label.attributes:
        yield "attribute", " ".join((attribute.name, attribute.description, *attribute.values)), label, ("attributes",)


def _texts(ctx):
    for taxonomy in ctx.project.taxonomies:
        yield f"taxonomy '{taxonomy.id}' title", None, taxonomy.title, taxonomy, ("title",)
        yield f"taxonomy '{taxonomy.id}' description", None, taxonomy.description, taxonomy, ("description",)
        yield f"taxonomy '{taxonomy.id}' instructions", None, taxonomy.task.instructions, taxonomy, ("task",)
        for i, entry in enumerate(taxonomy.changelog):  # the site's changelog page shows them
            for j, text in enumerate(entry.changes):
                yield f"taxonomy '{taxonomy.id}' changelog", None, text, taxonomy, ("changelog", i, "changes", j)
        for label in ctx.label_prose(taxonomy).labels_found(_markup_candidates):  # a text there may match
            for field, text, owner, path in _label_texts(label):
                yield field, label, text, owner, path
    for item in ctx.project.golden_items:
        yield f"golden item '{item.id}'", None, (item.text or "") + " " + item.rationale, item, ()
    for guideline in ctx.project.guidelines:
        yield "guideline title", None, guideline.title, guideline, ("title",)


def check(ctx):
    for what, label, text, owner, path in _texts(ctx):
        found = find_markup(text or "")
        if found:
            what = what if label is None else f"{what} of '{label.id}'"
            yield ctx.diag(CODE, f"{what} contains {found[1]}", owner.where(*path), "write plain text; markup is not rendered")
    for guideline in ctx.project.guidelines:
        for number, line in enumerate(guideline.body.split("\n")):
            found = find_markup(line)
            if found:
                location = Location(guideline.source, guideline.body_line + number, found[0] + 1)
                yield ctx.diag(CODE, f"guideline contains {found[1]}", location,
                               "remove it: guidelines are published as pages annotators open")
