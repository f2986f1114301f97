"""Count suspicious person spans over unseen news: a check of name boundaries beyond the dev sets.

    python scripts/person_spans.py --shared ../shared                 # 12,644 SaudiNewsNet + 2,000 ANT articles
    python scripts/person_spans.py --shared ../shared --limit 500 --show 20

Every person entity's name is read with the morphology and the lexicon; it is suspicious when

- `particle_end`: its last word is a name particle that binds to a next word («محمد بن سلمان بن», «… آل»);
- `clitic_start`: its first word is a conjunction plus a known given name («وعبد القادر», «ومحمد»), or
  a conjunction plus a word that opens a person name elsewhere in the same article («وتوميسلاف»);
- `glued_word`: a word after the first that the NER tagger did not mark as a person is not a name word:
  a function word, a preposition clitic on the article or a function word («بأن», «للتعاون»), a trigger
  or quote cue («اغتيال», «قوله»), a time word (month, weekday, part of the day), an imperfect verb
  («يؤكد») or a country;
- `not_a_name`: no word is a known given name and the NER tagger marked none of its tokens as a person
  («قاما بمراجعة», «خارجية دولة»);
- `glued_noun`: a word after the first, tagged or not, is a common noun of the lexicon's `common_nouns.txt`
  and does not follow «عبد», «أبو» or «آل» («ترامب القسم», «رونالدو الأنظار»; not «عبد الواحد»). The
  boundary stage cuts these since they were listed, so this check counts what the list catches on a version
  without it, and on later versions the names a punctuation mark closes («…، محمد الدائر،»).

A span counts once (under its first failing check in that order). The figures before and after a
change go to docs/entities.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import PipelineConfig, get_pipeline
from marsad.model import Document
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

CHECKS = ("particle_end", "clitic_start", "glued_word", "not_a_name", "glued_noun")
META = ("id", "url", "title", "published", "outlet", "author")
COMPONENTS = ("clean", "metadata", "segment", "morphology", "phrases", "ner", "entities")


def _snn(path: Path, limit: int | None) -> Iterator[tuple[str, dict]]:
    with path.open(encoding="utf-8") as fh:
        for line in islice(fh, limit):
            rec = json.loads(line)
            yield rec.get("text") or "", {k: rec.get(k) for k in META}


def _ant(path: Path, limit: int | None) -> Iterator[tuple[str, dict]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in islice(fh, limit):
            rec = json.loads(line)
            yield rec.get("text") or "", {k: rec.get(k) for k in META}


def _time_words(morph: Morphology) -> frozenset[str]:
    lex = morph.lexicon
    out = set(lex.months) | set(lex.weekdays)
    for name in ("period_parts.tsv", "relative_time_words.tsv", "period_units.tsv"):
        out |= {norm_char_key(r[0]) for r in lex.rows(name) if r}
    return frozenset(out)


def _person_tokens(doc: Document) -> tuple[set[str], dict[int, tuple[int, str]]]:
    """Words that open a NER person span in the article, and each token's label by its start offset."""
    openers, labels = set(), {}
    for sent in doc.sentences:
        for tok in sent.tokens:
            labels[tok.start] = (tok.end, tok.ner)
            if tok.ner == "B-PERS":
                openers.add(tok.key)
    return openers, labels


def check_name(morph: Morphology, words: list[str], tags: list[str], openers: set[str],
               time_words: frozenset[str]) -> str | None:
    """Return the first check a person name fails (see the module docstring), or None."""
    lex = morph.lexicon
    keys = [norm_char_key(w) for w in words]
    if not keys:
        return None
    particles = lex.words("name_particles")
    cues = lex.words("quote_cues")
    if keys[-1] in particles or (len(keys) > 1 and morph.bare(keys[-1]) in particles):
        return "particle_end"
    first = keys[0]
    if not morph.is_first_name(first) and first not in particles:
        stem = morph.conjunction_stem(first)
        if stem is not None and (morph.is_first_name(stem) or stem in particles or stem in openers):
            return "clitic_start"
    for k, tag in zip(keys[1:], tags[1:] + ["O"] * len(keys), strict=False):
        if k in particles or morph.is_first_name(k) or tag.endswith("PERS"):
            continue
        prep = morph.preposition_stem(k)
        if (k in lex.function_words or k in time_words or k in cues or morph.bare(k) in cues
                or any(s in lex.triggers for _, s in morph.stems(k)) or morph.own_country(k)
                or (prep is not None and (prep in lex.function_words or morph.has_article(prep)))
                or morph.looks_like_verb(k)):
            return "glued_word"
    if not any(morph.is_first_name(k) or morph.is_first_name(morph.bare(k)) for k in keys) and \
            not any(t.endswith("PERS") for t in tags):
        return "not_a_name"
    binding = particles - lex.words("nasab_particles")
    if any(k in lex.words("common_nouns") and keys[i] not in binding for i, k in enumerate(keys[1:])):
        return "glued_noun"
    return None


def scan(records: Iterator[tuple[str, dict]], show: int = 0) -> tuple[Counter, int, int]:
    """Analyse the records up to entities; return suspicious counts by check, persons and articles."""
    pipe = get_pipeline(PipelineConfig(components=COMPONENTS))
    morph = pipe.resources.morphology
    time_words = _time_words(morph)
    counts: Counter[str] = Counter()
    persons = articles = 0
    shown: Counter[str] = Counter()
    for text, meta in records:
        try:
            doc = pipe(text, meta)
        except InputError:
            continue
        articles += 1
        openers, labels = _person_tokens(doc)
        for e in doc.entities:
            if e.type != "PER":
                continue
            persons += 1
            m = next((x for x in e.mentions if x.text == e.name), e.mentions[0] if e.mentions else None)
            tags = [lab for s, (end, lab) in labels.items() if m and end > m.start and s < m.end]
            bad = check_name(morph, e.name.split(), tags, openers, time_words)
            if bad:
                counts[bad] += 1
                if shown[bad] < show:
                    shown[bad] += 1
                    print(f"{bad}\t{e.name}\t{doc.id}", file=sys.stderr)
    return counts, persons, articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=None, help="SaudiNewsNet articles (default all 12,644)")
    ap.add_argument("--ant", type=int, default=2000, help="first ANT articles (default 2,000)")
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each check to stderr")
    args = ap.parse_args(argv)
    news = args.shared / "data" / "news"
    result = {}
    for name, records in (("saudinewsnet-2015-07", _snn(news / "saudinewsnet-2015-07.jsonl", args.limit)),
                          ("ant-2017-2018", _ant(news / "ant-2017-2018.jsonl.gz", args.ant))):
        counts, persons, articles = scan(records, args.show)
        result[name] = {"articles": articles, "persons": persons, "suspicious": sum(counts.values()),
                        **{c: counts[c] for c in CHECKS}}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
