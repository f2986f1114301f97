"""Full-text search over stored documents: titles, sentences and entity names, by their search keys.

Every row of `search_rows` holds the keys of `marsad.text.search_keys.search_terms` (the one transform used
for indexing and for queries). On SQLite an external-content FTS5 table, `search_fts`, indexes them and
triggers keep it in step with `search_rows` (rows are written with their document and go with it), so
hits are ranked by bm25. Elsewhere (PostgreSQL) the same rows are matched with LIKE and ranked by how many
rows of a document match.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, func, insert, or_, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from marsad.errors import MarsadError
from marsad.model import Document
from marsad.store.schema import DocumentRow, EntityRow, MentionRow, SearchRow
from marsad.store.sql import chunks, like_escaped
from marsad.text.search_keys import index_terms, search_terms

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
SNIPPET_CHARS = 320  # a long sentence is cut to this many characters around its first match
BATCH = 200  # documents read at a time by a rebuild

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(terms, content='search_rows', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS search_rows_ai AFTER INSERT ON search_rows BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.pk, new.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_rows_ad AFTER DELETE ON search_rows BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.pk, old.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_rows_au AFTER UPDATE ON search_rows BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.pk, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.pk, new.terms); END",
)
_FTS_DROP = ("DROP TRIGGER IF EXISTS search_rows_ai", "DROP TRIGGER IF EXISTS search_rows_ad",
             "DROP TRIGGER IF EXISTS search_rows_au", "DROP TABLE IF EXISTS search_fts")


class QueryError(MarsadError, ValueError):
    """A search query that cannot be run (empty, too long, too many words); the message is one line."""


@dataclass(slots=True)
class SearchHit:
    """One matching document: its best row's text (a sentence, the title, or the sentence naming an entity),
    where that text lies in the document, and the matches in it as (start, end) offsets into `text`."""

    doc: str
    title: str | None
    published: str | None
    outlet: str | None
    kind: str
    text: str
    start: int | None
    end: int | None
    highlights: list[tuple[int, int]]
    score: float
    matches: int
    entity: str | None = None

    def to_dict(self) -> dict:
        """Return the hit as a JSON-ready dict."""
        return {"doc": self.doc, "title": self.title, "published": self.published, "outlet": self.outlet,
                "kind": self.kind, "entity": self.entity, "text": self.text, "start": self.start, "end": self.end,
                "highlights": [list(h) for h in self.highlights], "score": round(self.score, 4),
                "matches": self.matches}


@dataclass(slots=True)
class SearchPage:
    """One page of hits (one per document, best first) and how many documents match in all."""

    query: str
    total: int
    offset: int
    hits: list[SearchHit] = field(default_factory=list)


# -- indexing ------------------------------------------------------------------------------------------------
def document_rows(doc: Document) -> list[SearchRow]:
    """Return the search rows of a document: its title, each sentence, each entity's names (Arabic and Latin)."""
    rows = []
    if doc.title:
        rows.append(SearchRow(kind="title", terms=index_terms(search_terms(doc.title))))
    for s in doc.sentences:
        terms = search_terms(doc.text, s.start, s.end)
        if terms:
            rows.append(SearchRow(kind="sentence", start=s.start, end=s.end, terms=index_terms(terms)))
    for e in doc.entities:
        terms = search_terms(e.name) + (search_terms(e.name_latin) if e.name_latin else [])
        if not terms:
            continue
        first = min((m.start for m in e.mentions), default=None)
        sent = next((s for s in doc.sentences if first is not None and s.start <= first < s.end), None)
        rows.append(SearchRow(kind="entity", ref=e.id, start=sent.start if sent else None,
                              end=sent.end if sent else None, terms=index_terms(terms)))
    return rows


def has_fts(bind: Engine | Connection | Session) -> bool:
    """Return whether the database has the FTS5 index (SQLite with FTS5 compiled in)."""
    conn = bind.connection() if isinstance(bind, Session) else bind
    if conn.dialect.name != "sqlite":
        return False
    sql = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'")
    if isinstance(conn, Engine):
        with conn.connect() as c:
            return c.execute(sql).first() is not None
    return conn.execute(sql).first() is not None


def _create_fts(conn: Connection) -> bool:
    """Create the FTS5 table and its triggers when missing; return False when SQLite lacks FTS5."""
    from sqlalchemy.exc import OperationalError

    try:
        with conn.begin_nested():
            for ddl in _FTS_DDL:
                conn.execute(text(ddl))
    except OperationalError as err:
        logging.getLogger("marsad").warning("SQLite without FTS5 (%s): search falls back to LIKE", err)
        return False
    return True


