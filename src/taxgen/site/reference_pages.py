"""Reference pages generated from the code itself, so the docs cannot drift from it:
the file formats from the JSON Schemas' descriptions, and one page per rule from the rule registry."""

from __future__ import annotations

import json
from importlib import resources

from ..diff.kinds import ANNOTATIONS, CHANGE_KINDS, TOOLS
from ..rules import RULES, RuleInfo
from .html import front_matter
from .layout import CHANGES, FORMAT, REFERENCE, RULES as RULES_INDEX
from .taxonomy_pages import SitePage

SCHEMAS = (
    ("taxonomy", "Taxonomy files", "taxonomies/**/*.yaml"),
    ("golden", "Golden items files", "taxonomies/**/golden.yaml"),
    ("guideline", "Guideline front matter", "guidelines/**/*.md"),
)


def load_schema(name: str) -> dict:
    return json.loads(resources.files("taxgen.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class _SchemaWriter:
    """Walks one JSON Schema and writes a table per object, nested objects after their parent."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.tables: list[tuple[str, str, dict]] = []

    def resolve(self, node: dict) -> tuple[dict, str | None]:
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            name = ref.rsplit("/", 1)[-1]
            target, _ = self.resolve(self.schema["$defs"][name])
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            if "description" not in node and "description" in target:
                merged["description"] = target["description"]
            return merged, name
        return node, None

    def kind(self, node: dict, path: str) -> str:
        node, ref = self.resolve(node)
        if ref in ("labelId", "labelRef"):
            return "label id"
        if ref == "taxonomyId":
            return "taxonomy id"
        if "enum" in node:
            return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
        for key in ("oneOf", "anyOf"):
            if key in node:
                return " or ".join(self.kind(alt, path) for alt in node[key])
        kind = node.get("type")
        if kind == "array":
            return "list of " + self.kind(node.get("items", {}), path + "[]")
        if kind == "object" or "properties" in node:
            self.tables.append((path, node.get("description", ""), node))
            return f"mapping (see `{path}`)"
        if isinstance(kind, list):
            return " or ".join(kind)
        return kind or "any value"

    def table(self, path: str, node: dict) -> str:
        required = set(node.get("required", ()))
        rows = ["| field | type | required | description |", "|---|---|---|---|"]
        for name, prop in node.get("properties", {}).items():
            child_path = f"{path}.{name}" if path else name
            kind = self.kind(prop, child_path)
            description = self.resolve(prop)[0].get("description", "")
            rows.append(f"| `{name}` | {_cell(kind)} | {'yes' if name in required else ''} | {_cell(description)} |")
        return "\n".join(rows) + "\n"

    def markdown(self, level: int) -> str:
        out = [self.schema.get("description", "") + "\n", self.table("", self.schema)]
        done = 0
        while done < len(self.tables):  # nested objects are found while their parent's table is written
            path, description, node = self.tables[done]
            done += 1
            out.append(f"{'#' * level} `{path}`\n\n{description}\n\n{self.table(path, node)}")
        return "\n".join(out)


def format_page() -> SitePage:
    parts = [front_matter("File formats"), "# File formats\n\n",
             "Generated from the JSON Schemas taxgen validates with; editors that read "
             "`# yaml-language-server: $schema=...` complete and check these fields as you type.\n\n"]
    for name, title, where in SCHEMAS:
        parts.append(f"## {title}\n\nFiles: `{where}`. Schema: `{name}.schema.json`.\n\n")
        parts.append(_SchemaWriter(load_schema(name)).markdown(level=3) + "\n")
    return SitePage(FORMAT, "File formats", "".join(parts))


def rule_path(code: str) -> str:
    return f"reference/rules/{code}.md"


def rule_page(info: RuleInfo) -> SitePage:
    title = f"{info.code} {info.name}"
    body = (f"# {title}\n\n**{info.summary}**\n\nDefault severity: `{info.severity.value}`. "
            f"Change it, or turn the rule off, in `mkdocs.yml`:\n\n"
            f"```yaml\nplugins:\n  - taxgen:\n      rules:\n        {info.code}: warning  # or off, error, info\n```\n\n"
            f"{info.doc}\n")
    return SitePage(rule_path(info.code), title, front_matter(title) + body, in_nav=False)


def rules_index_page() -> SitePage:
    rows = ["| code | name | severity | what it finds |", "|---|---|---|---|"]
    for info in RULES.values():
        rows.append(f"| [{info.code}]({info.code}.md) | {info.name} | {info.severity.value} | {_cell(info.summary)} |")
    body = ("# Rules\n\nEvery diagnostic `taxgen check` can report, with its stable code. "
            "`taxgen rules CODE` prints the same text in a terminal.\n\n" + "\n".join(rows) + "\n")
    return SitePage(RULES_INDEX, "Rules", front_matter("Rules") + body)


def changes_page() -> SitePage:
    """Every kind of change `taxgen diff` reports, from the table the diff itself uses."""
    rows = [f"| code | change | breaks {ANNOTATIONS} | breaks {TOOLS} | what | why |", "|---|---|:-:|:-:|---|---|"]
    for kind in CHANGE_KINDS.values():
        marks = ["yes" if group in kind.breaks else "" for group in (ANNOTATIONS, TOOLS)]
        rows.append(f"| {kind.code} | `{kind.name}` | {marks[0]} | {marks[1]} | {_cell(kind.summary)} | "
                    f"{_cell(kind.why)} |")
    body = ("# Changes\n\nEvery kind of change `taxgen diff OLD NEW` reports, with its stable code and what it "
            f"breaks: **{ANNOTATIONS}** are the records already labeled with the old version (they store label "
            f"ids), **{TOOLS}** the label values labeling tools store and validate. A change that breaks a "
            "protected group (`--protect`, default both) fails the diff (exit 1) unless it is accepted with "
            "`--allow-breaking`, or the taxonomy's major version was bumped. The TD4xx findings are version "
            "checks and never fail the diff on their own. `taxgen changes CODE` prints the same text in a "
            "terminal.\n\n" + "\n".join(rows) + "\n")
    return SitePage(CHANGES, "Changes", front_matter("Changes") + body)


def reference_index_page() -> SitePage:
    body = ("# Reference\n\n- [File formats](format.md): every field of taxonomy, golden items and guideline files.\n"
            "- [Rules](rules/index.md): every check, with a bad and a good example.\n"
            "- [Changes](changes.md): every kind of change `taxgen diff` reports, and what it breaks.\n")
    return SitePage(REFERENCE, "Reference", front_matter("Reference") + body)


def reference_pages() -> list[SitePage]:
    return [reference_index_page(), format_page(), rules_index_page(), changes_page(),
            *(rule_page(i) for i in RULES.values())]
