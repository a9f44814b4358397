"""Taxonomy files read ahead by a second process while the loader builds the model.

A cold check of a big taxonomy spends most of its loading in two halves of about equal size:
yaml-rs reading the files (with lazy.py's guard and the compiled schema), and Python building
the model from what was read. They need not take turns. On Linux, with a second processor, the
loader forks a worker that reads every taxonomy file as lazy.read_lazily would, in order, and
sends what it read back (marshal: a quarter of yaml-rs's time to load again), while the loader
builds the labels of what came before. The worker also hashes each file and, for `taxgen check`,
keeps its copy for the next check (incremental.py), from the very bytes it read.

A big file is read in parts of about CHUNK_CHARS, cut where an item of its top-level ``labels``
list starts, so that its first labels are built while the rest is read. A part after the first
is read as ``labels:`` followed by its lines. That gives the items yaml-rs gives in the whole
file, because the file is cut only where its items are at the left of everything inside them:

* cut only when ``labels`` is the file's last top-level key, so every other key is in the first
  part (duplicate keys are still found, by yaml-rs, within that part);
* a block scalar's lines, and a plain scalar's next lines, are indented beyond the item's dash,
  so a line starting with the dash at the items' column starts an item;
* a quoted scalar that went on over such a line would leave the part before it unclosed: yaml-rs
  refuses that part, and the file is left to the loader;
* each part is validated with the file's header, and the taxonomy schema types ``labels`` as a
  list of labels and nothing more (parts_validate_alike), so the parts are valid when the file is;
* the guard (lazy._safe) and the label lines (lazy.label_items, by Assembly) are taken part by
  part: the guard's patterns look at a line or a block scalar at a time, and the label lines are
  those of the items, which the parts share out.

tests/fastpath/test_readahead.py compares what the worker sends with lazy.read_lazily on
generated files cut into many small parts. Any file the worker does not read lazily (the guard,
yaml-rs or the schema refuses it, it is a golden items file, it cannot be read) is left to the
loader, which reads it itself as before. If the worker dies, the loader reads the files it has
not sent.
"""

from __future__ import annotations

import marshal
import os
import signal
import stat
import struct
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator

from . import cache, fast, fast_schema, lazy
from .lazy import LazyDocument
from .positions import Locator
from .yaml_source import MAX_FILE_BYTES, UTF8_BOM, YamlError, decode_source

VARIABLE = "TAXGEN_READ_AHEAD"  # "0" keeps the loader to one process
MIN_BYTES = 1 << 20  # below this much YAML the fork costs more than it saves
CHUNK_CHARS = 1 << 19  # a part of a big file: about 1,500 labels of the benchmark's shape
PIPE_BYTES = 1 << 20  # what the worker may send before the loader takes it (Linux's default limit)
_LENGTH = struct.Struct("<Q")

# Build = (document, label mappings, index of the first) -> the labels built from them
Build = Callable[[LazyDocument, list, int], list]


def parts_validate_alike(schema: dict) -> bool:
    """True when validating a file's parts (each with the file's header) is validating the file:
    the schema says of ``labels`` only that it is a list of items of one schema."""
    labels = schema.get("properties", {}).get("labels", {})
    return set(labels) <= {"description", "type", "items"} and labels.get("type") == "array"


def cuts(text: str, size: int = CHUNK_CHARS) -> list[int]:
    """Where to cut the text into parts of about ``size`` characters (the first smaller, so that
    the loader starts sooner): at lines where items of its top-level ``labels`` list start (see
    the module's docstring); [] when it is not cut, as when the list does not run to the end."""
    if len(text) < 2 * size:
        return []
    found_list = lazy.labels_list(text)
    if found_list is None:
        return []
    start, stop, item = found_list
    first = item.match(text, start)  # the first item starts as the ones cut at do
    if first is None or stop != len(text):  # 16 ms for 35 MB to find where the list ends
        return []
    found, position = [], first.end() + size // 4
    while position < len(text) - size // 2:  # no small last part
        match = item.search(text, position)
        if match is None:
            break
        found.append(match.start() + 1)
        position = match.start() + 1 + size
    return found


