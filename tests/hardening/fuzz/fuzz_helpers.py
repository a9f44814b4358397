"""Shared pieces of the fuzz suite: profiles, the survival property, seed projects, mutations.

The property every fuzz test asserts of a command (``invoke`` and ``assert_survived``): it ends
with exit code 0, 1 or 2, never by an exception escaping the command (in-process, click's
CliRunner records it as ``result.exception``; through `taxgen`'s console entry point, run()
would turn it into an "internal error" message with exit 2, which therefore counts as a failure
here too), prints no traceback, says something when it fails, touches no network and finishes
within a hard time limit (a real hang fails the test instead of stalling CI).

Profiles (TAXGEN_FUZZ_PROFILE): ``fuzz-ci`` (default) runs a fixed, derandomized set of
examples, so CI is reproducible; ``fuzz-long`` draws fresh random examples, ten times as many,
for a local or nightly hunt: ``TAXGEN_FUZZ_PROFILE=fuzz-long python -m pytest tests/hardening/fuzz``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import sys
import traceback
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parents[2]
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent

# ---- profiles -----------------------------------------------------------------------------------

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
           HealthCheck.function_scoped_fixture]
settings.register_profile("fuzz-ci", derandomize=True, database=None, deadline=timedelta(seconds=10),
                          suppress_health_check=_HEALTH, print_blob=True)
settings.register_profile("fuzz-long", derandomize=False, deadline=timedelta(seconds=10),
                          suppress_health_check=_HEALTH, print_blob=True)
PROFILE = os.environ.get("TAXGEN_FUZZ_PROFILE", "fuzz-ci")
_SCALE = 10 if PROFILE == "fuzz-long" else 1


def fuzz_settings(examples: int, deadline_seconds: float = 10) -> settings:
    """The profile's settings with ``examples`` examples (scaled by the profile) and a deadline.

    The deadline is generous on purpose: CI has 2 busy cores; a hang is caught by the hard
    limit in ``time_limit`` anyway, the deadline only flags an example that got pathologically slow.
    """
    return settings(settings.get_profile(PROFILE), max_examples=examples * _SCALE,
                    deadline=timedelta(seconds=deadline_seconds))


# ---- bounds: time and network -------------------------------------------------------------------

class ExampleHung(BaseException):
    """An example ran past its hard time limit. A BaseException, so no `except Exception` hides it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the example after ``seconds`` of wall time (SIGALRM; pytest runs in the main thread)."""
    def interrupt(_signum, _frame):
        raise ExampleHung(f"example still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
_network_watch: list[list[str]] = []


def _audit(event: str, args) -> None:
    if _network_watch and event in _NETWORK_EVENTS:
        _network_watch[-1].append(f"{event} {args!r}"[:200])
        raise ConnectionRefusedError("taxgen fuzz: no network while fuzzing")


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only acts while a watch is open


@contextlib.contextmanager
def no_network():
    """Refuse and record every network attempt made inside the block (taxgen never fetches)."""
    attempts: list[str] = []
    _network_watch.append(attempts)
    try:
        yield attempts
    finally:
        _network_watch.pop()


# ---- the property -------------------------------------------------------------------------------

def invoke(args: list[str], seconds: float = 30):
    """Run the CLI in-process on ``args`` and assert that it survived; returns click's Result."""
    from click.testing import CliRunner

    from taxgen.cli import main

    with no_network() as attempts, time_limit(seconds):
        result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert_survived(result, args)
    if currently_in_test_context():  # hypothesis statistics: how often each command gets past its checks
        event(f"taxgen {args[0]}{' ' + str(args[1]) if args[0] == 'import' else ''}: exit {result.exit_code}")
    assert not attempts, f"taxgen {' '.join(map(str, args))} tried the network: {attempts}"
    return result


def assert_survived(result, args) -> None:
    """Exit 0, 1 or 2 with a message; no exception escaped, no traceback printed."""
    command = "taxgen " + " ".join(map(str, args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(*result.exc_info))
        raise AssertionError(f"{command}: internal error (run() would print 'taxgen: internal error'):\n{trace}")
    output = result.output
    assert result.exit_code in (0, 1, 2), f"{command}: exit {result.exit_code}\n{output}"
    assert "Traceback (most recent call last)" not in output, f"{command}: traceback printed\n{output}"
    assert "internal error" not in output, f"{command}:\n{output}"
    if result.exit_code != 0:
        assert output.strip(), f"{command}: exit {result.exit_code} without a word"


# ---- seed projects ------------------------------------------------------------------------------

# Valid fixture projects of every area; each fuzz example starts from a fresh copy of one.
SEED_PROJECTS = {
    "pets": FIXTURES / "properties" / "base",
    "site": FIXTURES / "site" / "hostile",
    "score": FIXTURES / "score" / "project",
    "tools": FIXTURES / "compile" / "tools",
    "awkward": FIXTURES / "compile" / "awkward",
}
_NOT_SOURCES = shutil.ignore_patterns("build", "site", ".cache")


def copy_project(seed: str, where: Path) -> Path:
    """A fresh copy of a seed project (without build outputs), with the docs/ folder MkDocs needs."""
    project = where / seed
    shutil.copytree(SEED_PROJECTS[seed], project, ignore=_NOT_SOURCES, symlinks=True)
    (project / "docs").mkdir(exist_ok=True)
    return project


def project_files(seed: str) -> list[str]:
    """The project-relative paths of a seed's inputs: mkdocs.yml, taxonomies, golden items, guidelines."""
    root = SEED_PROJECTS[seed]
    found = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml", ".md")
             and not {"build", "site", "docs"} & set(p.relative_to(root).parts)]
    return sorted(p.relative_to(root).as_posix() for p in found)


