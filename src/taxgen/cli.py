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
    """Counts for the report: of a CheckResult (its project) or of a CheckOutcome (counted already)."""
    project = getattr(result, "project", None)
    return {
        "errors": result.errors,
        "warnings": result.warnings,
        "files": len(project.files) if project is not None else result.files,
        "taxonomies": len(project.taxonomies) if project is not None else result.taxonomies,
        "labels": project.label_count if project is not None else result.labels,
    }


def emit_diagnostics(result, fmt: str, err: bool = False) -> None:
    from .report import FORMATS

    color = fmt == "text" and (sys.stderr if err else sys.stdout).isatty() and "NO_COLOR" not in os.environ
    # through click.echo: it writes UTF-8 where the locale's encoding is ASCII (a plain write would fail)
    click.echo(FORMATS[fmt](result.diagnostics, summary_of(result), color=color), nl=False, err=err, color=color)


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

    After an edit of labels' prose only the labels the edit touched are read again; what the
    check keeps for that is in <build_dir>/.cache/check (safe to delete).

    \b
    Examples:
      taxgen check
      taxgen check --project path/to/project --strict
      taxgen check --format github     # annotations in a GitHub Actions job
      taxgen check --format sarif > taxgen.sarif
    """
    from .incremental import check_with_state

    root = resolve_project(project)
    if not (root / "mkdocs.yml").is_file():  # a mistyped --project must not pass as an empty project
        raise UsageError(f"no mkdocs.yml in {project}: not a taxgen project (create one with `taxgen init`)")
    result = check_with_state(root)  # after an edit, reads and checks only what changed
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
    written = _written(write_files, root, files)
    for path in written:
        click.echo(f"created {path.relative_to(root.resolve())}")
    click.echo(f"next: cd {directory} && taxgen check")


@main.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List the diagnostic codes, or explain one (with a bad and a good example).

    The list holds the rules of `taxgen check` and, from TG601 on, the codes `taxgen compile`
    reports when a labeling tool cannot take a taxonomy.

    \b
    Examples:
      taxgen rules
      taxgen rules TG202
      taxgen rules TG604
    """
    from .rules import RULES, compile_codes

    codes = {**RULES, **compile_codes()}
    if code:
        info = codes.get(code.upper())
        if info is None:
            raise UsageError(f"unknown rule {code}; run `taxgen rules` for the list")
        click.echo(f"{info.code} {info.name} ({info.severity.value})\n\n{info.summary}\n\n{info.doc}")
        return
    for info in codes.values():
        click.echo(f"{info.code}  {info.severity.value:<7}  {info.name:<28} {info.summary}")


def _written(write, target, *args):
    """Run a writer of taxgen.writer; a failed write (a full disk, no permission) is an environment
    error with a message, not a crash. The writer has left the previous file in place."""
    try:
        return write(target, *args)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def _echo_problems(diagnostics) -> None:
    """Diagnostics as compiler-style lines on stderr, without the check summary line."""
    from .report import FORMATS

    summary = {"errors": 0, "warnings": 0, "files": 0, "taxonomies": 0, "labels": 0}
    for line in FORMATS["text"](diagnostics, summary).splitlines()[:-1]:
        click.echo(line, err=True)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@project_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="Output format (markdown fits a pull-request comment or a job summary).")
@click.option("--allow-breaking", is_flag=True, help="Exit 0 even when breaking changes are found.")
@click.option("--protect", type=click.Choice(["annotations", "tools"]), multiple=True,
              help="What breaking changes must not break (repeatable; default: both).")
@click.option("--accept-major-bump/--no-accept-major-bump", default=True, show_default=True,
              help="Accept breaking changes in a taxonomy whose major version was bumped.")
@click.option("--map", "map_path", metavar="FILE", default=None,
              help="Also write the migration map for existing annotations (JSON) to FILE.")
