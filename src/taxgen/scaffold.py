"""Files of a new project (`taxgen init`): a small taxonomy that passes `taxgen check`."""

from __future__ import annotations

MKDOCS = """\
site_name: {title} labeling guidelines
theme:
  name: material
  features:
    - navigation.instant
    - search.highlight
plugins:
  - search
  - taxgen:
      taxonomies: taxonomies
      guidelines: guidelines
      golden_items: show
"""

TAXONOMY = """\
# yaml-language-server: $schema={schema}
taxonomy:
  id: {taxonomy_id}
  title: Support ticket topic
  version: 0.1.0
  description: What a customer support ticket is about.
  task:
    kind: single-label
    data: text
labels:
  - id: billing
    name: Billing
    definition: The ticket is about charges, invoices, refunds or payment methods.
    use_when:
      - The customer asks about an amount they were charged or will be charged.
    do_not_use_when:
      - when: The customer cannot log in to see their invoices.
        instead: account
    examples:
      - I was charged twice this month.
      - Can I get an invoice with our VAT number on it?
    near_misses:
      - text: I forgot my password and cannot see my invoices.
        use: account
        why: The problem to solve is access to the account, not a charge.
    color: "#1e88e5"
    hotkey: b
  - id: account
    name: Account access
    definition: The ticket is about signing in, passwords, or account settings.
    use_when:
      - The customer cannot sign in or wants to change account details.
    do_not_use_when:
      - when: The customer can sign in but disputes a charge.
        instead: billing
    examples:
      - The password reset link has expired.
      - How do I change the e-mail address on my account?
    near_misses:
      - text: Why does my account show a charge I do not recognise?
        use: billing
        why: The question is about a charge; the account is only where they saw it.
    color: "#43a047"
    hotkey: a
"""

GOLDEN = """\
# yaml-language-server: $schema={schema}
taxonomy: {taxonomy_id}
golden_items:
  - id: {taxonomy_id}-001
    input: My card was charged but the order shows as unpaid.
    expected: billing
    rationale: A payment that did not register is a billing question.
  - id: {taxonomy_id}-002
    input: I get "invalid password" even after resetting it.
    expected: account
    rationale: The customer cannot sign in.
"""

GUIDELINE = """\
---
title: How to label support tickets
taxonomy: {taxonomy_id}
labels: [billing, account]
---
# How to label support tickets

Read the whole ticket, then pick the one topic the customer needs solved.
Use [Billing](label:billing) for charges and [Account access](label:account) for signing in.
"""

GITIGNORE = "site/\nbuild/\n"


def project_files(taxonomy_id: str, title: str, schema_uri: str) -> dict[str, str]:
    return {
        "mkdocs.yml": MKDOCS.format(title=title),
        f"taxonomies/{taxonomy_id}/taxonomy.yaml": TAXONOMY.format(taxonomy_id=taxonomy_id, schema=schema_uri + "taxonomy.schema.json"),
        f"taxonomies/{taxonomy_id}/golden.yaml": GOLDEN.format(taxonomy_id=taxonomy_id, schema=schema_uri + "golden.schema.json"),
        f"guidelines/{taxonomy_id}.md": GUIDELINE.format(taxonomy_id=taxonomy_id),
        ".gitignore": GITIGNORE,
    }
