"""Problems found while reading files, before any rule runs. Documented like the rules."""

from __future__ import annotations

from ..diagnostics import Severity
from .base import RuleInfo

E = Severity.ERROR

LOADER_RULES = (
    RuleInfo("TG001", "yaml-syntax", E, "The file is not valid YAML (or holds more than one document).",
             "Bad:\n\n```yaml\nlabels:\n  - id: a\n   name: A\n```\n\nGood:\n\n```yaml\nlabels:\n  - id: a\n    name: A\n```"),
    RuleInfo("TG002", "duplicate-key", E, "A mapping has the same key twice; YAML would silently keep the last.",
             "Bad:\n\n```yaml\n- id: car\n  name: Car\n  name: Automobile\n```\n\nGood:\n\n```yaml\n- id: car\n  name: Car\n  synonyms: [Automobile]\n```"),
    RuleInfo("TG003", "alias-expansion", E, "YAML aliases expand to too many values (the 'billion laughs' shape).",
             "Bad:\n\n```yaml\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n```\n\nGood: write the values out, or reuse an anchor a few times only."),
    RuleInfo("TG004", "nesting-depth", E, "Data is nested deeper than 64 levels.",
             "Bad: `[[[[[[...]]]]]]` thousands deep.\n\nGood: taxonomy files need four or five levels; the hierarchy is expressed with `parent:`, not by nesting."),
    RuleInfo("TG005", "encoding", E, "The file is not UTF-8 text, or holds control characters such as NUL.",
             "Bad: a file saved as UTF-16 or Latin-1, or with a NUL byte.\n\nGood: save the file as UTF-8."),
    RuleInfo("TG006", "yaml-tag", E, "A YAML tag such as `!!python/object` or a non-string key; taxgen reads plain data only.",
             "Bad:\n\n```yaml\nname: !!python/object/apply:os.system [ls]\n```\n\nGood:\n\n```yaml\nname: Car\n```"),
    RuleInfo("TG007", "file-too-large", E, "The file is larger than 64 MiB.",
             "Bad: one 100 MB taxonomy file.\n\nGood: split it: files whose `taxonomy:` is the id of a taxonomy add labels to it."),
    RuleInfo("TG008", "path-outside-project", E,
             "A file or folder link, a golden item's media file, or a guideline's link or image leads outside the project.",
             "Bad: `taxonomies/shared.yaml -> /etc/passwd`; `input: {file: ../../secret.png}`; "
             "`![chart](../../../etc/passwd)` in a guideline.\n\n"
             "Good: copy the file into the project and refer to it relatively: `input: {file: media/cat.jpg}`."),
    RuleInfo("TG009", "config", E, "The `taxgen` block of mkdocs.yml has an unknown or invalid option.",
             "Bad:\n\n```yaml\nplugins:\n  - taxgen:\n      taxonomy: labels\n```\n\nGood:\n\n```yaml\nplugins:\n  - taxgen:\n      taxonomies: labels\n```"),
    RuleInfo("TG010", "unreadable-file", E, "A file cannot be read (permissions, or it vanished while reading).",
             "Bad: a taxonomy file with mode 000.\n\nGood: make the file readable."),
    RuleInfo("TG011", "not-a-mapping", E, "A taxonomy or golden file is empty or is not a mapping at its top level.",
             "Bad:\n\n```yaml\n- id: car\n  name: Car\n```\n\nGood:\n\n```yaml\ntaxonomy: vehicles\nlabels:\n  - id: car\n    name: Car\n```"),
    RuleInfo("TG012", "duplicate-taxonomy", E, "Two files define the same taxonomy.",
             "Bad: two files both with `taxonomy: {id: vehicles, ...}`.\n\nGood: one defines it; the others say `taxonomy: vehicles` and add labels."),
    RuleInfo("TG013", "front-matter", E, "A guideline's front matter is not closed or is not a mapping.",
             "Bad:\n\n```markdown\n---\ntitle: Sarcasm\n# Sarcasm\n```\n\nGood:\n\n```markdown\n---\ntitle: Sarcasm\n---\n# Sarcasm\n```"),
    RuleInfo("TG101", "schema", E, "A value does not fit the taxonomy format (JSON Schema), e.g. a wrong type or a bad id.",
             "Bad:\n\n```yaml\n- id: Car Model\n  name: Car\n  hotkey: 1\n```\n\nGood:\n\n```yaml\n- id: car-model\n  name: Car\n  hotkey: \"1\"\n```"),
    RuleInfo("TG102", "unknown-key", E, "A key the format does not know, usually a typo.",
             "Bad:\n\n```yaml\n- id: car\n  name: Car\n  defintion: A passenger vehicle.\n```\n\nGood:\n\n```yaml\n- id: car\n  name: Car\n  definition: A passenger vehicle.\n```"),
    RuleInfo("TG207", "unknown-taxonomy", E, "A file refers to a taxonomy that no file defines.",
             "Bad:\n\n```yaml\ntaxonomy: vehicels\ngolden_items: []\n```\n\nGood:\n\n```yaml\ntaxonomy: vehicles\ngolden_items: []\n```"),
)