def diff_command(old: str, new: str, project: str | None, fmt: str, allow_breaking: bool, protect: tuple[str, ...],
                 accept_major_bump: bool, map_path: str | None) -> None:
    """Classify every change between two versions: OLD and NEW are folders or git revisions.

    Exits 1 when a change breaks existing annotations or tools, unless it is accepted
    (--allow-breaking, or the taxonomy's major version was bumped). `taxgen changes`
    lists every kind of change with its verdicts.

    \b
    Examples:
      taxgen diff main HEAD
      taxgen diff v1.2.0 .                       # a tag against the working tree
      taxgen diff old-labels/ new-labels/        # two project folders
      taxgen diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
      taxgen diff v1.2.0 . --map migration.json --protect annotations
    """
    import json

    from .diff import Policy, diff_projects, migration_json
    from .diff.reporters import FORMATS, View
    from .diff.sources import SourceError, open_version
    from .writer import write_atomic

    root = None if all(Path(spec).is_dir() for spec in (old, new)) else resolve_project(project)
    try:
        versions = [open_version(spec, root) for spec in (old, new)]
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    broken = [version for version in versions if version.errors]
    for version in broken:
        _echo_problems(version.errors)
        click.echo(f"taxgen diff: {version.title} has {len(version.errors)} errors; fix them first", err=True)
    if broken:
        sys.exit(EXIT_INPUT)
    before, after = versions
    report = diff_projects(before.project, after.project)
    policy = Policy(protect=frozenset(protect or ("annotations", "tools")), allow_breaking=allow_breaking,
                    accept_major_bump=accept_major_bump)
    view = View(before.title, after.title, before.display_prefix, after.display_prefix, policy,
                color=fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    click.echo(FORMATS[fmt](report, view), nl=False)
    if map_path:
        mapping = json.dumps(migration_json(report.migration_map), indent=2, ensure_ascii=False, sort_keys=True)
        _written(write_atomic, Path(map_path), mapping + "\n")
    sys.exit(EXIT_INPUT if report.blocking(policy) else EXIT_OK)


@main.command()
@click.option("--map", "map_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Migration map written by `taxgen diff --map`.")
@click.argument("annotations", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="Where the migrated records go (default: standard output).")
@click.option("--review", "review_path", type=click.Path(dir_okay=False), default=None,
              help="Where records needing a human decision go (default: OUT or ANNOTATIONS with .review.jsonl).")
@click.option("--field", "label_field", default=None, help="Record field holding the labels (default: label or labels).")
@click.option("--taxonomy", default=None, help="Taxonomy of records that do not name one.")
def migrate(map_path: str, annotations: str, out_path: str | None, review_path: str | None,
            label_field: str | None, taxonomy: str | None) -> None:
    """Rewrite annotation records (JSON Lines) with a migration map.

    Renamed and merged labels are rewritten. Records with a split or removed label are not
    guessed at: they go to the review file with the candidates, and the command exits 1.

    \b
    Examples:
      taxgen diff v1 v2 --map migration.json
      taxgen migrate --map migration.json annotations.jsonl --out migrated.jsonl
    """
    from .diff.migration import migrate_records, parse_migration_map
    from .loading.yaml_source import MAX_FILE_BYTES, YamlError, decode_source, too_large
    from .writer import write_atomic

    def read(path: str) -> str:
        try:
            size = Path(path).stat().st_size
            if size > MAX_FILE_BYTES:  # refused unread
                raise too_large(size, path, "split the file into parts and migrate each")
            return decode_source(Path(path).read_bytes(), path)
        except YamlError as exc:
            _echo_problems([exc.diagnostic])
            sys.exit(EXIT_INPUT)

    mapping, problems = parse_migration_map(read(map_path), map_path)
    result = None if problems else migrate_records(mapping, read(annotations), annotations,
                                                   label_field=label_field, taxonomy=taxonomy)
    problems = problems or list(result.diagnostics)
    if problems:
        _echo_problems(problems)
        sys.exit(EXIT_INPUT)
    output = "".join(f"{line}\n" for line in result.records)
    if out_path:
        _written(write_atomic, Path(out_path), output)
    else:
        click.echo(output, nl=False)
    review_file = Path(review_path or Path(out_path or annotations).with_suffix(".review.jsonl"))
    if result.review:
        _written(write_atomic, review_file, "".join(f"{line}\n" for line in result.review))
    click.echo(f"taxgen migrate: {result.total} records, {result.changed} rewritten, {len(result.review)} need a "
               f"human decision" + (f" (written to {review_file})" if result.review else ""), err=True)
    sys.exit(EXIT_INPUT if result.review else EXIT_OK)


@main.command("changes")
@click.argument("code", required=False)
def changes_command(code: str | None) -> None:
    """List the kinds of change `taxgen diff` reports, with what each breaks; or explain one.

    \b
    Examples:
      taxgen changes
      taxgen changes TD104
    """
    from .diff import CHANGE_KINDS

    def breaks(kind) -> str:
        return ", ".join(sorted(kind.breaks)) or "nothing"

    if code:
        kind = CHANGE_KINDS.get(code.upper())
        if kind is None:
            raise UsageError(f"unknown change kind {code}; run `taxgen changes` for the list")
        click.echo(f"{kind.code} {kind.name}\n\n{kind.summary}\n\nBreaks: {breaks(kind)}. {kind.why}")
        return
    for kind in CHANGE_KINDS.values():
        click.echo(f"{kind.code}  {kind.name:<26} breaks {breaks(kind):<21} {kind.summary}")


def _import_formats() -> list[str]:
    from .importers import IMPORTERS

    return list(IMPORTERS)


@main.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(_import_formats()))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--taxonomy-id", default=None, metavar="ID",
              help="Id of the new taxonomy (default: the control/question name, or the file name). "
                   "A file with several label sets gives ID-<name> for each.")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder receiving <id>/taxonomy.yaml (default: the project's taxonomies folder).")
@project_option
@click.option("--force", is_flag=True, help="Overwrite existing taxonomy files.")
@click.option("--column", "columns", multiple=True, metavar="ROLE=HEADER",
              help="csv: which column holds id, name, parent, definition, synonyms, color, hotkey, examples, "
                   "status, replaced_by (repeatable), e.g. --column name=Label.")
@click.option("--task-kind", type=click.Choice(["single-label", "multi-label", "spans", "boxes", "polygons"]),
              default=None, help="What annotators do, for formats that do not say (doccano, skos, csv).")
@click.option("--language", default=None, metavar="TAG",
              help="skos: language of the labels to use (default: en, else untagged, else the first).")
@click.option("--placeholders/--no-placeholders", default=True, show_default=True,
              help="Write 'TODO: define …' for labels the source gives no definition, so `taxgen check` passes.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every value that was adjusted.")
def import_command(fmt: str, file: str, taxonomy_id: str | None, out_dir: str | None, project: str | None,
                   force: bool, columns: tuple[str, ...], task_kind: str | None, language: str | None, placeholders: bool,
                   verbose: bool) -> None:
    """Write taxgen YAML from a label set kept in a labeling tool, SKOS or CSV.

    \b
    FORMAT is one of: label-studio (labeling config XML), labelbox (ontology JSON),
    cvat (labels JSON), argilla (dataset settings JSON), doccano (label types JSON),
    skos (Turtle, RDF/XML or JSON-LD), csv (one label a row).
    A file holding several label sets (Label Studio control tags, Labelbox tools and
    classifications, Argilla questions) gives one taxonomy each.

    \b
    Examples:
      taxgen import label-studio config.xml --taxonomy-id sentiment
      taxgen import labelbox ontology.json --out taxonomies
      taxgen import skos thesaurus.ttl --language de
      taxgen import csv labels.csv --column id=code --column parent=broader
    """
    from .diagnostics import Severity, sorted_diagnostics
    from .importers import IMPORTERS, ImportOptions, import_data
    from .importers.base import MAX_INPUT_BYTES, TAXONOMY_ID_PATTERN
    from .importers.plan import plan_files
    from .writer import write_files

    if taxonomy_id is not None and not TAXONOMY_ID_PATTERN.fullmatch(taxonomy_id):
        raise UsageError("--taxonomy-id: lowercase letters, digits, '-' and '_', starting with a letter")
    column_map = {}
    for item in columns:
        role, sep, header = item.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise UsageError(f"--column {item!r}: write ROLE=HEADER, e.g. --column name=Label")
        column_map[role.strip()] = header.strip()
    root = resolve_project(project) if out_dir is None or project else None
    if out_dir is None:
        from .loading.config import read_config

        out = root / read_config(root)[0].taxonomies_dir
    else:
        out = Path(out_dir)
    path = Path(file)
    if path.stat().st_size > MAX_INPUT_BYTES:
        click.echo(f"{file}: error TI001 file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, the import "
                   "limit", err=True)
        sys.exit(EXIT_INPUT)
    options = ImportOptions(source=file, taxonomy_id=taxonomy_id, columns=column_map, language=language,
                            task_kind=task_kind)
    result = import_data(fmt, path.read_bytes(), options)
    shown = [d for d in result.diagnostics if verbose or d.severity is not Severity.INFO]
    if result.errors:
        _echo_problems(sorted_diagnostics(shown))
        click.echo(f"taxgen import: {result.errors} error{'s' if result.errors != 1 else ''} in {file}; nothing written",
                   err=True)
        sys.exit(EXIT_INPUT)
    local_schema = Path(os.path.relpath(root / ".taxgen" / "taxonomy.schema.json", out.resolve())).as_posix() \
        if root is not None and (root / ".taxgen" / "taxonomy.schema.json").is_file() else None
    out_display = os.path.relpath(out.resolve(), Path.cwd())
    out_display = str(out.resolve()) if out_display.startswith("..") else out_display
    plan = plan_files(result, fmt=fmt, tool=IMPORTERS[fmt].title, source_name=path.name,
                      out_display=Path(out_display).as_posix(), local_schema=local_schema, placeholders=placeholders)
    existing = [rel for rel in plan.files if (out / rel).exists()]
    if existing and not force:
        raise UsageError("not overwriting " + ", ".join(str(out / rel) for rel in existing) + " (use --force)")
    _echo_problems(sorted_diagnostics(shown + list(plan.diagnostics)))
    try:
        write_files(out, plan.files)
    except OSError as exc:
        raise UsageError(f"cannot write to {out}: {exc.strerror}") from None
    for rel, count in plan.labels.items():
        click.echo(f"wrote {Path(out_display) / rel} ({count} labels)")
    hidden = len(result.diagnostics) - len(shown)
    if hidden:
        click.echo(f"{hidden} value{'s were' if hidden != 1 else ' was'} adjusted to fit taxgen's format "
                   "(-v lists them)", err=True)
    if root is not None:
        _check_imported(root, [(out / rel).resolve() for rel in plan.files])


def _check_imported(root: Path, written: list[Path]) -> None:
    """Run `taxgen check` on the project and report what it says about the new files."""
    from .check import check_path
    from .diagnostics import Severity

    result = check_path(root)
    names = {p.relative_to(root).as_posix() for p in written if root in p.parents}
    ours = [d for d in result.diagnostics if d.path in names]
    errors = [d for d in ours if d.severity is Severity.ERROR]
    warnings = [d for d in ours if d.severity is Severity.WARNING]
    _echo_problems(errors)
    click.echo(f"taxgen check: {len(errors)} errors, {len(warnings)} warnings in the imported files"
               + (" (examples and golden items cannot be imported: add them, `taxgen check` lists where)"
                  if warnings else ""))
    if result.errors > len(errors):
        click.echo(f"taxgen check: the rest of the project has {result.errors - len(errors)} errors", err=True)
    if errors:
        sys.exit(EXIT_INPUT)


@main.command("score")
@click.argument("annotations", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@project_option
@click.option("--taxonomy", metavar="ID", default=None,
              help="Score only this taxonomy; records without a 'taxonomy' field belong to it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default=None,
              help="Output format [default: text, or json/markdown when --out ends in .json/.md].")
@click.option("--out", "out_path", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help="Write the report to FILE instead of standard output.")
def score_command(annotations: tuple[str, ...], project: str | None, taxonomy: str | None, fmt: str | None,
                  out_path: str | None) -> None:
    """Score annotators against the golden items and against each other.

    ANNOTATIONS are JSON Lines or CSV files of records with `item` (a golden item id or any
    item id), `annotator`, `label` (or `labels`, a list) and optionally `taxonomy`. Problems
    (unknown or deprecated labels, ...) are printed with file:line; the command exits 1 when
    any record has an error, after scoring the others.

    \b
    Examples:
      taxgen score annotations.jsonl
      taxgen score batch-*.csv --taxonomy sentiment --format markdown >> "$GITHUB_STEP_SUMMARY"
      taxgen score annotations.jsonl --out quality/report.json   # set score_report to show it on the site
    """
    from .check import check_path
    from .diagnostics import Severity
    from .score import Problems, parse_annotations, score_records
    from .score.records import read_annotations
    from .score.reporters import FORMATS
    from .writer import write_atomic

    result = check_path(resolve_project(project))
    if result.errors:
        _echo_problems([d for d in result.diagnostics if d.severity is Severity.ERROR])
        click.echo(f"taxgen score: the project has {result.errors} errors; fix them first (taxgen check)", err=True)
        sys.exit(EXIT_INPUT)
    if taxonomy is not None and result.project.taxonomy(taxonomy) is None:
        known = ", ".join(t.id for t in result.project.taxonomies) or "none"
        raise UsageError(f"--taxonomy: no taxonomy '{taxonomy}' in the project (it has: {known})")
    problems = Problems()
    records = []
    for path in annotations:
        try:
            text = read_annotations(Path(path), path, problems)
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None
        if text is not None:
            records += parse_annotations(text, path, problems)
    report = score_records(result.project, records, problems, taxonomy=taxonomy)
    _echo_problems(problems.diagnostics())
    suffix = Path(out_path).suffix.lower() if out_path else ""
    fmt = fmt or {".json": "json", ".md": "markdown", ".markdown": "markdown"}.get(suffix, "text")
    output = FORMATS[fmt](report.to_dict())
    if out_path:
        _written(write_atomic, Path(out_path), output)
        click.echo(f"taxgen score: {fmt} report written to {out_path}", err=True)
    else:
        click.echo(output, nl=False)
    sys.exit(EXIT_INPUT if problems.errors else EXIT_OK)


@main.command("build")
@project_option
@click.option("--site-dir", metavar="DIR", default=None, help="Where the site goes (default: site/ in the project).")
def build_command(project: str | None, site_dir: str | None) -> None:
    """Check, compile, and build the annotator site with `mkdocs build --strict`.

    Stops with exit 1 on errors in the project (printed as by `taxgen check`) or on any
    MkDocs warning. Compiled label configurations go to the build folder and into the
    site's downloads.

    \b
    Examples:
      taxgen build
      taxgen build --project path/to/project --site-dir public
    """
    from .check import check_path
    from .site.build import SiteError, build_site, output_folder, write_compiled

    root = resolve_project(project)
    result = check_path(root)
    if result.errors:
        emit_diagnostics(result, "text", err=True)
        click.echo("taxgen build: fix the errors above first", err=True)
        sys.exit(EXIT_INPUT)
    try:
        site = output_folder(root, Path(site_dir) if site_dir else root / "site")  # refused before anything is written
        compiled = write_compiled(result.project, root)
        build_site(root, site)
    except SiteError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    where = site_dir or root / "site"
    click.echo(f"taxgen build: {result.project.label_count} labels, {compiled} compiled files, site in {where}",
               err=True)


@main.command("serve")
@project_option
@click.option("--dev-addr", metavar="IP:PORT", default=None, help="Address to serve on (default: 127.0.0.1:8000).")
def serve_command(project: str | None, dev_addr: str | None) -> None:
    """Serve the annotator site locally; pages rebuild when a taxonomy or guideline changes.

    \b
    Examples:
      taxgen serve
      taxgen serve --dev-addr 127.0.0.1:8001
    """
    from .loading.config import read_config
    from .site.build import SiteError, serve_site

    root = resolve_project(project)
    problems = [d for d in read_config(root)[1] if d.severity is Severity.ERROR]
    if problems:  # before MkDocs reads mkdocs.yml: a Python tag in it would run
        _echo_problems(problems)
        click.echo("taxgen serve: fix mkdocs.yml first", err=True)
        sys.exit(EXIT_INPUT)
    try:
        serve_site(root, dev_addr)
    except SiteError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)


def _target_names() -> list[str]:
    from .targets import TARGETS

    return list(TARGETS)


def _targets_epilog() -> str:
    from .targets import TARGETS

    from .targets.common import CODES

    rows = "\n".join(f"  {t.name:<13} {t.file:<23} {t.description}" for t in TARGETS.values())
    codes = "\n".join(f"  {code}  {name:<22} {summary}" for code, (name, summary) in CODES.items())
    return (f"\b\nTargets (NAME, file in OUT/<taxonomy id>/, what it is):\n{rows}\n\n"
            f"\b\nWhy a file is left out:\n{codes}")


@main.command("compile", epilog=_targets_epilog())
@project_option
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False), metavar="DIR",
              help="Output folder, replaced as a whole (default: <build_dir>/schemas, i.e. build/schemas).")
