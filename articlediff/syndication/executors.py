"""Run one chunk function over many chunks: in this process, in a local process pool, or on Dask.

:func:`map_chunks` takes a function ``fn(state, chunk)``, the ``state`` every call needs (for a
batch, the :class:`~articlediff.syndication.blocking.Index`: shipped to each worker once, not with
every chunk) and the chunks; it yields ``fn``'s results as the chunks finish. Which executor runs
them changes when results arrive, never what they are.

>>> import operator
>>> sorted(map_chunks(operator.add, 10, iter([1, 2, 3])))
[11, 12, 13]
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from ..errors import InputError, OptionsError

__all__ = ["chunked", "map_chunks"]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def map_chunks(
    fn: Callable[[S, T], R], state: S, chunks: Iterable[T], *, jobs: int = 1, dask: object = None
) -> Iterator[R]:
    """Yield ``fn(state, chunk)`` for every chunk, in the order they finish.

    Args:
        fn: a module-level function (or a ``functools.partial`` of one): pool and Dask workers get it pickled.
        state: what every call needs; a pool's workers get it once when they start (for free with
            ``fork``), Dask workers once by ``scatter``.
        chunks: read as fast as results come back (at most two chunks a worker are in flight), so
            a long stream is never held whole.
        jobs: processes of the local pool (1: in this process).
        dask: a Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``; overrides ``jobs``.

    The pool is started before this returns (a thread started later, such as a progress bar's,
    is then never forked); ``close()`` on the result stops it.

    Raises:
        OptionsError: if ``jobs`` is not a positive integer.
        InputError: if dask.distributed is missing or the scheduler cannot be reached.
        TypeError: if ``dask`` is neither an address nor a ``distributed.Client``.
    """
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise OptionsError(f"jobs must be a positive integer, got {jobs!r}")
    if dask is not None:
        return _on_dask(fn, state, chunks, dask)
    if jobs > 1:
        pool = _start_pool(state, jobs)
        return _Closing(_in_pool(pool, fn, chunks, jobs), pool)
    return (fn(state, chunk) for chunk in chunks)


class _Closing(Generic[R]):
    """An iterator that shuts its pool down when closed, even if it was never started (a generator's
    ``finally`` would not run then)."""

    def __init__(self, results: Iterator[R], pool: Any) -> None:
        self._results, self._pool = results, pool

    def __iter__(self) -> Iterator[R]:
        return self

    def __next__(self) -> R:
        return next(self._results)

    def close(self) -> None:
        close = getattr(self._results, "close", None)
        if close:
            close()
        self._pool.shutdown(wait=True, cancel_futures=True)


_WORKER_STATE: Any = None


def _init_worker(state: object) -> None:
    global _WORKER_STATE
    _WORKER_STATE = state
    # Ctrl-C goes to the whole process group: let the parent stop the pool and keep finished work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The state lives as long as the process: keep the collector from rescanning it (~20% of a batch's time).
    gc.freeze()


def _in_worker(fn: Callable[[Any, T], R], chunk: T) -> R:
    return fn(_WORKER_STATE, chunk)


def _ready() -> bool:
    return True


def _start_pool(state: object, jobs: int) -> Any:
    """A process pool whose workers hold ``state``, every worker started."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the state with the workers for free; elsewhere it is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(state,))
    try:
        pool.submit(_ready).result()  # with fork, the first task starts every worker
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return pool


def _in_pool(pool: Any, fn: Callable[[Any, T], R], chunks: Iterable[T], jobs: int) -> Iterator[R]:
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    pending: set[Future[R]] = set()
    try:
        for chunk in chunks:
            pending.add(pool.submit(_in_worker, fn, chunk))
            if len(pending) >= 2 * jobs:  # bounded: chunks are read as fast as they are done
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(fn: Callable[[S, T], R], state: S, chunks: Iterable[T], dask: object) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError:
        raise InputError("the Dask backend needs dask.distributed: pip install 'articlediff[dask]'") from None
    if not isinstance(dask, (str, Client)):
        raise TypeError(f"dask must be a scheduler address or a distributed.Client, not {type(dask).__name__}")
    return _dask_results(fn, state, chunks, dask)


def _dask_results(fn: Callable[[S, T], R], state: S, chunks: Iterable[T], dask: Any) -> Iterator[R]:
    from distributed import Client, wait

    own = isinstance(dask, str)
    if own:
        try:
            client = Client(dask, set_as_default=False)
        except OSError as exc:
            raise InputError(f"{dask}: cannot reach the Dask scheduler ({exc})") from None
    else:
        client = dask
    pending: set[Any] = set()
    try:
        shipped = client.scatter(state, broadcast=True, hash=False)
        limit = 2 * max(1, sum(client.nthreads().values()))
        for chunk in chunks:
            pending.add(client.submit(fn, shipped, chunk, pure=False))
            if len(pending) >= limit:
                done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
                pending = set(not_done)
                for f in done:
                    yield f.result()
        while pending:
            done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
            pending = set(not_done)
            for f in done:
                yield f.result()
    finally:
        for f in pending:
            f.cancel()
        if own:
            client.close()
