"""Read a project folder into the model: discover files, parse, validate, build."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Union

from ..diagnostics import Diagnostic, Location, Severity, line_column
from ..model import (Attribute, ChangelogEntry, Config, Example, GoldenItem, Guideline, Label, LabelLink,
                     NearMiss, Project, Rule, Task, Taxonomy)
from . import fast, lazy, readahead, schema
from .construct import builder, positional_builder
from .config import read_config
from .lazy import LazyDocument
from .positions import Deferred, Item, field_positions, value_position
from .references import guideline_link_problems, media_problem
from .yaml_source import MAX_FILE_BYTES, YamlDocument, YamlError, decode_source, parse_yaml, too_large

YAML_SUFFIXES = (".yaml", ".yml")
_LINK = re.compile(r"\]\(\s*label:([^)\s]+)\s*\)")
_YAML_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}


@dataclass
class LoadResult:
    project: Project
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(value)
    return (value,)


_LABEL_REF_FIELDS = ("parent", "synonyms", "related", "confusable_with", "replaced_by", "renamed_from",
                     "do_not_use_when", "examples", "near_misses", "use_when")


Document = Union[YamlDocument, LazyDocument]
_new_example, _new_rule, _new_near_miss = map(builder, (Example, Rule, NearMiss))
_new_label = positional_builder(Label)  # every field, in the order of fields(Label): see build_label


def build_label(doc: Document, node: dict, taxonomy_id: str, pos: tuple[int, int] | Deferred,
                original: dict | None = None) -> Label:
    """A Label from its (validated) mapping; ``original`` is the parsed mapping, for positions.

    From a LazyDocument ``pos`` is the label's Deferred, which also stands for its field positions.
    """
    src = doc.path
    fp = pos if type(pos) is Deferred else field_positions(doc, original if original is not None else node,
                                                           _LABEL_REF_FIELDS)
    rules = node.get("do_not_use_when") or ()
    if rules:
        rules = tuple([
            _new_rule(text=text, instead=instead, source=src, position=at,
                      field_positions=_item_fields(fp, pos, "do_not_use_when", i, "instead", at))
            for i, ((text, instead), at) in enumerate(zip(
                ((item, None) if isinstance(item, str) else (item["when"], item.get("instead")) for item in rules),
                _item_positions(fp, pos, "do_not_use_when", len(rules))))])
    examples = node.get("examples") or ()
    if examples:  # most labels have a few, most of them plain texts: one comprehension
        examples = tuple([
            _new_example(text=item, source=src, position=at) if type(item) is str else
            _new_example(text=item["text"], note=item.get("note", ""), source=src, position=at)
            for item, at in zip(examples, _item_positions(fp, pos, "examples", len(examples)))])
    near = node.get("near_misses") or ()
    if near:
        near = tuple([
            _new_near_miss(text=item["text"], why=item["why"], use=item.get("use"), source=src, position=at,
                           field_positions=_item_fields(fp, pos, "near_misses", i, "use", at))
            for i, (item, at) in enumerate(zip(near, _item_positions(fp, pos, "near_misses", len(near))))])
    attributes = node.get("attributes") or ()
    if attributes:
        attributes = tuple(
            Attribute(name=a["name"], type=a["type"], values=tuple(a.get("values") or ()), default=a.get("default"),
                      description=a.get("description", ""))
            for a in attributes
        )
    return _new_label(  # positionally, in the order of fields(Label) (tests/foundation/test_model_builder.py)
        src,  # source
        pos,  # position
        fp,  # field_positions
        node["id"],  # id
        node["name"],  # name
        taxonomy_id,  # taxonomy
        (node.get("definition") or "").strip(),  # definition
        (parent,) if type(parent := node.get("parent")) is str else _as_tuple(parent),  # parents
        tuple(node.get("synonyms") or ()),  # synonyms
        tuple(node.get("use_when") or ()),  # use_when
        rules,  # do_not_use_when
        tuple(node.get("related") or ()),  # related
        tuple(node.get("confusable_with") or ()),  # confusable_with
        examples,  # examples
        near,  # near_misses
        node.get("color"),  # color
        node.get("hotkey"),  # hotkey
        node.get("status", "active"),  # status
        () if (replaced := node.get("replaced_by")) is None else _as_tuple(replaced),  # replaced_by
        () if (renamed := node.get("renamed_from")) is None else _as_tuple(renamed),  # renamed_from
        node.get("sensitivity"),  # sensitivity
        attributes,  # attributes
    )


def _item_positions(fp: Mapping, pos: tuple[int, int] | Deferred, key: str, count: int) -> list:
    """Where the first ``count`` items of the label's list ``key`` are (``fp``: the label's field
    positions; ``pos``: its own, or its Deferred when its file was read lazily: then found on demand)."""
    if type(pos) is Deferred:
        locator, path = pos.locator, pos.path
        return [Item((locator, path, key, index)) for index in range(count)]
    return [fp.get(f"{key}/{index}", pos) for index in range(count)]


def _item_fields(fp: Mapping, pos: tuple[int, int] | Deferred, key: str, index: int, name: str,
                 at: tuple[int, int] | Item) -> Mapping:
    """The positions of field ``name`` of that item (each, when missing, at the item itself)."""
    if type(pos) is Deferred:
        return Deferred(pos.locator, (*pos.path, key, index), only=(name,))
    return MappingProxyType({name: fp.get(f"{key}/{index}/{name}", at)})


def _labels_of(doc: Document, failed: set[tuple], taxonomy_id: str) -> list[Label]:
    if isinstance(doc, LazyDocument) and doc.built is not None and not failed and \
            _taxonomy_of(doc.data) == taxonomy_id:
        return doc.built  # built while the file was read ahead, by the calls below (_built_ahead)
    labels = doc.data.get("labels") or []
    if not isinstance(labels, list):
        return []
    out = []
    for index, node in enumerate(labels):
        usable = schema.clean(node, failed, ("labels", index))
        if usable is None or "id" not in usable or "name" not in usable:
            continue  # reported by the schema check; a broken entry is not guessed at
        out.append(build_label(doc, usable, taxonomy_id, _position(doc, labels, ("labels", index)), original=node))
    return out


def _built_ahead(doc: LazyDocument, nodes: list, first: int) -> list[Label]:
    """The labels of a part of a file read ahead (readahead.py), as _labels_of builds them from
    the whole: the file is schema-valid, so every label is usable."""
    taxonomy_id = _taxonomy_of(doc.data)
    return [build_label(doc, node, taxonomy_id, Deferred(doc.locator, ("labels", index), _LABEL_REF_FIELDS))
            for index, node in enumerate(nodes, first)]


def _taxonomy_of(data: dict) -> Any:
    """The taxonomy a file's labels belong to: its header's id, or the id a part file names."""
    header = data.get("taxonomy")
    return header.get("id") if isinstance(header, dict) else header


def _position(doc: Document, container: Any, path: tuple) -> tuple[int, int] | Deferred:
    """Where the value at ``path`` (in ``container``, its parent) is, or will be found."""
    if isinstance(doc, LazyDocument):
        return Deferred(doc.locator, path, _LABEL_REF_FIELDS if path[0] == "labels" else ())
    return value_position(doc, container, path[-1])


def file_labels(doc: YamlDocument, taxonomy_id: str) -> list[Label]:
    """The labels of a schema-valid document (or of a part of one), as the loader builds them."""
    return _labels_of(doc, set(), taxonomy_id)


def label_starts(doc: Document) -> tuple[int, ...]:
    """The line where each item of the ``labels`` list starts, when every item starts on a line
    of its own below the one before (a block sequence); () otherwise."""
    labels = doc.data.get("labels")
    if isinstance(doc, LazyDocument):
        return tuple(line for line, _column in doc.locator.items)
    marks = doc.positions.get(id(labels)) if isinstance(labels, list) else None
    if not marks or len(marks) != len(labels):
        return ()
    lines = tuple(line for line, _column in marks)
    if any(later <= earlier for earlier, later in zip(lines, lines[1:])):
        return ()
    return lines


def _task(node: dict | None) -> Task:
    if not isinstance(node, dict) or "kind" not in node or "data" not in node:
        return Task()  # the broken task is reported by the schema check
    return Task(kind=node["kind"], data=node["data"], leaf_only=node.get("leaf_only", True),
                instructions=node.get("instructions", ""))


@dataclass
class _TaxonomyDraft:
    header: dict
    doc: YamlDocument
    failed: set = field(default_factory=set)
    labels: list[Label] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class ProjectLoader:
    """Walks the configured folders; I/O lives here and nowhere in the model."""

    def __init__(self, root: Path, config: Config | None = None):
        self.root = root.resolve()
        self.config_diagnostics: list[Diagnostic] = []
        if config is None:
            config, self.config_diagnostics = read_config(self.root)
        self.config = config
        self.diagnostics: list[Diagnostic] = []
        self.files: list[str] = []
        self.cache = fast.open_cache(self.root / self.config.build_dir)  # None on the reference path
        # what a re-check needs to know the inputs have not changed (incremental.py)
        self.hashes: dict[str, str] = {}  # file -> content_hash of its bytes
        self.label_files: dict[str, tuple[str, tuple[int, ...]]] = {}  # file -> taxonomy id, label_starts
        self.discovered: list[Diagnostic] = []  # links out of the project met while listing files
        self.media_checks: list[tuple[str, tuple[str, str] | None]] = []  # golden media and their verdicts
        self.readahead: readahead.ReadAhead | None = None  # a worker reading taxonomy files ahead, while loading
        self.text_copies: Path | None = None  # where the worker keeps a copy of each file it read (incremental.py)
        self.copies: dict[str, tuple | None] = {}  # file -> the signature of the copy the worker kept

    # ---- files -------------------------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def discover(self, folder: str, suffixes: tuple[str, ...]) -> list[Path]:
        base = self.root / folder
        if not base.is_dir():
            return []
        found = []
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for dirname in list(dirnames):
                if (Path(dirpath) / dirname).is_symlink():
                    self._outside_check(Path(dirpath) / dirname, folder_link=True)
                    dirnames.remove(dirname)
            for name in sorted(filenames):
                if name.endswith(suffixes) and not name.startswith("."):
                    path = Path(dirpath) / name
                    if self._outside_check(path):
                        found.append(path)
        return sorted(found, key=lambda p: self.rel(p))

    def _outside_check(self, path: Path, folder_link: bool = False) -> bool:
        """False (with a diagnostic) for links that lead out of the project."""
        if not path.is_symlink():
            return True
        target = path.resolve()
        if target == self.root or self.root in target.parents:
            return not folder_link
        self.diagnostics.append(Diagnostic(
            "TG008", Severity.ERROR, f"'{self.rel(path)}' is a link to a place outside the project",
            Location(self.rel(path)), "copy the file into the project instead of linking to it"))
        self.discovered.append(self.diagnostics[-1])
        return False

    def read(self, path: Path) -> str | None:
        rel = self.rel(path)
        try:
            status = path.stat()
            if not stat.S_ISREG(status.st_mode):  # a named pipe would block forever, a device never end
                raise OSError(0, "not a regular file (a pipe, socket or device)")
            if status.st_size > MAX_FILE_BYTES:  # refused before a byte is read
                raise too_large(status.st_size, rel)
            raw = path.read_bytes()
            self.hashes[rel] = content_hash(raw)
            text = decode_source(raw, rel)
        except YamlError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None
        except OSError as exc:
            self.diagnostics.append(Diagnostic("TG010", Severity.ERROR, f"cannot read file: {exc.strerror}",
                                               Location(rel)))
            return None
        self.files.append(rel)
        return text

    def parse(self, path: Path) -> Document | None:
        if self.readahead is not None:
            taken = self.readahead.take(path, _built_ahead)
            if taken is not None:
                doc, self.hashes[doc.path], self.copies[doc.path] = taken
                self.files.append(doc.path)
                return doc
        text = self.read(path)
        if text is None:
            return None
        rel = self.rel(path)
        lazily = lazy.read_lazily(text, rel, schema.schema("taxonomy"))
        if lazily is not None:  # valid, positions found only if a diagnostic asks for one (lazy.py)
            return lazily
        try:
            # the fast path (loading/fast.py: cache, then a fast located reader, else the reference
            # parse_yaml) gives the same document; TAXGEN_PARSER=pyyaml forces the reference path
            doc = fast.load_document(text, rel, self.cache)
        except YamlError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None
        if doc.data is None:
            self.diagnostics.append(Diagnostic("TG011", Severity.ERROR, "file is empty", Location(rel, 1, 1),
                                               "add a 'taxonomy:' block, or delete the file"))
            return None
        if not isinstance(doc.data, dict):
            kind = _YAML_KINDS.get(type(doc.data), "scalar")
            self.diagnostics.append(Diagnostic("TG011", Severity.ERROR,
                                               f"file must hold a mapping at the top level, not a {kind}",
                                               Location(rel, *doc.root),
                                               "start the file with 'taxonomy:' (or 'golden_items:')"))
            return None
        return doc

    # ---- the project -------------------------------------------------------------------------------
    def load(self) -> LoadResult:
        drafts: dict[str, _TaxonomyDraft] = {}
        # a part file's labels are built as soon as it is read, so that its document (data and
        # positions: most of the memory of a big taxonomy) is freed before the next file is read
        parts: list[tuple[str, tuple[int, int] | Deferred, list[Label], str]] = []
        golden_docs: list[tuple[YamlDocument, set]] = []
        paths = self.discover(self.config.taxonomies_dir, YAML_SUFFIXES)
        if self.cache is not None:  # the fast path
            self.readahead = readahead.start(paths, [self.rel(path) for path in paths], schema.schema("taxonomy"),
                                             self.text_copies)
        try:
            self._read_taxonomy_files(paths, drafts, parts, golden_docs)
        finally:
            if self.readahead is not None:
                self.readahead.close()
                self.readahead = None
        for path, where, labels, taxonomy_id in parts:
            draft = drafts.get(taxonomy_id)
            if draft is None:
                position = where.resolve() if isinstance(where, Deferred) else where
                self.diagnostics.append(self._unknown_taxonomy(taxonomy_id, Location(path, *position), drafts))
                continue
            draft.labels += labels
            draft.files.append(path)
        taxonomies = tuple(self._finish(d) for d in drafts.values())
        golden = tuple(item for doc, failed in golden_docs for item in self._golden(doc, failed, taxonomies))
        guidelines = tuple(self._guidelines())
        project = Project(root=str(self.root), config=self.config, taxonomies=taxonomies, golden_items=golden,
                          guidelines=guidelines, files=tuple(self.files))
        if self.cache is not None:
            self.cache.prune()  # entries of edited or removed files
        return LoadResult(project, self.config_diagnostics + self.diagnostics)

    def _read_taxonomy_files(self, paths: list[Path], drafts: dict, parts: list, golden_docs: list) -> None:
        for path in paths:
            doc = self.parse(path)
            if doc is None:
                continue
            if "golden_items" in doc.data:
                found, failed = schema.validate(doc, "golden")
                self.diagnostics += found
                golden_docs.append((doc, failed))
                continue
            found, failed = schema.validate(doc, "taxonomy")
            self.diagnostics += found
            header = doc.data.get("taxonomy")
            if isinstance(header, dict):
                usable = schema.clean(header, failed, ("taxonomy",))
                if usable is not None and "id" in usable:
                    self._define(drafts, doc, usable, failed)
                    self.label_files[doc.path] = (usable["id"], label_starts(doc))
            elif isinstance(header, str) and ("taxonomy",) not in failed:
                where = _position(doc, doc.data, ("taxonomy",))
                parts.append((doc.path, where, _labels_of(doc, failed, header), header))
                self.label_files[doc.path] = (header, label_starts(doc))
            del doc

    def _define(self, drafts: dict, doc: YamlDocument, header: dict, failed: set) -> None:
        taxonomy_id = header["id"]
        if taxonomy_id in drafts:
            first = drafts[taxonomy_id].doc
            self.diagnostics.append(Diagnostic(
                "TG012", Severity.ERROR, f"taxonomy '{taxonomy_id}' is already defined in {first.path}",
                doc.locate(["taxonomy", "id"]),
                "to split a taxonomy over several files, write 'taxonomy: <id>' in the other files"))
            return
        drafts[taxonomy_id] = _TaxonomyDraft(header=header, doc=doc, labels=_labels_of(doc, failed, taxonomy_id),
                                             files=[doc.path], failed=failed)

    def _unknown_taxonomy(self, taxonomy_id: str, location: Location, known) -> Diagnostic:
        import difflib

        close = difflib.get_close_matches(taxonomy_id, list(known), n=1)
        return Diagnostic("TG207", Severity.ERROR, f"unknown taxonomy '{taxonomy_id}'", location,
                          f"did you mean '{close[0]}'?" if close else
                          ("known taxonomies: " + ", ".join(sorted(known)) if known else "no taxonomy is defined"))

    def _finish(self, draft: _TaxonomyDraft) -> Taxonomy:
        header, doc = draft.header, draft.doc
        failed_task = draft.failed
        position = _position(doc, doc.data, ("taxonomy",))
        changelog = tuple(ChangelogEntry(version=str(e["version"]), changes=tuple(e["changes"]), date=e.get("date"))
                          for e in header.get("changelog") or [])
        return Taxonomy(
            id=header["id"], title=header.get("title", header["id"]), version=header.get("version", "0.0.0"),
            task=_task(schema.clean(header.get("task"), failed_task, ("taxonomy", "task"))),
            description=(header.get("description") or "").strip(), labels=tuple(draft.labels), changelog=changelog,
            files=tuple(draft.files), source=doc.path, position=position,
            field_positions=position if isinstance(position, Deferred) else field_positions(doc, doc.data["taxonomy"]),
        )

    def _golden(self, doc: YamlDocument, failed: set, taxonomies: tuple[Taxonomy, ...]) -> Iterable[GoldenItem]:
        taxonomy_id = doc.data.get("taxonomy")
        if taxonomy_id is None:
            folder = Path(doc.path).parent.name
            ids = [t.id for t in taxonomies]
            taxonomy_id = folder if folder in ids else (ids[0] if len(ids) == 1 else "")
            if not taxonomy_id:
                self.diagnostics.append(Diagnostic(
                    "TG207", Severity.ERROR, "golden items file does not say which taxonomy it belongs to",
                    Location(doc.path, *doc.root), "add 'taxonomy: <id>' at the top"))
                return
        elif ("taxonomy",) in failed:
            return
        elif all(t.id != taxonomy_id for t in taxonomies):
            self.diagnostics.append(self._unknown_taxonomy(taxonomy_id, doc.locate(["taxonomy"]),
                                                           [t.id for t in taxonomies]))
            return
        items = doc.data.get("golden_items") or []
        if not isinstance(items, list):
            return
        for index, node in enumerate(items):
            node = schema.clean(node, failed, ("golden_items", index))
            if node is None or not {"id", "input", "expected", "rationale"} <= set(node):
                continue
            raw = node["input"]
            inputs = {"text": raw} if isinstance(raw, str) else raw
            node_for_pos = items[index]
            if inputs.get("file"):
                self._check_media(doc, index, inputs["file"])
            yield GoldenItem(
                id=node["id"], taxonomy=taxonomy_id, expected=_as_tuple(node["expected"]),
                rationale=node["rationale"].strip(), text=inputs.get("text"), file=inputs.get("file"),
                url=inputs.get("url"), difficulty=node.get("difficulty"), source=doc.path,
                position=value_position(doc, items, index),
                field_positions=field_positions(doc, node_for_pos, ("expected",)),
            )

    def _check_media(self, doc: YamlDocument, index: int, reference: str) -> None:
        problem = media_problem(self.root, reference)
        self.media_checks.append((reference, problem))
        if problem:
            self.diagnostics.append(Diagnostic("TG008", Severity.ERROR, problem[0],
                                               doc.locate(["golden_items", index, "input", "file"]), problem[1]))

    def _guidelines(self) -> Iterable[Guideline]:
        for path in self.discover(self.config.guidelines_dir, (".md",)):
            text = self.read(path)
            if text is None:
                continue
            guideline = self._guideline(self.rel(path), text)
            if guideline is not None:
                yield guideline

    def _guideline(self, rel: str, text: str) -> Guideline | None:
        meta: dict = {}
        positions: MappingProxyType = MappingProxyType({})
        body, body_line = text, 1
        lines = text.split("\n")
        if lines and lines[0].strip() == "---":
            end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
            if end is None:
                self.diagnostics.append(Diagnostic("TG013", Severity.ERROR, "front matter is not closed with '---'",
                                                   Location(rel, 1, 1)))
                return None
            try:
                doc = parse_yaml("\n".join(lines[1:end]), rel, line_offset=1)
            except YamlError as exc:
                self.diagnostics.append(exc.diagnostic)
                return None
            if doc.data is not None and not isinstance(doc.data, dict):
                self.diagnostics.append(Diagnostic("TG013", Severity.ERROR, "front matter must be a mapping",
                                                   Location(rel, 2, 1)))
                return None
            doc.data = doc.data or {}
            found, failed = schema.validate(doc, "guideline")
            self.diagnostics += found
            broken = {path[0] for path in failed if path}  # a field with an invalid part (labels: [null]) is left out
            meta = {k: v for k, v in doc.data.items() if k not in broken}
            positions = field_positions(doc, doc.data, ("labels",))
            body, body_line = "\n".join(lines[end + 1:]), end + 2
        self.diagnostics += [Diagnostic("TG008", Severity.ERROR, message, Location(rel, line, column), hint)
                             for line, column, message, hint in guideline_link_problems(rel, body, body_line)]
        control = _CONTROL.search(body)
        if control:  # as the YAML reader refuses them in front matter
            line, column = line_column(body, control.start())
            self.diagnostics.append(Diagnostic(
                "TG005", Severity.ERROR, f"character U+{ord(control.group()):04X} is not allowed in a guideline",
                Location(rel, body_line + line - 1, column), "remove control characters and NUL bytes"))
        title = meta.get("title") or _first_heading(body) or Path(rel).stem.replace("-", " ").capitalize()
        links = tuple(_links(body, rel, body_line, meta.get("taxonomy")))
        labels = tuple(meta.get("labels") or ())
        return Guideline(title=title, body=body, body_line=body_line, taxonomy=meta.get("taxonomy"),
                         labels=labels, order=meta.get("order", 0), links=links, source=rel, position=(1, 1),
                         field_positions=positions)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")



def _first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return None


def _links(body: str, rel: str, body_line: int, default_taxonomy: str | None) -> Iterable[LabelLink]:
    for number, line in enumerate(body.split("\n")):
        for match in _LINK.finditer(line):
            target = match.group(1)
            taxonomy, _, label = target.rpartition("/")
            yield LabelLink(target=target, taxonomy=taxonomy or default_taxonomy, label=label, source=rel,
                            position=(body_line + number, match.start(1) + 1))


def content_hash(raw: bytes) -> str:
    return content_hasher(raw).hexdigest()


def content_hasher(raw: bytes = b""):
    """A hash object that gives content_hash once fed the bytes (in as many pieces as wanted)."""
    return hashlib.blake2b(raw, digest_size=16)


def load_project(root: Path, config: Config | None = None) -> LoadResult:
    """Load the project at ``root``; never raises for bad input."""
    with fast.gc_paused():  # loading makes millions of objects and no cycles: collecting would only cost
        return ProjectLoader(root, config).load()
