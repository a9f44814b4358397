"""Taxonomy files read ahead by a forked worker (loading/readahead.py).

The worker must send, for every file, exactly what lazy.read_lazily makes of it (or leave the file
to the loader when read_lazily would), whatever parts it cuts the file into; a project loaded with
the worker must be the project loaded without it, diagnostics, positions and the hashes that
incremental.py keeps included; and the worker must never outlive the load, whether it dies, is
taken out of order, or the loader fails.
"""

from __future__ import annotations

import marshal
import os
import re
import threading
import time
from pathlib import Path

import pytest
from fastpath_helpers import FIXTURES, diagnostics_of, fixture_projects, located_model, prepared, typed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readahead_helpers import Generated, synthetic, taxonomy_files

from taxgen.check import check_path, check_project
from taxgen.incremental import STATE_FILE, TEXT_FOLDER, check_with_state
from taxgen.loading import fast, lazy, project, readahead, schema
from taxgen.loading.project import ProjectLoader, content_hash
from taxgen.loading.yaml_source import MAX_FILE_BYTES, YamlError, decode_source

TAXONOMY = schema.schema("taxonomy")
REL = "taxonomies/t.yaml"
BOM = b"\xef\xbb\xbf"
GENERATED = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- what the worker sends for one file --------------------------------------------------------------
def recording_build(doc, nodes: list, first: int) -> list:
    """A build for ReadAhead.take that records which labels it was given, and at which index."""
    return [(index, node["id"]) for index, node in enumerate(nodes, first)]


def read_ahead(paths: list[Path], size: int) -> list[tuple | None]:
    """What ReadAhead.take gives for each file (in order), from a worker cutting parts of ``size``."""
    chunk, readahead.CHUNK_CHARS = readahead.CHUNK_CHARS, size  # the worker reads it once forked
    try:
        ahead = readahead.ReadAhead(paths, [REL] * len(paths), TAXONOMY)
    finally:
        readahead.CHUNK_CHARS = chunk
    try:
        return [ahead.take(path, recording_build) for path in paths]
    finally:
        ahead.close()
        assert_reaped(ahead.pid)


def assert_reaped(pid: int) -> None:
    """The worker has ended and been waited for: no process is left, not even a zombie."""
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def wait_until_sent(pid: int) -> None:
    """Wait for the worker to have sent everything and ended (it is not collected: close does that).
    Everything fits in its pipe (readahead._widen: 1 MiB) for the projects of these tests."""
    deadline = time.monotonic() + 30
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        assert time.monotonic() < deadline, "the worker is still running: is its pipe full?"
        time.sleep(0.005)


def messages_of(path: Path, size: int, copies: Path | None = None) -> list[tuple]:
    """file_messages' messages as the loader receives them: through marshal."""
    sent = readahead.file_messages(path, REL, TAXONOMY, size, copies)
    return [marshal.loads(marshal.dumps(message)) for message in sent]


def assembled(messages: list[tuple]) -> tuple | None:
    """(data, texts, digest) put together from file_messages' messages; None for ("own",)."""
    kinds = [message[0] for message in messages]
    if kinds[-1] == "own":
        assert kinds.count("own") == 1 and set(kinds[:-1]) <= {"start", "more"} and kinds[0] != "more", kinds
        return None
    assert kinds == ["start", *["more"] * (len(kinds) - 2), "end"], kinds
    data, texts = messages[0][1], [messages[0][2]]
    for message in messages[1:-1]:
        data["labels"].extend(message[1])
        texts.append(message[2])
    return data, texts, messages[-1][1]


def lazily(raw: bytes):
    """What the loader makes of the bytes without the worker: read_lazily's document, or None."""
    try:
        text = decode_source(raw, REL)
    except YamlError:
        return None
    return lazy.read_lazily(text, REL, TAXONOMY)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("readahead")


def written(folder: Path, generated: Generated, bom: bool) -> tuple[Path, bytes]:
    raw = (BOM if bom else b"") + generated.text.encode("utf-8")
    path = folder / "t.yaml"
    path.write_bytes(raw)
    return path, raw


