"""`make eval-ner`: entity-level P/R/F1 of the shipped tagger on a CoNLL file (trains nothing)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from marsad.ner.conll import read_conll, score
from marsad.ner.modeldir import ModelError
from marsad.ner.tagger import model_available, tag_conll


def evaluate(path: Path) -> dict[str, dict[str, float]]:
    """Return the scores of the shipped tagger on `path` and print them as a table."""
    try:
        if not model_available():
            raise SystemExit("no NER model installed: run `make train-ner`")
    except ModelError as err:
        raise SystemExit(f"error: {err}") from None
    sents = list(read_conll(path))
    gold = [t for _, t in sents]
    t0 = time.perf_counter()
    pred = tag_conll([w for w, _ in sents])
    ntok = sum(len(w) for w, _ in sents)
    secs = time.perf_counter() - t0
    res = score(gold, pred)
    print(f"{'type':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>6s}")
    for t, r in res.items():
        print(f"{t:6s} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['n']:6d}")
    print(f"{ntok} tokens in {secs:.1f} s ({ntok / secs:,.0f} tokens/s)")
    return res


if __name__ == "__main__":
    evaluate(Path(sys.argv[1]))
