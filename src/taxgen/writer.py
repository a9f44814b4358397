"""The only place that writes output files: atomically, so a failed run leaves old outputs intact."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Mapping


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """A replaced file keeps its mode; a new one gets the umask's (mkstemp creates 0600 files)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_files(folder: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file (relative POSIX paths) under ``folder``; refuses paths that leave it."""
    folder = folder.resolve()
    targets = []
    for rel in sorted(files):
        target = (folder / rel).resolve()
        if folder not in target.parents:
            raise ValueError(f"refusing to write outside {folder}: {rel}")
        targets.append((target, files[rel]))
    for target, data in targets:
        write_atomic(target, data)
    return [t for t, _ in targets]
