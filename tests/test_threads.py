"""`analyse` is thread-safe: eight threads give every article the document one thread gives it."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles
from tests.conftest import need_shared

N_ARTICLES = 200  # 300 take over 60 s on two shared cores; 200 still catch a race (see the report)
THREADS = 8


def _result(text: str, meta: dict) -> dict:
    try:
        return analyse(text, meta).to_dict()
    except InputError as err:
        return {"error": str(err)}


def test_eight_threads_give_the_same_documents_as_one():
    path = need_shared("data", "news", "saudinewsnet-2015-07.jsonl")
    recs = [r for r in itertools.islice(iter_articles([str(path)]), N_ARTICLES) if not isinstance(r, InputError)]
    items = [(r.text, r.meta()) for r in recs]
    with ThreadPoolExecutor(THREADS) as pool:  # first, while the word caches are cold: races show when they fill
        threaded = list(pool.map(lambda item: _result(*item), items))
    sequential = [_result(t, m) for t, m in items]
    differ = [s.get("id") for s, t in zip(sequential, threaded, strict=True) if s != t]
    assert len(items) > 150 and not differ, f"{len(differ)} of {len(items)} articles differ: {differ[:10]}"