@GENERATED
@given(taxonomy_files(), st.integers(20, 400), st.booleans())
def test_the_worker_sends_what_read_lazily_reads(scratch, generated: Generated, size, bom):
    """Data with the types of its scalars, text, label lines and content hash, as the loader
    takes them from the worker; and the file left to the loader exactly when read_lazily leaves it.
    The messages: ("start", ...), ("more", ...) for each further part, ("end", hash, ...); or ("own",)."""
    path, raw = written(scratch, generated, bom)
    doc = lazily(raw)
    [taken] = read_ahead([path], size)
    read = assembled(messages_of(path, size))
    assert (read is None) == (taken is None)
    assert (taken is not None) == (doc is not None)
    if doc is None:
        return
    ahead, digest, _copy = taken
    assert typed(ahead.data) == typed(doc.data)
    assert ahead.locator.text == generated.text
    assert ahead.locator.items == doc.locator.items
    assert digest == content_hash(raw)
    assert ahead.built == [(index, label["id"]) for index, label in enumerate(doc.data["labels"])]
    data, texts, digest = read
    found = list(readahead.cuts(generated.text, size))
    assert texts == [generated.text[start:end] for start, end in zip([0, *found], [*found, len(generated.text)])]
    assert typed(data) == typed(doc.data) and digest == content_hash(raw)


def test_a_file_with_a_key_after_its_labels_is_read_ahead(tmp_path):
    """The list does not run to the end, so the file is not cut: it is one part, read lazily."""
    path = tmp_path / "t.yaml"
    path.write_text("labels:\n" + "".join(f"  - id: l{number}\n    name: N\n" for number in range(40)) +
                    "taxonomy: t\n")
    assert lazily(path.read_bytes()) is not None
    assert [message[0] for message in messages_of(path, 100)] == ["start", "end"]


def test_a_big_file_is_sent_in_many_parts_read_as_the_whole(tmp_path):
    """The generated files above are small; a synthetic one of 300 labels in parts of 2,000 characters."""
    path = synthetic().write_synthetic_project(tmp_path, 300, shape="full").taxonomy_files[0]
    raw = path.read_bytes()
    messages = messages_of(path, 2000)
    assert len(messages) > 20 and all(len(message[2]) >= 2000 for message in messages[1:-2])
    doc = lazily(raw)
    [(ahead, digest, _copy)] = read_ahead([path], 2000)
    assert typed(ahead.data) == typed(doc.data)
    assert ahead.locator.text == doc.locator.text and ahead.locator.items == doc.locator.items
    assert len(doc.locator.items) == 300 and digest == content_hash(raw)


@pytest.mark.parametrize("label, why", [
    ("  - id: x\n    name: &a X\n", "anchor"),
    ("  - id: x\n    name: X\n    name: Y\n", "duplicate key"),
    ("  - id: x\n    name: X\n    colour: red\n", "unknown key"),
    ("  - id: x\n    name: \"X\n  - id: y\n    name: Y\"\n", "a quote left open over the next item"),
])
def test_a_file_refused_in_a_later_part_is_left_whole_to_the_loader(tmp_path, label, why):
    """The first parts were sent ("start", "more"), then ("own",): the loader reads it all itself."""
    items = "".join(f"  - id: l{number}\n    name: Label {number}\n" for number in range(40))
    path = tmp_path / "t.yaml"
    path.write_text("taxonomy: t\nlabels:\n" + items + label + items.replace("id: l", "id: m"))
    messages = messages_of(path, 200)
    assert messages[0][0] == "start" and messages[-1] == ("own",), why
    assert lazily(path.read_bytes()) is None
    assert read_ahead([path, path], 200) == [None, None]  # and the next file's messages follow


def test_copies_keep_the_bytes_read_under_their_hash(tmp_path):
    copies = tmp_path / "copies"
    items = "".join(f"  - id: l{number}\n    name: Label é{number}\n" for number in range(30))
    good, refused = tmp_path / "good.yaml", tmp_path / "refused.yaml"
    good.write_bytes(BOM + f"taxonomy: t\nlabels:\n{items}".encode())
    refused.write_text(f"taxonomy: t\nlabels:\n{items}  - id: x\n    name: &x X\n")
    *_, end = messages_of(good, 100, copies)
    assert end[:2] == ("end", content_hash(good.read_bytes()))
    assert (copies / end[1]).read_bytes() == good.read_bytes()
    assert messages_of(refused, 100, copies)[-1] == ("own",)
    assert [path.name for path in copies.iterdir()] == [end[1]]  # nothing of the refused file, half written or not


