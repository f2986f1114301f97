"""A JSONL archive is read a line at a time (issue 16: memory flat over a whole-archive ingest): what a file yields
is what its bytes read whole yield, for every kind of line, and reading a 20 MB archive holds no more than a line
or two of it."""

import codecs
import json
import tracemalloc

import pytest

from marsad.ingest.readers import RawArticle, count_records, iter_articles, read_bytes

LINE = json.dumps({"id": "x", "text": "نص \u2028 فيه", "title": "t"}, ensure_ascii=False).encode()
CASES = {
    "plain": LINE + b"\n" + LINE.replace(b'"x"', b'"y"') + b"\n",
    "crlf": LINE + b"\r\n" + LINE.replace(b'"x"', b'"y"') + b"\r\n",
    "bom": codecs.BOM_UTF8 + LINE + b"\n",
    "bom only": codecs.BOM_UTF8,
    "empty": b"",
    "whitespace": b" \n\t\n",
    "broken lines": LINE + b"\n{bad json\n" + b'{"text": "\xff\xfe abc"}\n' + b"[1,2]\n",
    "windows-1256": '{"text": "مرحبا بكم في الرياض اليوم"}'.encode("cp1256") + b"\n",
    "utf-16": (LINE.decode() + "\n").encode("utf-16"),
    "binary": bytes(range(32)) * 100,
    "no last newline": LINE,
}


def _seen(results) -> list[tuple]:
    return [("article", r.item, r.text, r.id, r.title, r.extra) if isinstance(r, RawArticle) else ("error", str(r))
            for r in results]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_jsonl_file_read_a_line_at_a_time_yields_what_its_bytes_do(tmp_path, name):
    path = tmp_path / "in.jsonl"
    path.write_bytes(CASES[name])
    assert _seen(iter_articles([str(path)])) == _seen(read_bytes(CASES[name], str(path), "jsonl"))


def test_reading_a_large_archive_holds_a_line_of_it_not_the_file(tmp_path):
    path = tmp_path / "archive.jsonl"
    body = "، ".join(["خبر عن لقاء وزير الخارجية بنظيره في العاصمة"] * 100)  # about 8 KB a line
    with path.open("w", encoding="utf-8") as f:
        for n in range(2500):
            f.write(json.dumps({"id": f"a{n}", "text": body}, ensure_ascii=False) + "\n")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        n = 0
        for rec in iter_articles([str(path)]):
            assert isinstance(rec, RawArticle)
            n += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 2500 == count_records([str(path)])
    assert peak < 2_000_000, peak  # reading it whole held the file's bytes and its lines: over 40 MB
