"""A re-check after an edit (incremental.py) reports exactly what a full check of the edited project does.

The fixture project spreads findings of every origin over several files: label rules
(TG401, TG404, TG405), project rules (TG201 naming another file's position, TG202, TG301,
TG402, TG403), the loader's cross-file TG207 and a guideline's TG209. Each edit is applied
after a first check, then `check_with_state` is compared with a full check.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest

from taxgen.check import check_path, run_rules
from taxgen.incremental import STATE_FILE, check_with_state
from taxgen.loading.project import load_project
from taxgen.model import Label
from taxgen.rules import RULES

FIXTURE = Path(__file__).parent.parent / "fixtures" / "incremental" / "project"
REPOSITORY = Path(__file__).parents[2]
TOPICS = "taxonomies/topics"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build"))
    first = check_with_state(root)
    assert first.rechecked is None and (root / "build" / STATE_FILE).is_file()
    return root


def assert_same_as_full_check(root: Path):
    outcome = check_with_state(root)
    full = check_path(root)
    assert outcome.diagnostics == full.diagnostics
    assert (outcome.files, outcome.taxonomies, outcome.labels) == (
        len(full.project.files), len(full.project.taxonomies), full.project.label_count)
    return outcome


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


# Edits of prose alone: only the edited file is read again.
PROSE_EDITS = {
    "definition reworded": (f"{TOPICS}/delivery.yaml", "The parcel arrived broken.", "The parcel came damaged."),
    "script added to a definition": (f"{TOPICS}/delivery.yaml", "The parcel never arrived.",
                                     "The parcel never arrived. <iframe src=x></iframe>"),
    "script removed": (f"{TOPICS}/billing.yaml", " <script>alert(1)</script>", ""),
    "phone number masked": (f"{TOPICS}/billing.yaml", "+44 20 7946 0958", "[phone]"),
    "empty definition filled": (f"{TOPICS}/billing.yaml", 'definition: ""', "definition: A copy of a bill."),
    "definition emptied": (f"{TOPICS}/delivery.yaml", "definition: The parcel arrived broken.", 'definition: ""'),
    "lines added above findings": (f"{TOPICS}/delivery.yaml", "    definition: The parcel has not arrived by the promised date.",
                                   "    definition: >-\n      The parcel has not arrived\n      by the promised date."),
    "lines removed above findings": (f"{TOPICS}/billing.yaml", ">-\n      The customer asks for money back,\n      or",
                                     "The customer asks for money back, or"),
    "lines added above the first of two duplicates": (f"{TOPICS}/billing.yaml", "labels:\n",
                                                      "# Refunds, disputes, invoices.\n# Reviewed monthly.\nlabels:\n"),
    "comment lines added": (f"{TOPICS}/delivery.yaml", "labels:\n", "# late, status, damaged\n# and more\nlabels:\n"),
    "near-miss reason reworded": (f"{TOPICS}/delivery.yaml", "Nothing is late yet", "No date has passed"),
    "header file definition": (f"{TOPICS}/taxonomy.yaml", "Getting an order to the customer.",
                               "Getting an order to the customer, from the warehouse to the door."),
    "part of an unknown taxonomy": (f"{TOPICS}/stray.yaml", "nobody defines.", "nobody defines. <script>"),
    "rule text reworded": (f"{TOPICS}/billing.yaml", "without asking for money back", "and wants no refund"),
}

# Edits the project rules can see, or of files they read: a full check.
FULL_EDITS = {
    "parent changed": (f"{TOPICS}/delivery.yaml", "parent: deliverry", "parent: delivery"),
    "id renamed": (f"{TOPICS}/delivery.yaml", "id: delivery.lost", "id: delivery.missing"),
    "name changed": (f"{TOPICS}/delivery.yaml", "name: Late Delivery", "name: Lost parcel"),
    "synonym added": (f"{TOPICS}/taxonomy.yaml", "[Payments]", "[Payments, Money]"),
    "example added": (f"{TOPICS}/delivery.yaml", "definition: The parcel arrived broken.",
                      "definition: The parcel arrived broken.\n    examples: [\"The box was crushed.\"]"),
    "header title": (f"{TOPICS}/taxonomy.yaml", "title: Support topics", "title: Topics"),
    "taxonomy of a part": (f"{TOPICS}/stray.yaml", "taxonomy: topcs", "taxonomy: topics"),
    "golden item": (f"{TOPICS}/golden.yaml", "expected: delivery.status", "expected: delivery.late"),
    "guideline": ("guidelines/refunds.md", "billing.nothing", "billing.invoice"),
    "yaml broken": (f"{TOPICS}/billing.yaml", "name: Invoice", "name: [Invoice"),
    "schema broken": (f"{TOPICS}/billing.yaml", "name: Invoice", "name: Invoice\n    colour: red"),
    "use_when removed": (f"{TOPICS}/billing.yaml", "    use_when:\n      - A refund is requested or missing.\n", ""),
    "rule disabled": ("mkdocs.yml", "  - taxgen\n", "  - taxgen:\n      rules:\n        TG403: false\n"),
}


@pytest.mark.parametrize("name", PROSE_EDITS)
def test_prose_edit_rechecks_only_the_edited_file(project, name):
    rel, old, new = PROSE_EDITS[name]
    edit(project, rel, old, new)
    assert assert_same_as_full_check(project).rechecked == (rel,)


@pytest.mark.parametrize("name", FULL_EDITS)
def test_edit_the_project_rules_can_see_makes_a_full_check(project, name):
    rel, old, new = FULL_EDITS[name]
    edit(project, rel, old, new)
    assert assert_same_as_full_check(project).rechecked is None


def test_unchanged_project_reads_no_file_again(project):
    outcome = assert_same_as_full_check(project)
    assert outcome.rechecked == ()


def test_added_and_removed_files_make_a_full_check(project):
    (project / TOPICS / "extra.yaml").write_text("taxonomy: topics\nlabels:\n  - {id: extra, name: Extra}\n", "utf-8")
    assert assert_same_as_full_check(project).rechecked is None
    (project / TOPICS / "stray.yaml").unlink()
    assert assert_same_as_full_check(project).rechecked is None


def test_successive_edits_each_match_a_full_check(project):
    """The state a re-check leaves is the one the next re-check starts from."""
    for name in ("definition reworded", "lines added above findings", "script added to a definition",
                 "comment lines added"):
        rel, old, new = PROSE_EDITS[name]
        edit(project, rel, old, new)
        assert assert_same_as_full_check(project).rechecked == (rel,)
    rel, old, new = PROSE_EDITS["lines added above findings"]
    edit(project, rel, new, old)  # and back
    assert assert_same_as_full_check(project).rechecked == (rel,)


def test_random_line_shifts_and_rewordings_match_a_full_check(project):
    """Blank and comment lines inserted anywhere between labels, definitions reworded, in
    several files at once: every finding lands where a full check puts it."""
    rng = random.Random(8)
    files = [project / TOPICS / name for name in ("taxonomy.yaml", "billing.yaml", "delivery.yaml")]
    for _round in range(12):
        for path in rng.sample(files, rng.randint(1, 3)):
            lines = path.read_text("utf-8").split("\n")
            for _ in range(rng.randint(1, 3)):
                starts = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
                lines.insert(rng.choice(starts), rng.choice(["", "  # a note for reviewers", "#"]))
            definitions = [i for i, line in enumerate(lines) if line.startswith("    definition: The")]
            if definitions:
                index = rng.choice(definitions)
                lines[index] = lines[index].replace("The", rng.choice(["A", "This", "The"]), 1)
            path.write_text("\n".join(lines), "utf-8")
        outcome = assert_same_as_full_check(project)
        assert outcome.rechecked is not None


@pytest.mark.parametrize("seed", range(6))
def test_random_sequences_of_edits_match_a_full_check(project, seed):
    """Edits of every kind, in a random order, one check after each: prose edits re-check,
    the others check fully, and each leaves a state the next one can start from."""
    rng = random.Random(seed)
    edits = [*PROSE_EDITS.values(), *FULL_EDITS.values()]
    rng.shuffle(edits)
    for rel, old, new in edits[:10]:
        path = project / rel
        if old in path.read_text("utf-8"):  # an earlier edit may have changed the same place
            edit(project, rel, old, new)
            assert_same_as_full_check(project)


def test_edit_of_most_of_a_big_project_makes_a_full_check(project, monkeypatch):
    """Reading both versions of most of the project would cost more than a full check."""
    import taxgen.incremental

    monkeypatch.setattr(taxgen.incremental, "_SMALL_PROJECT_BYTES", 0)
    edit(project, f"{TOPICS}/delivery.yaml", "by the promised date.", "by the date we promised.")
    edit(project, f"{TOPICS}/delivery.yaml", "never arrived.", "never came.")  # the first label to the last
    assert assert_same_as_full_check(project).rechecked is None


def test_edit_of_two_neighbouring_labels_rechecks_both(project):
    edit(project, f"{TOPICS}/billing.yaml", "says a charge is wrong.", "says a charge is wrong. <iframe>")
    edit(project, f"{TOPICS}/billing.yaml", 'definition: ""', "definition: A bill, again.")
    assert assert_same_as_full_check(project).rechecked == (f"{TOPICS}/billing.yaml",)


def test_last_label_of_a_file_without_a_final_line_break(project):
    path = project / TOPICS / "delivery.yaml"
    path.write_text(path.read_text("utf-8").rstrip("\n"), "utf-8")
    check_with_state(project)
    edit(project, f"{TOPICS}/delivery.yaml", 'examples: ["The parcel never came."]',
         'examples:\n      - "The parcel never came, call +44 20 7946 0958."')
    assert assert_same_as_full_check(project).rechecked == (f"{TOPICS}/delivery.yaml",)


@pytest.mark.parametrize("old, new", [
    ("    definition: The parcel never arrived.", "    definition: &gone The parcel never arrived."),
    ("  - id: delivery.lost", "  - id: delivery.lost\n  - id: delivery.gone\n    name: Gone"),
    ("labels:\n", "labels:\n  - {id: first, name: First}\n"),
    ("taxonomy: topics\n", "taxonomy: topics  # part two\nlabels_note: x\n"),
    ("  - id: delivery.lost\n    name: Late Delivery\n    parent: delivery\n    definition: The parcel never arrived.\n",
     "    - id: delivery.lost\n      name: Late Delivery\n      parent: delivery\n      definition: The parcel never came.\n"),
], ids=["anchor", "label inserted", "label inserted first", "header key added", "label indented deeper"])
def test_edits_a_re_check_cannot_take_make_a_full_check(project, old, new):
    edit(project, f"{TOPICS}/delivery.yaml", old, new)
    assert assert_same_as_full_check(project).rechecked is None


def test_carriage_returns_make_a_full_check(project):
    path = project / TOPICS / "delivery.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert assert_same_as_full_check(project).rechecked is None
    edit(project, f"{TOPICS}/delivery.yaml", "The parcel arrived broken.", "The parcel came damaged.")
    assert assert_same_as_full_check(project).rechecked is None


@pytest.mark.parametrize("accented", [False, True], ids=["ascii file", "accented file"])
@pytest.mark.parametrize("new", ["The parcel came\u2028damaged.", "The parcel came\u2029damaged.",
                                 "The parcel came\x85damaged.", "The parcel came\rdamaged."])
def test_other_line_breaks_in_an_edit_make_a_full_check(project, new, accented):
    """A re-check compares bytes and counts lines by "\\n": another break in the edit makes it a full check."""
    if accented:  # the old text's other bytes hold no break: only the edit brings one
        edit(project, f"{TOPICS}/delivery.yaml", "The parcel has not arrived", "The parcel has not arrivéd")
        assert assert_same_as_full_check(project).rechecked == (f"{TOPICS}/delivery.yaml",)
    edit(project, f"{TOPICS}/delivery.yaml", "The parcel arrived broken.", new)
    assert assert_same_as_full_check(project).rechecked is None


@pytest.mark.parametrize("raw_edit", [
    (b"The parcel arrived broken.", "The parcel arrivé broken.".encode()),  # a character of two bytes
    (b"The parcel arrived broken.", "The parcel arriv\u00e9 broken, \U0001F4E6.".encode()),  # and of four
], ids=["two-byte character", "four-byte character"])
def test_accented_prose_edits_are_re_checked(project, raw_edit):
    path = project / TOPICS / "delivery.yaml"
    path.write_bytes(path.read_bytes().replace(*raw_edit))
    assert assert_same_as_full_check(project).rechecked == (f"{TOPICS}/delivery.yaml",)


@pytest.mark.parametrize("damage", [
    lambda raw: b"\xef\xbb\xbf" + raw,  # a byte-order mark
    lambda raw: raw.replace(b"The parcel arrived broken.", b"The parcel arrived \xff broken."),  # not UTF-8
    lambda raw: raw.replace("The parcel arrived broken.".encode(), "The parcel arriv\u00e9".encode()[:-1]),  # cut
    lambda raw: raw.decode().encode("utf-16-le"),  # UTF-16 without a byte-order mark
], ids=["byte-order mark", "invalid byte", "character cut short", "utf-16"])
def test_bytes_decode_source_would_not_take_as_they_are_make_a_full_check(project, damage):
    path = project / TOPICS / "delivery.yaml"
    path.write_bytes(damage(path.read_bytes()))
    assert assert_same_as_full_check(project).rechecked is None


def test_a_file_grown_over_the_size_limit_makes_a_full_check(project, monkeypatch):
    """decode_source refuses it (TG007): a re-check must not compare it with its old copy."""
    from taxgen.loading import yaml_source

    path = project / TOPICS / "delivery.yaml"
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", len(path.read_bytes()) + 5)
    edit(project, f"{TOPICS}/delivery.yaml", "The parcel arrived broken.", "The parcel arrived broken, twice over.")
    outcome = assert_same_as_full_check(project)
    assert outcome.rechecked is None and "TG007" in {d.code for d in outcome.diagnostics}


MUTATIONS = ("insert text", "delete text", "duplicate line", "delete line", "indent line", "outdent line",
             "blank line", "comment line", "join lines")


def mutate(text: str, rng: random.Random) -> str:
    """One random change of any kind, anywhere: most make no valid taxonomy, some only move lines."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    kind = rng.choice(MUTATIONS)
    if kind == "insert text":
        column = rng.randint(0, len(lines[at]))
        lines[at] = lines[at][:column] + rng.choice(["x", " ", ":", "- ", "'", "#", "&a ", "[", "é"]) + lines[at][column:]
    elif kind == "delete text" and lines[at]:
        column = rng.randrange(len(lines[at]))
        lines[at] = lines[at][:column] + lines[at][column + rng.randint(1, 4):]
    elif kind == "duplicate line":
        lines.insert(at, lines[at])
    elif kind == "delete line" and len(lines) > 1:
        del lines[at]
    elif kind == "indent line":
        lines[at] = "  " + lines[at]
    elif kind == "outdent line":
        lines[at] = lines[at][2:] if lines[at].startswith("  ") else lines[at]
    elif kind == "blank line":
        lines.insert(at, "")
    elif kind == "comment line":
        lines.insert(at, " " * rng.choice([0, 2, 4]) + "# note")
    elif kind == "join lines" and at + 1 < len(lines):
        lines[at:at + 2] = [lines[at] + " " + lines[at + 1].strip()]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_random_mutations_match_a_full_check(project, seed):
    """Whatever an edit does to a file (valid or not, prose or not), the check that follows
    reports what a full check reports, and the state it leaves serves the next one."""
    rng = random.Random(seed)
    files = [project / TOPICS / name for name in ("taxonomy.yaml", "billing.yaml", "delivery.yaml", "stray.yaml")]
    rechecked = 0
    for _round in range(15):
        path = rng.choice(files)
        path.write_text(mutate(path.read_text("utf-8"), rng), "utf-8")
        rechecked += assert_same_as_full_check(project).rechecked is not None
    assert rechecked  # some of the mutations were prose or layout alone


