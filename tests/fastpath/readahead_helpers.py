"""Generated taxonomy files and projects for the read-ahead tests (test_readahead.py): a module of
its own name, as fastpath_helpers.py is."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st
from test_lazy import prose_values  # multi-line plain, quoted, literal and folded prose

BENCHMARKS = Path(__file__).parent.parent.parent / "benchmarks"
WORDS = st.sampled_from(["alpha", "Beta", "gamma delta", "R&D", "50%", "don't", "x-y", "é", "topic 7", "a.b"])
# words of prose that the guard, yaml-rs or the schema may take otherwise than plain words
TRICKY_WORDS = st.sampled_from(["*a*", "&c", "!x", "[b]", "{c}", "#tag", "a # b", "x:y", "a: b", 'say "hi"', "'q'",
                                "|", ">-", "- x", "-", "1_0", "0x1F", "12", "%", "? k", "\\n", "~", "NO", "",
                                "\u2028", "\x85", "\ufeff", "\U0001f600"])
HEADERS = (
    "taxonomy:\n  id: t\n  title: T\n  version: 1.0.0\n  task:\n    kind: single-label\n    data: text\n",
    "taxonomy: t\n",
    "taxonomy: t  # a part of t\n",
)
# A field that makes the file one the worker must leave to the loader: the guard refuses it
# (anchor, tag, flow mapping, complex key, indentation indicator, keep chomping, empty block, tab,
# prefixed number), yaml-rs refuses it (duplicate key, a quote left open over the next item), or
# the schema does (unknown key, a name that is a number, a long hotkey). {k}: the key's column,
# {i}: the items' column.
FIELD_MUTATIONS = (
    "name: &n Named", "name: !!str Tagged", "synonyms: {a: b}", "? name\n{k}: Q", "definition: |2\n{k}   two",
    "definition: |+\n{k}  kept\n", "definition: |\n", "name: a\tb", "name: 0x1F", "name: Twice",
    'definition: "left open\n{i}- id: zz\n{k}name: q"', "definition: 'left open\n{i}- id: zz\n{k}name: q'",
    "colour: red", "name: 12", "hotkey: ab", "parent: [a, {b: c}]", "synonyms: [*x]", "definition: '\x01'",
)
# a change of the whole text: no final line break, a CRLF line, a directive, a document end,
# a second document, a duplicate top-level key, a tab before the first item
TEXT_MUTATIONS = ("no final break", "crlf", "directive", "document end", "second document", "labels twice",
                  "tab")


@dataclass(frozen=True)
class Generated:
    text: str
    indent: int  # the column of the labels' dashes
    item_starts: tuple[int, ...]  # where each item's line starts (clean texts: mutation is None)
    keys_after: bool  # a top-level key follows the labels list
    mutation: str | None


@st.composite
def prose(draw) -> str:
    """A scalar over one or more lines, as definitions are written: plain, quoted, literal, folded;
    its words mostly plain, some tricky."""
    words = WORDS | TRICKY_WORDS if draw(st.integers(0, 5)) == 0 else WORDS
    lines = draw(st.lists(st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3))
    step = " " * draw(st.sampled_from([2, 3, 4]))
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "literal", "folded"]))
    if style in ("literal", "folded"):
        header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-"]))
        return header + "".join("\n" + (step + line if line else "") for line in lines)
    quote = {"plain": "", "single": "'", "double": '"'}[style]
    if quote:
        lines = [line.replace(quote, quote * 2 if quote == "'" else "\\" + quote) for line in lines]
    return quote + ("\n" + step).join(lines) + quote


def _prose(draw, column: int) -> str:
    """A prose value for a key or dash whose line starts at ``column``: continuation lines deeper.
    One in eight comes from test_lazy.py's prose, trickier still (escapes, blank lines, empty)."""
    value = draw(prose_values() if draw(st.integers(0, 7)) == 0 else prose())
    return value.replace("\n", "\n" + " " * column)