@click.option("--target", "targets", multiple=True, type=click.Choice(_target_names()), metavar="NAME",
              help="Compile only this target (repeatable; default: the `targets` option of mkdocs.yml, else all).")
def compile_command(project: str | None, out_dir: str | None, targets: tuple[str, ...]) -> None:
    """Compile every taxonomy into label schemas for labeling tools and pipelines.

    Runs `taxgen check` first and stops (exit 1) on errors. Writes one folder per taxonomy
    and index.json (every file with its sha256), replacing the output folder only when
    everything compiled. A file a tool cannot take is left out with a note (CVAT does not
    label text) or a warning (a tool limit, such as Argilla's 500 options); for targets
    chosen with --target or the `targets` option, a tool limit is an error (exit 1).

    \b
    Examples:
      taxgen compile
      taxgen compile --target label-studio --target annotation
      taxgen compile --out dist/schemas
    """
    from .check import check_path
    from .compile import OutputError, compile_project, write_output
    from .diagnostics import Severity

    root = resolve_project(project)
    result = check_path(root)
    if result.errors:
        _echo_problems([d for d in result.diagnostics if d.severity is Severity.ERROR])
        click.echo(f"taxgen compile: {result.errors} errors; fix them first (`taxgen check` lists all)", err=True)
        sys.exit(EXIT_INPUT)
    compiled = compile_project(result.project, targets or None)
    _echo_problems(compiled.diagnostics)
    if compiled.errors:
        click.echo(f"taxgen compile: {compiled.errors} errors; nothing written", err=True)
        sys.exit(EXIT_INPUT)
    out = Path(out_dir) if out_dir else root / result.project.config.schemas_dir
    try:
        written = write_output(out, compiled.files)
    except (OutputError, OSError) as exc:
        raise UsageError(str(exc)) from None
    shown = Path(os.path.relpath(out.resolve(), Path.cwd()))
    for path in written:
        click.echo(f"wrote {(shown / path.relative_to(out.resolve())).as_posix()}")
    skipped = sum(d.severity is not Severity.ERROR for d in compiled.diagnostics)
    count = len(result.project.taxonomies)
    click.echo(f"taxgen compile: {len(written) - 1} files for {count} {'taxonomy' if count == 1 else 'taxonomies'} "
               f"and index.json" + (f"; {skipped} left out (see above)" if skipped else ""))


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