def test_a_file_abandoned_midway_leaves_no_half_copy(tmp_path):
    copies = tmp_path / "copies"
    path = tmp_path / "t.yaml"
    path.write_text("taxonomy: t\nlabels:\n" + "".join(f"  - id: l{number}\n    name: N\n" for number in range(40)))
    sent = readahead.file_messages(path, REL, TAXONOMY, 100, copies)
    assert next(sent)[0] == "start"
    sent.close()  # the worker killed, say, or the generator dropped
    assert not copies.exists() or list(copies.iterdir()) == []


@pytest.mark.parametrize("kind", ["folder", "fifo", "missing"])
def test_what_is_no_regular_file_is_left_to_the_loader(tmp_path, kind):
    path = tmp_path / "t.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # reading it would block the worker for ever
    if kind == "missing":
        with pytest.raises(OSError):  # _serve sends ("own",) for it
            messages_of(path, 20)
    else:
        assert messages_of(path, 20) == [("own",)]
    assert read_ahead([path], 20) == [None]


def test_a_file_changed_while_it_is_read_is_hashed_as_it_was_read(tmp_path):
    """The bytes hashed (and copied) are the bytes whose parts were sent, though the file changes in between."""
    items = "".join(f"  - id: l{number}\n    name: Label {number}\n" for number in range(30))
    path, copies = tmp_path / "t.yaml", tmp_path / "copies"
    path.write_text("taxonomy: t\nlabels:\n" + items)
    before = path.read_bytes()
    sent = readahead.file_messages(path, REL, TAXONOMY, 100, copies)
    first = next(sent)
    path.write_text("taxonomy: t\nlabels:\n" + items.replace("Label", "Renamed"))
    data, texts, digest = assembled([first, *sent])
    assert digest == content_hash(before) != content_hash(path.read_bytes())
    assert "".join(texts).encode() == before and data["labels"][-1]["name"] == "Label 29"
    assert (copies / digest).read_bytes() == before


# ---- where files are cut ------------------------------------------------------------------------------
def cuttable(generated: Generated) -> list[int]:
    """The item starts a cut may fall on: `- ` at the items' column followed by a key (not the first)."""
    text, indent = generated.text, generated.indent
    return [start for start in generated.item_starts[1:]
            if re.match(" " * indent + r"-[ ]+[^ #\n]", text[start:])]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(taxonomy_files(mutations=False), st.integers(20, 400))
