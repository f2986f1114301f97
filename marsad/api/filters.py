"""The event filter as a FastAPI dependency: the filter parameters of `/api/events` (all but paging), checked,
for the endpoints that count over events."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from marsad.api import params
from marsad.api.params import ID_PATTERN, MAX_QUERY
from marsad.store.db import EventFilter


def event_filter(
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeatable.")] = None,
    mode: Annotated[list[str] | None, Query(description="Event mode (e.g. visit, phone); repeatable.")] = None,
    actor: Annotated[str | None, Query(pattern=ID_PATTERN, description="Actor kb_id.")] = None,
    country: Annotated[list[str] | None, Query(description="ISO code; repeat for a pair: all are required.")] = None,
    context: Annotated[list[str] | None, Query(description="Context id; repeat to require several.")] = None,
    modality: Annotated[str | None, Query(description="asserted, planned, hypothetical or offered.")] = None,
    negated: Annotated[bool | None, Query(description="Only negated (true) or only affirmed (false) events.")] = None,
    since: Annotated[str | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    include_undated: Annotated[bool, Query(description="With since/until, keep undated events too.")] = False,
    story: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    doc: Annotated[str | None, Query(pattern=ID_PATTERN, description="Only this document's events.")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Full-text query on the evidence.")] = None,
) -> EventFilter:
    """Return the EventFilter of the request's parameters; raise ParamError (422) naming a bad one."""
    if country and len(country) > 5:
        raise params.ParamError("country: at most 5 codes")
    since, until = params.date_range(since, until)
    return EventFilter(types=params.event_types(type), countries=params.countries("country", country), since=since,
                       until=until, doc_id=doc, include_undated=include_undated, modes=params.modes(mode),
                       contexts=params.contexts(context), modality=params.modality(modality), negated=negated,
                       kb_id=actor, story=story, query=q)
