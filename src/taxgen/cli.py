"""The command line: a thin layer over the pipeline. Exit codes: 0 ok, 1 input errors, 2 usage/environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import Severity

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(click.ClickException):
    exit_code = EXIT_USAGE


def resolve_project(project: str | None) -> Path:
    """--project DIR, else the folder holding mkdocs.yml at or above the current one."""
    from .loading.config import find_project_root

    if project:
        root = Path(project)
        if not root.is_dir():
            raise UsageError(f"project folder not found: {project}")
        return root.resolve()
    found = find_project_root(Path.cwd())
    if found is None:
        raise UsageError("no mkdocs.yml here or in any parent folder; pass --project DIR or run `taxgen init`")
    return found


project_option = click.option(
    "--project", "project", metavar="DIR", default=None,
    help="Project folder (default: the folder holding mkdocs.yml at or above the current one).")


def summary_of(result) -> dict:
    return {
        "errors": result.errors,
        "warnings": result.warnings,
        "files": len(result.project.files),
        "taxonomies": len(result.project.taxonomies),
        "labels": result.project.label_count,
    }


def emit_diagnostics(result, fmt: str, stream=None) -> None:
    from .report import FORMATS

    stream = stream or sys.stdout
    color = fmt == "text" and stream.isatty() and "NO_COLOR" not in os.environ
    stream.write(FORMATS[fmt](result.diagnostics, summary_of(result), color=color))
    stream.flush()


def failed(result, strict: bool) -> bool:
    return result.errors > 0 or (strict and result.warnings > 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="taxgen")
def main() -> None:
    """taxgen: taxonomies and labeling guidelines as code.

    \b
    Check a project of YAML taxonomies and Markdown guidelines, compile it into
    label configurations for labeling tools, and build the annotator site.
    """


@main.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
def check(project: str | None, fmt: str, strict: bool) -> None:
    """Check taxonomies, golden items and guidelines; print diagnostics.

    \b
    Examples:
      taxgen check
      taxgen check --project path/to/project --strict
      taxgen check --format github     # annotations in a GitHub Actions job
      taxgen check --format sarif > taxgen.sarif
    """
    from .check import check_path

    result = check_path(resolve_project(project))
    emit_diagnostics(result, fmt)
    sys.exit(EXIT_INPUT if failed(result, strict) else EXIT_OK)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False), default=".")
@click.option("--taxonomy-id", default="topics", show_default=True, help="Id of the example taxonomy.")
@click.option("--title", default="Support tickets", show_default=True, help="Site title.")
def init(directory: str, taxonomy_id: str, title: str) -> None:
    """Create a new project that passes `taxgen check`.

    \b
    Examples:
      taxgen init my-labels
      taxgen init . --taxonomy-id intents --title "Chatbot intents"
    """
    import re
    from importlib import resources

    from .scaffold import project_files
    from .writer import write_files

    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,63}", taxonomy_id):
        raise UsageError("--taxonomy-id: lowercase letters, digits, '-' and '_', starting with a letter")
    root = Path(directory)
    if (root / "mkdocs.yml").exists():
        raise UsageError(f"{root / 'mkdocs.yml'} already exists; not overwriting a project")
    files: dict[str, str | bytes] = dict(project_files(taxonomy_id, title, "../../.taxgen/"))
    for name in ("taxonomy", "golden", "guideline"):
        files[f".taxgen/{name}.schema.json"] = (
            resources.files("taxgen.schemas").joinpath(f"{name}.schema.json").read_bytes())
    written = write_files(root, files)
    for path in written:
        click.echo(f"created {path.relative_to(root.resolve())}")
    click.echo(f"next: cd {directory} && taxgen check")


@main.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List the diagnostic codes, or explain one (with a bad and a good example).

    \b
    Examples:
      taxgen rules
      taxgen rules TG202
    """
    from .rules import RULES

    if code:
        info = RULES.get(code.upper())
        if info is None:
            raise UsageError(f"unknown rule {code}; run `taxgen rules` for the list")
        click.echo(f"{info.code} {info.name} ({info.severity.value})\n\n{info.summary}\n\n{info.doc}")
        return
    for info in RULES.values():
        click.echo(f"{info.code}  {info.severity.value:<7}  {info.name:<28} {info.summary}")


def run() -> None:
    """Console entry point: never let a traceback reach the user."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug in taxgen, not bad input: say so briefly
        if os.environ.get("TAXGEN_DEBUG"):
            raise
        click.echo(f"taxgen: internal error: {type(exc).__name__}: {exc} (set TAXGEN_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_USAGE)
