"""What every importer shares: options, result, diagnostic codes, and the label-set builder
that turns a tool's loose values into valid, unique taxgen ids, colors and hotkeys."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import webcolors

from .. import jsontext
from ..diagnostics import Diagnostic, Location, Severity, line_column
from ..model import Attribute, Example, Label, Task, Taxonomy

# Larger inputs are refused before parsing: no label set needs this much, and a parser
# handed gigabytes is a denial of service, not an import.
MAX_INPUT_BYTES = 16 * 1024 * 1024

IMPORTED_VERSION = "1.0.0"  # the label set is already in use; taxgen starts counting from here

# code -> (name, severity, summary)
CODES: dict[str, tuple[str, Severity, str]] = {
    "TI001": ("unreadable-input", Severity.ERROR, "The file is too large, not UTF-8 text, or cannot be read."),
    "TI002": ("syntax", Severity.ERROR, "The file is not well-formed XML, JSON, RDF or CSV."),
    "TI003": ("forbidden-xml", Severity.ERROR, "The XML declares a DTD, entities or external references; they are never expanded."),
    "TI004": ("unknown-element", Severity.WARNING, "A tag, key or type the importer does not know; it was skipped."),
    "TI005": ("nothing-to-import", Severity.ERROR, "The file holds no label set taxgen can import."),
    "TI006": ("value-adjusted", Severity.INFO, "A value was changed to fit taxgen's format (an id made valid, a color written as #rrggbb)."),
    "TI007": ("value-dropped", Severity.WARNING, "A value taxgen cannot hold was left out (a multi-key hotkey, an unreadable color, a duplicate)."),
    "TI008": ("definition-placeholder", Severity.WARNING, "Labels without a definition in the source got a TODO placeholder to write."),
    "TI009": ("not-kept", Severity.INFO, "Source settings with no place in taxgen's format (tool display options, URIs) were not kept."),
    "TI010": ("invalid-structure", Severity.ERROR, "A value has the wrong shape for the format (e.g. a list where an object belongs)."),
}

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
TAXONOMY_ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,63}")
ATTRIBUTE_NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
MAX_NAME_LENGTH = 200
HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
RGB_FUNCTION = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+%?\s*)?\)")


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose; importers read only what applies to their format."""

    source: str = "<input>"  # shown in diagnostics and in the header comment
    taxonomy_id: str | None = None  # base id; several taxonomies get "<base>-<part>"
    columns: Mapping[str, str] = field(default_factory=dict)  # csv: role -> column header
    language: str | None = None  # skos: preferred language tag of labels
    task_kind: str | None = None  # for formats that do not say (doccano, skos, csv)

    @property
    def base_id(self) -> str:
        if self.taxonomy_id:
            return self.taxonomy_id
        stem = re.split(r"[\\/]", self.source)[-1].rsplit(".", 1)[0]
        return taxonomy_slug(stem) or "imported"


@dataclass(frozen=True)
class ImportResult:
    taxonomies: tuple[Taxonomy, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)


class Reporter:
    """Collects an importer's diagnostics, all located in the one source file."""

    def __init__(self, source: str):
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    def at(self, line: int = 0, column: int = 0) -> Location:
        return Location(self.source, line, column)

    def report(self, code: str, message: str, where: Location | None = None, hint: str | None = None,
               severity: Severity | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, severity or CODES[code][1], message, where or self.at(), hint))

    def result(self, taxonomies: Iterable[Taxonomy] = ()) -> ImportResult:
        taxonomies = tuple(taxonomies)
        if not taxonomies and not any(d.severity is Severity.ERROR for d in self.diagnostics):
            self.report("TI005", "no label set found", hint="check the format name and that the file defines labels")
        return ImportResult(taxonomies, tuple(self.diagnostics))


# ---- text helpers ----------------------------------------------------------------------------------

def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def label_slug(text: str) -> str:
    """'Bird species / Owl' -> 'bird-species-owl': a valid label id, or '' when nothing is left."""
    slug = re.sub(r"[^a-z0-9._]+", "-", ascii_fold(text).lower()).strip("-._")
    return slug[:128].rstrip("-._")


