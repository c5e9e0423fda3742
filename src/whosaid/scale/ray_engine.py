"""The Ray Data pipeline: read -> extract with an actor pool -> write shards.

    files --flat_map(read)--> inputs --map_batches(actor pool)--> results
          --map_batches(write_shard)--> one summary row per shard pair

Each extraction actor loads the engine once. Rows carry whosaid's own records
pickled in one binary column, so every stage uses the same code as a local run
(`load_item`, `Extractor.pipe`, `write_shard`) and the shards are the same.

The same code runs on a laptop (`ray.init()` starts a local instance) and on a
cluster (`address="ray://head:10001"` or `"auto"`): there the input paths and
the output folder must be reachable from every node (a shared file system, or
an s3:// / gs:// output URI), and whosaid[ray] must be installed on each node.
"""

from __future__ import annotations

import logging
import pickle
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid import settings
from whosaid.errors import WhosaidError
from whosaid.model import Failure, Result
from whosaid.read import InputFile, ReadOptions, list_inputs, read_file
from whosaid.read.items import load_item
from whosaid.report import RunSummary
from whosaid.scale.shards import SHARD_ROWS, write_shard

if TYPE_CHECKING:
    import pyarrow as pa

    from whosaid.pipeline import Extractor

log = logging.getLogger(__name__)

# Concurrent file readers and shard writers.
LIGHT_TASKS = 2


class RayNotInstalledError(WhosaidError):
    def __init__(self) -> None:
        super().__init__(
            "--runner ray needs Ray; install it with: pip install 'whosaid[ray]'"
        )


def _read_file(row: dict[str, Any]) -> Iterator[dict[str, bytes]]:
    """Read one part of an input file into rows of pickled articles and failures.

    A file is read as `parts` blocks so that one file can keep several actors
    busy (one block goes to one actor): each part reads the whole file and
    keeps every `parts`-th item, so each item is kept exactly once. Reading is
    cheap; HTML extraction of the pages kept happens in the actors.
    """
    part, parts = row["part"], row["parts"]
    options = pickle.loads(row["options"])
    file = InputFile(Path(row["path"]), row["doc_id"])
    for index, item in enumerate(read_file(file, options)):
        if index % parts == part:
            yield {"item": pickle.dumps(item)}


def _table(column: str, values: list[bytes]) -> pa.Table:
    import pyarrow as pa

    return pa.table({column: pa.array(values, type=pa.binary())})


class _ExtractActor:
    """One Ray actor: loads the engine once, extracts batch after batch."""

    def __init__(
        self, engine: str, spacy_model: str, batch_size: int, options: bytes
    ) -> None:
        from whosaid.pipeline import Extractor

        self.extractor: Extractor = Extractor(
            engine, spacy_model=spacy_model, batch_size=batch_size
        )
        self.options: ReadOptions = pickle.loads(options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        items = (
            load_item(pickle.loads(data), self.options)
            for data in batch.column("item").to_pylist()
        )
        results = [pickle.dumps(result) for result in self.extractor.pipe(items)]
        return _table("result", results)


def _write_batch(batch: pa.Table, *, output: str) -> pa.Table:
    """Write one shard pair and return its report as a one-row table."""
    import pyarrow as pa

    results: list[Result | Failure] = [
        pickle.loads(data) for data in batch.column("result").to_pylist()
    ]
    report = write_shard(results, output, uuid.uuid4().hex[:16])
    return pa.table({"report": [pickle.dumps(report)]})


def _settings_env() -> dict[str, str]:
    """This process's settings (flags, env, whosaid.toml) as WHOSAID_* variables.

    Actors on other nodes see neither this environment nor this folder's
    whosaid.toml; passing the resolved values makes them extract as a local
    run would.
    """
    return {
        f"WHOSAID_{setting.name.upper()}": str(settings.get(setting.name))
        for setting in settings.SETTINGS
        if isinstance(settings.get(setting.name), (str, int))
    }


def run_ray(
    paths: Iterable[str],
    output: str,
    *,
    address: str | None = None,
    workers: int | None = None,
    engine: str | None = None,
    spacy_model: str | None = None,
    shard_rows: int = SHARD_ROWS,
    options: ReadOptions | None = None,
) -> RunSummary:
    """Extract quotes from `paths` on Ray and write shard pairs to `output`.

    Ids are not checked for clashes across the cluster (a local run does
    that); `whosaid ingest` of the shards gives a clashing id its suffix.

    Connects to `address`, or uses the Ray instance already initialised in
    this process, or starts a local one.

    Args:
        paths: Input files and folders, as for `whosaid extract` (no stdin).
        output: Local folder or s3:// / gs:// URI for the shards.
        address: Ray cluster address; None starts Ray on this machine.
        workers: Extraction actors, one model each; default one per CPU.
        engine: Engine name (default: setting `engine`).
        spacy_model: spaCy pipeline (default: setting `spacy_model`).
        shard_rows: Articles per shard pair.
        options: Encoding and language for reading (default: the settings).

    Raises:
        RayNotInstalledError: If Ray is not installed.
    """
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise RayNotInstalledError() from err

    report = RunSummary(command="run")
    options = options or ReadOptions.from_settings()
    files: list[InputFile] = []
    for file in list_inputs(paths):
        if isinstance(file, Failure):
            report.add(file)
        elif file.is_stdin:
            report.add(
                Failure(
                    "-", "the Ray engine cannot read stdin; pass files", kind="missing"
                )
            )
        else:  # ids are the paths in the folders given (#16)
            files.append(InputFile(file.path.resolve(), file.doc_id))
    if not ray.is_initialized():
        if address:
            ray.init(address=address, logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, logging_level=logging.WARNING)
    if not files:
        return report
    # Ray Data logs progress to the terminal; a library stays quiet (#7).
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]  # Ray is untyped here
    actors = workers or max(1, int(cpus))
    batch_size = int(settings.get("batch_size"))
    runtime_env = {"env_vars": _settings_env()}
    parts = -(-actors // len(files))  # enough blocks for every actor
    reads = [
        {
            "path": str(file.path),
            "doc_id": file.doc_id,
            "part": part,
            "parts": parts,
            "options": pickle.dumps(options),
        }
        for file in files
        for part in range(parts)
    ]
    dataset = (
        ray.data.from_items(reads, override_num_blocks=len(reads))
        # Reading and writing are light; they take no CPU slot, or actors that
        # hold every slot would starve them (a hang on a 2-CPU machine).
        .flat_map(
            _read_file,
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=LIGHT_TASKS),
            runtime_env=runtime_env,
        )
        .map_batches(
            _ExtractActor,
            fn_constructor_kwargs={
                "engine": str(settings.get("engine", engine)),
                "spacy_model": str(settings.get("spacy_model", spacy_model)),
                "batch_size": batch_size,
                "options": pickle.dumps(options),
            },
            batch_size=batch_size,
            batch_format="pyarrow",
            # One block at a time per actor: an actor that loads its model
            # first would otherwise queue every block while the others load.
            compute=ray.data.ActorPoolStrategy(
                size=actors, max_tasks_in_flight_per_actor=1
            ),
            num_cpus=1,
            runtime_env=runtime_env,
        )
        .map_batches(
            _write_batch,  # type: ignore[arg-type]  # fn_kwargs are not in the stub
            fn_kwargs={"output": output},
            batch_size=shard_rows,
            batch_format="pyarrow",
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=LIGHT_TASKS),
        )
    )
    for row in dataset.iter_rows():
        report.merge(pickle.loads(row["report"]))
    return report
