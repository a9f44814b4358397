"""`taxgen build` and `taxgen serve`: check, compile, then MkDocs with the taxgen plugin (the CLI's edge)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import click

from ..loading.config import CONFIG_FILE
from ..writer import current_umask, replace_folder, staging_folder
from .plugin import CSS, report


class SiteError(Exception):
    """The site could not be built; ``exit_code`` follows the CLI (1 input, 2 environment)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


class _EchoHandler(logging.Handler):
    """Log lines through click.echo, which writes UTF-8 where the locale's encoding is ASCII."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # noqa: BLE001 - logging's own rule: a failed log line never stops the build
            self.handleError(record)


@contextlib.contextmanager
def mkdocs_logging():
    """MkDocs' messages on stderr, as `mkdocs build` prints them."""
    logger = logging.getLogger("mkdocs")
    handler = _EchoHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def write_compiled(project, root: Path) -> int:
    """Compile every taxonomy into build/schemas, as `taxgen compile` does; returns the number of files."""
    from ..compile import compile_project, write_output

    files, problems = compile_project(project, project.config.targets or None)
    if report(problems):
        raise SiteError("taxgen build: compiling the label configurations failed (see above)", 1)
    try:
        write_output(root / project.config.schemas_dir, files)
    except Exception as exc:  # compile's OutputError and OSError: the folder cannot be written
        raise SiteError(f"taxgen build: cannot write {project.config.schemas_dir}: {exc}", 2) from None
    return len(files)


def _config(root: Path, **overrides):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(config_file=str(root / CONFIG_FILE), **overrides)
    except (Abort, ConfigurationError) as exc:
        raise SiteError(f"taxgen: {CONFIG_FILE}: {exc}", 2) from None


def build_site(root: Path, site_dir: Path) -> None:
    """``mkdocs build --strict`` of the project into ``site_dir``; warnings fail the build.

    MkDocs writes into a new folder next to ``site_dir``, which replaces it only once the build
    succeeded: a failed or killed build leaves the previous site as it was, and nothing but a
    previous site (or an empty folder) is ever replaced.
    """
    site_dir = output_folder(root, site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with staging_folder(site_dir) as staging:
        _mkdocs_build(root, staging)
        _publish(staging, site_dir)


def output_folder(root: Path, site_dir: Path) -> Path:
    """``site_dir`` resolved, or a SiteError when replacing it could delete anything but a previous site."""
    root, site_dir = root.resolve(), site_dir.resolve()
    if site_dir == root or site_dir in root.parents:
        raise SiteError(f"taxgen build: the site folder {site_dir} holds the project; choose a folder inside "
                        "or beside it, such as site/", 2)
    if site_dir.exists() and not site_dir.is_dir():
        raise SiteError(f"taxgen build: {site_dir} exists and is not a folder", 2)
    if site_dir.is_dir() and _shown_entries(site_dir) and not (site_dir / CSS).is_file():
        raise SiteError(f"taxgen build: {site_dir} holds files that are not a taxgen site (no {CSS}); "
                        "choose an empty or new folder", 2)
    return site_dir


def _shown_entries(folder: Path) -> list[str]:
    """What MkDocs would clean out of a site folder: everything but hidden entries (.git, .nojekyll)."""
    return [name for name in os.listdir(folder) if not name.startswith(".")]


def _mkdocs_build(root: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    with mkdocs_logging():
        config = _config(root, strict=True, site_dir=str(site_dir))
        try:
            build(config)
        except (Abort, MkDocsException) as exc:
            raise SiteError(f"taxgen build: the site was not built: {exc}", 1) from None
        except OSError as exc:  # a full disk or a permission: the previous site stays
            raise SiteError(f"taxgen build: cannot write the site: {exc.strerror or exc}", 2) from None


def _publish(staging: Path, site_dir: Path) -> None:
    """Swap the built site in; hidden entries of the old folder move over, as MkDocs keeps them."""
    staging.chmod(0o777 & ~current_umask())  # staging_folder made it private
    hidden = [name for name in os.listdir(site_dir) if name.startswith(".")] if site_dir.is_dir() else []
    for name in hidden:
        os.replace(site_dir / name, staging / name)
    try:
        replace_folder(staging, site_dir)
    except BaseException:
        for name in hidden:
            os.replace(staging / name, site_dir / name)
        raise


def serve_site(root: Path, dev_addr: str | None) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    with mkdocs_logging():
        try:
            serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True)
        except (Abort, MkDocsException) as exc:
            raise SiteError(f"taxgen serve: {exc}", 1) from None
