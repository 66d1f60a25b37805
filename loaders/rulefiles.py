"""The one reader of the rule files under loaders/rules/ (CSV, plain lists, sections, YAML).

Why one reader: every stage keeps its domain knowledge (aliases, places, trigger words, grammar word
lists, date patterns, anchors, offices) as data files that open with `#` comment lines giving the
file's purpose, FORMAT and an EXAMPLE. Reading them in one place keeps the comment convention, the
encoding and the error messages the same everywhere, and lets tests/test_rules_integrity.py check
every file the same way.

EXAMPLE:
    >>> rule_lines("place_nouns.txt")[:2]      # non-blank, non-comment lines, stripped
    >>> rule_rows("actors.csv")[0]["canonical"]  # CSV rows as dicts (header comments skipped)
    >>> rule_yaml("event_types.yaml")["types"]
    >>> rule_sections("timex/months.txt")       # `[section]` headers -> their lines
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from loaders.settings import RULES_DIR


class RulesError(ValueError):
    """A rule file that does not parse: the message names the file, the line and the problem."""


def rule_path(name: str | Path) -> Path:
    """`name` relative to loaders/rules/ (an absolute Path is returned as it is)."""
    p = Path(name)
    return p if p.is_absolute() else RULES_DIR / p


def numbered_lines(name: str | Path) -> list[tuple[int, str]]:
    """(line number, stripped line) for every line that is neither blank nor a `#` comment."""
    out = []
    for no, raw in enumerate(rule_path(name).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((no, line))
    return out


def rule_lines(name: str | Path) -> list[str]:
    """Non-blank, non-comment lines of a rule file, stripped."""
    return [line for _, line in numbered_lines(name)]


def rule_rows(name: str | Path) -> list[dict[str, str]]:
    """Rows of a rules CSV (its header comment lines start with `#`); every value stripped."""
    path = rule_path(name)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise RulesError(f"{path}: no header line")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def rule_sections(name: str | Path) -> dict[str, list[str]]:
    """A file of `[section]` headers, each followed by one entry per line."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in rule_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


@cache
def rule_yaml(name: str, strings: bool = False) -> Any:
    """A YAML rule file, parsed once per process (callers must not mutate what it returns). With
    `strings=True` every scalar stays a string: word lists hold "on", "no" and "off", which YAML 1.1 would
    otherwise read as booleans."""
    import yaml  # only the YAML files need it

    path = rule_path(name)
    try:
        if strings:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: {exc}") from None


def header_comment(name: str | Path) -> str:
    """The leading `#` comment block of a rule file (where FORMAT and EXAMPLE live)."""
    out = []
    for raw in rule_path(name).read_text(encoding="utf-8").splitlines():
        if raw.lstrip().startswith("#"):
            out.append(raw.lstrip()[1:].strip())
        elif raw.strip():
            break
    return "\n".join(out)
