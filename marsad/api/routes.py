"""The API's endpoints: each validates its parameters, calls one service function and returns its JSON."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from marsad import service
from marsad.api import params
from marsad.api.filters import event_filter
from marsad.api.params import DEFAULT_PAGE, ID_PATTERN, MAX_PAGE, MAX_QUERY
from marsad.errors import MarsadError
from marsad.store import Store
from marsad.store.db import EventFilter

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Since = Annotated[str | None, Query(description="First date, YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Last date, YYYY-MM-DD.")]
Id = Annotated[str, Path(pattern=ID_PATTERN, max_length=240)]


def store(request: Request) -> Store:
    """Return the app's store."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store)]


def _found(value, what: str, ref: str):
    if value is None:
        raise HTTPException(404, f"no such {what}: {ref}")
    return value


@router.get("/stats", summary="How many documents, entities, events and quotes the store holds")
def stats(st: StoreDep) -> dict:
    """Return the row counts of the store."""
    return st.count()


@router.get("/vocabulary", summary="Values the filters accept")
def vocabulary() -> dict:
    """Return the event types, modalities, contexts and country codes (with Arabic names) filters accept."""
    return service.vocabulary()


@router.get("/documents", summary="Stored documents, newest first")
def documents(st: StoreDep, since: Since = None, until: Until = None,
              outlet: Annotated[str | None, Query(max_length=200)] = None,
              limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict:
    """Return one page of documents (id, published, outlet, title, url, entity and event counts)."""
    since, until = params.date_range(since, until)
    return service.document_page(st, since, until, outlet, limit, offset).to_dict()


@router.get("/documents/{doc_id:path}", summary="One document with its text, entities, events and quotes")
def document(st: StoreDep, doc_id: Id) -> dict:
    """Return the document JSON (marsad.document/1) with its story, url and the store id of each event."""
    return _found(service.document_record(st, doc_id), "document", doc_id)


FilterDep = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", summary="Events matching filters, oldest first (undated last)")
def events(st: StoreDep, f: FilterDep, limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict:
    """Return one page of events with participants (and their actor ids), evidence and document."""
    return service.event_page(st, replace(f, limit=limit, offset=offset)).to_dict()


@router.get("/export", summary="Events matching filters as PLOVER JSONL, ACLED-style CSV, GraphML or CSV")
def export(st: StoreDep, f: FilterDep,
           format: Annotated[str, Query(description="plover, acled, graphml or csv.")] = "plover") -> StreamingResponse:
    """Return the export of every event the filters match, as a file download."""
    formats = service.export_formats()
    if format not in formats:
        raise params.ParamError(f"format: unknown value {format!r}; valid: {', '.join(sorted(formats))}")
    media, ext = formats[format]
    return StreamingResponse(service.export(st, format, f), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="marsad-events{ext}"'})


@router.get("/events/{event_id}", summary="One event with its canonical event, sources and corroboration")
def event(st: StoreDep, event_id: Annotated[int, Path(ge=1)]) -> dict:
    """Return one event record with its story and canonical event."""
    return _found(service.event_record(st, event_id), "event", str(event_id))


@router.get("/actors", summary="Actors, the most reported first")
def actors(st: StoreDep,
           country: Annotated[str | None, Query(description="ISO code.")] = None,
           search: Annotated[str | None, Query(max_length=MAX_QUERY, description="Part of a name, any spelling.")]
           = None,
           limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict:
    """Return one page of actors (kb_id, name, Latin name, country, articles, roles, spellings)."""
    cc = params.countries("country", [country] if country else None)
    page = service.actors(st, cc[0] if cc else None, search, limit, offset)
    return {"total": page.total, "offset": page.offset, "limit": limit, "items": page.rows}


@router.get("/actors/{ref}", summary="One actor: spellings, roles over time, events and counterparts")
def actor(st: StoreDep, ref: Annotated[str, Path(max_length=MAX_QUERY)],
          events: Annotated[int, Query(ge=0, le=MAX_PAGE, description="Events to list.")] = DEFAULT_PAGE) -> dict:
    """Return the actor with this kb_id (following merges) or name, with roles, events and counterparts."""
    return _found(service.actor_record(st, ref, events), "actor", ref)


def _authorised(request: Request) -> None:
    """Refuse a correction unless the server has a token and the request carries it."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "corrections are disabled: start the server with --token (or MARSAD_API_TOKEN)")
    given = request.headers.get("authorization", "")
    if not secrets.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise HTTPException(401, "corrections need the header «Authorization: Bearer TOKEN» with the server's token",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/actors/merge", summary="Record that actor OTHER is the same person as KEEP (token needed)",
             dependencies=[Depends(_authorised)])
def merge(st: StoreDep, keep: Annotated[str, Body(pattern=ID_PATTERN)],
          other: Annotated[str, Body(pattern=ID_PATTERN)]) -> dict:
    """Apply and record an analyst merge; return the one-line message."""
    try:
        return {"message": service.merge_actors(st, keep, other)}
    except MarsadError as err:
        raise HTTPException(422, str(err)) from None


@router.post("/actors/{kb_id}/split", summary="Record that an actor's mentions in some documents are another "
             "person (token needed)", dependencies=[Depends(_authorised)])
def split(st: StoreDep, kb_id: Id,
          documents: Annotated[list[str], Body(embed=True, min_length=1, max_length=MAX_PAGE)]) -> dict:
    """Apply and record an analyst split; return the one-line message."""
    try:
        return {"message": service.split_actor(st, kb_id, documents)}
    except MarsadError as err:
        raise HTTPException(422, str(err)) from None


@router.get("/stories", summary="Stories (articles about one happening), the largest first")
def stories(st: StoreDep, min_size: Annotated[int, Query(ge=1, le=10_000, description="Fewest articles.")] = 1,
            limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict:
    """Return one page of stories with their outlets, first articles and canonical event counts."""
    return service.story_page(st, min_size, limit, offset).to_dict()


@router.get("/stories/{story_id}", summary="One story with its articles and canonical events")
def story(st: StoreDep, story_id: Id) -> dict:
    """Return the story (following merges) with all its articles and canonical events with their sources."""
    return _found(service.story_record(st, story_id), "story", story_id)


@router.get("/timeline", summary="Canonical events between two states, oldest first (undated last)")
def timeline(st: StoreDep,
             a: Annotated[str, Query(description="ISO code of one state.")] = "EG",
             b: Annotated[str, Query(description="ISO code of the other.")] = "LY",
             since: Since = None, until: Until = None, limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict:
    """Return one page of the pair's canonical events with actors, place, corroboration and sources."""
    (ca,), (cb,) = params.countries("a", [a]), params.countries("b", [b])
    since, until = params.date_range(since, until)
    return service.timeline_page(st, ca, cb, since, until, limit, offset).to_dict()


@router.get("/search", summary="Arabic-aware full-text search: one hit per document, best first")
def search(st: StoreDep, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="Query words.")],
           limit: Limit = 20, offset: Offset = 0) -> dict:
    """Return one page of hits: document, title, the best matching sentence and the matches' offsets in it."""
    page = service.search(st, q, limit, offset)
    return {"query": page.query, "total": page.total, "offset": page.offset, "limit": limit,
            "items": [h.to_dict() for h in page.hits]}
