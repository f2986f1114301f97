"""Imported first by the command line: numpy's BLAS (OpenBLAS, MKL, OpenMP) gets one thread per process.

The analysis is one article at a time and the speed targets are per core: a BLAS pool of threads per
process burns about twice the CPU for nothing, and several processes (Dask workers, two ingests) fight over
the cores. The variables only work before numpy is imported; a value already set is kept.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
