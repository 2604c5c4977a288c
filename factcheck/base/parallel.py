"""Work split over every core by forked processes, for big sites only.

Forked workers inherit the parent's memory (the loaded sources, the rendering context), so
nothing large is pickled; only each chunk (indices, paths) goes out and its small result
comes back. Each caller names the number of items from which forking pays, beside its work.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

# Set in each forked worker by its initializer (never in the parent): the work and its context.
_worker: tuple[Callable[[Any, Sequence[Any]], Any], Any] | None = None


def worth_forking(count: int, min_items: int) -> bool:
    """Whether ``parallel_map`` would fork for ``count`` items: enough of them, more than one
    core, and a system that forks."""
    if count < min_items or (os.cpu_count() or 1) < 2:
        return False
    import multiprocessing  # here: a run with nothing to split need not load it

    return "fork" in multiprocessing.get_all_start_methods()


def parallel_map(work: Callable[[C, Sequence[T]], R], items: Sequence[T], context: C, *,
                 min_items: int, chunk_size: int = 250) -> list[R]:
    """``work(context, chunk)`` for consecutive chunks of ``items``, results in order, in forked
    workers when ``worth_forking(len(items), min_items)``; otherwise ``work(context, items)``,
    once, in this process. The workers inherit ``work`` and ``context`` as they are."""
    if not worth_forking(len(items), min_items):
        return [work(context, items)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[i:i + chunk_size] for i in range(0, len(items), chunk_size)]
    # Frozen objects are left alone by the workers' garbage collector; otherwise each
    # worker's first full collection touches, and so copies, the whole inherited heap.
    gc.freeze()
    # With fork, the initializer's arguments are inherited, not pickled.
    pool = ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"), initializer=_install, initargs=(work, context))
    try:
        return list(pool.map(_run, chunks))
    finally:
        pool.shutdown(cancel_futures=True)  # after a failure, chunks not yet started are dropped
        gc.unfreeze()


def _install(work: Callable[[Any, Sequence[Any]], Any], context: Any) -> None:
    global _worker  # noqa: PLW0603 (set in a worker only)
    _worker = (work, context)


def _run(chunk: Sequence[Any]) -> Any:
    if _worker is None:
        raise RuntimeError("runs only in a worker that parallel_map started")
    work, context = _worker
    return work(context, chunk)
