"""Synthetic news articles (raw pasted layout or JSONL) and synthetic events, for benchmarks.

Why synthetic: the scale targets (10,000 and 100,000 articles) need corpora far larger
than anything we can ship, and they must be reproducible (seeded). The text imitates
what analysts paste: a title, photo captions printed twice with a credit, page furniture
("TT", a number), the title again, 300-900 words in paragraphs with subheadings, and
both absolute ("on March 18", "in October 2023") and relative ("on Sunday", "last week")
dates. Actors and places come from the project's own tables (loaders/rules/actors.csv
and places.csv, read by their documented header), with a small built-in fallback when
a table is missing, so the extractor meets the names it knows.

    python benchmarks/generate_corpus.py --n 1000 --seed 7 --format raw --out /tmp/corpus
    python benchmarks/generate_corpus.py --n 1000 --format jsonl --out /tmp/corpus --per-file 500
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "loaders" / "rules"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

FALLBACK_ACTORS = {
    "state": ["United States", "Israel", "Iran", "Iraq", "Yemen", "Lebanon", "Syria", "Qatar", "Egypt"],
    "armed group": ["Houthis", "Hamas", "Hezbollah", "Kataib Hezbollah", "Islamic Jihad"],
    "person": ["Benjamin Netanyahu", "Esmail Qaani", "Abdel Malik al-Houthi", "Naim Qassem"],
}
FALLBACK_PLACES = {
    "Yemen": ["Sanaa", "Hodeidah", "Saada", "Marib"], "Gaza Strip": ["Khan Younis", "Rafah", "Gaza City"],
    "Lebanon": ["Beirut", "Tyre", "Nabatieh"], "Iraq": ["Baghdad", "Erbil", "Anbar"],
    "Syria": ["Damascus", "Aleppo", "Deir ez-Zor"], "Red Sea": ["Bab el-Mandeb"], "Iran": ["Tehran", "Isfahan"],
}
OUTLETS = ("Reuters", "AFP", "AP", "Anadolu", "Xinhua", "EPA")
PHOTOGRAPHERS = ("Omar Haj Kadour", "Mahmud Hams", "Ahmad Gharabli", "Jack Guez", "Said Khatib", "Amir Levy")


def _comment_free(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def load_actors(path: Path = RULES / "actors.csv") -> dict[str, list[str]]:
    """kind -> canonical names, from actors.csv (FORMAT: canonical,kind,affiliations,home_theater,aliases)."""
    try:
        rows = list(csv.DictReader(_comment_free(path)))
    except (OSError, csv.Error):
        return FALLBACK_ACTORS
    out: dict[str, list[str]] = {}
    for row in rows:
        kind, name = (row.get("kind") or "").strip(), (row.get("canonical") or "").strip()
        if name and kind and kind != "media":
            out.setdefault(kind, []).append(name)
    if not out.get("state") or not (out.get("armed group") or out.get("person")):
        return FALLBACK_ACTORS
    return out


def load_places(path: Path = RULES / "places.csv") -> dict[str, list[str]]:
    """theater -> place names below it, from places.csv (FORMAT: name,kind,theater,latitude,longitude,...)."""
    try:
        rows = list(csv.DictReader(_comment_free(path)))
    except (OSError, csv.Error):
        return FALLBACK_PLACES
    out: dict[str, list[str]] = {}
    for row in rows:
        name, kind, theater = (row.get("name") or "").strip(), (row.get("kind") or "").strip(), \
            (row.get("theater") or "").strip()
        if name and theater and kind in ("city", "district", "province", "base", "landmark", "region"):
            out.setdefault(theater, []).append(name)
    return out or FALLBACK_PLACES


# --- sentence material (our own wording) --------------------------------------------------
STRIKE_VERBS = ("struck", "bombed", "shelled", "pounded", "carried out airstrikes on", "launched drones at",
                "fired missiles at", "raided")
FACILITIES = ("a weapons depot", "a command center", "a radar site", "a training camp", "a fuel storage site",
              "a residential building", "a port facility", "a military airport", "a checkpoint")
TOPICS = ("the prisoner exchange", "a ceasefire proposal", "shipping security in the Red Sea", "reconstruction aid",
          "the withdrawal of foreign troops", "humanitarian corridors", "border security", "sanctions relief")
REPORTERS = ("officials said", "a military spokesman said", "local media reported", "witnesses told reporters",
             "the ministry said in a statement", "security sources said", "state television reported")
FILLERS = (
    "Analysts said the escalation raised fears that the conflict could spread across the region.",
    "The claims could not be independently verified.",
    "Diplomats have been trying for months to find a formula acceptable to both sides.",
    "Residents described a night of heavy explosions and said power was cut in several neighborhoods.",
    "The United Nations has repeatedly warned of a humanitarian catastrophe.",
    "Officials declined to give details about casualties, citing the ongoing operation.",
    "Markets reacted nervously, with oil prices rising in early trading.",
    "The statement gave no further details about the timing of the next round of talks.",
    "Aid groups said access to the area remained severely restricted.",
    "Several families have fled the area since the fighting intensified.",
)
SUBHEADINGS = ("Regional fallout", "Diplomatic push", "Humanitarian toll", "Pressure mounts", "Military buildup",
               "Talks stall", "Warnings ignored", "Shipping disrupted")


@dataclass(frozen=True)
class SyntheticArticle:
    title: str
    captions: tuple[str, ...]
    paragraphs: tuple[str, ...]  # subheadings included, as single short lines
    subheadings: tuple[str, ...]
    published: dt.date
    url: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class ArticleFactory:
    """Builds one article at a time from a seeded random generator."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        actors = load_actors()
        self.states = actors.get("state") or FALLBACK_ACTORS["state"]
        self.groups = actors.get("armed group") or FALLBACK_ACTORS["armed group"]
        self.people = actors.get("person") or FALLBACK_ACTORS["person"]
        places = load_places()
        self.theaters = sorted(places)
        self.places = places

    # -- pieces --------------------------------------------------------------------------------
    def _party(self) -> str:
        r = self.rng.random()
        pool = self.states if r < 0.45 else self.groups if r < 0.85 else self.people
        return self.rng.choice(pool)

    def _place(self) -> tuple[str, str]:
        theater = self.rng.choice(self.theaters)
        return theater, self.rng.choice(self.places[theater])

    def _date_phrase(self, published: dt.date) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.30:
            back = rng.randint(1, 6)
            return f"on {WEEKDAYS[(published - dt.timedelta(days=back)).weekday()]}"
        if r < 0.45:
            return rng.choice(("last week", "earlier this month", "on Monday night", "this week", "yesterday",
                               "two days ago", "late last month", "over the weekend"))
        day = published - dt.timedelta(days=rng.randint(0, 90))
        if r < 0.65:
            return f"on {MONTHS[day.month - 1]} {day.day}"
        if r < 0.75:
            return f"on {MONTH_ABBR[day.month - 1]} {day.day}, {day.year}"
        if r < 0.85:
            return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
        if r < 0.93:
            return f"in {MONTHS[day.month - 1]} {day.year}"
        end = day + dt.timedelta(days=rng.randint(2, 6))
        return f"between {MONTHS[day.month - 1]} {day.day} and {end.day}" if end.month == day.month \
            else f"in early {MONTHS[end.month - 1]}"

    def _event_sentence(self, published: dt.date) -> str:
        rng = self.rng
        a, b = self._party(), self._party()
        while b == a:
            b = self._party()
        theater, place = self._place()
        when = self._date_phrase(published)
        kind = rng.randrange(9)
        if kind == 0:
            return f"{a} {rng.choice(STRIKE_VERBS)} {b} positions in {place} {when}, {rng.choice(REPORTERS)}."
        if kind == 1:
            n = rng.randint(2, 40)
            return (f"At least {n} people were killed when {a} {rng.choice(STRIKE_VERBS)} "
                    f"{rng.choice(FACILITIES)} near {place} {when}, {rng.choice(REPORTERS)}.")
        if kind == 2:
            return f"{a} warned {b} {when} against any attack on {theater}, saying it would respond with force."
        if kind == 3:
            return f"{a} met representatives of {b} in {place} {when} to discuss {rng.choice(TOPICS)}."
        if kind == 4:
            return f"{a} said it had intercepted {rng.randint(2, 30)} drones launched from {place} {when}."
        if kind == 5:
            return f"Thousands of people protested in {place} {when} against {rng.choice(TOPICS)}."
        if kind == 6:
            return f"{a} and {b} agreed {when} to a ceasefire in {theater}, mediators said."
        if kind == 7:
            return f"{a} called on {b} {when} to halt its operations in {theater}."
        return f"{a} deployed additional forces to {place} {when}, {rng.choice(REPORTERS)}."

    def _quote(self) -> str:
        a = self._party()
        phrase = self.rng.choice(("We will not allow this aggression to go unanswered",
                                  "The door to negotiations remains open",
                                  "Any escalation will be met with a firm response",
                                  "Our priority is the safety of civilians"))
        return f"“{phrase},” a spokesman for {a} said."

    def _paragraph(self, published: dt.date) -> str:
        rng = self.rng
        parts = [self._event_sentence(published)]
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            parts.append(self._event_sentence(published) if r < 0.45 else self._quote() if r < 0.6
                         else rng.choice(FILLERS))
        return " ".join(parts)

    def _caption(self, published: dt.date) -> str:
        theater, place = self._place()
        credit = self.rng.choice((f"({self.rng.choice(OUTLETS)} file)",
                                  f"(Photo by {self.rng.choice(PHOTOGRAPHERS).upper()} / {self.rng.choice(OUTLETS)})",
                                  f"({self.rng.choice(OUTLETS)})"))
        day = published - dt.timedelta(days=self.rng.randint(0, 3))
        return (f"Smoke rises over {place} after a strike in {theater} on {MONTHS[day.month - 1]} {day.day}, "
                f"{day.year}. {credit}")

    # -- the article ------------------------------------------------------------------------------
    def article(self, i: int) -> SyntheticArticle:
        rng = self.rng
        start = dt.date(2023, 10, 1)
        published = start + dt.timedelta(days=rng.randrange(820))
        a, b = self._party(), self._party()
        _, place = self._place()
        title = rng.choice((f"{a} Strikes {b} Targets Near {place}", f"{a} Warns {b} After Attacks in {place}",
                            f"Talks Between {a} and {b} Resume as Fighting Continues",
                            f"{a} Says It Will Respond to {b} Escalation"))
        words_wanted = rng.randint(300, 900)
        paragraphs: list[str] = []
        subheadings: list[str] = []
        words = 0
        while words < words_wanted:
            if paragraphs and len(paragraphs) % 5 == 0 and rng.random() < 0.7:
                sub = rng.choice(SUBHEADINGS)
                if sub not in subheadings and words + len(sub.split()) <= 900:
                    subheadings.append(sub)
                    paragraphs.append(sub)
                    words += len(sub.split())
                    continue
            p = self._paragraph(published)
            n_words = len(p.split())
            if words + n_words > 900 and words >= 300:
                break
            paragraphs.append(p)
            words += n_words
        captions = tuple(self._caption(published) for _ in range(rng.choice((1, 1, 2))))
        slug = hashlib.sha1(f"{i}-{title}".encode()).hexdigest()[:10]
        return SyntheticArticle(title, captions, tuple(paragraphs), tuple(subheadings), published,
                                f"https://news.example.org/{published:%Y/%m/%d}/{slug}")


