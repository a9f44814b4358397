"""A cache of loaded YAML documents, keyed by the hash of their exact content.

Re-checking a taxonomy split over many files after editing one of them re-reads and
re-validates only that file: every other file's data, positions and schema verdicts come
from ``<build_dir>/.cache/yaml/``. The project is still assembled from all files and every
rule (the cross-file graph checks included) still runs over all of it.

A cache entry can only ever make things faster, never different:

* the key hashes the content together with everything that shapes the result (the cache
  format, the taxgen version, the Python version, the source of the loaders and the JSON
  Schemas), so a change to any of them simply misses;
* an entry is a checksum followed by ``marshal`` data (plain dicts, lists and scalars; never
  pickle, which could run code); a wrong checksum, an unreadable payload or a shape that does
  not fit the data is ignored and the file is read again;
* the checksum is keyed with a secret kept outside the project (``~/.cache/taxgen/cache-key``,
  or under ``$XDG_CACHE_HOME``), so entries that arrive with the repository (a pull request
  can commit ``build/`` with ``git add -f``) never verify and are never unmarshalled: marshal
  is not meant for data crafted by others;
* after a complete load, the entries that load did not use (files since edited or removed)
  are deleted, so the folder holds one entry per file rather than one per edit;
* an entry is written atomically (a temporary file renamed into place), once its schema
  verdict is known, but not flushed to the disk (no fsync: a hundred of them cost more than
  parsing the files); an entry cut short by a crash fails its checksum. Failing to write (a
  read-only folder) only costs speed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from .. import __version__
from .yaml_source import YamlDocument

FORMAT = b"taxgen-yaml-cache-1\n"
CACHE_FOLDER = ".cache/yaml"
DIGEST_SIZE = 32  # bytes of the blake2b checksum in front of the payload


@dataclass
class CachedDocument(YamlDocument):
    """A document plus what is known about its exact content: the schemas it satisfies."""

    valid_for: set[str] = field(default_factory=set)
    key: str = ""
    cache: "DocumentCache | None" = field(default=None, repr=False, compare=False)
    containers: list | None = field(default=None, repr=False, compare=False)  # every dict and list, if known

    def save(self) -> None:
        """Store the document and its verdicts, for the next run."""
        if self.cache is not None:
            self.cache.put(self)


@lru_cache(maxsize=1)
def _salt() -> bytes:
    """Everything besides the content that shapes a cached result."""
    from . import fast, yaml_source

    digest = hashlib.blake2b(FORMAT, digest_size=DIGEST_SIZE)
    digest.update(f"{__version__}|{sys.version}|{marshal.version}".encode())
    for module in (yaml_source, fast, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    for schema in sorted(resources.files("taxgen.schemas").iterdir(), key=lambda entry: entry.name):
        if schema.name.endswith(".json"):
            digest.update(schema.name.encode() + schema.read_bytes())
    return digest.digest()


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "taxgen" / "cache-key"


@lru_cache(maxsize=1)
def _secret() -> bytes:
    """This user's key for entry checksums; a key for this process alone when none can be kept."""
    path = _key_file()
    try:
        if not path.exists():
            _create_key(path)
        secret = path.read_bytes()  # a concurrent first run may have made it: use what is there
        if len(secret) == DIGEST_SIZE:
            return secret
    except OSError:
        pass
    return os.urandom(DIGEST_SIZE)  # entries then only serve this process: slower, never unsafe


