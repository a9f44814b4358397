"""SKOS vocabulary (Turtle, RDF/XML, JSON-LD, N-Triples) -> one taxonomy per concept scheme.

prefLabel is the name, altLabel and hiddenLabel the synonyms, definition the definition,
scopeNote a "use when" rule, example an example, broader/narrower the parents, related the
related labels, owl:deprecated and dct:isReplacedBy the status. The id is the concept's
notation, else the last segment of its URI, made valid. Literals are read in --language
(default en), else untagged, else the first language in sort order.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .. import jsontext
from ..model import Taxonomy
from .base import (ID_PATTERN, ImportOptions, ImportResult, LabelSet, Reporter, humanize, part_id, read_document,
                   unsaid_task)
from .safe_xml import parse_xml

FORMAT = "skos"
TITLE = "SKOS"
SUFFIXES = (".ttl", ".rdf", ".owl", ".xml", ".jsonld", ".json", ".nt", ".n3")

RDF_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
               ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".n3": "n3"}
DROPPED = {SKOS.note: "note", SKOS.historyNote: "historyNote", SKOS.editorialNote: "editorialNote",
           SKOS.changeNote: "changeNote", SKOS.broadMatch: "broadMatch", SKOS.narrowMatch: "narrowMatch",
           SKOS.exactMatch: "exactMatch", SKOS.closeMatch: "closeMatch", SKOS.relatedMatch: "relatedMatch"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, graph = read_document(data, options, lambda text, found: _parse(text, options.source, found))
    if graph is None:
        return reporter.result()
    return reporter.result(_Vocabulary(graph, options, reporter).taxonomies())


def rdf_format(source: str, text: str) -> str:
    """rdflib's format name, from the file suffix, else from the first characters."""
    suffix = "." + source.rsplit(".", 1)[-1].lower() if "." in source else ""
    if suffix in RDF_FORMATS:
        return RDF_FORMATS[suffix]
    head = text.lstrip()[:1]
    return "xml" if head == "<" and not text.lstrip().startswith("<http") else "json-ld" if head in "{[" else "turtle"


def _parse(text: str, source: str, reporter: Reporter) -> Graph | None:
    fmt = rdf_format(source, text)
    if fmt == "xml" and parse_xml(text, reporter, allow_dtd=True) is None:
        return None  # entities and external references are refused before rdflib sees the file
    if fmt == "json-ld" and not _local_contexts_only(text, reporter):
        return None
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format=fmt, publicID="urn:taxgen:import:")
    except Exception as exc:  # rdflib raises many types for bad syntax; none may reach the user
        message = " ".join(str(exc).split())[:300] or type(exc).__name__
        reporter.report("TI002", f"not valid {fmt.upper() if fmt != 'turtle' else 'Turtle'}: {message}",
                        reporter.at(*_line_of(exc)))
        return None
    return graph


def _line_of(exc: Exception) -> tuple[int, int]:
    line = getattr(exc, "lines", None) or getattr(exc, "_linenum", None)
    if isinstance(line, int):
        return line, 1
    match = re.search(r"line (\d+)", str(exc))
    return (int(match.group(1)), 1) if match else (0, 0)


def _local_contexts_only(text: str, reporter: Reporter) -> bool:
    """JSON-LD may name remote @context documents; taxgen never fetches anything."""
    try:
        doc = jsontext.loads(text)
    except jsontext.DuplicateKey as exc:
        reporter.report("TI002", exc.message, reporter.at(exc.line, exc.column), "keep one of the two")
        return False
    except (json.JSONDecodeError, RecursionError) as exc:
        reporter.report("TI002", f"not valid JSON: {getattr(exc, 'msg', 'nested too deeply')}",
                        reporter.at(getattr(exc, "lineno", 0), getattr(exc, "colno", 0)))
        return False
    stack, remote = [doc], []
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            remote.append(ctx)
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    if remote:
        reporter.report("TI003", f"JSON-LD names a remote context ({remote[0]}); taxgen does not fetch it",
                        hint="inline the context object, or convert the file to Turtle")
        return False
    return True


