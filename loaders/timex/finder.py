"""Find temporal expressions with the data-driven rules of rules/timex/rules.txt.

Semantics: scanning left to right, at each position where a word starts the FIRST rule
(file order: most specific first) that matches wins, and the scan resumes after it; the
spans are therefore sorted and never overlap.

Speed: trying ~100 rules at every word would be slow in Python. So each rule is compiled
once, and the parsed regex is walked to list the first KEY_LEN (normalized) characters any
match of it can start with. One regex "gate" (a trie of all those prefixes, run over the
lower-cased text) finds the few positions worth trying, and there only the rules whose
prefixes fit are tried. The index is a superset by construction (tests compare it with a
brute-force scan), so it changes speed, never results. The finder says WHERE and WHICH
rule; the resolver computes values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import lexicon, norm_key, numbered_content_lines

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.-]*)\W*$")
_WORD_AFTER = re.compile(r"^\W*?([A-Za-z]+)")


@dataclass(frozen=True)
class Rule:
    """One line of rules.txt."""

    name: str
    type: str
    handler: str
    attrs: tuple[tuple[str, str], ...]
    pattern: str


@dataclass(frozen=True)
class Hit:
    """A span found by a rule, with its named groups (group name -> matched text)."""

    start: int
    end: int
    text: str
    rule: Rule
    groups: tuple[tuple[str, str], ...]
    #: (group name, start, end) of each captured group, for rules that split their span
    spans: tuple[tuple[str, int, int], ...] = ()

    def get(self, name: str) -> str | None:
        for k, v in self.groups:
            if k == name:
                return v
        return None


def expand_macros(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    """Replace {NAME} / {NAME:group} by the macro text (macros may use macros)."""
    if depth > 10:
        raise ValueError(f"macro recursion too deep in {pattern[:60]!r}")

    def sub(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}} in timex rule pattern")
        body = expand_macros(macros[name], macros, depth + 1)
        return f"(?P<{group}>{body})" if group else f"(?:{body})"

    return _MACRO.sub(sub, pattern)


def load_rules() -> list[Rule]:
    """Parse rules.txt: `name TYPE handler [k=v ...] := pattern`."""
    rules = []
    for no, line in numbered_content_lines("rules.txt"):
        head, sep, pattern = line.partition(":=")
        parts = head.split()
        if not sep or len(parts) < 3:
            raise ValueError(f"rules/timex/rules.txt line {no}: expected 'name TYPE handler := pattern', "
                             f"got {line[:80]!r}")
        name, typ, handler = parts[0], parts[1], parts[2]
        attrs = tuple(tuple(p.split("=", 1)) for p in parts[3:])
        rules.append(Rule(name, typ, handler, attrs, pattern.strip()))  # type: ignore[arg-type]
    return rules


# ---- first-characters index -----------------------------------------------------------------
#: how many leading characters of a candidate position select the rules to try
KEY_LEN = 8
#: the gate regex looks at only this many of them: a short trie compiles ~10x faster (worker
#: start-up) and runs no slower; positions it lets through that no rule can start at find no
#: candidate rules in the index, so results never change
GATE_LEN = 5
_SPACE = " "


def _norm_char(ch: str) -> str:
    """Key alphabet: lower case, every digit '0', every space ' '."""
    if ch.isdigit():
        return "0"
    if ch.isspace():
        return _SPACE
    return ch.lower()


def _class_chars(items: list) -> set[str] | None:
    """Characters of a small regex class ([0-9], [- ], [ap]); None when too broad to list."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(_norm_char(chr(av)))
        elif name == "RANGE":
            lo, hi = av
            if hi - lo > 30:
                return None
            out.update(_norm_char(chr(c)) for c in range(lo, hi + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            out.add(_SPACE)
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            out.add("0")
        else:
            return None
    return out


def _is_space(sub: list) -> bool:
    """True for a repeat body that is only white space (\\s, [ ], ' ')."""
    items = list(sub)
    if len(items) != 1:
        return False
    op, av = items[0]
    chars = _class_chars([(op, av)] if str(op) != "IN" else av)
    return chars == {_SPACE}


def _single_class(sub: list) -> set[str] | None:
    """Characters of a repeat body that is one literal or one small class, else None."""
    items = list(sub)
    if len(items) != 1:
        return None
    op, av = items[0]
    name = str(op)
    if name == "LITERAL":
        return {_norm_char(chr(av))}
    if name == "IN":
        return _class_chars(av)
    if name == "CATEGORY":
        return _class_chars([(op, av)])
    return None


def _spellings(chars: set[str], n: int) -> list[str]:
    out = [""]
    for _ in range(n):
        out = [o + c for o in out for c in sorted(chars)]
    return out


def first_keys(pattern: str) -> set[str]:
    """Every normalized prefix (up to KEY_LEN chars) a match of `pattern` can start with.

    A conservative walk of the parsed regex: where it cannot tell, it stops and keeps the
    shorter prefix, so the set always covers every possible match (an empty string would
    mean "any position"). Same reading as `first_keys_by_walk`, but each (sub-sequence,
    position, room left) is worked out once and reused: the month and number alternations
    of a rule are met again behind every branch, and walking them afresh each time made
    compiling the rules the slowest part of a worker's start-up.
    """
    from re import _parser as sre_parse  # the stdlib's own parser: same reading as re.compile

    return _keys_of_tree(sre_parse.parse(pattern, re.I))


#: (prefix, reached_end): reached_end = the walk got past the sequence's end and goes on with what
#: follows it; otherwise the prefix is final (a key of its own)
_Piece = tuple[str, bool]


def _keys_of_tree(tree: object) -> set[str]:
    memo: dict[tuple[int, int, int], frozenset[_Piece]] = {}
    keep: list[object] = []  # sequences keyed by id() stay alive while the memo is in use

    def then(first: frozenset[_Piece], items: object, i: int, room: int) -> set[_Piece]:
        """`first` followed by items[i:] (pieces that stopped early stay as they are)."""
        out: set[_Piece] = set()
        for s, reached in first:
            if not reached:
                out.add((s, False))
                continue
            out.update((s + t, e) for t, e in seq(items, i, room - len(s)))
        return out

    def seq(items: object, i: int, room: int) -> frozenset[_Piece]:
        key = (id(items), i, room)
        hit = memo.get(key)
        if hit is not None:
            return hit
        keep.append(items)
        result = frozenset(step(getattr(items, "data", items), items, i, room))
        memo[key] = result
        return result

    def rest(items: object, i: int, room: int, lead: str) -> set[_Piece]:
        return {(lead + t, e) for t, e in seq(items, i, room)}

    def step(data: list, items: object, i: int, room: int) -> set[_Piece]:
        if i >= len(data):
            return {("", True)}
        if room <= 0:
            return {("", False)}
        op, av = data[i]
        name = str(op)
        if name == "LITERAL":
            return rest(items, i + 1, room - 1, _norm_char(chr(av)))
        if name in ("IN", "CATEGORY"):
            chars = _class_chars(av) if name == "IN" else _class_chars([(op, av)])
            if chars is None or (name == "IN" and len(chars) > 40):
                return {("", False)}
            out: set[_Piece] = set()
            for ch in chars:
                out |= rest(items, i + 1, room - 1, ch)
            return out
        if name == "BRANCH":
            out = set()
            for alt in av[1]:
                out |= then(seq(alt, 0, room), items, i + 1, room)
            return out
        if name == "SUBPATTERN":
            return then(seq(av[-1], 0, room), items, i + 1, room)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, hi, sub = av
            if _is_space(sub):  # the text key folds runs of white space into one ' '
                out = set(seq(items, i + 1, room)) if lo == 0 else set()
                return out | rest(items, i + 1, room - 1, _SPACE)
            chars = _single_class(sub)
            if chars is not None and hi > 1 and len(chars) <= 4:  # [0-9]{1,3}: spell the repeats
                if room < lo:  # the key ends inside the repeat
                    return {(combo, False) for combo in _spellings(chars, room)}
                out = set()
                for n in range(lo, min(hi, room) + 1):
                    for combo in _spellings(chars, n):
                        out |= rest(items, i + 1, room - n, combo) if n < room else {(combo, False)}
                return out
            out = set(seq(items, i + 1, room)) if lo == 0 else set()
            if hi == 1:
                return out | then(seq(sub, 0, room), items, i + 1, room)
            # one pass through the body, then stop: keeps the set a superset
            return out | {(s, False) for s, _ in seq(sub, 0, room)}
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            return set(seq(items, i + 1, room))
        return {("", False)}

    return {s for s, _ in seq(tree, 0, KEY_LEN)}


def first_keys_by_walk(pattern: str) -> set[str]:
    """The plain walk `first_keys` memoizes (kept as its reference: tests compare the two).
    Every normalized prefix (up to KEY_LEN chars) a match of `pattern` can start with.

    A conservative walk of the parsed regex: where it cannot tell, it stops and keeps the
    shorter prefix, so the set always covers every possible match (an empty string would
    mean "any position")."""
    from re import _parser as sre_parse  # the stdlib's own parser: same reading as re.compile

    tree = sre_parse.parse(pattern, re.I)
    out: set[str] = set()
    budget = [200000]

    def walk(stack: list, prefix: str) -> None:
        budget[0] -= 1
        if budget[0] < 0 or len(prefix) >= KEY_LEN or not stack:
            out.add(prefix[:KEY_LEN])
            return
        op, av = stack[0]
        rest = stack[1:]
        name = str(op)
        if name == "LITERAL":
            walk(rest, prefix + _norm_char(chr(av)))
        elif name == "IN":
            chars = _class_chars(av)
            if chars is None or len(chars) > 40:
                out.add(prefix)
                return
            for ch in chars:
                walk(rest, prefix + ch)
        elif name == "CATEGORY":
            chars = _class_chars([(op, av)])
            if chars is None:
                out.add(prefix)
                return
            for ch in chars:
                walk(rest, prefix + ch)
        elif name == "BRANCH":
            for alt in av[1]:
                walk(list(alt) + rest, prefix)
        elif name == "SUBPATTERN":
            walk(list(av[-1]) + rest, prefix)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, hi, sub = av
            if _is_space(sub):  # the text key folds runs of white space into one ' '
                if lo == 0:
                    walk(rest, prefix)
                walk(rest, prefix + _SPACE)
                return
            chars = _single_class(sub)
            if chars is not None and hi > 1 and len(chars) <= 4:  # [0-9]{1,3}: spell the repeats
                room = KEY_LEN - len(prefix)
                if room < lo:  # the key ends inside the repeat
                    for combo in _spellings(chars, room):
                        out.add(prefix + combo)
                    return
                for n in range(lo, min(hi, room) + 1):
                    for combo in _spellings(chars, n):
                        walk(rest if n < room else [], prefix + combo)
                return
            if lo == 0:
                walk(rest, prefix)
            if hi == 1:
                walk(list(sub) + rest, prefix)
            else:  # one pass through the body, then stop: keeps the set a superset
                walk(list(sub), prefix)
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            walk(rest, prefix)
        else:
            out.add(prefix)

    walk(list(tree), "")
    return out


@dataclass(frozen=True)
class Compiled:
    rules: tuple[Rule, ...]
    #: per rule: expanded regex body, and the body compiled with the end-of-word guard
    bodies: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    #: normalized prefix -> indices of rules that may start with it
    index: dict[str, tuple[int, ...]]
    #: positions worth trying: a word start whose next chars begin some rule
    gate: re.Pattern[str]
    #: per rule: keep the offsets of its groups (rules that split their span or resolve a part of it)
    keep_spans: tuple[bool, ...] = ()
    #: per rule: the lower-cased words one of which must end right before a match (the rule opens on
    #: lookbehinds: "(?<=within )"), or None. A cheap test that skips the regex where it cannot match.
    leads: tuple[tuple[str, ...] | None, ...] = ()
    #: per rule: words one of which every match contains (the rule's `needs=` attribute, as a regex
    #: searched in the lower-cased text), or None
    needs: tuple[re.Pattern[str] | None, ...] = ()


def _compile_with_keys(pattern: str, flags: int) -> tuple[re.Pattern[str], set[str]]:
    """`re.compile(pattern, flags)` and `first_keys(pattern)` from ONE parse of the pattern.

    Why: parsing the ~100 long rule patterns (month and number alternations expanded) is most
    of the rules' compile time, and the key walk needs the same parse tree. The compiled
    object is built the way re._compiler.compile builds it (Python 3.11-3.13); should those
    internals differ, plain re.compile is used (same regex, one more parse).
    """
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    keys = _keys_of_tree(tree)  # before compiling: the compiler only reads the tree, but be safe
    try:
        import _sre

        code = _compiler._code(tree, flags)
        groupindex = tree.state.groupdict
        indexgroup: list[str | None] = [None] * tree.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        regex = _sre.compile(pattern, flags | tree.state.flags, code, tree.state.groups - 1, groupindex,
                             tuple(indexgroup))
    except (AttributeError, TypeError, ImportError):
        regex = re.compile(pattern, flags)
    return regex, keys


@lru_cache(maxsize=1)
def compiled() -> Compiled:
    """Expand macros, compile every rule, index rules by their first characters."""
    from .resources import _trie

    lx = lexicon()
    rules = load_rules()
    bodies, regexes = [], []
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        body = expand_macros(rule.pattern, lx.macros)
        try:
            regex, keys = _compile_with_keys(f"(?:{body})(?![\\w])", re.I)
        except re.error as e:  # name the broken rule: the file is edited by hand
            raise ValueError(f"timex rule {rule.name!r} has a bad pattern: {e}") from e
        regexes.append(regex)
        bodies.append(body)
        if "" in keys:
            raise ValueError(f"timex rule {rule.name!r} may match anywhere: give it a literal start")
        for k in keys:
            index.setdefault(k, []).append(i)
    pat = _trie(sorted({k[:GATE_LEN] for k in index})).replace("0", "[0-9]")
    # case-sensitive on purpose: find() runs the gate over the lower-cased text (faster)
    gate = re.compile(r"(?<![\w$£€¥#@])(?=" + pat + ")")
    keep = tuple(any(k == "split" for k, _ in r.attrs) or any(k.startswith("anchor") for k in rx.groupindex)
                 for r, rx in zip(rules, regexes, strict=True))
    leads = tuple(lead_words(r.pattern) for r in rules)
    needs = tuple(re.compile("|".join(re.escape(w.lower()) for w in dict(r.attrs)["needs"].split("|")))
                  if "needs" in dict(r.attrs) else None for r in rules)
    return Compiled(tuple(rules), tuple(bodies), tuple(regexes), {k: tuple(v) for k, v in index.items()}, gate, keep,
                    leads, needs)


#: how far after a candidate position a rule's `needs=` words are looked for (longer than any match)
NEEDS_REACH = 200

_LEAD_GROUP = re.compile(r"\(\?:((?:\(\?<=[^()\[\]]+\)\|?)+)\)(?![?*+]|\{[0-9])|(\(\?<=[^()\[\]]+\))(?![?*+]|\{[0-9])")
_LOOKBEHIND = re.compile(r"\(\?<=([^()\[\]]+)\)")


def lead_words(pattern: str) -> tuple[str, ...] | None:
    """The literal texts of the lookbehinds a rule's pattern opens on ("(?:(?<=within )|(?<=Within ))"
    -> ("within ",)), lower-cased, `\b` dropped: one of them must end right before any match. None
    when the pattern does not open on such lookbehinds."""
    m = _LEAD_GROUP.match(pattern)
    if m is None:
        return None
    words = []
    for lit in _LOOKBEHIND.findall(m.group(0)):
        lit = lit.replace("\\b", "")
        if "\\" in lit.replace("\\.", "") or any(ch in lit for ch in "|?*+{}^$"):
            return None  # more than a literal: no cheap test
        words.append(lit.replace("\\.", ".").lower())
    return tuple(sorted(set(words))) or None


def rule_regexes() -> tuple[re.Pattern[str], ...]:
    """Each rule compiled on its own, with the end-of-word guard."""
    return compiled().regexes


@lru_cache(maxsize=16384)
def _candidates(key: str) -> tuple[int, ...]:
    """Rules whose first characters fit the text at a position (all prefix lengths), in
    file order: the first that matches wins."""
    c = compiled()
    ids: set[int] = set()
    for n in range(1, len(key) + 1):
        ids.update(c.index.get(key[:n], ()))
    return tuple(sorted(ids))


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return norm_key(m.group(1)) if m else ""


def _word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end:end + 30])
    return norm_key(m.group(1)) if m else ""


