"""The only place that writes output files: atomically, so a failed run leaves old outputs intact."""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

try:
    import fcntl
except ImportError:  # Windows: a killed run's folder is left for the user to delete
    fcntl = None

_LOCK = ".lock"


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
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is set straight back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


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


@contextmanager
def staging_folder(folder: Path) -> Iterator[Path]:
    """A new private folder beside ``folder``, to build its replacement in (then replace_folder).

    While this run lasts, the folder's name is held by a locked file beside it
    (``.NAME.new-XXXX.lock``); the lock dies with the process, so folders whose lock is free
    were left by a killed run, and are deleted first. On an error the folder is deleted.
    """
    remove_abandoned(folder)
    fd, lock_name = tempfile.mkstemp(dir=folder.parent, prefix=f".{folder.name}.new-", suffix=_LOCK)
    lock = Path(lock_name)
    staging = lock.with_name(lock.name[:-len(_LOCK)])
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:  # no locks on this filesystem: others cannot lock it either, so keep it
                pass
        staging.mkdir(mode=0o700)
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        lock.unlink(missing_ok=True)
        os.close(fd)


def remove_abandoned(folder: Path) -> None:
    """Delete the staging folders beside ``folder`` that killed runs left (their lock is free)."""
    if fcntl is None:
        return
    for lock in folder.parent.glob(f".{glob.escape(folder.name)}.new-*{_LOCK}"):
        try:
            fd = os.open(lock, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a run in progress
        else:
            shutil.rmtree(lock.with_name(lock.name[:-len(_LOCK)]), ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            os.close(fd)


def replace_folder(staging: Path, folder: Path) -> None:
    """Put the finished folder ``staging`` where ``folder`` is (both in one parent folder).

    A new or empty ``folder`` is replaced by one rename. An existing one trades places with
    ``staging`` in one atomic step where the system can (Linux), so a crash at any moment
    leaves either the old folder or the new one in place; elsewhere by two renames, and the old
    folder is put back if the second fails. The old folder is then deleted.
    """
    try:
        os.replace(staging, folder)
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) and not (os.name == "nt" and folder.is_dir()):
            raise
    if _exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)  # it holds the old folder now
        return
    retired = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old-"))
    os.replace(folder, retired / folder.name)
    try:
        os.replace(staging, folder)
    except BaseException:
        os.replace(retired / folder.name, folder)
        shutil.rmtree(retired, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # glibc 2.28+, musl 1.2.2+
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # old kernel, or a filesystem without it
        return False
    raise OSError(code, os.strerror(code), str(second))
