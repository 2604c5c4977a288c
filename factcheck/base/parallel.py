"""Work split over every core by forked processes, for big sites only.

Forked workers inherit the parent's memory (the loaded sources, the rendering context), so
nothing large is pickled; only each chunk's small result comes back.
"""

from __future__ import annotations

import gc
import os
from typing import Any, Callable, Iterator, Sequence, TypeVar

PARALLEL_FROM = 1500  # items; below this, starting worker processes costs more than it saves

T = TypeVar("T")
R = TypeVar("R")

_inherited: dict[str, Any] = {}  # what the current forked map's workers read


def worth_forking(count: int, threshold: int = PARALLEL_FROM) -> bool:
    if count < threshold or (os.cpu_count() or 1) < 2:
        return False
    import multiprocessing  # here: a run with nothing to split need not load it

    return "fork" in multiprocessing.get_all_start_methods()


def inherited(name: str) -> Any:
    """A value the parent passed to ``forked_map``, read in a worker."""
    return _inherited[name]


def forked_map(function: Callable[[Sequence[T]], R], items: Sequence[T], chunk_size: int = 250, **shared: Any) -> Iterator[R]:
    """``function(chunk)`` for consecutive chunks of ``items``, in forked workers, results in
    order. ``function`` must be a module-level function; it reads ``shared`` values with
    ``inherited(name)``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _inherited.update(shared)
    chunks = [items[i:i + chunk_size] for i in range(0, len(items), chunk_size)]
    # Frozen objects are left alone by the workers' garbage collector; otherwise each
    # worker's first full collection touches, and so copies, the whole inherited heap.
    gc.freeze()
    pool = ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"))
    try:
        yield from pool.map(function, chunks)
    finally:
        pool.shutdown(cancel_futures=True)  # after a failure, chunks not yet started are dropped
        gc.unfreeze()
        _inherited.clear()