_OPEN_QUOTES = frozenset('"“`\'')
#: a quoted title: two or more words, each capitalized (or a number, or a short function word), and
#: nothing but the closing quote (or a comma or stop before it) after them
_QUOTED_TITLE = re.compile(r"(?:[A-Z0-9][\w'’.&-]*)(?:\s+(?:[A-Z0-9][\w'’.&-]*|of|the|and|a|an|with|in|on|at|for|to))+"
                           r"[,.!?]?(?:\"|”|''|')")


def _quoted_title(text: str, start: int) -> bool:
    """Does a quotation opening right before `start` hold only a title ("This Week", "60 Minutes"), led
    by a possessive (a channel's "This Week") or a word that names a work (the film "Twelve Days")?"""
    if _QUOTED_TITLE.match(text, start, start + 80) is None:
        return False
    q = start - 1
    if q and text[q - 1] == text[q] and text[q] in "`'":  # ``...'' and ''...''
        q -= 1
    lead = text[max(0, q - 24):q].rstrip()
    return lead.endswith(("'s", "’s", "s'", "s’")) or _word_before(lead, len(lead)) in lexicon().title_leads


def _keep(hit_text: str, rule: Rule, text: str, start: int, end: int) -> bool:
    """Context guards kept as data (ambiguous.txt): modal 'may', 'March' the verb, counts."""
    lx = lexicon()
    key = norm_key(hit_text)
    if key in lx.never:
        return False
    if key in lx.never_last and f"{_word_before(text, start)} {key}" in lx.never:
        return False  # "high noon"
    if key in lx.era_days and text.startswith(("'s", "’s"), end) and _word_after(text, end + 2) in lx.era_nouns:
        return False  # "today's youth": an era, not a day
    if start and text[start - 1] in _OPEN_QUOTES and _quoted_title(text, start):
        return False  # a channel's "This Week": a programme's title
    if key in lx.ambiguous:
        before = _word_before(text, start)
        if before in lx.before_noun and hit_text[:1].isupper():  # "the March offensive"
            return _word_after(text, end) not in lx.not_before_noun
        return before in lx.ambiguous_before
    if ("guard", "year") in rule.attrs and (_word_after(text, end) in lx.not_after_year
                                or _word_before(text, start) in lx.not_before_year):
        return False
    return True