def _create_key(path: Path) -> None:
    """A random key, put in place whole (link fails if another run was first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".key-", delete=False) as handle:
        handle.write(os.urandom(DIGEST_SIZE))  # NamedTemporaryFile is private (0600)
    try:
        os.link(handle.name, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(handle.name)


def checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=DIGEST_SIZE, key=_secret()).digest()


class DocumentCache:
    """Cached documents of one project, under ``<build_dir>/.cache/yaml``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()  # keys looked up or stored by this load: kept by prune()

    def key(self, text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=DIGEST_SIZE, key=_salt()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, text: str, rel: str, key: str | None = None) -> CachedDocument | None:
        """The cached document for ``text`` (whose key may be given), or None (missing, corrupt or
        from another version)."""
        key = key or self.key(text)
        self.used.add(key)
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            return None
        payload = raw[DIGEST_SIZE:]
        if len(raw) <= DIGEST_SIZE or checksum(payload) != raw[:DIGEST_SIZE]:
            return None
        try:
            stored_key, data, containers, marks, root, plain_texts, valid_for = marshal.loads(payload)
            if stored_key != key:
                return None
            return CachedDocument(path=rel, data=data, positions=_positions(data, containers, marks),
                                  root=tuple(root),
                                  plain_texts={(line, column): written for line, column, written in plain_texts},
                                  valid_for=set(valid_for), key=key, cache=self, containers=containers)
        except Exception:  # whatever is wrong with an entry, the file is simply read again
            return None

    def adopt(self, doc: YamlDocument, text: str, containers: list | None = None,
              key: str | None = None) -> CachedDocument:
        """A freshly loaded document, saved once its schema verdict is known."""
        return CachedDocument(path=doc.path, data=doc.data, positions=doc.positions, root=doc.root,
                              plain_texts=doc.plain_texts, key=key or self.key(text), cache=self,
                              containers=containers)

    def prune(self) -> None:
        """Delete the entries this load did not use: other versions of the files, or removed files."""
        try:
            folders = [folder for folder in self.folder.iterdir() if len(folder.name) == 2 and folder.is_dir()]
            for folder in folders:
                for entry in folder.iterdir():
                    if folder.name + entry.name not in self.used and not entry.name.startswith("."):
                        entry.unlink(missing_ok=True)  # a temporary ".entry-" file may be another run's
        except OSError:
            pass  # a cache that cannot be cleaned only costs disk space

    def put(self, doc: CachedDocument) -> None:
        # marshal keeps shared objects shared: ``containers`` holds the very dicts and lists of
        # ``data``, so a hit maps positions to them without walking the data again
        containers = doc.containers if doc.containers is not None else list(_containers(doc.data))
        marks = [doc.positions[id(container)] for container in containers]
        plain = tuple((line, column, written) for (line, column), written in doc.plain_texts.items())
        entry = (doc.key, doc.data, containers, marks, doc.root, plain, tuple(sorted(doc.valid_for)))
        payload = marshal.dumps(entry)
        try:
            write_entry(self.path(doc.key), checksum(payload), payload)
        except OSError:
            pass  # a cache that cannot be written only costs speed


def write_entry(path: Path, *parts: bytes) -> None:
    """Write ``parts`` to ``path`` through a temporary file and a rename (readers never see half an entry)."""
    entry = PendingEntry(path.parent)
    try:
        for part in parts:  # not joined: an entry of a 30 MB file is 60 MB
            entry.write(part)
        entry.commit(path)
    except BaseException:
        entry.discard()
        raise


class PendingEntry:
    """An entry written piece by piece into a temporary file of ``folder``, and given its name
    (which may be known only at the end: a content hash) by a rename once complete."""

    def __init__(self, folder: Path):
        try:
            fd, self.temporary = tempfile.mkstemp(dir=folder, prefix=".entry-")
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self.temporary = tempfile.mkstemp(dir=folder, prefix=".entry-")
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self, path: Path) -> None:
        self.handle.close()
        os.replace(self.temporary, path)

    def discard(self) -> None:
        self.handle.close()
        try:
            os.unlink(self.temporary)
        except OSError:
            pass


def entry_signature(path: Path) -> tuple[int, int, int] | None:
    """What tells that the entry at ``path`` is still the one written there (size, modification
    time and inode, as git's index trusts them): None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino


def delete_entry(path: Path) -> None:
    """Remove an entry written by write_entry; one that cannot be removed only costs disk space."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _containers(data: Any) -> Iterator[Any]:
    """Every dict and list in ``data``, depth first in document order."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(reversed([v for v in node.values() if isinstance(v, (dict, list))]))
        elif isinstance(node, list):
            yield node
            stack.extend(reversed([v for v in node if isinstance(v, (dict, list))]))


def _positions(data: Any, containers: list, marks: list) -> dict[int, Any]:
    """The id-keyed positions of a cache entry; raises when they do not fit its data."""
    if len(containers) != len(marks) or (isinstance(data, (dict, list)) and containers[0] is not data):
        raise ValueError("cached positions do not fit the data")
    for container, mark in zip(containers, marks):
        if type(mark) is not type(container) or len(mark) != len(container):
            raise ValueError("cached positions do not fit the data")
    positions = dict(zip(map(id, containers), marks))
    if len(positions) != len(containers):
        raise ValueError("cached containers are not distinct")
    return positions