# ---- the worker -----------------------------------------------------------------------------------
def file_messages(path: Path, rel: str, schema: dict, size: int = CHUNK_CHARS,
                  copies: Path | None = None) -> Iterator[tuple]:
    """What the worker sends for one file, part by part: ("start", data, text) for the first,
    ("more", labels, text) for each further one, then ("end", content hash, copy signature); or
    ("own",) at any point: the loader reads the file itself (what came before is dropped).
    Assembly puts them together. With ``copies``, the bytes read are also kept there, named by
    their content hash, as incremental.py keeps the files it checked, and the copy's signature
    (cache.entry_signature) says it holds them; None without.
    """
    status = path.stat()
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
        yield ("own",)  # the loader reports it
        return
    raw = path.read_bytes()
    keeper = _Keeper(raw, copies)
    try:
        for message in _parts(raw, rel, schema, size):
            if message[0] == "own":
                yield message
                return
            keeper.add(message[2])
            yield message
        digest, signature = keeper.finish()
    finally:
        keeper.discard()  # left unfinished: no half-written copy stays behind
    yield ("end", digest, signature)


def _parts(raw: bytes, rel: str, schema: dict, size: int) -> Iterator[tuple]:
    """The messages of file_messages but the last: the parts, or ("own",)."""
    try:
        text = decode_source(raw, rel)
    except YamlError:
        yield ("own",)
        return
    header, listed, start = None, False, 0  # listed: the first part's labels are a list
    for end in [*(cuts(text, size) if parts_validate_alike(schema) else ()), len(text)]:
        part = text[start:end]
        if not lazy._safe(part):  # a part ends with a line break where the text does
            yield ("own",)
            return
        if header is None:
            data = _loaded(part)
            if not isinstance(data, dict) or "golden_items" in data or \
                    not fast_schema.certainly_valid(data, "taxonomy", schema):
                yield ("own",)
                return
            header = {key: value for key, value in data.items() if key != "labels"}
            listed = isinstance(data.get("labels"), list)
            yield ("start", data, part)
        else:
            data = _loaded(f"labels:\n{part}")
            nodes = data.get("labels") if isinstance(data, dict) and len(data) == 1 else None
            if not listed or not isinstance(nodes, list) or \
                    not fast_schema.certainly_valid({**header, "labels": nodes}, "taxonomy", schema):
                yield ("own",)
                return
            yield ("more", nodes, part)
        start = end


class _Keeper:
    """Hashes the bytes read, and keeps their copy (named by the hash: incremental.py's text
    store), a part at a time as the parts are sent: at the end of a big file only the rename is left."""

    def __init__(self, raw: bytes, copies: Path | None):
        from .project import content_hasher  # project imports this module

        self.raw, self.ascii, self.hasher, self.done = raw, raw.isascii(), content_hasher(), 0
        self.copy, self.folder = None, copies
        if copies is not None:
            try:
                self.copy = cache.PendingEntry(copies)
            except OSError:
                pass  # incremental.py copies it itself
        if raw.startswith(UTF8_BOM):  # decode_source dropped it: no part holds it
            self._take(len(UTF8_BOM))

    def add(self, part: str) -> None:
        """Take the bytes of the next part of the text decoded from them."""
        self._take(len(part) if self.ascii else len(part.encode("utf-8")))

    def _take(self, count: int) -> None:
        piece = self.raw[self.done:self.done + count]
        self.done += count
        self.hasher.update(piece)
        if self.copy is not None:
            try:
                self.copy.write(piece)
            except OSError:
                self.discard()

    def finish(self) -> tuple[str, tuple | None]:
        """The content hash, and the signature of the copy kept under it (None if none is)."""
        from .project import content_hash

        if self.done != len(self.raw):  # cannot be: the parts are the whole text
            self.discard()
            return content_hash(self.raw), None
        digest, copy, self.copy = self.hasher.hexdigest(), self.copy, None
        if copy is None:
            return digest, None
        target = self.folder / digest
        try:
            copy.commit(target)
        except OSError:
            copy.discard()
            return digest, None
        return digest, cache.entry_signature(target)

    def discard(self) -> None:
        if self.copy is not None:
            self.copy.discard()
            self.copy = None


class Assembly:
    """A file put together from the worker's parts: its data, text and label lines (what
    lazy.read_lazily gives: the label lines are found part by part, in the loader, which waits
    for the worker otherwise)."""

    def __init__(self, data: dict, text: str):
        self.texts, self.line = [text], text.count("\n") + 1  # line: where the next part starts
        labels = data.get("labels")
        self.labels = labels if isinstance(labels, list) else None
        self.items: list | None = list(lazy.label_items(text, len(labels))) if self.labels else []
        if self.labels and not self.items:
            self.items = None  # not found: none are (lazy.label_items)

    def add(self, nodes: list, text: str) -> int:
        """Add a further part; the index of its first label."""
        first = len(self.labels)
        self.labels.extend(nodes)
        self.texts.append(text)
        if self.items is not None:
            found = lazy.label_items(f"labels:\n{text}", len(nodes))  # lines counted from 'labels:'
            shift = self.line - 2
            if found:
                self.items += [(line + shift, column) for line, column in found]
            else:
                self.items = None
        self.line += text.count("\n")
        return first

    def text(self) -> str:
        return "".join(self.texts)

    def label_items(self) -> tuple:
        return tuple(self.items) if self.items else ()