SEED_FILES = [(seed, rel) for seed in SEED_PROJECTS for rel in project_files(seed)]


def seed_bytes(seed: str, rel: str) -> bytes:
    return (SEED_PROJECTS[seed] / rel).read_bytes()


# ---- text that breaks things ---------------------------------------------------------------------

NASTY_TEXTS = [
    "", " ", "\n", "\t", "\x00", "\x1b[31m", "\r", "\r\n", "\u2028", "\u0085", "\ufeff", "\u202e", "\u200b",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "[x](javascript:alert(1))",
    "]]>", "<![CDATA[", "&amp;", "&#0;", "&bogus;", "\"", "'", "`", "$(rm -rf /)", "; echo hi", "a,b", "a|b",
    '"quoted, with comma"', "@prefix", "<http://x>", "\\", "\\u0000", "{{ x }}", "{% x %}", "%s", "${x}", "~", "null",
    "NO", "yes", "0x1F", "012", "1e3", ".inf", "-", "---", "...", "# x", ": x", "- x", "&a", "*a",
    "!!python/object:os.system",
    "\u0430", "\u13aa", "\ufb01", "\u00c5", "A\u030a", "\u00e9", "\U0001d518", "\U0001f642", "\u4e2d\u6587", "a" * 300,
    "label:x", "../../etc/passwd", "/abs/path", "C:\\x",
]
# Text hypothesis draws, mixed with the nasty samples above (no lone surrogates: files are UTF-8).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40) | st.sampled_from(NASTY_TEXTS)
ids = st.from_regex(r"\A[a-z][a-z0-9._-]{0,12}\Z") | st.sampled_from(["a", "A", "\u0430", "a.b", "x-1", "1", "Cat"])


# ---- mutations ----------------------------------------------------------------------------------

_EDITS = ("flip", "cut", "delete", "insert", "duplicate", "random", "line-delete", "line-repeat", "line-indent",
          "line-dedent", "line-swap")


def _line_edit(data: bytes, edit: str, at: int, other: int) -> bytes:
    lines = data.split(b"\n")
    index, second = at % len(lines), other % len(lines)
    if edit == "line-delete":
        del lines[index]
    elif edit == "line-repeat":
        lines.insert(index, lines[index])
    elif edit == "line-indent":
        lines[index] = b"  " + lines[index]
    elif edit == "line-dedent":
        lines[index] = lines[index][2:] if lines[index].startswith(b"  ") else lines[index].lstrip()
    else:
        lines[index], lines[second] = lines[second], lines[index]
    return b"\n".join(lines)


def apply_edit(data: bytes, edit: str, at: int, other: int, piece: bytes) -> bytes:
    """One byte- or line-level edit of ``data``; positions are taken modulo its length."""
    if edit.startswith("line-"):
        return _line_edit(data, edit, at, other)
    if not data:
        return piece
    at %= len(data) + 1
    span = other % 64 + 1
    if edit == "flip":
        index = at % len(data)
        return data[:index] + bytes([data[index] ^ (other % 255 + 1)]) + data[index + 1:]
    if edit == "cut":
        return data[:at]
    if edit == "delete":
        return data[:at] + data[at + span:]
    if edit == "duplicate":
        return data[:at + span] + data[at:at + span] + data[at + span:]
    if edit == "random":
        return data[:at] + piece + data[at + len(piece):]
    return data[:at] + piece + data[at:]  # insert


@st.composite
def mutated(draw, data: bytes, tokens: list[bytes]) -> bytes:
    """``data`` with 1-6 edits: byte flips, cuts, deletions, inserted format tokens or random bytes, line edits."""
    pieces = st.sampled_from(tokens) | st.binary(min_size=1, max_size=8) | texts.map(lambda t: t.encode("utf-8"))
    edits = st.tuples(st.sampled_from(_EDITS), st.integers(0, 1 << 20), st.integers(0, 1 << 20), pieces)
    for edit, at, other, piece in draw(st.lists(edits, min_size=1, max_size=6)):
        data = apply_edit(data, edit, at, other, piece)
    return data