_KEY_TABLE = str.maketrans({**{str(d): "0" for d in range(10)}, "\t": " ", "\n": " ", "\r": " ",
                            "\u00a0": " ", "\f": " ", "\v": " "})


_RUNS = re.compile(r"\s{2,}")


def _key_at(low: str, pos: int) -> str:
    """Normalized first characters at `pos` of the lower-cased text: digits '0', white-space
    runs ' '."""
    reach = 2 * KEY_LEN
    while True:
        piece = low[pos:pos + reach]
        if not piece.isascii():
            piece = "".join(_norm_char(ch) for ch in piece)
        key = piece.translate(_KEY_TABLE)
        if "  " in key:
            key = _RUNS.sub(" ", key)
        # a long run of white space ("next \n\n \n\n Monday") may leave the key short: read on
        if len(key) >= KEY_LEN or pos + reach >= len(low):
            return key[:KEY_LEN]
        reach *= 2


def find(text: str) -> list[Hit]:
    """All rule matches in `text`, left to right, non-overlapping (first rule wins)."""
    c = compiled()
    regexes = rule_regexes()
    leads, needs = c.leads, c.needs
    hits: list[Hit] = []
    last_end = 0
    low = text.lower()
    if len(low) != len(text):  # a few letters change length when lower-cased ("İ")
        low = "".join(ch.lower()[:1] or ch for ch in text)
    for g in c.gate.finditer(low):
        pos = g.start()
        if pos < last_end:
            continue
        for rule_id in _candidates(_key_at(low, pos)):
            lead = leads[rule_id]
            if lead is not None and not low.endswith(lead, 0, pos):
                continue
            need = needs[rule_id]
            if need is not None and need.search(low, pos, pos + NEEDS_REACH) is None:
                continue
            m = regexes[rule_id].match(text, pos)
            if m is None:
                continue
            rule = c.rules[rule_id]
            start, end = m.span()
            if not _keep(m.group(0), rule, text, start, end):
                break
            hits.append(_hit(m, rule, c.keep_spans[rule_id]))
            last_end = end
            break
    return hits