def generate(n: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    """n articles, the same ones for the same seed (streamed: any n fits in memory)."""
    factory = ArticleFactory(seed)
    for i in range(n):
        yield factory.article(i)


def raw_layout(art: SyntheticArticle) -> str:
    """The pasted-page layout: title, captions twice, furniture, title again, captions, body."""
    caps = "\n".join(c for c in art.captions for _ in range(2))
    head = f"{art.title}\n\n{caps}\nTT\n{len(art.captions) * 10 + 10}\n\n{art.title}\n\n{caps}\n\n"
    return head + "\n\n".join(art.paragraphs) + "\n"


def jsonl_record(art: SyntheticArticle) -> dict[str, str]:
    return {"title": art.title, "text": art.text, "published": art.published.isoformat(), "url": art.url}


def write_corpus(n: int, out: Path, seed: int = 0, fmt: str = "raw", per_file: int = 100) -> list[Path]:
    """Write n articles into out/ as files of `per_file` articles each; returns the files written."""
    if fmt not in ("raw", "jsonl"):
        raise ValueError("format must be raw or jsonl")
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    fh = None
    try:
        for i, art in enumerate(generate(n, seed)):
            if i % per_file == 0:
                if fh:
                    fh.close()
                path = out / f"corpus_{i // per_file:05d}.{'txt' if fmt == 'raw' else 'jsonl'}"
                paths.append(path)
                fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 - one file open at a time
            elif fmt == "raw":
                fh.write("\n\n\n\n")
            fh.write(raw_layout(art) if fmt == "raw" else json.dumps(jsonl_record(art), ensure_ascii=False) + "\n")
    finally:
        if fh:
            fh.close()
    return paths


# --- synthetic events (store and dashboard benchmarks) ----------------------------------------
EVENT_TYPES = (
    ("Air/drone strike", "Explosions/Remote violence"), ("Shelling/missile attack", "Explosions/Remote violence"),
    ("Armed clash", "Battles"), ("Attack on civilians", "Violence against civilians"), ("Protest", "Protests"),
    ("Riot", "Riots"), ("Strategic development", "Strategic developments"),
    ("Statement", "Diplomacy and statements"), ("Threat/warning", "Diplomacy and statements"),
    ("Meeting/visit", "Diplomacy and statements"), ("Agreement/ceasefire", "Diplomacy and statements"),
    ("Appeal", "Diplomacy and statements"),
)


def synthetic_events(n: int, seed: int = 0):  # -> pandas.DataFrame (import kept lazy for the CLI)
    """n plausible events with EVENT_COLUMNS (dates as datetime64, lists as lists), vectorised."""
    import numpy as np
    import pandas as pd

    from loaders.models import EVENT_COLUMNS, PRECISIONS

    rng = np.random.default_rng(seed)
    factory = ArticleFactory(seed)
    actors = np.array(factory.states + factory.groups + factory.people, dtype=object)
    theaters = np.array(factory.theaters, dtype=object)
    start = np.datetime64("2023-10-07")
    day_offsets = rng.integers(0, 800, n)
    date_start = start + day_offsets.astype("timedelta64[D]")
    widths = rng.choice([0, 0, 0, 0, 6, 29], n)
    precision = np.where(widths == 0, "day", np.where(widths == 6, "week", "month"))
    types = rng.integers(0, len(EVENT_TYPES), n)
    a = actors[rng.integers(0, len(actors), n)]
    t = actors[rng.integers(0, len(actors), n)]
    th = theaters[rng.integers(0, len(theaters), n)]
    loc = np.array([factory.places[x][i % len(factory.places[x])] for i, x in enumerate(th)], dtype=object)
    n_articles = max(1, n // 8)
    art = rng.integers(0, n_articles, n)
    article_ids = np.array([f"{i:016x}" for i in range(n_articles)], dtype=object)[art]
    published = date_start + rng.integers(0, 4, n).astype("timedelta64[D]")
    basis = rng.choice(["explicit", "relative", "narrative", "publication", "relative+estimated"], n,
                       p=[0.4, 0.35, 0.1, 0.1, 0.05])
    sentences = np.array([f"{x} {EVENT_TYPES[k][0].lower()} reported near {y}." for x, k, y in zip(a, types, loc, strict=True)],
                         dtype=object)
    df = pd.DataFrame({
        "event_id": [f"ev{seed:x}-{i:09d}" for i in range(n)],
        "article_id": article_ids,
        "date_start": pd.to_datetime(date_start).astype("datetime64[us]"),
        "date_end": pd.to_datetime(date_start + widths.astype("timedelta64[D]")).astype("datetime64[us]"),
        "date_precision": precision,
        "date_text": "",
        "date_value": [str(d) for d in date_start],
        "date_basis": basis,
        "actors": [[x, y] if x != y else [x] for x, y in zip(a, t, strict=True)],
        "actor": a,
        "actor_text": a,
        "target": t,
        "event_type": [EVENT_TYPES[k][0] for k in types],
        "event_category": [EVENT_TYPES[k][1] for k in types],
        "trigger": "",
        "theater": th,
        "location": loc,
        "latitude": rng.uniform(12.0, 37.0, n).round(4),
        "longitude": rng.uniform(34.0, 53.0, n).round(4),
        "sentence": sentences,
        "paragraph_index": rng.integers(0, 12, n).astype("int32"),
        "title": [f"Synthetic article {i}" for i in art],
        "published": pd.to_datetime(published).astype("datetime64[us]"),
        "published_basis": rng.choice(["field", "manifest", "estimated"], n, p=[0.6, 0.3, 0.1]),
        "source": [f"synthetic/{i // 100:05d}.txt#{i % 100 + 1}" for i in art],
        "sources": [[{"article_id": aid, "source": "synthetic", "sentence": s, "title": ""}]
                    for aid, s in zip(article_ids, sentences, strict=True)],
        "n_sources": np.ones(n, dtype="int32"),
    })
    assert set(df["date_precision"]) <= set(PRECISIONS)
    return df[list(EVENT_COLUMNS)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1000, help="number of articles")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=("raw", "jsonl"), default="raw")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--per-file", type=int, default=100, help="articles per file")
    args = p.parse_args(argv)
    if args.n < 0 or args.per_file < 1:
        p.error("--n must be >= 0 and --per-file >= 1")
    paths = write_corpus(args.n, args.out, args.seed, args.format, args.per_file)
    size = sum(x.stat().st_size for x in paths)
    print(f"wrote {args.n} articles in {len(paths)} files ({size / 2**20:.1f} MiB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