def test_cuts_fall_on_items_of_the_labels_list(generated: Generated, size):
    text = generated.text
    found = list(readahead.cuts(text, size))
    assert found == sorted(set(found)) and set(found) <= set(cuttable(generated))
    parts = [text[start:end] for start, end in zip([0, *found], [*found, len(text)])]
    assert all(len(part) >= size // 4 for part in parts[:-1])  # none tiny: a bounded number of messages
    if len(text) < 2 * size or generated.keys_after:  # the list does not run to the end: never cut
        assert found == []
    else:
        first_end = generated.item_starts[0] + len(re.match(r"[ ]*-[ ]+", text[generated.item_starts[0]:]).group())
        if any(first_end + size // 4 < start < len(text) - size for start in cuttable(generated)):
            assert found  # a file long enough is cut


@pytest.mark.parametrize("text", [
    "taxonomy: t\nlabels:\n" + "- id: a\n  name: A\n" * 30 + "...\n",  # a document end
    "taxonomy: t\nlabels:\n" + "  - id: a\n    name: A\n" * 30 + "---\ntaxonomy: u\n",  # a second document
    "labels:\n" + "- id: a\n  name: A\n" * 30 + "\"taxonomy\": t\n",  # a quoted key after the list
    "labels:\n" + "- id: a\n  name: A\n" * 30 + "-x: t\n",  # a key starting with a dash
    "labels:\n" + "- id: a\n  name: A\n" * 15 + "taxonomy: t\n" + "- id: a\n  name: A\n" * 15,  # not a list item
])
def test_no_cut_where_the_list_may_not_run_to_the_end(text):
    assert list(readahead.cuts(text, 40)) == []


def test_no_cut_when_the_first_item_does_not_start_on_its_dash_line():
    text = "taxonomy: t\nlabels: # all\n- # the first\n  id: a\n  name: A\n" + "- id: a\n  name: A\n" * 30
    assert list(readahead.cuts(text, 40)) == []


def test_a_short_text_is_not_cut():
    text = "taxonomy: t\nlabels:\n" + "- id: a\n  name: A\n" * 10
    assert list(readahead.cuts(text, len(text) // 2 + 1)) == []
    assert list(readahead.cuts(text, len(text) // 4)) != []


# ---- whole projects, with the worker and without -----------------------------------------------------
class Workers:
    """The ReadAhead objects made while loading, and what each take returned."""

    def __init__(self):
        self.made: list[readahead.ReadAhead] = []
        self.taken: list[tuple[str, bool]] = []  # (file name, read by the worker)
        self.paths: list[Path] = []  # the files taken
        self.before_take = None  # called before a take, with the ReadAhead

    def assert_reaped(self) -> None:
        for worker in self.made:
            assert_reaped(worker.pid)


@pytest.fixture
def workers(monkeypatch) -> Workers:
    record = Workers()

    class Spy(readahead.ReadAhead):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)  # the worker never returns from here
            record.made.append(self)

        def take(self, path, build):
            if record.before_take is not None:
                record.before_take(self)
            result = super().take(path, build)
            record.taken.append((Path(path).name, result is not None))
            record.paths.append(Path(path))
            return result

    monkeypatch.setattr(readahead, "ReadAhead", Spy)
    yield record
    record.assert_reaped()


@pytest.fixture
def forced(monkeypatch, workers) -> Workers:
    """The worker for every project, in parts of 64 characters."""
    assert threading.active_count() == 1, "a thread left running by another test turns the worker off"
    monkeypatch.setattr(readahead, "MIN_BYTES", 0)
    monkeypatch.setattr(readahead, "CHUNK_CHARS", 64)
    return workers


def loaded(root: Path) -> tuple:
    """Everything a load and check gives that the worker could change."""
    loader = ProjectLoader(root)
    result = loader.load()
    checked = check_project(result.project, result.diagnostics)
    return (diagnostics_of(checked), located_model(checked.project), checked.project.files, loader.hashes,
            loader.label_files)


def loaded_alone(root: Path, monkeypatch) -> tuple:
    with monkeypatch.context() as patch:
        patch.setenv(readahead.VARIABLE, "0")
        return loaded(root)


@pytest.mark.parametrize("root", fixture_projects(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture_projects_load_alike_with_the_worker(root, tmp_path, forced, monkeypatch):
    root = prepared(root, tmp_path)
    assert loaded(root) == loaded_alone(root, monkeypatch)
    assert len(forced.made) == 1


def test_the_fixture_files_read_lazily_come_from_the_worker(forced, tmp_path):
    """Otherwise the comparison above would hardly test the worker."""
    for root in fixture_projects():
        check_path(prepared(root, tmp_path / root.name))
    for path, (_name, read) in zip(forced.paths, forced.taken):
        assert read == read_lazily(path), path
    assert sum(read for _name, read in forced.taken) >= 40


def read_lazily(path: Path) -> bool:
    """Whether the loader alone reads the file lazily (a regular file of at most MAX_FILE_BYTES)."""
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        return False
    return raw is not None and lazily(raw) is not None


def synthetic_project(folder: Path, shape: str, labels: int, files: int):
    return synthetic().write_synthetic_project(folder, labels, files=files, shape=shape)


def with_problems(made) -> dict[str, str]:
    """Breaks files of a synthetic project (three or more taxonomy files) in ways a check reports;
    which file the worker should leave to the loader, by name."""
    first, second, third, *_ = made.taxonomy_files
    text = second.read_text()
    last = text.rindex("  - id: ")
    second.write_text(text[:last] + text[last:].replace("    name: ", "    name: &anchored ", 1))  # guard
    text = third.read_text()
    text = re.sub(r"\n    parent: topic-\d+\n", "\n    parent: nowhere\n", text, count=1)  # TG202
    last = text.rindex("  - id: ")
    third.write_text(text[:last] + re.sub(r"id: topic-\d+", f"id: {made.label_ids[0]}", text[last:], count=1))
    invalid = first.parent / "zz-invalid.yaml"
    invalid.write_text(f"taxonomy: {made.taxonomy_id}\nlabels:\n  - id: extra\n    name: Extra\n    colour: red\n")
    broken = first.parent / "zz-broken.yaml"
    broken.write_text(f"taxonomy: {made.taxonomy_id}\nlabels:\n  - id: broken\n    name: [Broken\n")
    left = {second.name, invalid.name, broken.name}
    return left | ({made.golden_file.name} if made.golden_file else set())


@pytest.mark.parametrize("shape, labels", [("lean", 3000), ("full", 1200)])
@pytest.mark.parametrize("problems", [False, True], ids=["clean", "problems"])
def test_a_synthetic_project_loads_alike_with_the_worker(tmp_path, workers, monkeypatch, shape, labels, problems):
    made = synthetic_project(tmp_path, shape, labels, files=4)
    left = with_problems(made) if problems else {made.golden_file.name} if made.golden_file else set()
    monkeypatch.setattr(readahead, "MIN_BYTES", 0)
    monkeypatch.setattr(readahead, "CHUNK_CHARS", 4096)
    assert threading.active_count() == 1
    with_worker = loaded(made.root)
    assert with_worker == loaded_alone(made.root, monkeypatch)
    assert bool(with_worker[0]) == (problems or shape == "full")  # the full shape reports leaves without golden items
    if problems:
        assert {"TG202", "TG201"} <= {diagnostic[0] for diagnostic in with_worker[0]}
    assert len(workers.made) == 1
    assert {name for name, read in workers.taken if not read} == left
    assert len(workers.taken) == len(made.taxonomy_files) + len(left - {path.name for path in made.taxonomy_files})


# ---- when the worker is started -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def megabyte_project(tmp_path_factory) -> Path:
    """A lean project of just over readahead.MIN_BYTES."""
    made = synthetic_project(tmp_path_factory.mktemp("megabyte"), "lean", 3300, files=3)
    assert sum(path.stat().st_size for path in made.taxonomy_files) >= readahead.MIN_BYTES
    return made.root


@pytest.fixture(scope="module")
def megabyte_alone(megabyte_project) -> tuple:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(readahead.VARIABLE, "0")
        return loaded(megabyte_project)


def test_a_megabyte_of_taxonomy_is_read_ahead(megabyte_project, megabyte_alone, workers):
    assert threading.active_count() == 1
    assert loaded(megabyte_project) == megabyte_alone
    assert len(workers.made) == 1 and workers.taken == [(name, True) for name, _read in workers.taken]
    assert len(workers.taken) == 3


@pytest.mark.parametrize("how", ["variable", "reference parser", "too little", "a thread"])
def test_the_worker_is_not_started(megabyte_project, megabyte_alone, workers, monkeypatch, how):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    if how == "variable":
        monkeypatch.setenv(readahead.VARIABLE, "0")
    elif how == "reference parser":
        monkeypatch.setenv(fast.PARSER_VARIABLE, "pyyaml")
    elif how == "too little":
        monkeypatch.setattr(readahead, "MIN_BYTES", sum(path.stat().st_size for path in
                                                         (megabyte_project / "taxonomies").rglob("*.yaml")) + 1)
    else:
        thread.start()
    try:
        result = loaded(megabyte_project)
    finally:
        stop.set()
        if thread.is_alive():
            thread.join()
    assert workers.made == []
    if how != "reference parser":  # the reference path reads every position: the model compares alike
        assert result == megabyte_alone


def test_the_worker_starts_at_min_bytes(megabyte_project, workers, monkeypatch):
    monkeypatch.setattr(readahead, "MIN_BYTES", sum(path.stat().st_size for path in
                                                     (megabyte_project / "taxonomies").rglob("*.yaml")))
    check_path(megabyte_project)
    assert len(workers.made) == 1


def test_no_pipe_is_left_open_when_no_process_can_be_made(three_files, forced, monkeypatch):
    def no_process():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process)
    before = sorted(os.listdir("/proc/self/fd"))
    assert readahead.start(three_files, [path.name for path in three_files], TAXONOMY) is None
    assert sorted(os.listdir("/proc/self/fd")) == before


# ---- the worker dying, taken out of order, the loader failing ----------------------------------------
class DyingOut:
    """The worker's end of the pipe, ending the worker after ``messages`` messages."""

    def __init__(self, out, messages: int):
        self.out, self.left = out, messages

    def write(self, data):
        return self.out.write(data)

    def flush(self):
        self.out.flush()
        self.left -= 1
        if self.left == 0:
            os._exit(1)


@pytest.mark.parametrize("dies", ["after its first message", "midway through the first file",
                                  "after the first file", "midway through the second file"])
def test_a_worker_dying_leaves_the_rest_to_the_loader(tmp_path, forced, monkeypatch, dies):
    made = synthetic_project(tmp_path, "lean", 400, files=3)
    monkeypatch.setattr(readahead, "CHUNK_CHARS", 8192)  # files of about 45 KB: several parts each
    first = sorted(made.taxonomy_files)[0]  # the files are read in the order of their paths
    first_file = len(list(readahead.file_messages(first, "t.yaml", TAXONOMY, 8192)))
    assert first_file > 3
    messages = {"after its first message": 1, "midway through the first file": first_file // 2,
                "after the first file": first_file, "midway through the second file": first_file + 2}[dies]
    serve = readahead._serve
    monkeypatch.setattr(readahead, "_serve", lambda *args: serve(*args[:-1], DyingOut(args[-1], messages)))
    assert loaded(made.root) == loaded_alone(made.root, monkeypatch)
    read = [name for name, read in forced.taken if read]
    assert len(forced.taken) == 3 and read == ([first.name] if messages >= first_file else [])


@pytest.fixture
def three_files(tmp_path) -> list[Path]:
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.yaml"
        path.write_text("taxonomy: t\nlabels:\n" + "".join(f"  - id: {name}{number}\n    name: N\n"
                                                            for number in range(50)))
        paths.append(path)
    return paths


def test_files_are_built_in_order_as_their_parts_come(three_files, forced):
    ahead = readahead.start(three_files, [path.name for path in three_files], TAXONOMY)
    for path in three_files:
        doc, digest, *_copy = ahead.take(path, recording_build)
        assert doc.built == [(index, f"{path.stem}{index}") for index in range(50)]
        assert digest == content_hash(path.read_bytes()) and doc.locator.text == path.read_text()
    ahead.close()


@pytest.mark.parametrize("order", [[1], [0, 2, 1], [0, 1, 2, 0]])
def test_a_file_taken_out_of_order_is_left_to_the_loader_and_so_is_the_rest(three_files, forced, order):
    ahead = readahead.start(three_files, [path.name for path in three_files], TAXONOMY)
    results = [ahead.take(three_files[index], recording_build) is not None for index in order]
    expected = [index == position for position, index in enumerate(order)]  # in order until the first miss
    first_miss = expected.index(False)
    assert results == expected[:first_miss] + [False] * (len(order) - first_miss)
    assert ahead.input is None  # closed, and the worker reaped (the fixture checks)


def test_the_worker_is_reaped_when_the_loader_fails(tmp_path, forced, monkeypatch):
    made = synthetic_project(tmp_path, "lean", 400, files=3)
    build, calls = project._built_ahead, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("a loader bug")
        return build(*args)

    monkeypatch.setattr(project, "_built_ahead", failing)
    with pytest.raises(RuntimeError, match="a loader bug"):
        check_path(made.root)
    forced.assert_reaped()
    monkeypatch.setattr(project, "_built_ahead", build)
    assert loaded(made.root) == loaded_alone(made.root, monkeypatch)


def test_files_changed_after_the_worker_read_them_are_hashed_as_read(tmp_path, forced):
    """The loader builds what the worker read: the hashes it records (incremental.py's state) are
    those of the bytes read, not of the files as they are by the end of the load."""
    made = synthetic_project(tmp_path, "lean", 300, files=2)
    before = {path.name: path.read_bytes() for path in made.taxonomy_files}

    def change_files_once_read(ahead):
        if forced.before_take is None:
            return
        forced.before_take = None
        wait_until_sent(ahead.pid)
        for path in made.taxonomy_files:
            path.write_text(path.read_text().replace("name: ", "name: Changed "))

    forced.before_take = change_files_once_read
    loader = ProjectLoader(made.root)
    result = loader.load()
    assert [read for _name, read in forced.taken] == [True, True]
    assert {Path(rel).name: digest for rel, digest in loader.hashes.items()} == \
        {name: content_hash(raw) for name, raw in before.items()}
    names = [label.name for taxonomy in result.project.taxonomies for label in taxonomy.labels]
    assert len(names) == 300 and not any(name.startswith("Changed") for name in names)


# ---- `taxgen check` with its state (incremental.py): the worker's copies -------------------------------
@pytest.fixture
def checked_project(tmp_path) -> Path:
    """A synthetic project with findings (leaves without golden items, at info level)."""
    return synthetic_project(tmp_path, "full", 400, files=3).root


EDITED = "taxonomies/synthetic/labels-001.yaml"


def reword(root: Path, number: int = 0) -> None:
    """Reword a definition of EDITED (prose only: a re-check reads that file alone)."""
    path = root / EDITED
    text = path.read_text()
    where = [match.end() for match in re.finditer("    definition: The message ", text)][number]
    path.write_text(text[:where] + f"really {number} " + text[where:])


def assert_as_a_full_check(outcome, root: Path, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv(readahead.VARIABLE, "0")
        full = check_path(root)
    assert diagnostics_of(outcome) == diagnostics_of(full) and outcome.labels == full.project.label_count


def test_a_check_with_state_keeps_the_copies_the_worker_made(checked_project, forced, monkeypatch):
    """The worker copies what it read into the state's text store; the re-check after an edit
    compares with that copy, and finds what a full check finds."""
    monkeypatch.setattr(readahead, "CHUNK_CHARS", 4096)
    first = check_with_state(checked_project)
    assert first.rechecked is None
    assert dict(forced.taken) == {"golden.yaml": False, "labels-001.yaml": True, "labels-002.yaml": True,
                                  "taxonomy.yaml": True}
    assert_as_a_full_check(first, checked_project, monkeypatch)
    store = checked_project / "build" / Path(STATE_FILE).parent / TEXT_FOLDER
    for path, (_name, read) in zip(forced.paths, forced.taken):
        if read:
            assert (store / content_hash(path.read_bytes())).read_bytes() == path.read_bytes()
    assert not [path for path in store.iterdir() if path.name.startswith(".")]  # no copy left half written
    for number in range(2):
        reword(checked_project, number)
        again = check_with_state(checked_project)
        assert again.rechecked == (EDITED,)
        assert_as_a_full_check(again, checked_project, monkeypatch)


def test_a_file_edited_during_a_check_is_checked_again_next_time(checked_project, forced, monkeypatch):
    """The check reports the version the worker read, and its state says so (that version's
    hash and copy): the next check sees the edit and re-checks the file."""
    def edit_once_read(ahead):
        if forced.before_take is not None:
            forced.before_take = None
            wait_until_sent(ahead.pid)  # the worker has read every file
            reword(checked_project)

    monkeypatch.setattr(readahead, "CHUNK_CHARS", 4096)
    before = (checked_project / EDITED).read_text()
    forced.before_take = edit_once_read
    first = check_with_state(checked_project)
    assert dict(forced.taken)["labels-001.yaml"]
    edited = (checked_project / EDITED).read_text()
    (checked_project / EDITED).write_text(before)
    assert_as_a_full_check(first, checked_project, monkeypatch)  # the version read
    (checked_project / EDITED).write_text(edited)
    second = check_with_state(checked_project)
    assert second.rechecked == (EDITED,)
    assert_as_a_full_check(second, checked_project, monkeypatch)