scalars = st.none() | st.booleans() | st.integers() | st.floats() | texts
junk = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                    max_leaves=6)


def paths_in(node, prefix: tuple = ()):
    """Every path to a mapping value or list item of parsed data."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield prefix + (key,)
        yield from paths_in(value, prefix + (key,))


def _edit_tree(data, path: tuple, action: str, value):
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif action == "retext" and isinstance(parent[key], str):
        parent[key] = value if isinstance(value, str) else str(value)
    else:
        parent[key] = value
    return data


@st.composite
def restructured(draw, data, dump) -> bytes:
    """Parsed data with 1-3 values deleted, duplicated, retyped or given nasty text; dumped with ``dump``."""
    import copy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(paths_in(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "retext", "retext"]))
        value = draw(texts if action == "retext" else junk)
        data = _edit_tree(data, path, action, value)
    return dump(data)


def yaml_dump(data) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")


def json_dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


def csv_dump(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


# Tokens of each input kind, spliced in by `mutated`.
YAML_TOKENS = [t.encode() for t in (
    ":", ": ", "- ", "\n", "\n  ", "\r\n", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "!Ref ", "'", '"', "#", "? ", "|", ">-", "---\n", "...\n", "%YAML 1.1\n", "<<: *a",
    "~", "null", "012", "1e3", ".nan", "\x00", "\u2028", "\x85", "\ufeff", "id: x\n", "parent: ", "labels:\n",
    "taxonomy: ", "golden_items:\n", "expected: ",
    "replaced_by: ", "status: deprecated\n", "label:", "<script>", "javascript:", "NO", "2.0.0", "\\", "\xc3\x28",
    '"\\0"', "x" * 300, "file: ", "media/")]
MARKDOWN_TOKENS = YAML_TOKENS + [t.encode() for t in (
    "---\n", "](label:", "[x](label:mammal.cat)", "[y](label:pets/nowhere)", "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>', "<img src=x onerror=alert(1)>", "```\n", "# ", "![](../../../etc/passwd)",
    "<iframe src=x>", "<!--", "-->", "{: onclick=alert(1) }", "<style>", "&#x6A;avascript:", "| a | b |\n|---|---|\n",
    "[[x]]", "$$", "\\(", "::: ", "!!! note\n    ", "<details>", "<svg onload=alert(1)>")]
XML_TOKENS = [t.encode() for t in (
    "<", ">", "/>", "</", "<View>", "</View>", '<Label value="x"/>', '<Choice value="y"/>',
    '<Labels name="l" toName="t">',
    "</Labels>", '<Choices name="c" toName="t">', "</Choices>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;", "&amp;",
    "&#0;", "<![CDATA[x]]>", "<!-- c -->", "<?xml version=\"1.0\"?>", 'value="', 'name="', 'hotkey="',
    'background="', 'visibleWhen="', 'alias="', "\"", "'", " ", "\x00", "rdf:about=\"", "rdf:resource=\"",
    "<skos:Concept>", "</skos:Concept>", "<skos:prefLabel>", "xml:lang=\"de\"", "<skos:broader rdf:resource=\"#a\"/>",
    'xmlns:x="urn:x"', "<!ENTITY % p SYSTEM \"file:///etc/passwd\">")]
JSON_TOKENS = [t.encode() for t in (
    "{", "}", "[", "]", ",", ":", '"', "null", "true", "false", "0", "-1", "1e999", "NaN", "Infinity", '"\\u0000"',
    '"\\ud800"', "[[[[[[[[", "{}", "[]", '"name"', '"value"', '"options"', '"labels"', '"tools"', '"classifications"',
    '"type"', '"attributes"', '"settings"', '"questions"', '"text"', '"color"', '"@context"', '"@id"', '"@graph"',
    '"skos:broader"', '"@value"', '"@language"', '"http://x"', "\\", "\n", " ")]
CSV_TOKENS = [t.encode() for t in (
    ",", "\n", "\r\n", '"', '""', ";", "|", "\t", "\x00", "id", "name", "parent", "definition", "synonyms", "color",
    "hotkey", "status", "replaced_by", "item", "annotator", "label", "labels", "taxonomy", "=cmd|' /C calc'!A0",
    "\ufeff", "\r", "deprecated")]
TURTLE_TOKENS = [t.encode() for t in (
    "@prefix", "@base <http://x/> .", " a ", " ;", " .", " ,", "<", ">", "<http://example.org/animals/x>", "ex:",
    "skos:Concept", "skos:prefLabel", "skos:broader", "skos:narrower", "skos:related", "skos:inScheme",
    "skos:ConceptScheme", '"x"@en', '"x"@de', '"""', "'", "_:b", "[", "]", "(", ")", "^^", "owl:deprecated true",
    "dct:isReplacedBy", "#", "\\", "\n", "\x00")]