def test_tampered_or_foreign_state_is_ignored(project):
    state = project / "build" / STATE_FILE
    state.write_bytes(state.read_bytes()[:-10] + b"0123456789")
    rel, old, new = PROSE_EDITS["definition reworded"]
    edit(project, rel, old, new)
    assert assert_same_as_full_check(project).rechecked is None  # checksum fails: a full check
    edit(project, rel, new, old)
    assert assert_same_as_full_check(project).rechecked == (rel,)  # which wrote a good state again


@pytest.mark.parametrize("damage", ["removed", "altered"])
def test_missing_or_altered_copy_of_the_old_text_makes_a_full_check(project, damage):
    copies = project / "build" / ".cache" / "check" / "text"
    for copy in copies.iterdir():
        if damage == "removed":
            copy.unlink()
        else:
            copy.write_bytes(copy.read_bytes().replace(b"parcel", b"packet"))
    rel, old, new = PROSE_EDITS["definition reworded"]
    edit(project, rel, old, new)
    assert assert_same_as_full_check(project).rechecked is None


def test_a_copy_that_keeps_its_signature_is_not_hashed_again(project, monkeypatch):
    """The copy of the old text was written by the last check: its size, mtime and inode say it is
    unchanged, so a re-check hashes only the files it reads (to see which changed), not the copy."""
    from taxgen import incremental

    hashed = []
    real = incremental.content_hash
    monkeypatch.setattr(incremental, "content_hash", lambda raw: hashed.append(raw) or real(raw))
    rel, old, new = PROSE_EDITS["definition reworded"]
    edit(project, rel, old, new)
    outcome = check_with_state(project)
    assert outcome.rechecked == (rel,)
    read = [path for path in project.rglob("*") if path.suffix in (".yaml", ".md")
            and path.relative_to(project).parts[0] in ("taxonomies", "guidelines")]
    assert sorted(hashed) == sorted(path.read_bytes() for path in read)


