"""Hypothesis strategies for the rules_speed tests: texts built around what the pre-filters look
for (e-mail addresses, phone, card and SSN numbers in several scripts' digits, markup, odd
whitespace, the separator itself) and small projects whose labels collide, repeat, refer to
nothing and hold such texts."""

import random

from hypothesis import strategies as st

from taxgen.model import (Attribute, ChangelogEntry, Config, Example, GoldenItem, Guideline, Label, NearMiss,
                          Project, Rule, Task, Taxonomy)
from taxgen.rules.textscan import SEPARATOR

PERSONAL = (
    "jane.doe@example.org", "a@b.co", "x@y", "@", "me@host.museum", "415-555-0132", "(415) 555-0132",
    "+44 20 7946 0958", "+1.415.555.0132", "12 345 6789", "12 345 678", "4111 1111 1111 1111",
    "4111-1111-1111-1111", "4111111111111111", "378282246310005", "078-05-1120", "123-45-678", "12345678",
    "123456789", "2024-01-15", "v1.2.3",
    "٤١٥-٥٥٥-٠١٣٢",  # Arabic-Indic digits: \d matches them
    "４１５-５５５-０１３２",  # full-width digits
    "𝟒𝟏𝟓-𝟓𝟓𝟓-𝟎𝟏𝟑𝟐",  # mathematical digits: four UTF-8 bytes each
    "²³⁴",  # digits to isdigit(), not to \d
    "\ud800",  # a lone surrogate, as a YAML escape can write
)
MARKUP = (
    "<script>", "< / SCRIPT", "<iframe src=x>", "<a href=x onclick = y>", "<b onmouseover=1>",
    "javascript:alert(1)", "JavaScript :", "vbscript:x", "data:text/html,x", "data : TEXT/HTML", "<style>",
    "<meta>", "<link>", "<linkx>", "<p>", "a < b", "a: b", "&lt;script&gt;", "&amp;", "<br/>",
    "java\u017fcript:",  # a long s, which re.IGNORECASE takes for an s
    "<\u0131frame>",  # a dotless i
    "\uff1cscript\uff1e",  # full-width brackets
)
SPACES = (" ", "  ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x85", "\u00a0", "\u3000", "")
NAMES = (
    "Cafe", "café", "Café", "cafe\u0301", "Сafe", "CAFE", " cafe", "cafe ", "ca  fe", "ca\tfe", "Tea", "tea",
    "ﬁsh", "fish", "ＦＩＳＨ", "", " ", "ß", "ss", "İ", "i\u0307", "Σ", "σ", "ς", "ǅ",
)
FIRST_LABEL_ROW = 5  # labels start below the taxonomy's own fields (line 1)
IDS = ("a", "b", "c", "d", "A", "B")  # A and B fold to ids that also exist; a draw may repeat an id

fragments = st.one_of(st.sampled_from(PERSONAL + MARKUP + SPACES + NAMES + (SEPARATOR,)),
                      st.text(max_size=4),
                      st.text(alphabet="0123456789 -.()+@<>:", max_size=12))
texts = st.lists(fragments, max_size=5).map("".join)
names = st.one_of(st.sampled_from(NAMES), st.lists(st.sampled_from(NAMES + SPACES), max_size=3).map("".join),
                  st.text(max_size=3))
ids = st.sampled_from(IDS)
references = st.sampled_from(IDS + ("ghost",))


@st.composite
def labels(draw, row: int):
    """A label defined at line ``row`` of t.yaml, its parts on the lines below."""
    at = {"source": "t.yaml", "position": (row, 3)}

    def part(index: int) -> dict:
        return {"source": "t.yaml", "position": (row, 10 + index)}

    rules = tuple(Rule(text=draw(texts), instead=draw(st.none() | references), **part(i))
                  for i in range(draw(st.integers(0, 2))))
    examples = tuple(Example(text=draw(texts), note=draw(st.sampled_from(("", "a note")) | texts), **part(10 + i))
                     for i in range(draw(st.integers(0, 2))))
    nears = tuple(NearMiss(text=draw(texts), why=draw(texts), use=draw(st.none() | references), **part(20 + i))
                  for i in range(draw(st.integers(0, 2))))
    attributes = tuple(Attribute(name=draw(texts), type="enum", values=tuple(draw(st.lists(texts, max_size=2))),
                                 description=draw(texts)) for _ in range(draw(st.integers(0, 1))))
    return Label(
        id=draw(ids), name=draw(names), taxonomy="t", definition=draw(st.sampled_from(("", "  ", "Defined.")) | texts),
        parents=tuple(draw(st.lists(references, max_size=2))), synonyms=tuple(draw(st.lists(names, max_size=3))),
        use_when=tuple(draw(st.lists(texts, max_size=2))), do_not_use_when=rules,
        related=tuple(draw(st.lists(references, max_size=2))),
        confusable_with=tuple(draw(st.lists(references, max_size=1))), examples=examples, near_misses=nears,
        color=draw(st.sampled_from((None, None, "#abc", "#aabbcc", "red", "")), ),
        hotkey=draw(st.sampled_from((None, None, "a", "A", "b"))),
        status=draw(st.sampled_from(("active", "active", "deprecated"))),
        replaced_by=tuple(draw(st.lists(references, max_size=1))), attributes=attributes, **at)


