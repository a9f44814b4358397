"""Hypothesis strategies for project inputs: seed files mutated, and whole projects generated.

Mutated inputs start from a file of a valid fixture project (fuzz_helpers.SEED_PROJECTS) and
apply byte, line and token edits (any kind of file) or edits of the parsed data (YAML files
and Markdown front matter). Generated projects are built from the taxonomy format's own
vocabulary with nasty text in every free-text field, so that many of them pass `taxgen check`
and reach compile, build, diff and score.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import strategies as st

from taxgen.loading.yaml_source import resolve_plain

from fuzz_helpers import (MARKDOWN_TOKENS, SEED_FILES, YAML_TOKENS, ids, mutated, restructured, seed_bytes, texts,
                          yaml_dump)

TASK_KINDS = ["single-label", "multi-label", "spans", "boxes", "polygons"]
DATA_KINDS = ["text", "image", "audio", "document"]
COLORS = ["#e53935", "#fff", "red", "rebeccapurple", "#12345", "rgb(1,2,3)", "", "#E53935"]
HOTKEYS = ["a", "b", "1", "ctrl+a", "A", "", "é", " "]


def _front_matter(data: bytes) -> tuple[dict | None, bytes]:
    """(front matter, body) of a guideline; (None, data) when it has none that PyYAML can read."""
    text = data.decode("utf-8")
    if not text.startswith("---\n"):
        return None, data
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        return None, data
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError:
        return None, data
    return (meta if isinstance(meta, dict) else None), body.encode("utf-8")


def _guideline_dump(body: bytes):
    return lambda meta: b"---\n" + yaml_dump(meta) + b"---\n" + body


# Fields of free text (or lists of it): new text there keeps a file valid.
PROSE_KEYS = {"title", "name", "definition", "description", "instructions", "synonyms", "use_when", "when", "text",
              "note", "why", "rationale", "input", "changes", "examples", "site_name"}


def _prose_paths(node, prefix: tuple = (), in_prose: bool = False):
    """Paths of the strings that are free text."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        prose_here = in_prose or key in PROSE_KEYS
        if isinstance(value, str) and prose_here:
            yield prefix + (key,)
        else:
            yield from _prose_paths(value, prefix + (key,), prose_here and isinstance(value, list))


@st.composite
def prose_edited(draw, data, dump) -> bytes:
    """Parsed data with 1-3 of its free-text strings replaced by nasty (but non-blank) text."""
    import copy

    data = copy.deepcopy(data)
    paths = list(_prose_paths(data))
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)) if paths else ():
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = draw(prose(valid=True))
    return dump(data)


@st.composite
def mutated_seed_file(draw, files=SEED_FILES, texts_only: bool = False) -> tuple[str, str, bytes]:
    """(seed, relative path, new bytes) for one file of a seed project.

    ``texts_only``: only string values are replaced (with nasty text), so that most results
    still pass `taxgen check` and reach the later stages.
    """
    seed, rel = draw(st.sampled_from(files))
    data = seed_bytes(seed, rel)
    if texts_only:
        if rel.endswith(".md"):
            meta, body = _front_matter(data)
            body = body + b"\n" + draw(texts).encode("utf-8", "surrogatepass")
            return seed, rel, draw(prose_edited(meta, _guideline_dump(body))) if meta else body
        return seed, rel, draw(prose_edited(yaml.safe_load(data), yaml_dump))
    if rel.endswith(".md"):
        meta, body = _front_matter(data)
        if meta is not None and draw(st.booleans()):
            return seed, rel, draw(restructured(meta, _guideline_dump(body)))
        return seed, rel, draw(mutated(data, MARKDOWN_TOKENS))
    if draw(st.booleans()):
        return seed, rel, draw(restructured(yaml.safe_load(data), yaml_dump))
    return seed, rel, draw(mutated(data, YAML_TOKENS))


# ---- generated projects -------------------------------------------------------------------------

# Rules a project may lower to warnings: compile and the site must then cope with what they flag.
LOWERED_RULES = {code: "warning" for code in ("TG206", "TG210", "TG301", "TG302", "TG303", "TG305", "TG404", "TG405")}
VALID_IDS = st.from_regex(r"\A[a-z][a-z0-9._-]{0,12}\Z")
VALID_TAXONOMY_IDS = st.from_regex(r"\A[a-z][a-z0-9_-]{0,8}\Z")
VALID_COLORS = ["#e53935", "#1E88E5"]
VALID_HOTKEYS = ["a", "b", "1", "A", "é"]


def prose(valid: bool):
    """Free text: anything when sloppy; non-blank and within the name length limit when valid."""
    if not valid:
        return texts
    return texts.map(lambda t: t[:200]).filter(lambda t: t.strip() and isinstance(resolve_plain(t), str))