def test_reference_parser_keeps_no_state(tmp_path, monkeypatch):
    monkeypatch.setenv("TAXGEN_PARSER", "pyyaml")
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build"))
    assert check_with_state(root).diagnostics == check_path(root).diagnostics
    assert not (root / "build" / STATE_FILE).exists()


# ---- what makes the shortcut sound ---------------------------------------------------------------
def _reworded(label: Label, empty: bool) -> Label:
    """The label with every prose text replaced (by nothing when ``empty``), its structure kept."""
    text = (lambda old: "") if empty else (lambda old: f"Other words {len(old)}")
    return dataclasses.replace(
        label, definition=text(label.definition), use_when=tuple(map(text, label.use_when)),
        do_not_use_when=tuple(dataclasses.replace(r, text=text(r.text)) for r in label.do_not_use_when),
        examples=tuple(dataclasses.replace(e, text=text(e.text), note=text(e.note)) for e in label.examples),
        near_misses=tuple(dataclasses.replace(n, text=text(n.text), why=text(n.why)) for n in label.near_misses),
        attributes=tuple(dataclasses.replace(a, description=text(a.description)) for a in label.attributes))


@pytest.mark.parametrize("root", [FIXTURE, REPOSITORY], ids=["fixture", "repository"])
@pytest.mark.parametrize("empty", [False, True], ids=["reworded", "emptied"])
def test_project_rules_read_no_label_prose(root, empty):
    """Prose changed in every label leaves the project rules' findings as they were."""
    project = load_project(root).project
    changed = dataclasses.replace(project, taxonomies=tuple(
        dataclasses.replace(t, labels=tuple(_reworded(label, empty) for label in t.labels))
        for t in project.taxonomies))
    assert run_rules(changed, scope="project") == run_rules(project, scope="project")