def taxonomy_slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_fold(text).lower()).strip("-_")
    slug = slug.lstrip("0123456789-_")
    return slug[:64].rstrip("-_")


def humanize(name: str) -> str:
    """'doc_type' -> 'Doc type': a readable title from a machine name."""
    words = re.sub(r"[_\-]+", " ", name).strip()
    return (words[:1].upper() + words[1:]) if words else name


def clean_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_json(data: str, reporter: Reporter) -> Any:
    """JSON, or None with a TI002 diagnostic pointing at the broken line."""
    try:
        return jsontext.loads(data)
    except jsontext.DuplicateKey as exc:
        reporter.report("TI002", exc.message, reporter.at(exc.line, exc.column), "keep one of the two")
    except json.JSONDecodeError as exc:
        reporter.report("TI002", f"not valid JSON: {exc.msg}", reporter.at(exc.lineno, exc.colno))
    except RecursionError:
        reporter.report("TI002", "JSON is nested too deeply to be a label set")
    return None


def read_document(data: bytes, options: "ImportOptions", parse) -> tuple[Reporter, Any]:
    """The reporter for the source, and ``parse(text, reporter)`` of the decoded input (None
    when decoding or parsing failed, with the diagnostic reported)."""
    reporter = Reporter(options.source)
    text = decode_input(data, reporter)
    return reporter, (parse(text, reporter) if text is not None else None)


