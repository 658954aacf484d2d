"""Where articles are parsed: this process, a pool of processes, or a Dask cluster.

An :class:`Executor` takes batches of articles and hands back, for each batch, a pending
list of :class:`~kg.types.ArticleResult` in the batch's order. Every executor runs the
same unit of work, :func:`kg.pipeline.process_articles`, and loads the spaCy pipeline once
per process, so the merged graph is the same whichever one runs it. Workers of other
processes send their results back compact (:func:`pack_result`: plain tuples, each
sentence once, not the article the client already holds), and the client unpacks each
batch as it merges it. Executors start
lazily: a build whose every article is cached never starts a worker or loads a model.

Executors by name (:data:`EXECUTORS`)::

    local     this process (the default for one job)
    process   a pool of worker processes on this machine (the default for -j N, N > 1)
    dask      dask.distributed: a LocalCluster of N workers, or an existing cluster
              given by its scheduler address

Example:
    >>> from kg.types import Article
    >>> executor = make_executor("local")
    >>> [r.article.id for r in executor.submit([Article(id="a", text="")]).result()]
    ['a']
    >>> executor.close()
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, cast

from kg.builddb import assertion_of_row, assertion_row
from kg.errors import ExecutorError
from kg.extract.hybrid import DEFAULT_EXTRACTOR
from kg.types import Article, ArticleResult, Entity, Mention, Role

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = [
    "EXECUTORS",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "PendingResults",
    "ProcessExecutor",
    "make_executor",
    "pack_result",
    "unpack_result",
]

# A result without its article: entities, sentences, assertions as rows, mentions.
PackedResult = tuple[Any, ...]


def _role(r: Role) -> tuple[Any, ...]:
    return (r.id, r.name, r.type, r.qid, r.text, r.start, r.end)


def _unrole(r: tuple[Any, ...]) -> Role:
    return Role(*r)


def pack_result(result: ArticleResult) -> PackedResult:
    """Return ``result`` as plain tuples, each sentence once and without the article.

    What a worker sends back: no objects of kg's classes, no repeated sentence text, no
    article text (the client has the article; :func:`unpack_result` puts it back).

    Example:
        >>> r = ArticleResult(Article("a", "Japan met China."))
        >>> unpack_result(pack_result(r), r.article) == r
        True
    """
    sentences: dict[str, int] = {}
    rows = tuple(
        assertion_row(a, _role, sentences.setdefault(a.evidence.sentence, len(sentences)))
        for a in result.assertions
    )
    entities = tuple((e.id, e.name, e.type, e.aliases, e.qid) for e in result.entities)
    mentions = tuple(
        (eid, m.text, m.start, m.end, m.label, m.qualifier) for eid, m in result.mentions
    )
    return (result.article.id, entities, tuple(sentences), rows, mentions)


def unpack_result(packed: PackedResult, article: Article) -> ArticleResult:
    """Return the :class:`ArticleResult` :func:`pack_result` packed, for ``article``.

    Raises:
        ExecutorError: The packed result is of another article (a worker mixed them up).
    """
    article_id, entities, sentences, rows, mentions = packed
    if article_id != article.id:
        msg = f"a worker sent the result of article {article_id!r} for {article.id!r}"
        raise ExecutorError(msg)
    assertions = tuple(assertion_of_row(r, _unrole, sentences) for r in rows)
    return ArticleResult(
        article,
        tuple(Entity(*e) for e in entities),
        assertions,
        tuple((m[0], Mention(*m[1:])) for m in mentions),
    )


def process_packed(articles: Sequence[Article], **options: Any) -> list[PackedResult]:
    """Run :func:`kg.pipeline.process_articles` and pack its results (in a worker)."""
    from kg.pipeline import process_articles

    return [pack_result(r) for r in process_articles(articles, **options)]


class PendingResults(Protocol):
    """The results of one submitted batch, ready now or later (a future)."""

    def done(self) -> bool:
        """Return whether :meth:`result` would return at once."""
        ...

    def result(self) -> list[ArticleResult]:
        """Wait for and return the batch's results, in the batch's order."""
        ...


class Executor(Protocol):
    """Runs :func:`kg.pipeline.process_articles` on batches of articles.

    Attributes:
        name: The registry name.
        batch_articles: Articles per submitted batch (one task).
    """

    name: str
    batch_articles: int

    @property
    def capacity(self) -> int:
        """Batches worth keeping in flight: enough to keep every worker busy."""
        ...

    def submit(self, articles: Sequence[Article]) -> PendingResults:
        """Start work on ``articles`` and return their pending results.

        Raises:
            ExecutorError: The workers cannot be started or reached.
        """
        ...

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers; ``cancel`` drops work not yet done instead of waiting for it."""
        ...


class _Done:
    """Results computed at submission."""

    def __init__(self, results: list[ArticleResult]) -> None:
        self._results = results

    def done(self) -> bool:
        return True

    def result(self) -> list[ArticleResult]:
        return self._results


