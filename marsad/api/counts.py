"""Endpoints that count over the events a filter selects (the web app's overview, network and map): each takes
the filter parameters of `/api/events` and calls one service function."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from marsad import service
from marsad.api.filters import event_filter
from marsad.api.routes import StoreDep
from marsad.store.db import EventFilter

router = APIRouter()
Filter = Annotated[EventFilter, Depends(event_filter)]
MAX_NODES = 300  # nodes a network may hold: more is unreadable in a browser and slow to lay out



@router.get("/overview", summary="Counts over the events a filter selects: by month, type, context, state")
def overview(st: StoreDep, f: Filter) -> dict:
    """Return the events and documents selected, counts by month, year, type, context and modality, the states
    most often taking part and the state pairs most often in one event."""
    return service.event_overview(st, f)


@router.get("/network", summary="Who takes part in events with whom, weighted by events")
def network(st: StoreDep, f: Filter,
            level: Annotated[Literal["actors", "states"], Query(description="actors (people, bodies and acting "
                                                                            "states) or states.")] = "actors",
            nodes: Annotated[int, Query(ge=2, le=MAX_NODES, description="Most active nodes kept.")] = 60) -> dict:
    """Return nodes (id, kind, name, Latin name, country, kb_id, events) and edges (source, target, events,
    forward and backward counts from actor to recipient, types, a sample of events)."""
    return service.event_network(st, f, level, nodes)


@router.get("/places", summary="Where the selected events happened, the most frequent places first")
def places(st: StoreDep, f: Filter,
           limit: Annotated[int, Query(ge=1, le=1000, description="Places listed.")] = 300) -> dict:
    """Return each place's name, country, normalised key, event count and a sample of its events, and how many
    selected events have a place."""
    return service.event_places(st, f, limit)