def decode_input(data: bytes, reporter: Reporter) -> str | None:
    """UTF-8 text (a BOM is dropped), or None with a TI001 diagnostic."""
    if len(data) > MAX_INPUT_BYTES:
        reporter.report("TI001", f"file is {len(data) // (1024 * 1024)} MiB; the import limit is "
                                 f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB", hint="split the label set, or import a subset")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 and UTF-32 byte-order marks
        reporter.report("TI001", "file is UTF-16 or UTF-32 encoded, not UTF-8 text", reporter.at(1, 1),
                        "convert it, e.g. with `iconv -f UTF-16 -t UTF-8`")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8-sig", "replace")
        line, column = line_column(before, len(before))
        reporter.report("TI001", f"file is not UTF-8 text (byte 0x{data[exc.start]:02x})", reporter.at(line, column),
                        "convert it, e.g. with `iconv -t UTF-8`")
        return None
    if "\x00" in text:
        line, column = line_column(text, text.index("\x00"))
        reporter.report("TI001", "file holds NUL characters: it is binary, not a label set", reporter.at(line, column))
        return None
    return text


def normalize_color(value: str | None) -> str | None:
    """'#F00', 'red', 'rgb(255,0,0)', '#ff0000aa' -> '#ff0000'; None when unreadable."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip().lower()
    match = HEX_COLOR.fullmatch(text)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits[:6]
    match = RGB_FUNCTION.fullmatch(text)
    if match:
        parts = [int(p) for p in match.groups()]
        return "#" + "".join(f"{p:02x}" for p in parts) if all(p < 256 for p in parts) else None
    try:
        return webcolors.name_to_hex(text)
    except ValueError:
        return None


# ---- building a label set --------------------------------------------------------------------------

@dataclass
class LabelDraft:
    id: str
    name: str
    definition: str = ""
    parents: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    color: str | None = None
    hotkey: str | None = None
    attributes: list[Attribute] = field(default_factory=list)
    use_when: list[str] = field(default_factory=list)
    status: str = "active"
    replaced_by: list[str] = field(default_factory=list)


class LabelSet:
    """Mints unique valid ids and records labels in source order, reporting every adjustment."""

    def __init__(self, taxonomy_id: str, reporter: Reporter):
        self.taxonomy_id = taxonomy_id
        self.reporter = reporter
        self.drafts: dict[str, LabelDraft] = {}
        self._folded: set[str] = set()  # ids differing only in case would trip TG305
        self._hotkeys: dict[str, str] = {}
        self._stored: dict[tuple, str] = {}  # (parent id, source value) -> label id

    def mint_id(self, key: str, parent: str | None = None, where: Location | None = None) -> str:
        candidate = key if ID_PATTERN.fullmatch(key) else (label_slug(key) or "label")
        if candidate != key:
            self.reporter.report("TI006", f"'{key}' is not a valid label id; using '{candidate}'", where,
                                 "the display name keeps the original text")
        qualified = f"{parent}.{candidate}"[:128] if candidate.lower() in self._folded and parent else candidate
        unique, n = qualified, 2
        while unique.lower() in self._folded:
            unique, n = f"{qualified[:120]}-{n}", n + 1
        if unique != candidate:
            self.reporter.report("TI006", f"label id '{candidate}' is taken; using '{unique}'", where)
        self._folded.add(unique.lower())
        return unique

    def add(self, name: str, key: str | None = None, parent: str | None = None,
            where: Location | None = None, **fields: Any) -> LabelDraft:
        """A new label named ``name``, with id from ``key`` (the tool's stored value) or the name."""
        name = " ".join(name.split())
        if not name:
            name = key or "Unnamed"
        stored = (parent, key or name)
        if stored in self._stored:  # the tool stores the same value twice: one label
            self.reporter.report("TI007", f"'{key or name}' appears twice at the same place; the second one was "
                                          "left out", where)
            return self.drafts[self._stored[stored]]
        if len(name) > MAX_NAME_LENGTH:
            self.reporter.report("TI006", f"name '{name[:40]}…' is longer than {MAX_NAME_LENGTH} characters; "
                                          "cut, the full text is kept as the definition", where)
            fields["definition"] = fields.get("definition") or name
            name = name[:MAX_NAME_LENGTH - 1].rstrip() + "…"
        draft = LabelDraft(id=self.mint_id(key or name, parent, where), name=name)
        if parent:
            draft.parents.append(parent)
        hotkey, color = fields.pop("hotkey", None), fields.pop("color", None)
        for attr, value in fields.items():
            setattr(draft, attr, value)
        self.set_hotkey(draft, hotkey, where)
        self.set_color(draft, color, where)
        self.drafts[draft.id] = draft
        self._stored[stored] = draft.id
        return draft

    def find(self, key: str) -> LabelDraft | None:
        """The first label stored as ``key`` (the tool's value), wherever it sits in the hierarchy."""
        for (_parent, stored), label_id in self._stored.items():
            if stored == key:
                return self.drafts[label_id]
        return None

    def set_hotkey(self, draft: LabelDraft, hotkey: Any, where: Location | None) -> None:
        if hotkey is None or hotkey == "":
            return
        hotkey = str(hotkey)
        if len(hotkey) != 1 or not hotkey.isalnum():
            self.reporter.report("TI007", f"hotkey '{hotkey}' of '{draft.name}' is not one letter or digit; left out",
                                 where, "taxgen hotkeys are single keys; tools add their own modifiers")
            return
        taken = self._hotkeys.get(hotkey.lower())
        if taken:
            self.reporter.report("TI007", f"hotkey '{hotkey}' of '{draft.name}' is already used by '{taken}'; left out",
                                 where)
            return
        self._hotkeys[hotkey.lower()] = draft.name
        draft.hotkey = hotkey

    def set_color(self, draft: LabelDraft, color: Any, where: Location | None) -> None:
        if color is None or color == "":
            return
        normal = normalize_color(color)
        if normal is None:
            self.reporter.report("TI007", f"color '{color}' of '{draft.name}' is not a color taxgen can read; left out",
                                 where, "write it as #rrggbb")
            return
        draft.color = normal

    def attribute(self, name: str, kind: str, values: Iterable[Any] = (), default: Any = None,
                  description: str = "", where: Location | None = None) -> Attribute:
        """An Attribute with a valid name and unique, non-empty values."""
        valid = name if ATTRIBUTE_NAME_PATTERN.fullmatch(name) else re.sub(r"[^A-Za-z0-9_]+", "_", ascii_fold(name)).strip("_")
        if not valid or not valid[0].isalpha():
            valid = f"attr_{valid}"[:64]
        if valid != name:
            self.reporter.report("TI006", f"attribute name '{name}' is not valid; using '{valid}'", where)
            description = description or name
        unique = tuple(dict.fromkeys(str(v) for v in values if str(v) != ""))
        if not isinstance(default, (str, int, float, bool)) or default == "":
            default = None
        return Attribute(name=valid, type=kind, values=unique, default=default, description=description)

    def resolve(self, draft: LabelDraft, attr: str, ids: Iterable[str], known: Mapping[str, str],
                where: Location | None = None) -> None:
        """Set references (parents, related) from source keys, dropping those not in this file."""
        out: list[str] = []
        for key in ids:
            target = known.get(key)
            if target is None:
                self.reporter.report("TI007", f"'{draft.name}' refers to '{key}' ({attr}), which is not in this file; "
                                              "left out", where)
            elif target != draft.id and target not in out:
                out.append(target)
        setattr(draft, attr, out)

    def taxonomy(self, title: str, task: Task, description: str = "") -> Taxonomy:
        labels = tuple(self._label(draft) for draft in self.drafts.values())
        return Taxonomy(id=self.taxonomy_id, title=title.strip() or humanize(self.taxonomy_id),
                        version=IMPORTED_VERSION, task=task, description=description.strip(), labels=labels)

    def _label(self, draft: LabelDraft) -> Label:
        synonyms = tuple(dict.fromkeys(s for s in (" ".join(x.split()) for x in draft.synonyms)
                                       if s and s != draft.name))
        return Label(id=draft.id, name=draft.name, taxonomy=self.taxonomy_id, definition=draft.definition.strip(),
                     parents=tuple(dict.fromkeys(draft.parents)), synonyms=synonyms,
                     related=tuple(dict.fromkeys(draft.related)),
                     use_when=tuple(t.strip() for t in dict.fromkeys(draft.use_when) if t.strip()),
                     examples=tuple(Example(text=t.strip()) for t in dict.fromkeys(draft.examples) if t.strip()),
                     color=draft.color, hotkey=draft.hotkey, status=draft.status,
                     replaced_by=tuple(dict.fromkeys(draft.replaced_by)), attributes=tuple(draft.attributes))


def unsaid_task(options: ImportOptions, reporter: Reporter, tool: str, data: str = "text",
                leaf_only: bool = True) -> Task:
    """The task of a format that does not record one: --task-kind, else single-label."""
    if options.task_kind is None:
        reporter.report("TI006", f"a {tool} file does not say what annotators do; wrote single-label classification",
                        hint="pass --task-kind spans (or multi-label, boxes, …) if that is wrong")
    return Task(kind=options.task_kind or "single-label", data=data, leaf_only=leaf_only)


def as_list(value: Any, what: str, reporter: Reporter) -> list:
    """``value`` when it is a list, else [] with a TI010 diagnostic (None counts as empty)."""
    if value is None:
        return []
    if not isinstance(value, list):
        reporter.report("TI010", f"{what} must be a list, not {type(value).__name__}")
        return []
    return value


def as_dict(value: Any, what: str, reporter: Reporter) -> dict | None:
    if isinstance(value, dict):
        return value
    reporter.report("TI010", f"{what} must be an object, not {type(value).__name__}")
    return None


def part_id(options: ImportOptions, part: str, several: bool) -> str:
    """Taxonomy id of one label set in a file named ``part`` (a control, a question).

    With --taxonomy-id: that id, or '<id>-<part>' when the file holds several. Without: the
    part's own name, which says more than a file name such as 'config.xml' does.
    """
    if options.taxonomy_id:
        return (taxonomy_slug(f"{options.taxonomy_id}-{part}") if several else options.taxonomy_id)[:64]
    return taxonomy_slug(part) or options.base_id