def test_label_rules_find_per_file_what_they_find_in_the_whole_project():
    """Each label rule, run over one file's labels at a time, finds what it finds in the project."""
    from taxgen.loading.project import ProjectLoader, file_labels
    from taxgen.model import Task, Taxonomy

    project = load_project(FIXTURE).project
    whole = set(run_rules(project, scope="label"))
    per_file = set()
    for taxonomy in project.taxonomies:
        for rel in taxonomy.files:
            labels = file_labels(ProjectLoader(FIXTURE).parse(FIXTURE / rel), taxonomy.id)
            bare = Taxonomy(id=taxonomy.id, title="", version="", task=Task(), labels=tuple(labels))
            per_file |= set(run_rules(dataclasses.replace(project, golden_items=(), guidelines=(), taxonomies=(bare,)),
                                      scope="label"))
    assert {d.code for d in per_file} == {"TG401", "TG404", "TG405"}
    assert {d for d in whole if not d.path.endswith("golden.yaml")} == per_file
    assert {info.code for info in RULES.values() if info.scope == "label"} == {"TG401", "TG304", "TG404", "TG405"}


def test_common_start_and_end_of_two_texts_match_a_character_by_character_count():
    from taxgen.incremental import _common_prefix, _common_suffix

    rng = random.Random(3)
    for _ in range(150):
        old = "".join(rng.choice("ab\n") for _ in range(rng.choice([0, 5, 300, 70_000])))
        new = list(old)
        for _ in range(rng.randint(0, 3)):
            if new:
                new[rng.randrange(len(new))] = "c"
        new = "".join(new[:rng.randint(0, len(new))] if rng.random() < 0.3 else new)
        prefix = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        most = min(len(old), len(new)) - prefix
        suffix = next((i for i in range(most) if old[-1 - i] != new[-1 - i]), most)
        assert (_common_prefix(old, new), _common_suffix(old, new, most)) == (prefix, suffix)
