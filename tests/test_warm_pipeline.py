"""Warming the pipeline for a long run (service.warm_pipeline): loaded, used once, and out of the collector's scans."""

from __future__ import annotations

import gc

from marsad import service
from marsad.batch.worker import warm
from marsad.extract.pipeline import PipelineConfig, get_pipeline


def test_warming_loads_the_pipeline_and_freezes_what_is_loaded():
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        service.warm_pipeline()
        assert gc.get_freeze_count() > 0  # the lexicon, the models and their caches
        doc = get_pipeline(PipelineConfig())("أعلنت الحكومة السودانية، الأحد، طرد السفير الكيني من الخرطوم.",
                                              {"id": "t"})
        assert any(e.type == "COERCE" for e in doc.events)
    finally:
        gc.unfreeze()


def test_a_batch_worker_warms_the_same_way():
    gc.unfreeze()
    try:
        assert warm() is True
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