def _loaded(piece: str):
    try:
        return fast.yaml_rs.loads(piece, parse_datetime=False)
    except Exception:  # refused: the loader's located readers report it with a position
        return None


def _serve(paths: list[Path], rels: list[str], schema: dict, copies: Path | None, out) -> None:
    for path, rel in zip(paths, rels):
        answered = False  # "end" or "own" sent: anything after it must not be taken for the next file's
        try:
            for message in file_messages(path, rel, schema, CHUNK_CHARS, copies):
                _send(out, message)
                answered = message[0] in ("end", "own")
        except Exception:  # unreadable, say, or vanished: the loader reads it and says why
            if not answered:
                _send(out, ("own",))


def _send(out, message: tuple) -> None:
    payload = marshal.dumps(message)
    out.write(_LENGTH.pack(len(payload)))
    out.write(payload)
    out.flush()


# ---- the loader's side ----------------------------------------------------------------------------
class ReadAhead:
    """The worker process and the loader's end of its pipe. Files must be taken in the order given."""

    def __init__(self, paths: list[Path], rels: list[str], schema: dict, copies: Path | None = None):
        self.paths, self.rels, self.next = paths, rels, 0
        fast_schema.certainly_valid({}, "taxonomy", schema)  # compiled once, before the fork: both have it
        read_end, write_end = os.pipe()
        _widen(write_end)
        try:
            self.pid = os.fork()
        except OSError:  # no process to be had: start() reads in this one
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:  # the worker: never returns into the loader's code
            code = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    _serve(paths, rels, schema, copies, out)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.input = os.fdopen(read_end, "rb")

    def take(self, path: Path, build: Build) -> tuple[LazyDocument, str, tuple | None] | None:
        """The file read lazily, its labels built by ``build`` as its parts came, its content hash
        and the signature of its copy (file_messages); None when the loader must read it itself."""
        if self.input is None or self.next >= len(self.paths) or self.paths[self.next] != path:
            self.close()  # taken out of order: the loader reads the rest itself
            return None
        rel = self.rels[self.next]
        self.next += 1
        message = self._receive()
        if message[0] != "start":
            return None
        _kind, data, text = message
        doc = LazyDocument(rel, data, Locator(rel, "", fast.parse))
        assembly = Assembly(data, text)
        built = build(doc, assembly.labels, 0) if assembly.labels is not None else []
        while True:
            message = self._receive()
            if message[0] == "more":
                built += build(doc, message[1], assembly.add(message[1], message[2]))
            elif message[0] == "end":
                doc.locator.text, doc.locator.items = assembly.text(), assembly.label_items()
                doc.built = built
                return doc, message[1], message[2]
            else:
                return None

    def _receive(self) -> tuple:
        """The next message; ("own",) once the worker is gone (then it is closed)."""
        try:
            head = self.input.read(_LENGTH.size) if self.input is not None else b""
            payload = self.input.read(_LENGTH.unpack(head)[0]) if len(head) == _LENGTH.size else b""
            if payload:
                return marshal.loads(payload)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        self.close()
        return ("own",)

    def close(self) -> None:
        if self.input is None:
            return
        self.input.close()
        self.input = None
        if self.next < len(self.paths):  # not all taken: what it would still read is not wanted
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)  # at once: after its last message it only exits
        except ChildProcessError:
            pass


def _widen(fd: int) -> None:
    """Let the worker send a few parts ahead of the loader (a pipe holds 64 KiB by default)."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def start(paths: list[Path], rels: list[str], schema: dict, copies: Path | None = None) -> ReadAhead | None:
    """A worker reading ``paths`` ahead (keeping copies in ``copies``: file_messages), or None when
    the loader had better read them itself."""
    if not _possible() or sum(_size(path) for path in paths) < MIN_BYTES:
        return None
    try:
        return ReadAhead(paths, rels, schema, copies)
    except OSError:  # no process or pipe to be had: read in this one
        return None


def _possible() -> bool:
    return (os.environ.get(VARIABLE, "") != "0" and sys.platform == "linux" and hasattr(os, "fork")
            and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1  # forking a process with threads may copy a held lock
            and fast.fast_path_enabled() and fast.fast_parser_name() is not None
            and fast_schema.jsonschema_rs is not None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