def _list(draw, key_column: int, values) -> list[str]:
    """The lines of a list value: flow on the key's line, or block (at the key's column or deeper)."""
    items = draw(st.lists(values, min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        return [" [" + draw(st.sampled_from([", ", ","])).join(items) + "]"]
    column = key_column + draw(st.sampled_from([0, 2]))
    return [""] + [" " * column + "- " + item for item in items]


def _examples(draw, key_column: int) -> list[str]:
    column = key_column + draw(st.sampled_from([0, 2]))
    lines = [""]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            lines.append(" " * column + "- " + _prose(draw, column))
        else:
            lines.append(" " * column + "- text: " + _prose(draw, column + 2))
            if draw(st.booleans()):
                lines.append(" " * (column + 2) + "note: " + _prose(draw, column + 2))
    return lines


def _field(draw, name: str, number: int, count: int, k: int) -> str:
    """One key of label ``number`` with its value, its lines joined (the key at column ``k``)."""
    if name == "id":
        value = draw(st.sampled_from(["l{}", "'l{}'", '"l{}"'])).format(number)
        return "id: " + value
    if name == "name":
        return "name: " + (_prose(draw, k) if draw(st.booleans()) else f"N{number}")
    if name == "parent":
        others = st.sampled_from([f"l{other}" for other in range(count) if other != number] or ["l0"])
        if draw(st.booleans()):
            return "parent: " + draw(others)
        return "parent:" + "\n".join(_list(draw, k, others))
    if name == "definition":
        return "definition: " + _prose(draw, k)
    if name == "synonyms":
        return "synonyms:" + "\n".join(_list(draw, k, WORDS))
    return "examples:" + "\n".join(_examples(draw, k))


def _comment(draw, columns: list[int]) -> str:
    return " " * draw(st.sampled_from(columns)) + draw(st.sampled_from(["# note", "#", "# - id: not an item"]))


@st.composite
def _item(draw, number: int, count: int, indent: int, mutation: str | None) -> str:
    """One item of the labels list (its lines, each ending in a line break)."""
    gap = draw(st.sampled_from([1, 1, 1, 3]))  # `- id` or `-   id`
    k = indent + 1 + gap
    names = ["id", "name"] + draw(st.lists(st.sampled_from(["parent", "definition", "synonyms", "examples"]),
                                          unique=True, max_size=4))
    if draw(st.integers(0, 4)) == 0:
        names[0], names[1] = "name", "id"
    fields = [_field(draw, name, number, count, k) for name in names]
    if mutation is not None:
        fields.insert(draw(st.integers(1, len(fields))), mutation.replace("{k}", " " * k).replace("{i}", " " * indent))
    lines = []
    for index, field in enumerate(fields):
        if index and draw(st.integers(0, 5)) == 0:  # a comment or blank line between two keys
            lines.append(draw(st.sampled_from(["", _comment(draw, [0, indent, k, k + 2])])))
        trailing = draw(st.integers(0, 6)) == 0 and "\n" not in field and not field.endswith(("|", ">", "-"))
        lines.append(" " * k + field + ("  # trailing" if trailing else ""))
    if draw(st.integers(0, 9)) == 0 and number:  # the dash alone on its line, the mapping below it
        return " " * indent + "-\n" + "\n".join(lines) + "\n"
    first = lines[0]
    return " " * indent + "-" + " " * gap + first[k:] + "".join("\n" + line for line in lines[1:]) + "\n"


@st.composite
def taxonomy_files(draw, mutations: bool = True) -> Generated:
    """A taxonomy file written as people write them, long enough to be cut into small parts; with
    ``mutations``, one in three carries something that makes lazy.read_lazily (and so the worker)
    leave most such files to the loader."""
    count = draw(st.integers(1, 9))
    indent = draw(st.sampled_from([0, 2, 2, 4]))
    mutation = kind = None
    if mutations and draw(st.integers(0, 2)) == 0:
        kind = draw(st.sampled_from(["field", "field", "text"]))
        mutation = draw(st.sampled_from(FIELD_MUTATIONS if kind == "field" else TEXT_MUTATIONS))
    mutated_item = draw(st.integers(0, count - 1)) if kind == "field" else None
    header = draw(st.sampled_from(HEADERS))
    keys_after = draw(st.integers(0, 4)) == 0
    text = draw(st.sampled_from(["", "", "# a taxonomy\n", "---\n"]))
    text += "" if keys_after else header
    text += "labels:" + draw(st.sampled_from(["", "", "  # the labels", " "])) + "\n"
    text += draw(st.sampled_from(["", "", "\n", "# first\n", " " * indent + "# first\n"]))
    starts = []
    for number in range(count):
        if number and draw(st.integers(0, 5)) == 0:
            text += draw(st.sampled_from(["\n", "# between\n", " " * indent + "# between\n"]))
        starts.append(len(text))
        text += draw(_item(number, count, indent, mutation if number == mutated_item else None))
    text += draw(st.sampled_from(["", "", "# the end\n", "\n"]))
    if keys_after:
        text += header
    if kind == "text":
        text = _mutated_text(text, mutation, draw(st.integers(0, len(starts) - 1)), starts, indent)
    return Generated(text, indent, tuple(starts), keys_after, mutation)


def _mutated_text(text: str, mutation: str, item: int, starts: list[int], indent: int) -> str:
    line_end = text.index("\n", starts[item])
    if mutation == "no final break":
        return text.rstrip("\n")
    if mutation == "crlf":
        return text[:line_end] + "\r" + text[line_end:]
    if mutation == "directive":
        return "%YAML 1.2\n---\n" + text
    if mutation == "document end":
        return text + "...\n"
    if mutation == "second document":
        return text + "---\nlabels: []\n"
    if mutation == "labels twice":
        return text + "labels: []\n"
    return text[:starts[item] + indent] + "\t" + text[starts[item] + indent:]  # tab


def synthetic():
    """benchmarks/synthetic.py (benchmarks/ is no package; its scripts put it on sys.path)."""
    if "synthetic" not in sys.modules:
        spec = importlib.util.spec_from_file_location("synthetic", BENCHMARKS / "synthetic.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["synthetic"] = module  # dataclasses looks its module up while it is made
        spec.loader.exec_module(module)
    return sys.modules["synthetic"]