class LocalExecutor:
    """Parse in this process, one batch at a time, as the batch is submitted.

    Args:
        model: spaCy pipeline name.
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        batch_articles: Articles per submitted batch.
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`).
    """

    name = "local"

    def __init__(
        self,
        *,
        model: str | None = None,
        batch_size: int = 32,
        batch_articles: int = 64,
        extractor: str = DEFAULT_EXTRACTOR,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.batch_articles = batch_articles
        self.extractor = extractor

    @property
    def capacity(self) -> int:
        """One batch: work is done at submission."""
        return 1

    def submit(self, articles: Sequence[Article]) -> PendingResults:
        """Process ``articles`` now."""
        from kg.pipeline import process_articles

        return _Done(
            process_articles(
                articles, model=self.model, batch_size=self.batch_size, extractor=self.extractor
            )
        )

    def close(self, *, cancel: bool = False) -> None:
        """Nothing to stop."""


def _watch_parent(parent: int) -> None:
    """Exit a worker whose parent died (killed builds must not leave orphans behind)."""
    import signal
    import time

    # Ctrl-C reaches the whole process group: the parent decides, workers keep quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


class ProcessExecutor:
    """Parse in a pool of worker processes on this machine, each loading the pipeline once.

    Workers are started with ``spawn`` (safe whatever threads this process runs) when
    the first batch arrives; as with any spawned pool, a script that uses it must guard
    its entry point with ``if __name__ == "__main__":``. A worker exits by itself when its
    parent dies, so a killed build leaves no orphans.

    Args:
        jobs: Worker processes.
        model: spaCy pipeline name.
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        batch_articles: Articles per task; small enough to balance the workers.
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`).
    """

    name = "process"

    def __init__(
        self,
        *,
        jobs: int = 2,
        model: str | None = None,
        batch_size: int = 32,
        batch_articles: int = 8,
        extractor: str = DEFAULT_EXTRACTOR,
    ) -> None:
        if jobs < 1:
            msg = f"the process executor needs at least one job, got {jobs!r}"
            raise ExecutorError(msg)
        self.jobs = jobs
        self.model = model
        self.batch_size = batch_size
        self.batch_articles = batch_articles
        self.extractor = extractor
        self._pool: ProcessPoolExecutor | None = None

    @property
    def capacity(self) -> int:
        """Four batches per worker, so one slow batch at the head does not idle the rest."""
        return 4 * self.jobs

    def submit(self, articles: Sequence[Article]) -> PendingResults:
        """Queue ``articles`` for the next free worker."""
        from concurrent.futures import ProcessPoolExecutor

        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
        batch = list(articles)
        future = self._pool.submit(
            process_packed,
            batch,
            model=self.model,
            batch_size=self.batch_size,
            extractor=self.extractor,
        )
        return _Guarded(future, "a worker process died (out of memory, or killed)", batch)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the pool; with ``cancel``, kill the workers without waiting."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not cancel:
            pool.shutdown(wait=True)
            return
        # Interrupted: do not wait for batches in progress. The pool has no public
        # way to stop running workers before Python 3.14, hence ``_processes``.
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.terminate()


class _Guarded:
    """A future whose infrastructure failures become :class:`ExecutorError`."""

    def __init__(self, future: Any, what: str, articles: list[Article]) -> None:
        self._future = future
        self._what = what
        self._articles = articles

    def done(self) -> bool:
        return bool(self._future.done())

    def result(self) -> list[ArticleResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            packed = cast("list[PackedResult]", self._future.result())
        except BrokenProcessPool as exc:
            raise ExecutorError(self._what) from exc
        except Exception as exc:
            if type(exc).__name__ == "KilledWorker":  # dask.distributed, imported lazily
                msg = f"{self._what}: {exc}"
                raise ExecutorError(msg) from exc
            raise
        if len(packed) != len(self._articles):
            msg = f"a worker sent {len(packed)} results for {len(self._articles)} articles"
            raise ExecutorError(msg)
        return [unpack_result(p, a) for p, a in zip(packed, self._articles, strict=True)]


class DaskExecutor:
    """Parse on a Dask cluster: a LocalCluster of ``jobs`` workers, or an existing one.

    Each worker loads the pipeline once (on its first batch) and keeps it. Workers of an
    existing cluster need kg and the spaCy pipeline installed; run them with one thread
    each (``dask worker ADDRESS --nthreads 1``): a pipeline parses one batch at a time.

    Args:
        jobs: Workers of the LocalCluster (ignored with ``scheduler``).
        model: spaCy pipeline name.
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        batch_articles: Articles per task.
        scheduler: Address of an existing scheduler (``tcp://host:8786``), or ``None``
            for a LocalCluster.
        connect_timeout: How long to try reaching ``scheduler`` (a Dask duration).
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`).
    """

    name = "dask"

    def __init__(
        self,
        *,
        jobs: int = 2,
        model: str | None = None,
        batch_size: int = 32,
        batch_articles: int = 16,
        scheduler: str | None = None,
        connect_timeout: str = "20s",
        extractor: str = DEFAULT_EXTRACTOR,
    ) -> None:
        self.jobs = max(1, jobs)
        self.extractor = extractor
        self.model = model
        self.batch_size = batch_size
        self.batch_articles = batch_articles
        self.scheduler = scheduler
        self._client: Any = None
        self._cluster: Any = None
        self._threads = self.jobs
        self.connect_timeout = connect_timeout

    @property
    def capacity(self) -> int:
        """Four batches per worker thread of the cluster (see :class:`ProcessExecutor`)."""
        return 4 * self._threads

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` once the first batch was sent, else ``None``."""
        return self._client

    def _connect(self) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            msg = (
                "the dask executor needs dask.distributed: "
                "pip install 'dask[distributed]' (or pick --executor process)"
            )
            raise ExecutorError(msg) from exc
        try:
            if self.scheduler is None:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(  # type: ignore[no-untyped-call]
                    self.scheduler, timeout=self.connect_timeout
                )
        except (OSError, TimeoutError) as exc:
            where = self.scheduler or "a LocalCluster"
            msg = f"cannot start or reach the Dask scheduler {where!r}: {exc}"
            raise ExecutorError(msg) from exc
        threads = sum(self._client.nthreads().values())
        self._threads = max(1, threads)
        return self._client

    def submit(self, articles: Sequence[Article]) -> PendingResults:
        """Send ``articles`` to the cluster as one task."""
        client = self._client or self._connect()
        batch = list(articles)
        future = client.submit(
            process_packed,
            batch,
            model=self.model,
            batch_size=self.batch_size,
            extractor=self.extractor,
            pure=False,
        )
        return _Guarded(future, "a Dask worker died", batch)

    def close(self, *, cancel: bool = False) -> None:
        """Disconnect, and shut the LocalCluster down if this executor started it."""
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


class ExecutorFactory(Protocol):
    """Makes an executor from the settings every executor is given."""

    def __call__(
        self,
        *,
        jobs: int,
        model: str | None,
        batch_size: int,
        scheduler: str | None,
        extractor: str = DEFAULT_EXTRACTOR,
    ) -> Executor:
        """Return a configured executor."""
        ...


def _no_scheduler(name: str, scheduler: str | None) -> None:
    if scheduler is not None:
        msg = f"a scheduler address is for the dask executor, not {name!r}: add --executor dask"
        raise ExecutorError(msg)


def _local(
    *,
    jobs: int,
    model: str | None,
    batch_size: int,
    scheduler: str | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Executor:
    _no_scheduler("local", scheduler)
    return LocalExecutor(model=model, batch_size=batch_size, extractor=extractor)


def _process(
    *,
    jobs: int,
    model: str | None,
    batch_size: int,
    scheduler: str | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Executor:
    _no_scheduler("process", scheduler)
    return ProcessExecutor(jobs=jobs, model=model, batch_size=batch_size, extractor=extractor)


def _dask(
    *,
    jobs: int,
    model: str | None,
    batch_size: int,
    scheduler: str | None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Executor:
    return DaskExecutor(
        jobs=jobs, model=model, batch_size=batch_size, scheduler=scheduler, extractor=extractor
    )


EXECUTORS: Mapping[str, ExecutorFactory] = MappingProxyType(
    {"local": _local, "process": _process, "dask": _dask}
)
"""Executor name to its factory (called with the keyword settings of :func:`make_executor`)."""


def make_executor(
    name: str | None = None,
    *,
    jobs: int = 1,
    model: str | None = None,
    batch_size: int = 32,
    scheduler: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Executor:
    """Return the executor called ``name``, configured.

    Args:
        name: A key of :data:`EXECUTORS`; ``None`` picks ``local`` for one job, else
            ``process`` (``dask`` when a scheduler is given).
        jobs: Worker processes (``process``, and ``dask`` without a scheduler).
        model: spaCy pipeline name.
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        scheduler: Address of an existing Dask scheduler (``dask`` only).
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`).

    Raises:
        ExecutorError: Unknown name, a bad job count, or a scheduler for another executor.

    Example:
        >>> make_executor("threads")
        Traceback (most recent call last):
        ...
        kg.errors.ExecutorError: unknown executor 'threads': expected one of dask, local, process
    """
    if name is None:
        name = "dask" if scheduler else ("local" if jobs <= 1 else "process")
    if name not in EXECUTORS:
        msg = f"unknown executor {name!r}: expected one of {', '.join(sorted(EXECUTORS))}"
        raise ExecutorError(msg)
    if jobs < 1:
        msg = f"jobs must be at least 1, got {jobs!r}"
        raise ExecutorError(msg)
    return EXECUTORS[name](
        jobs=jobs, model=model, batch_size=batch_size, scheduler=scheduler, extractor=extractor
    )