@st.composite
def projects(draw, max_labels: int = 8):
    """A project of one taxonomy ``t`` (sometimes a second one), golden items and a guideline."""
    count = draw(st.integers(0, max_labels))
    taxonomy_labels = tuple(draw(labels(row=FIRST_LABEL_ROW + 40 * index)) for index in range(count))
    taxonomy = Taxonomy(id="t", title=draw(texts), version="1.0.0", description=draw(texts),
                        task=Task(kind=draw(st.sampled_from(("single-label", "multi-label"))), instructions=draw(texts)),
                        labels=taxonomy_labels, changelog=(ChangelogEntry("1.0.0", tuple(draw(st.lists(texts, max_size=2)))),),
                        source="t.yaml", position=(1, 1))
    taxonomies = (taxonomy,) + ((Taxonomy(id="u", title="U", version="1.0.0", task=Task(), labels=taxonomy_labels[:2],
                                          source="u.yaml", position=(1, 1)),) if draw(st.booleans()) else ())
    golden = tuple(GoldenItem(id=draw(st.sampled_from(("g1", "g2"))), taxonomy=draw(st.sampled_from(("t", "u", "x"))),
                              expected=tuple(draw(st.lists(references, min_size=1, max_size=2))), rationale=draw(texts),
                              text=draw(st.none() | texts), source="golden.yaml", position=(3 + 5 * index, 5))
                   for index in range(draw(st.integers(0, 3))))
    guidelines = tuple(Guideline(title=draw(texts), body="\n".join(draw(st.lists(texts, max_size=3))), body_line=4,
                                 source="guide.md", position=(1, 1)) for _ in range(draw(st.integers(0, 1))))
    return Project(root=".", config=Config(), taxonomies=taxonomies, golden_items=golden, guidelines=guidelines)


def dirty_project(count: int, seed: int) -> Project:
    """A seeded project of ``count`` labels with findings for every rule: many texts between the
    hits, so the searches must count their way to the right label far into the joined texts."""
    rng = random.Random(seed)
    pool = PERSONAL + MARKUP + NAMES + SPACES + ("plain words", "case 12345", "see item 7.", "x")

    def text() -> str:
        return " ".join(rng.choice(pool) if rng.random() < 0.05 else "plain words" for _ in range(rng.randrange(1, 4)))

    def ref() -> str:
        return rng.choice(("ghost", f"l{rng.randrange(count)}", f"L{rng.randrange(count)}"))

    made = []
    for index in range(count):
        row = {"source": "t.yaml", "position": (5 + 20 * index, 3)}
        made.append(Label(
            id=f"l{index}" if rng.random() > 0.01 else ref(), name=rng.choice(NAMES) if rng.random() < 0.05 else f"Name {index}",
            taxonomy="t", definition=text() if rng.random() > 0.02 else "",
            parents=(f"l{rng.randrange(index)}",) if index and rng.random() < 0.97 else ((ref(),) if index else ()),
            synonyms=tuple(rng.choice(NAMES) if rng.random() < 0.03 else f"name {index}" for _ in range(rng.randrange(3))),
            use_when=(text(),), do_not_use_when=(Rule(text=text(), instead=ref() if rng.random() < 0.5 else None, **row),),
            related=(ref(),) if rng.random() < 0.3 else (), examples=tuple(Example(text=text(), **row) for _ in range(2)),
            near_misses=(NearMiss(text=text(), why=text(), use=ref(), **row),) if rng.random() < 0.3 else (),
            color=rng.choice((None,) * 20 + ("#abc", "red")), hotkey=rng.choice((None,) * 20 + ("a", "B")),
            status="deprecated" if rng.random() < 0.03 else "active",
            replaced_by=(ref(),) if rng.random() < 0.04 else (), **row))
    taxonomy = Taxonomy(id="t", title="Dirty", version="1.0.0", task=Task(), labels=tuple(made), source="t.yaml",
                        position=(1, 1))
    golden = tuple(GoldenItem(id=f"g{index}", taxonomy="t", expected=(ref(),), rationale=text(), text=text(),
                              source="golden.yaml", position=(3 + 5 * index, 5)) for index in range(count // 4))
    return Project(root=".", config=Config(), taxonomies=(taxonomy,), golden_items=golden)
