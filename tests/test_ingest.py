import json
import os

import pytest

from marsad.errors import InputError
from marsad.ingest import iter_articles, read_bytes
from marsad.ingest.html import meta_published

ARABIC = "التقى وزير الخارجية نظيره في العاصمة اليوم لبحث التعاون بين البلدين في مجالات عدة."


def _one(data: bytes, fmt: str = "text"):
    out = list(read_bytes(data, "item.txt", fmt))
    assert len(out) == 1
    return out[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_text_encodings_are_detected(encoding):
    art = _one(ARABIC.encode(encoding))
    assert not isinstance(art, InputError)
    assert art.text.strip() == ARABIC


def test_empty_and_binary_inputs_are_named_errors():
    err = _one(b"  \n ")
    assert isinstance(err, InputError) and str(err) == "item.txt: empty input"
    err = _one(bytes(range(256)) * 40)
    assert isinstance(err, InputError) and "binary" in err.reason


def test_huge_file_is_refused_with_its_size(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes((ARABIC + "\n").encode() * (50 * 1024 * 1024 // len((ARABIC + "\n").encode()) + 1))
    (err,) = list(iter_articles([str(big)]))
    assert isinstance(err, InputError)
    assert str(big) in str(err) and "too large" in err.reason


def test_jsonl_keeps_fields_and_reports_bad_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    good = {"id": "a1", "url": "http://x", "title": "ع", "published": "2021-01-02", "outlet": "س",
            "text": ARABIC, "section": "politics"}
    p.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "b"}) + "\n",
                 encoding="utf-8")
    out = list(iter_articles([str(p)]))
    assert out[0].id == "a1" and out[0].extra == {"section": "politics"} and out[0].published == "2021-01-02"
    assert isinstance(out[1], InputError) and out[1].item == f"{p}:2" and "invalid JSON" in out[1].reason
    assert isinstance(out[2], InputError) and out[2].item == f"{p}:3" and "text" in out[2].reason


def test_directory_is_read_recursively_by_extension(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "two.md").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = sorted(a.item for a in iter_articles([str(tmp_path)]))
    assert [os.path.basename(i) for i in items] == ["two.md", "one.txt"] or len(items) == 2


def test_missing_and_unreadable_paths(tmp_path):
    (err,) = list(iter_articles([str(tmp_path / "nope.txt")]))
    assert isinstance(err, InputError) and "no such file" in err.reason
    locked = tmp_path / "locked.txt"
    locked.write_text(ARABIC, encoding="utf-8")
    locked.chmod(0)
    try:
        out = list(iter_articles([str(locked)]))
        if os.geteuid() != 0:  # root reads anything
            assert isinstance(out[0], InputError) and "cannot read" in out[0].reason
    finally:
        locked.chmod(0o644)


HTML = """<!doctype html><html lang="ar"><head><title>الوزير يلتقي نظيره | موقع</title>
<meta property="article:published_time" content="2022-05-04T10:00:00+03:00"></head>
<body><nav>الرئيسية أخبار رياضة</nav><article><h1>الوزير يلتقي نظيره</h1>
<p>التقى وزير الخارجية نظيره في العاصمة اليوم لبحث التعاون بين البلدين في مجالات الأمن والاقتصاد والطاقة.</p>
<p>وقال الوزير إن العلاقات بين البلدين تشهد تطورا كبيرا في مختلف المجالات، وإن الجانبين اتفقا على تشكيل لجنة مشتركة.</p>
</article><footer>جميع الحقوق محفوظة 2015</footer></body></html>"""


def test_html_main_text_title_and_meta_date():
    art = _one(HTML.encode("utf-8"), "html")
    assert not isinstance(art, InputError)
    assert "التقى وزير الخارجية" in art.text and "جميع الحقوق" not in art.text
    assert art.published == "2022-05-04"
    assert art.title and "الوزير يلتقي نظيره" in art.title


def test_html_date_is_not_guessed_from_body():
    assert meta_published("<html><body><p>نشر في 2015-01-01</p></body></html>") is None


def test_malformed_html_is_a_named_error():
    err = _one(b"<html><body><div><<<>>></div>", "html")
    assert isinstance(err, InputError) and err.item == "item.txt"


FEED = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>خبر أول</title><link>http://x/1</link><description>&lt;p&gt;{ARABIC}&lt;/p&gt;</description>
<pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate></item>
<item><title>خبر ثان</title><link>http://x/2</link><description></description></item>
</channel></rss>"""


def test_feed_entries_become_articles():
    out = list(read_bytes(FEED.encode(), "feed.rss", "feed"))
    assert out[0].url == "http://x/1" and out[0].published == "2021-09-06" and ARABIC in out[0].text
    assert out[0].outlet == "أخبار"
    assert isinstance(out[1], InputError) and out[1].item == "feed.rss#2"
