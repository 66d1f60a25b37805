"""Mentions -> happenings: the same event reported twice is stored once, every source kept.

Two levels, one rule. Two mentions are the same happening when they have the same event
type, their date ranges overlap, they share an actor (the same primary actor, or one's actor
is among the other's affiliations), their theaters agree, their locations do not contradict
each other, and their wording is similar (rapidfuzz token-set ratio of the sentences) or they
name the same target.

- `merge_article(events)`: inside one article (a headline claim repeated in the body, a
  caption repeating a paragraph); there, the same actor doing the same kind of thing on the same
  dated day, or one speaker's remarks of one day ("Trump said ... He added ..."), are one happening
  whatever their wording.
- `merge_frame(df)`: across the store. Blocked by (event_type, theater, month of date_start,
  actor), so only rows that could match are ever compared; inside a block, date overlap is a
  numpy broadcast and similarity one `rapidfuzz.process.cdist` call. Limits of the blocking:
  two reports of one happening whose start dates fall in different months, or whose primary
  actors differ (a person vs their state), are not merged across articles.

The merged event keeps the best-dated member (explicit before relative before narrative before
publication, then the narrowest precision) and the smallest member event_id, so the id is stable
however the rows arrive.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from loaders.models import EVENT_COLUMNS, Event

if TYPE_CHECKING:  # numpy/pandas only for merge_frame: worker processes that merge articles never load them
    import numpy as np
    import pandas as pd

#: sentences at least this similar (0-100, token-set ratio) may report the same happening
SIMILARITY = 60
#: blocks larger than this are compared in chunks (memory of the similarity matrix)
CHUNK = 2000
_BASIS_RANK = {"explicit": 0, "relative": 1, "narrative": 2, "publication": 3}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "quarter": 4, "season": 4, "year": 5,
                   "decade": 6, "unknown": 7}


def _date_rank(basis: str, precision: str) -> tuple[int, int]:
    return _BASIS_RANK.get((basis or "").split("+")[0], 4), _PRECISION_RANK.get(precision or "unknown", 7)


# --- inside one article ---------------------------------------------------------------------------
def _same_happening(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type:
        return False
    if not (a.actor == b.actor or (a.actor and a.actor in b.actors) or (b.actor and b.actor in a.actors)):
        return False
    if a.theater and b.theater and a.theater != b.theater:
        return False
    if a.location != b.location and a.location != a.theater and b.location != b.theater:
        return False
    if a.date_start and b.date_start and a.date_end and b.date_end:
        if a.date_start > b.date_end or b.date_start > a.date_end:
            return False
    if a.target and a.target == b.target:
        return True
    if _same_dated_day(a, b) or _same_speaker_day(a, b):
        return True
    return fuzz.token_set_ratio(a.sentence, b.sentence) >= SIMILARITY


#: voiced types: a speaker's statements, threats or appeals of one day in one article are one occasion
VOICED = frozenset({"Statement", "Appeal", "Threat/warning"})


def _same_speaker_day(a: Event, b: Event) -> bool:
    """Inside one article, "Trump said ... He added ..." on the same day is one statement told in two sentences
    (its sources keep both), whatever dated it."""
    return a.event_type in VOICED and bool(a.actor) and a.actor == b.actor and bool(a.date_start) \
        and a.date_start == b.date_start and a.date_end == b.date_end


def _dated(e: Event) -> bool:
    return bool(e.date_start) and (e.date_basis or "").split("+")[0] != "publication"


def _same_dated_day(a: Event, b: Event) -> bool:
    """Inside one article, the same actor doing the same kind of thing in the same theater on the same dated
    interval is one happening told twice ("US strikes hit Sanaa on Saturday ... The strikes on Saturday
    also hit ..."); undated mentions (publication date) are not linked this way."""
    return _dated(a) and _dated(b) and a.date_start == b.date_start and a.date_end == b.date_end \
        and a.actor == b.actor and bool(a.actor)


def _combine(members: Sequence[Event]) -> Event:
    best = min(members, key=lambda e: (*_date_rank(e.date_basis, e.date_precision), e.paragraph_index < 0,
                                       e.paragraph_index))
    sources, seen = [], set()
    for e in members:
        for s in e.sources:
            key = (s.get("article_id", ""), s.get("sentence", ""))
            if key not in seen:
                seen.add(key)
                sources.append(s)
    actors = list(best.actors)
    for e in members:
        actors += [a for a in e.actors if a not in actors]
    target = best.target or next((e.target for e in members if e.target), "")
    event_id = min(e.event_id for e in members)
    if (event_id == best.event_id and target == best.target and len(sources) == best.n_sources
            and tuple(actors) == best.actors and tuple(sources) == best.sources):
        return best  # nothing to combine (the usual one-mention happening): skip the dataclass copy
    return dataclasses.replace(best, event_id=event_id, actors=tuple(actors),
                               target=target, sources=tuple(sources), n_sources=len(sources))


def happening_groups(events: Sequence[Event]) -> list[int]:
    """For each event of one article, the index of the first event of its happening."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        a = events[i]
        for j in range(i + 1, len(events)):
            if a.event_type == events[j].event_type and _same_happening(a, events[j]):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(len(events))]


def merge_article(events: list[Event]) -> list[Event]:
    """Events of one article -> one per happening (order of first mention kept)."""
    if len(events) < 2:
        return list(events)
    groups: dict[int, list[Event]] = {}
    for e, root in zip(events, happening_groups(events), strict=True):
        groups.setdefault(root, []).append(e)
    return [_combine(members) for _, members in sorted(groups.items())]


# --- across the store ------------------------------------------------------------------------------
def _block_pairs(starts: np.ndarray, ends: np.ndarray, sentences: list[str], targets: np.ndarray,
                 locations: np.ndarray, theaters: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, inside one block that report the same happening."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy

    n = len(sentences)
    pairs: list[tuple[int, int]] = []
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        overlap = (starts[lo:hi, None] <= ends[None, :]) & (starts[None, :] <= ends[lo:hi, None])
        loc_ok = (locations[lo:hi, None] == locations[None, :]) | (locations[lo:hi, None] == theaters[lo:hi, None]) \
            | (locations[None, :] == theaters[None, :])
        same_target = (targets[lo:hi, None] == targets[None, :]) & (targets[lo:hi, None] != "")
        sim = process.cdist(sentences[lo:hi], sentences, scorer=fuzz.token_set_ratio,
                            score_cutoff=SIMILARITY, dtype=np.uint8)
        ok = overlap & loc_ok & ((sim >= SIMILARITY) | same_target)
        ii, jj = np.nonzero(ok)
        ii = ii + lo
        keep = ii < jj
        pairs.extend(zip(ii[keep].tolist(), jj[keep].tolist(), strict=True))
    return pairs


#: blocks up to this size are compared through one vectorised list of candidate pairs; larger ones by cdist
SMALL_BLOCK = 256


def _small_block_pairs(order: np.ndarray, block_start: np.ndarray, block_size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j), i before j, inside each small block, as two aligned index arrays (row positions)."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy

    # position p inside the sorted order pairs with every later position of its block
    pos = np.arange(len(order))
    block_of = np.repeat(np.arange(len(block_start)), block_size)
    small = block_size[block_of] <= SMALL_BLOCK
    later = (block_start[block_of] + block_size[block_of]) - pos - 1
    counts = np.where(small, later, 0)
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    first = np.repeat(pos, counts)
    step = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    second = first + 1 + step
    return order[first], order[second]


def merge_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Store rows (EVENT_COLUMNS; `actors`, `sources` lists) -> one row per happening."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy
    import pandas as pd

    if len(df) < 2:
        return df.copy()
    df = df.reset_index(drop=True)
    n = len(df)
    start = pd.to_datetime(df["date_start"], errors="coerce")
    end = pd.to_datetime(df["date_end"], errors="coerce")
    # unknown dates overlap everything inside their block
    # NaT reads as the smallest int64 (a start before everything); an unknown end becomes the largest
    starts = start.to_numpy(dtype="datetime64[ns]").astype(np.int64)
    end_ns = end.to_numpy(dtype="datetime64[ns]")
    ends = np.where(np.isnat(end_ns), np.iinfo(np.int64).max, end_ns.astype(np.int64))
    month = start.dt.strftime("%Y-%m").fillna("")
    key = (df["event_type"].astype(str) + "\x1f" + df["theater"].fillna("").astype(str) + "\x1f" + month
           + "\x1f" + df["actor"].fillna("").astype(str))
    codes, _ = pd.factorize(key, sort=False)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    block_start = np.concatenate([[0], bounds])
    block_size = np.diff(np.concatenate([block_start, [n]]))
    sentences = df["sentence"].fillna("").astype(str).to_numpy()
    targets = df["target"].fillna("").astype(str).to_numpy()
    locations = df["location"].fillna("").astype(str).to_numpy()
    theaters = df["theater"].fillna("").astype(str).to_numpy()

    # small blocks: candidate pairs filtered by dates and places first, wording compared last
    a, b = _small_block_pairs(order, block_start, block_size)
    keep = (starts[a] <= ends[b]) & (starts[b] <= ends[a])
    keep &= (locations[a] == locations[b]) | (locations[a] == theaters[a]) | (locations[b] == theaters[b])
    a, b = a[keep], b[keep]
    same_target = (targets[a] == targets[b]) & (targets[a] != "")
    linked = same_target.copy()
    ask = ~same_target
    if ask.any():
        sim = process.cpdist(sentences[a[ask]].tolist(), sentences[b[ask]].tolist(), scorer=fuzz.token_set_ratio,
                             score_cutoff=SIMILARITY, dtype=np.uint8)
        linked[ask] = sim >= SIMILARITY
    pairs_a, pairs_b = a[linked].tolist(), b[linked].tolist()
    # large blocks: chunked similarity matrices
    for bs, size in zip(block_start.tolist(), block_size.tolist(), strict=True):
        if size <= SMALL_BLOCK:
            continue
        block = order[bs:bs + size]
        for i, j in _block_pairs(starts[block], ends[block], sentences[block].tolist(), targets[block],
                                 locations[block], theaters[block]):
            pairs_a.append(int(block[i]))
            pairs_b.append(int(block[j]))
    if not pairs_a:
        out = df.copy()
        out["n_sources"] = [len(s) if isinstance(s, list | tuple | np.ndarray) else 1 for s in df["sources"]]
        return out
    roots = _components(n, np.asarray(pairs_a, dtype=np.int64), np.asarray(pairs_b, dtype=np.int64))
    return _collapse(df, roots)


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the pair graph: each row's label is the smallest row in its group."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy

    labels = np.arange(n)
    while True:
        m = np.minimum(labels[a], labels[b])
        np.minimum.at(labels, a, m)
        np.minimum.at(labels, b, m)
        jumped = labels[labels]
        while not np.array_equal(jumped, labels):  # pointer jumping
            labels = jumped
            jumped = labels[labels]
        if np.array_equal(labels[a], labels[b]):
            return labels


def _rank(col: pd.Series, table: dict[str, int], default: int, base: bool = False) -> np.ndarray:
    values = col.fillna("").astype(str)
    uniq = values.unique()
    mapping = {u: table.get(u.split("+")[0] if base else u, default) for u in uniq}
    return values.map(mapping).to_numpy()


def _collapse(df: pd.DataFrame, roots: np.ndarray) -> pd.DataFrame:
    """One row per root: best-dated member's fields, smallest id, concatenated sources."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy

    n = len(df)
    basis = _rank(df["date_basis"], _BASIS_RANK, 4, base=True)
    prec = _rank(df["date_precision"], _PRECISION_RANK, 7)
    pos = np.arange(n)
    order = np.lexsort((pos, prec, basis, roots))
    first = np.ones(n, dtype=bool)
    first[1:] = roots[order][1:] != roots[order][:-1]
    best = order[first]
    out = df.iloc[best].copy()
    ids = df["event_id"].astype(str).to_numpy()
    id_order = np.lexsort((ids, roots))
    firsts = np.ones(n, dtype=bool)
    firsts[1:] = roots[id_order][1:] != roots[id_order][:-1]
    min_id = dict(zip(roots[id_order][firsts].tolist(), ids[id_order][firsts].tolist(), strict=True))
    out["event_id"] = [min_id[r] for r in roots[best].tolist()]
    sizes = np.bincount(roots, minlength=n)
    sources_col, actors_col = df["sources"].to_numpy(), df["actors"].to_numpy()
    new_sources = list(sources_col[best])
    new_actors = list(actors_col[best])
    multi = np.flatnonzero(sizes[roots[best]] > 1)
    if len(multi):
        members: dict[int, list[int]] = {}
        for p in np.flatnonzero(sizes[roots] > 1).tolist():
            members.setdefault(int(roots[p]), []).append(p)
        for k in multi.tolist():
            root = int(roots[best[k]])
            srcs: list = []
            acts = list(actors_col[best[k]] if actors_col[best[k]] is not None else [])
            for m in members[root]:
                srcs.extend(list(sources_col[m]) if sources_col[m] is not None else [])
                acts.extend(x for x in (actors_col[m] if actors_col[m] is not None else []) if x not in acts)
            new_sources[k] = srcs
            new_actors[k] = acts
    out["sources"] = new_sources
    out["actors"] = new_actors
    out["n_sources"] = [len(x) if x is not None else 0 for x in new_sources]
    cols = [c for c in EVENT_COLUMNS if c in out.columns] + [c for c in out.columns if c not in EVENT_COLUMNS]
    return out[cols].reset_index(drop=True)
