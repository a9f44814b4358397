"""`taxgen build` and `taxgen serve`: check, compile, then MkDocs with the taxgen plugin (the CLI's edge)."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from ..loading.config import CONFIG_FILE
from .plugin import optional_function, report


class SiteError(Exception):
    """The site could not be built; ``exit_code`` follows the CLI (1 input, 2 environment)."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@contextlib.contextmanager
def mkdocs_logging(stream=None):
    """MkDocs' messages on stderr, as `mkdocs build` prints them."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(stream or sys.stderr)
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
    compile_project = optional_function("taxgen.compile", "compile_project")
    write_output = optional_function("taxgen.compile", "write_output")
    if compile_project is None or write_output is None:
        return 0
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
    """``mkdocs build --strict`` of the project into ``site_dir``; warnings fail the build."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    with mkdocs_logging():
        config = _config(root, strict=True, site_dir=str(site_dir))
        try:
            build(config)
        except (Abort, MkDocsException) as exc:
            raise SiteError(f"taxgen build: the site was not built: {exc}", 1) from None


def serve_site(root: Path, dev_addr: str | None) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    with mkdocs_logging():
        try:
            serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True)
        except (Abort, MkDocsException) as exc:
            raise SiteError(f"taxgen serve: {exc}", 1) from None