@st.composite
def labels(draw, taxonomy_id: str, valid: bool) -> list[dict]:
    """Labels with every field of the format. ``valid``: unique ids, parents earlier in the list
    (no cycles), references to existing labels; otherwise anything goes."""
    label_ids = draw(st.lists(VALID_IDS if valid else ids, max_size=10, unique=valid))
    text = prose(valid)
    out = []
    for index, label_id in enumerate(label_ids):
        earlier = label_ids[:index]
        refs = (st.sampled_from(label_ids + ["nowhere", f"{taxonomy_id}/x"]) if not valid
                else st.sampled_from(earlier) if earlier else None)
        label: dict = {"id": label_id, "name": draw(text), "definition": draw(text)}
        optional = {
            "synonyms": st.lists(text, max_size=3, unique=True),
            "use_when": st.lists(text, max_size=2),
            "examples": st.lists(text | st.fixed_dictionaries({"text": text, "note": text}), max_size=2),
            "color": st.sampled_from(VALID_COLORS if valid else COLORS),
            "hotkey": st.sampled_from(VALID_HOTKEYS if valid else HOTKEYS),
            "sensitivity": st.sampled_from(["none", "pii", "phi", "financial"] + ([] if valid else ["secret"])),
            "attributes": st.lists(st.fixed_dictionaries(
                {"name": st.sampled_from(["coat", "size", "Coat"] + ([] if valid else ["x y"])),
                 "type": st.sampled_from(["select", "text", "number", "checkbox", "radio"] + ([] if valid else ["?"]))},
                optional={"values": st.lists(text, min_size=1, max_size=3, unique=True), "description": text}),
                max_size=2, unique_by=lambda a: a["name"]),
        }
        if refs is not None:
            optional.update({
                "parent": refs | st.lists(refs, max_size=3, unique=True),
                "do_not_use_when": st.lists(text | st.fixed_dictionaries({"when": text, "instead": refs}), max_size=2),
                "related": st.lists(refs, max_size=2, unique=True),
                "confusable_with": st.lists(refs, max_size=2, unique=True),
                "near_misses": st.lists(st.fixed_dictionaries({"text": text, "use": refs, "why": text}), max_size=2),
                "replaced_by": refs,
            })
        if not valid:
            optional["status"] = st.sampled_from(["active", "deprecated"])
            optional["renamed_from"] = st.lists(ids, max_size=2)
            optional["replaced_by"] = optional.get("replaced_by", ids)
        for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=7)):
            label[key] = draw(optional[key])
        if valid and "replaced_by" in label:
            label["status"] = "deprecated"
        out.append(label)
    return out


@st.composite
def generated_project(draw, valid: bool | None = None) -> dict[str, bytes]:
    """Files of a whole project: mkdocs.yml, one taxonomy, its golden items and a guideline.

    Two thirds are valid in structure (so that they reach compile, the site and diff), with
    nasty text in every free-text field; the rest are sloppy anywhere.
    """
    valid = draw(st.sampled_from([True, True, False])) if valid is None else valid
    text = prose(valid)
    taxonomy_id = draw(VALID_TAXONOMY_IDS if valid else VALID_TAXONOMY_IDS | st.sampled_from(["Pets", "a b", ""]))
    versions = ["1.0.0", "0.1.0", "2.3.4-rc.1"] + ([] if valid else ["2.0", "x"])
    taxonomy = {"id": taxonomy_id, "title": draw(text), "version": draw(st.sampled_from(versions)),
                "description": draw(text),
                "task": {"kind": draw(st.sampled_from(TASK_KINDS)), "data": draw(st.sampled_from(DATA_KINDS)),
                         "leaf_only": draw(st.booleans())}}
    label_list = draw(labels(taxonomy_id, valid))
    known = [label["id"] for label in label_list if label.get("status") != "deprecated"]
    refs = st.sampled_from(known or ["nowhere"])
    urls = ["https://example.org/a.jpg"] + ([] if valid else ["x", "javascript:alert(1)"])
    golden_ids = VALID_IDS if valid else ids
    media_files = st.fixed_dictionaries({"file": st.sampled_from(["media/a.png", "../a.png", "/etc/passwd"]) | texts})
    media_files = media_files if not valid else st.nothing()
    golden = {"taxonomy": taxonomy_id, "golden_items": draw(st.lists(st.fixed_dictionaries(
        {"id": golden_ids, "input": text | st.fixed_dictionaries({"url": st.sampled_from(urls)}) | media_files,
         "expected": refs | st.lists(refs, min_size=1, max_size=2, unique=True), "rationale": text}),
        max_size=4 if known or not valid else 0, unique_by=(lambda g: g["id"]) if valid else None))}
    link_targets = st.sampled_from(known + [f"{taxonomy_id}/{k}" for k in known[:1]]
                                   + ([] if valid else ["other/x", "", "nowhere"]) or ["nowhere"])
    body = "".join(draw(st.lists(st.sampled_from(["# ", "\n", "text ", "<script>x</script>", "```\n", "| a |\n",
                                                  "[b](javascript:alert(1))", "<img src=x onerror=alert(1)>"])
                                 | link_targets.map(lambda t: f"[x](label:{t})") | texts, max_size=20)))
    guideline = {"title": draw(text), "taxonomy": taxonomy_id,
                 "labels": draw(st.lists(refs, max_size=3, unique=True)) if known or not valid else [],
                 "order": draw(st.integers(-5, 5))}
    options = {"golden_items": draw(st.sampled_from(["show", "hide"])),
               "rules": {**LOWERED_RULES, "TG401": "warning"} if valid else LOWERED_RULES}
    config = {"site_name": draw(text) or "Fuzz", "docs_dir": "docs", "plugins": ["search", {"taxgen": options}]}
    folder = f"taxonomies/{taxonomy_id or 'empty'}"
    return {
        "mkdocs.yml": yaml_dump(config),
        f"{folder}/taxonomy.yaml": yaml_dump({"taxonomy": taxonomy, "labels": label_list}),
        f"{folder}/golden.yaml": yaml_dump(golden),
        "guidelines/guide.md": b"---\n" + yaml_dump(guideline) + b"---\n" + body.encode("utf-8", "surrogatepass"),
    }


def write_project(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "docs").mkdir(exist_ok=True)
    return root