def _hit(m: re.Match[str], rule: Rule, keep_spans: bool) -> Hit:
    present = [(k, v) for k, v in m.groupdict().items() if v is not None]
    spans = tuple((k, *m.span(k)) for k, _ in present) if keep_spans else ()
    return Hit(m.start(), m.end(), m.group(0), rule, tuple(present), spans)


def match_at(text: str, start: int, end: int) -> Hit | None:
    """The expression the rules read in text[start:end] (a part of a longer one: the anchor day of
    "2 weeks after yesterday"), matched in place so that its tense and context are the text's own.
    The first rule (file order) whose match ends exactly at `end` wins; None when none does."""
    c = compiled()
    low = text[start:start + 2 * KEY_LEN].lower()
    for rule_id in _candidates(_key_at(low, 0)):
        m = c.regexes[rule_id].match(text, start, end)
        if m is not None and m.end() == end:
            return _hit(m, c.rules[rule_id], c.keep_spans[rule_id])
    return None


@lru_cache(maxsize=256)
def find_cached(text: str) -> tuple[Hit, ...]:
    """`find` memoized by text. Why: the pipeline tags each paragraph twice when it must
    estimate the publication date (once without a reference date, once with it); the hits do
    not depend on the reference date, so the second pass only resolves. Hits are frozen."""
    return tuple(find(text))

