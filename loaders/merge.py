"""Mentions -> happenings: the same event reported twice is stored once, every source kept.

Two levels, one rule. Two mentions are the same happening when they have the same event
type, their date ranges overlap, they share an actor (the same primary actor, or one's actor
is among the other's affiliations; inside an article, or at one named place, one side may be
unknown), their theaters agree, their finest places are compatible (the same place, or one
contains the other: "Gaza City" and "Gaza City - Sheikh Radwan"; two different towns,
neighbourhoods or camps never merge), and either their wording is similar (rapidfuzz
token-set ratio of the sentences), they name the same target, or they happened on the same day
at the same named place (a restatement in other words). Meetings with two different counterparts are two
meetings (rules/event_types.yaml `counterpart_types`), even when a mention naming none joins them.

- `merge_article(events)`: inside one article (a headline claim repeated in the body, a
  caption repeating a paragraph); there, the same actor doing the same kind of thing on the same
  dated day in the same theater, or one speaker's remarks of one day ("Trump said ... He added ..."),
  are one happening whatever their wording (a mention with no place joins a placed one only by its
  target or wording). A merged happening keeps the place any of its mentions told.
- `merge_frame(df)`: across the store. Blocked by (event_type, theater, month of date_start,
  actor), so only rows that could match are ever compared; inside a block, date overlap is a
  numpy broadcast and similarity one `rapidfuzz.process.cdist` call. Actors are blocked by their
  top-level affiliation (an organ and its state, a minister and their state share a block).
  Limit of the blocking: two reports of one happening whose start dates fall in different months
  are not merged across articles.

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
from loaders.rulefiles import rule_yaml

if TYPE_CHECKING:  # numpy/pandas only for merge_frame: worker processes that merge articles never load them
    import numpy as np
    import pandas as pd

#: sentences at least this similar (0-100, token-set ratio) may report the same happening
SIMILARITY = 60
#: blocks larger than this are compared in chunks (memory of the similarity matrix)
CHUNK = 2000
#: types whose counterpart (target) identifies the happening (rules/event_types.yaml)
COUNTERPART_TYPES = frozenset(rule_yaml("event_types.yaml", strings=True)["counterpart_types"])
_BASIS_RANK = {"explicit": 0, "relative": 1, "narrative": 2, "publication": 3}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "quarter": 4, "season": 4, "year": 5,
                   "decade": 6, "unknown": 7}


def _date_rank(basis: str, precision: str) -> tuple[int, int]:
    return _BASIS_RANK.get((basis or "").split("+")[0], 4), _PRECISION_RANK.get(precision or "unknown", 7)


# --- places --------------------------------------------------------------------------------------
def location_parent(location: str) -> str:
    """"Gaza City - Sheikh Radwan" -> "Gaza City" (ACLED's "place - finer place" form), else ""."""
    return location.split(" - ", 1)[0].strip() if " - " in location else ""


def places_compatible(loc_a: str, theater_a: str, loc_b: str, theater_b: str) -> bool:
    """Whether two mentions can have happened at the same place: the same theater, and the same finest place,
    or one only known at its theater's level, or one containing the other."""
    if theater_a and theater_b and theater_a != theater_b:
        return False
    if loc_a == loc_b or not loc_a or not loc_b or loc_a == theater_a or loc_b == theater_b:
        return True
    return location_parent(loc_a) == loc_b or location_parent(loc_b) == loc_a


def split_by_place(labels: list[int], locations: list[str], theaters: list[str]) -> list[int]:
    """Undo merges that joined different places through a coarser mention: a group whose finest places are
    several ("Gaza City - Sheikh Radwan" and "Gaza City - Tal el Hawa", both joined through "Gaza City") is
    split into one group per finest place; a coarser member that could be any of them stays a group of its
    own (an analyst's counts may not shrink). Labels are the smallest member index of each group, as
    `happening_groups` and `merge_frame` use them."""
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    out = list(labels)
    for group in members.values():
        specific = {locations[i] for i in group if locations[i] and locations[i] != theaters[i]}
        if len(specific) < 2:
            continue
        leaves = sorted((x for x in specific if not any(location_parent(y) == x for y in specific)),
                        key=lambda x: min(i for i in group if locations[i] == x))
        if len(leaves) < 2:
            continue
        first_of = {leaf: min(i for i in group if locations[i] == leaf) for leaf in leaves}
        coarse: list[int] = []
        for i in group:
            inside = [lf for lf in leaves if lf == locations[i] or location_parent(lf) == locations[i]
                      or location_parent(locations[i]) == lf]
            if len(inside) == 1:
                out[i] = first_of[inside[0]]
            else:
                coarse.append(i)
        for i in coarse:
            out[i] = min(coarse)
        for head in list(first_of.values()):  # each new group is labelled by its smallest member
            rows = [i for i in group if out[i] == head]
            for i in rows:
                out[i] = min(rows)
    return out


def _specific(e: Event) -> bool:
    return bool(e.location) and e.location != e.theater


def split_by_counterpart(labels: list[int], targets: list[str], types: list[str]) -> list[int]:
    """Undo merges that joined meetings with different counterparts through a mention naming none: each
    counterpart keeps a group of its own, the mentions naming none stay together. Labels as in `split_by_place`."""
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    out = list(labels)
    for group in members.values():
        if types[group[0]] not in COUNTERPART_TYPES or len({targets[i] for i in group if targets[i]}) < 2:
            continue
        for i in group:
            out[i] = min(j for j in group if targets[j] == targets[i])
    return out


# --- inside one article ---------------------------------------------------------------------------
def _other_counterparts(a: Event, b: Event) -> bool:
    """Meetings with two different people are two meetings."""
    return a.event_type in COUNTERPART_TYPES and bool(a.target) and bool(b.target) and a.target != b.target


def _same_happening(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or _other_counterparts(a, b):
        return False
    if not (a.actor == b.actor or (a.actor and a.actor in b.actors) or (b.actor and b.actor in a.actors)
            or not a.actor or not b.actor):
        return False
    if a.event_type in VOICED and a.actors[:1] and b.actors[:1] and a.actors[:1] != b.actors[:1]:
        return False  # "Israel declared ..." and "Netanyahu said ...": two speakers of one side, two statements
    if not places_compatible(a.location, a.theater, b.location, b.theater):
        return False
    if (not a.actor or not b.actor) and a.actor != b.actor and not (_specific(a) and a.location == b.location):
        return False  # an unnamed actor joins a named one only at the same named place
    if a.date_start and b.date_start and a.date_end and b.date_end:
        if a.date_start > b.date_end or b.date_start > a.date_end:
            return False
    if a.target and a.target == b.target:
        return True
    if _same_dated_day(a, b) or _same_speaker_day(a, b) or _same_place_day(a, b):
        return True
    return fuzz.token_set_ratio(a.sentence, b.sentence) >= SIMILARITY


def _same_place_day(a: Event, b: Event) -> bool:
    """The same kind of happening on the same day at the same named place (finer than its theater), by the
    same actor or an unnamed one: one happening told in other words."""
    return _specific(a) and a.location == b.location and _dated(a) and _dated(b) \
        and a.date_start == b.date_start and a.date_end == b.date_end


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
        and a.actor == b.actor and bool(a.actor) and bool(a.theater) and a.theater == b.theater
    # (an unplaced mention is no retelling of a placed one by this rule alone: a day's timeline lists
    # several strikes by one actor, some without a place)


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
    placed = best if best.location else next((e for e in members if e.location), best)  # a place told once stays
    if (event_id == best.event_id and target == best.target and len(sources) == best.n_sources
            and tuple(actors) == best.actors and tuple(sources) == best.sources and placed is best):
        return best  # nothing to combine (the usual one-mention happening): skip the dataclass copy
    return dataclasses.replace(best, event_id=event_id, actors=tuple(actors),
                               target=target, sources=tuple(sources), n_sources=len(sources),
                               location=placed.location, theater=placed.theater, latitude=placed.latitude,
                               longitude=placed.longitude)


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
    by_place = split_by_place([find(i) for i in range(len(events))], [e.location for e in events],
                              [e.theater for e in events])
    return split_by_counterpart(by_place, [e.target for e in events], [e.event_type for e in events])


def merge_article(events: list[Event]) -> list[Event]:
    """Events of one article -> one per happening (order of first mention kept)."""
    if len(events) < 2:
        return list(events)
    groups: dict[int, list[Event]] = {}
    for e, root in zip(events, happening_groups(events), strict=True):
        groups.setdefault(root, []).append(e)
    return [_combine(members) for _, members in sorted(groups.items())]


# --- across the store ------------------------------------------------------------------------------
def top_actor(actors: pd.Series) -> pd.Series:
    """Each actor's top-level affiliation ("Russian Armed Forces" -> Russia, "Yoav Gallant" -> Israel), so
    reports naming an organ in one article and its state in another fall in one block."""
    from loaders.actors import actor_table

    table = actor_table()
    top = {a: (table.affiliations(a)[-1] if table.affiliations(a) else a) for a in actors.unique()}
    return actors.map(top)


def _unnamed_pairs(df: pd.DataFrame, locations: np.ndarray, theaters: np.ndarray, day_start: np.ndarray,
                   day_end: np.ndarray) -> tuple[list[int], list[int]]:
    """Rows with no actor paired with rows of the same type, named place (finer than its theater) and days:
    a hash join, so it stays linear however large the store."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy
    import pandas as pd

    actors = df["actor"].fillna("").astype(str).to_numpy()
    dated = ~df["date_basis"].fillna("publication").astype(str).str.startswith("publication").to_numpy()
    specific = (locations != "") & (locations != theaters) & dated
    frame = pd.DataFrame({"row": np.arange(len(df)), "t": df["event_type"].astype(str).to_numpy(),
                          "loc": locations, "s": day_start, "e": day_end, "named": actors != ""})[specific]
    if frame.empty or frame["named"].all() or not frame["named"].any():
        return [], []
    joined = frame[~frame["named"]].merge(frame[frame["named"]], on=["t", "loc", "s", "e"])
    return joined["row_x"].astype(int).tolist(), joined["row_y"].astype(int).tolist()


def _block_pairs(starts: np.ndarray, ends: np.ndarray, sentences: list[str], targets: np.ndarray,
                 locations: np.ndarray, theaters: np.ndarray, parents: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, inside one block that report the same happening."""
    import numpy as np  # here, not at the top: the per-article pipeline never needs numpy

    n = len(sentences)
    pairs: list[tuple[int, int]] = []
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        overlap = (starts[lo:hi, None] <= ends[None, :]) & (starts[None, :] <= ends[lo:hi, None])
        loc_ok = (locations[lo:hi, None] == locations[None, :]) | (locations[lo:hi, None] == theaters[lo:hi, None]) \
            | (locations[None, :] == theaters[None, :]) | (locations[lo:hi, None] == "") | (locations[None, :] == "") \
            | (parents[lo:hi, None] == locations[None, :]) | (parents[None, :] == locations[lo:hi, None])
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
           + "\x1f" + top_actor(df["actor"].fillna("").astype(str)))
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
    parents = np.array([location_parent(x) for x in locations], dtype=object)
    dated = ~df["date_basis"].fillna("publication").astype(str).str.startswith("publication").to_numpy()
    day_start = start.dt.normalize().to_numpy(dtype="datetime64[ns]").astype(np.int64)
    day_end = end.dt.normalize().to_numpy(dtype="datetime64[ns]").astype(np.int64)

    def compatible(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((locations[a] == locations[b]) | (locations[a] == theaters[a]) | (locations[b] == theaters[b])
                | (locations[a] == "") | (locations[b] == "") | (parents[a] == locations[b])
                | (parents[b] == locations[a]))

    def same_place_day(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((locations[a] == locations[b]) & (locations[a] != theaters[a]) & (locations[a] != "")
                & (day_start[a] == day_start[b]) & (day_end[a] == day_end[b]) & dated[a] & dated[b])

    # small blocks: candidate pairs filtered by dates and places first, wording compared last
    counterpart = df["event_type"].astype(str).isin(COUNTERPART_TYPES).to_numpy()

    def other_counterparts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return counterpart[a] & (targets[a] != "") & (targets[b] != "") & (targets[a] != targets[b])

    a, b = _small_block_pairs(order, block_start, block_size)
    keep = (starts[a] <= ends[b]) & (starts[b] <= ends[a])
    keep &= compatible(a, b) & ~other_counterparts(a, b)
    a, b = a[keep], b[keep]
    same_target = (targets[a] == targets[b]) & (targets[a] != "")
    linked = same_target | same_place_day(a, b)
    ask = ~linked
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
                                 locations[block], theaters[block], parents[block]):
            pairs_a.append(int(block[i]))
            pairs_b.append(int(block[j]))
    # an unnamed actor joins a named one of the same type and place on the same day (a restatement)
    ua, ub = _unnamed_pairs(df, locations, theaters, day_start, day_end)
    pairs_a += ua
    pairs_b += ub
    if pairs_a and counterpart.any():
        pa, pb = np.asarray(pairs_a, dtype=np.int64), np.asarray(pairs_b, dtype=np.int64)
        ok = ~other_counterparts(pa, pb)
        pairs_a, pairs_b = pa[ok].tolist(), pb[ok].tolist()
    if not pairs_a:
        out = df.copy()
        out["n_sources"] = [len(s) if isinstance(s, list | tuple | np.ndarray) else 1 for s in df["sources"]]
        return out
    roots = _components(n, np.asarray(pairs_a, dtype=np.int64), np.asarray(pairs_b, dtype=np.int64))
    merged = np.flatnonzero(np.bincount(roots, minlength=n)[roots] > 1)
    if len(merged):  # split groups that joined different places through a coarser mention
        first: dict[int, int] = {}
        labels = [first.setdefault(int(r), k) for k, r in enumerate(roots[merged].tolist())]
        sub = split_by_place(labels, locations[merged].tolist(), theaters[merged].tolist())
        sub = split_by_counterpart(sub, targets[merged].tolist(), df["event_type"].astype(str).to_numpy()[merged].tolist())
        roots[merged] = merged[np.asarray(sub, dtype=np.int64)]
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