def ensure_index(reader: Engine, writer: Engine, fresh_table: bool) -> None:
    """Make the search index ready on opening a store: FTS5 on SQLite, and the rows of a store that predates them.

    `fresh_table` says that `search_rows` was just created: documents stored before it are indexed once. Writes
    go through `writer` (the store's write-locked engine), only when something is missing.
    """
    if reader.dialect.name == "sqlite" and not has_fts(reader):
        with writer.begin() as conn:
            if not has_fts(conn) and _create_fts(conn) and not fresh_table:
                conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    if fresh_table:
        with Session(reader) as s:
            stored = s.scalar(select(func.count()).select_from(DocumentRow)) or 0
        if stored:
            logging.getLogger("marsad").warning("indexing %d stored documents for search once", stored)
            rebuild(writer)


def rebuild(engine: Engine) -> int:
    """Recompute every search row from the stored documents (FTS5 rebuilt in one go), through the store's writer
    engine; return the documents indexed."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        fts = sqlite and has_fts(conn)
        if fts:  # the rows are rewritten without triggers, then the FTS index is rebuilt once
            for ddl in _FTS_DROP:
                conn.execute(text(ddl))
        conn.execute(delete(SearchRow))
        ids = [d for d, in conn.execute(select(DocumentRow.id).order_by(DocumentRow.id))]
        for part in chunks(ids, BATCH):
            batch = []
            for doc_id, data in conn.execute(select(DocumentRow.id, DocumentRow.doc_json)
                                             .where(DocumentRow.id.in_(part))):
                for r in document_rows(Document.from_dict(data)):
                    batch.append({"doc_id": doc_id, "kind": r.kind, "ref": r.ref, "start": r.start, "end": r.end,
                                  "terms": r.terms})
            if batch:
                conn.execute(insert(SearchRow), batch)
        if fts and _create_fts(conn):
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    return len(ids)


# -- querying ------------------------------------------------------------------------------------------------
def query_groups(q: str) -> list[tuple[str, ...]]:
    """Return the key groups of a query, one per word (a document matches when it has one key of every group).

    Raises QueryError with a one-line reason for an empty, overlong or too wordy query.
    """
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(q)} characters (at most {MAX_QUERY_CHARS})")
    groups = list(dict.fromkeys(t.keys for t in search_terms(q)))
    if not groups:
        raise QueryError("empty query: give at least one word")
    if len(groups) > MAX_QUERY_TERMS:
        raise QueryError(f"query has {len(groups)} words (at most {MAX_QUERY_TERMS})")
    return groups


def fts_query(groups: list[tuple[str, ...]]) -> str:
    """Return the FTS5 MATCH expression of key groups: every group, any key of each (keys quoted)."""
    def quoted(k: str) -> str:
        return '"' + k.replace('"', '""') + '"'
    return " AND ".join("(" + " OR ".join(quoted(k) for k in g) + ")" for g in groups)


def _like(k: str) -> str:
    return "% " + like_escaped(k) + " %"


def like_clause(groups: list[tuple[str, ...]]):
    """Return the portable condition on `search_rows.terms`: every group has one of its keys as a whole term."""
    return and_(*[or_(*[SearchRow.terms.like(_like(k), escape="\\") for k in g]) for g in groups])


def matching_rows(groups: list[tuple[str, ...]], fts: bool):
    """Return a selectable of the pks of search rows matching the groups (through FTS5 when `fts`)."""
    if fts:
        return select(text("rowid")).select_from(text("search_fts")).where(
            text("search_fts MATCH :fts_q").bindparams(fts_q=fts_query(groups)))
    return select(SearchRow.pk).where(like_clause(groups))


def _ranked(s: Session, groups: list[tuple[str, ...]], limit: int, offset: int,
            fts: bool) -> tuple[int, list[tuple]]:
    """Return how many documents match and (doc_id, best row pk, score, matching rows) for one page."""
    if fts:
        params = {"q": fts_query(groups), "limit": limit, "offset": offset}
        total = s.execute(text(
            "SELECT COUNT(DISTINCT r.doc_id) FROM search_fts JOIN search_rows r ON r.pk = search_fts.rowid "
            "WHERE search_fts MATCH :q"), params).scalar() or 0
        # SQLite takes the bare column m.pk from the row that has the MIN score
        rows = s.execute(text(
            "WITH m AS MATERIALIZED (SELECT rowid AS pk, bm25(search_fts) AS score FROM search_fts "
            "WHERE search_fts MATCH :q) "
            "SELECT r.doc_id, m.pk, MIN(m.score) AS best, COUNT(*) FROM m JOIN search_rows r ON r.pk = m.pk "
            "GROUP BY r.doc_id ORDER BY best, r.doc_id LIMIT :limit OFFSET :offset"), params).all()
        return total, [tuple(r) for r in rows]
    cond = like_clause(groups)
    total = s.scalar(select(func.count(func.distinct(SearchRow.doc_id))).where(cond)) or 0
    n = func.count().label("n")
    rows = s.execute(select(SearchRow.doc_id, func.min(SearchRow.pk), n).where(cond).group_by(SearchRow.doc_id)
                     .order_by(n.desc(), SearchRow.doc_id).limit(limit).offset(offset)).all()
    return total, [(d, pk, -float(c), c) for d, pk, c in rows]


def highlights(snippet: str, keys: set[str]) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the words of `snippet` that have one of `keys`."""
    return [(t.start, t.end) for t in search_terms(snippet) if keys.intersection(t.keys)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return spans sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _cut(text_: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Return the [start, end) window of a long text kept around its first highlighted span."""
    if len(text_) <= SNIPPET_CHARS:
        return 0, len(text_)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_CHARS // 3, len(text_) - SNIPPET_CHARS))
    while start > 0 and not text_[start - 1].isspace():
        start -= 1
    end = min(len(text_), start + SNIPPET_CHARS)
    while end < len(text_) and not text_[end].isspace():
        end += 1
    return start, end


def search(s: Session, q: str, limit: int = 20, offset: int = 0, fts: bool = True) -> SearchPage:
    """Return one page of documents matching the query, best first, each with its best row highlighted
    (ranked by bm25 through FTS5 when `fts`, else by how many rows of a document match).

    Raises QueryError for a query that cannot be run.
    """
    groups = query_groups(q)
    keys = {k for g in groups for k in g}
    total, ranked = _ranked(s, groups, limit, offset, fts)
    page = SearchPage(q, total, offset)
    if not ranked:
        return page
    pks = [pk for _, pk, _, _ in ranked]
    sentence = func.substr(DocumentRow.text, SearchRow.start + 1, SearchRow.end - SearchRow.start)
    info = {r.pk: r for r in s.execute(
        select(SearchRow.pk, SearchRow.kind, SearchRow.ref, SearchRow.start, SearchRow.end, DocumentRow.title,
               DocumentRow.published, DocumentRow.outlet, sentence.label("sentence"))
        .join(DocumentRow, DocumentRow.id == SearchRow.doc_id).where(SearchRow.pk.in_(pks)))}
    mentions = _entity_mentions(s, [(d, info[pk].ref) for d, pk, _, _ in ranked if info[pk].kind == "entity"])
    for doc_id, pk, score, n in ranked:
        r = info[pk]
        if r.kind == "title" or r.start is None:
            body, base = (r.title or "") if r.kind == "title" else "", None
        else:
            body, base = r.sentence or "", r.start
        spans = highlights(body, keys)
        if r.kind == "entity" and base is not None:
            spans = _merged(spans + [(a - base, b - base) for a, b in mentions.get((doc_id, r.ref), ())
                                     if base <= a and b - base <= len(body)])
        a, b = _cut(body, spans)
        page.hits.append(SearchHit(
            doc_id, r.title, r.published, r.outlet, r.kind, body[a:b],
            None if base is None else base + a, None if base is None else base + b,
            [(x - a, y - a) for x, y in spans if a <= x and y <= b], float(score), int(n),
            r.ref if r.kind == "entity" else None))
    return page


def _entity_mentions(s: Session, refs: list[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """Return the mention spans of the given (document, entity local id) pairs."""
    out: dict[tuple[str, str], list[tuple[int, int]]] = {}
    if not refs:
        return out
    cond = or_(*[and_(EntityRow.doc_id == d, EntityRow.local_id == ref) for d, ref in refs])
    for d, ref, a, b in s.execute(select(EntityRow.doc_id, EntityRow.local_id, MentionRow.start, MentionRow.end)
                                  .join(MentionRow, MentionRow.entity_pk == EntityRow.pk).where(cond)):
        out.setdefault((d, ref), []).append((a, b))
    return out
