"""Read a crfsuite model file (CRF1d, "lCRF"/"FOMC") into label names, attribute ids and weight matrices.

The layout is crfsuite's `crf1d_model.c`: a header of little-endian uint32 fields, a feature chunk
(type, source, destination, 64-bit float weight per feature) and two CQDB string databases (labels
and attributes) whose backward arrays map ids to strings. The weights are read bit for bit, so
scores summed from them equal crfsuite's own (`marsad.ner.crf_scores`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sI8I")
_CHUNK = 12  # chunk id, size, item count
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
_CQDB_HEADER = struct.Struct("<4s5I")
_CQDB_BYTEORDER = 0x62445371


class CrfFileError(ValueError):
    """The file is not a crfsuite CRF1d model this reader understands."""


@dataclass(frozen=True)
class CrfWeights:
    """A CRF's labels (in crfsuite's id order), attribute ids and weights."""

    labels: tuple[str, ...]
    attrs: dict[str, int]  # attribute → row of `state`
    state: np.ndarray  # (attributes + 1, labels) float64; the last row is zeros (`zero`)
    trans: np.ndarray  # (labels, labels) float64: label i followed by label j

    weighted: frozenset[str]  # the attributes with at least one state feature

    @property
    def zero(self) -> int:
        """Return the row of `state` that adds nothing (padding)."""
        return self.state.shape[0] - 1


def _strings(buf: bytes, at: int) -> list[str]:
    """Return the strings of the CQDB database at offset `at`, indexed by id."""
    chunk, _size, _flag, byteorder, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(buf, at)
    if chunk != b"CQDB" or byteorder != _CQDB_BYTEORDER or not bwd_offset:
        raise CrfFileError("unexpected string database")
    offsets = np.frombuffer(buf, dtype="<u4", count=bwd_size, offset=at + bwd_offset)
    out = []
    for off in offsets.tolist():
        if not off:
            raise CrfFileError("a string id without a string")
        _id, ksize = struct.unpack_from("<2I", buf, at + off)
        out.append(buf[at + off + 8:at + off + 8 + ksize].rstrip(b"\0").decode("utf-8"))
    return out


def read_weights(path: str | Path) -> CrfWeights:
    """Return the labels, attributes and weights of a crfsuite model file (CrfFileError if unreadable)."""
    buf = Path(path).read_bytes()
    if len(buf) < _HEADER.size:
        raise CrfFileError(f"{path}: too short for a crfsuite model")
    (magic, _size, kind, _version, _n_feat, n_labels, n_attrs,
     off_feat, off_labels, off_attrs, _off_lrefs, _off_arefs) = _HEADER.unpack_from(buf)
    if magic != b"lCRF" or kind != b"FOMC" or buf[off_feat:off_feat + 4] != b"FEAT":
        raise CrfFileError(f"{path}: not a crfsuite CRF1d model")
    labels = _strings(buf, off_labels)
    attr_names = _strings(buf, off_attrs)
    if len(labels) != n_labels or len(attr_names) != n_attrs:
        raise CrfFileError(f"{path}: label or attribute count does not match the header")
    n_feat = struct.unpack_from("<I", buf, off_feat + 8)[0]  # the header's count is left at 0 by crfsuite
    feats = np.frombuffer(buf, dtype=_FEATURE, count=n_feat, offset=off_feat + _CHUNK)
    state = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
    trans = np.zeros((n_labels, n_labels), dtype=np.float64)
    st = feats[feats["type"] == _STATE]
    tr = feats[feats["type"] == _TRANSITION]
    if len(st) + len(tr) != n_feat:
        raise CrfFileError(f"{path}: unknown feature type")
    state[st["src"], st["dst"]] = st["weight"]
    trans[tr["src"], tr["dst"]] = tr["weight"]
    has = np.bincount(st["src"], minlength=n_attrs) > 0
    return CrfWeights(tuple(labels), {a: i for i, a in enumerate(attr_names)}, state, trans,
                      frozenset(a for a, h in zip(attr_names, has.tolist(), strict=False) if h))