class _Vocabulary:
    def __init__(self, graph: Graph, options: ImportOptions, reporter: Reporter):
        self.g, self.options, self.reporter = graph, options, reporter
        self.language = options.language or "en"
        self.other_languages: set[str] = set()

    # ---- literals ----------------------------------------------------------------------------------
    def texts(self, subject, predicate) -> list[str]:
        """Values of ``predicate`` in the chosen language (untagged as fallback, else the first language)."""
        literals = [o for o in self.g.objects(subject, predicate) if isinstance(o, Literal)]
        for pick in (self.language, None):
            chosen = sorted(str(o) for o in literals if (o.language or None) == pick)
            if chosen:
                self.other_languages.update(o.language for o in literals if o.language and o.language != pick)
                return chosen
        languages = sorted({o.language for o in literals if o.language})
        if languages:
            self.other_languages.update(languages[1:])
            return sorted(str(o) for o in literals if o.language == languages[0])
        return []

    def text(self, subject, *predicates) -> str:
        for predicate in predicates:
            values = self.texts(subject, predicate)
            if values:
                return values[0]
        return ""

    # ---- structure ---------------------------------------------------------------------------------
    def concepts(self) -> set:
        found = set(self.g.subjects(RDF.type, SKOS.Concept))
        for predicate in (SKOS.broader, SKOS.narrower):
            for s, o in self.g.subject_objects(predicate):
                found.update((s, o))
        schemes = set(self.g.subjects(RDF.type, SKOS.ConceptScheme))
        return {c for c in found if c not in schemes and not isinstance(c, Literal)}

    def parents(self, concept) -> set:
        parents = set(self.g.objects(concept, SKOS.broader))
        parents.update(self.g.subjects(SKOS.narrower, concept))
        return parents

    def schemes(self, concepts: set) -> dict:
        """scheme -> its concepts; a single group keyed None when the file has one scheme or none."""
        schemes = sorted(set(self.g.subjects(RDF.type, SKOS.ConceptScheme)), key=str)
        if len(schemes) <= 1:
            return {schemes[0] if schemes else None: concepts}
        members: dict = defaultdict(set)
        for concept in concepts:
            for scheme in (*self.g.objects(concept, SKOS.inScheme), *self.g.objects(concept, SKOS.topConceptOf),
                           *self.g.subjects(SKOS.hasTopConcept, concept)):
                if scheme in schemes:
                    members[scheme].add(concept)
        loose = concepts - set().union(*members.values()) if members else concepts
        if loose:
            first = schemes[0]
            self.reporter.report("TI006", f"{len(loose)} concepts name no scheme; put in '{self.title(first)}'")
            members[first] |= loose
        return {scheme: members[scheme] for scheme in schemes if members.get(scheme)}

    def title(self, scheme) -> str:
        if scheme is None:
            return ""
        return self.text(scheme, SKOS.prefLabel, DCTERMS.title, RDFS.label)

    def order(self, concepts: set) -> list:
        """Parents before children, siblings by notation then name: a stable, readable file."""
        def key(c):
            return (self.text(c, SKOS.notation).zfill(12), self.text(c, SKOS.prefLabel).lower(), str(c))

        children: dict = defaultdict(list)
        roots = []
        for concept in sorted(concepts, key=key):
            parents = [p for p in self.parents(concept) if p in concepts]
            if not parents:
                roots.append(concept)
            for parent in parents:
                children[parent].append(concept)
        ordered, seen = [], set()
        stack = list(reversed(roots))
        while stack:
            concept = stack.pop()
            if concept in seen:
                continue
            seen.add(concept)
            ordered.append(concept)
            stack.extend(reversed(children[concept]))
        ordered += [c for c in sorted(concepts, key=key) if c not in seen]  # under a cycle: `taxgen check` says so
        return ordered

    # ---- taxonomies --------------------------------------------------------------------------------
    def taxonomies(self) -> list[Taxonomy]:
        concepts = self.concepts()
        if not concepts:
            self.reporter.report("TI005", "no skos:Concept found", hint="is this a SKOS vocabulary?")
            return []
        groups = self.schemes(concepts)
        out = [self.taxonomy(scheme, members, len(groups) > 1) for scheme, members in groups.items()]
        dropped = sorted({name for p, name in DROPPED.items() if any(True for _ in self.g.subject_objects(p))})
        if dropped:
            self.reporter.report("TI009", "SKOS properties not kept: " + ", ".join(dropped))
        if self.other_languages:
            self.reporter.report("TI009", f"labels in other languages ({', '.join(sorted(self.other_languages))}) "
                                          f"were not kept", hint="--language chooses the language to import")
        return out

    def taxonomy(self, scheme, concepts: set, several: bool) -> Taxonomy:
        title = self.title(scheme)
        labels = LabelSet(part_id(self.options, title or "concepts", several), self.reporter)
        ids: dict = {}
        for concept in self.order(concepts):
            name = self.text(concept, SKOS.prefLabel, RDFS.label) or _local_name(concept)
            draft = labels.add(name, key=self._key(concept, name),
                               definition=self.text(concept, SKOS.definition),
                               synonyms=self.texts(concept, SKOS.altLabel) + self.texts(concept, SKOS.hiddenLabel),
                               use_when=self.texts(concept, SKOS.scopeNote),
                               examples=self.texts(concept, SKOS.example))
            if str(self.g.value(concept, OWL.deprecated) or "").lower() in ("true", "1"):
                draft.status = "deprecated"
            ids[concept] = draft.id
        for concept, label_id in ids.items():
            draft = labels.drafts[label_id]
            draft.parents = sorted({ids[p] for p in self.parents(concept) if p in ids}, key=list(ids.values()).index)
            related = set(self.g.objects(concept, SKOS.related)) | set(self.g.subjects(SKOS.related, concept))
            draft.related = sorted({ids[r] for r in related if r in ids and ids[r] != label_id})
            draft.replaced_by = sorted(ids[r] for r in self.g.objects(concept, DCTERMS.isReplacedBy) if r in ids)
            outside = [p for p in self.parents(concept) if p not in ids]
            if outside:
                self.reporter.report("TI007", f"'{draft.name}' has broader concepts outside this scheme "
                                              f"({', '.join(sorted(map(str, outside))[:3])}); left out")
        description = self.text(scheme, DCTERMS.description, SKOS.definition, RDFS.comment) if scheme else ""
        if any(isinstance(c, URIRef) for c in ids):
            self.reporter.report("TI009", "concept URIs were not kept; ids are notations or the URIs' last segment")
        return labels.taxonomy(title or humanize(labels.taxonomy_id),
                               unsaid_task(self.options, self.reporter, "SKOS", leaf_only=False),
                               description=description)

    def _key(self, concept, name: str) -> str:
        for candidate in (self.text(concept, SKOS.notation), _local_name(concept)):
            if candidate and ID_PATTERN.fullmatch(candidate):
                return candidate
        return name


def _local_name(node) -> str:
    text = str(node)
    return re.split(r"[#/:]", text.rstrip("/#"))[-1] if isinstance(node, URIRef) else ""
