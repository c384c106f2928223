"""``fedcat demo``: a node built from the real seismic records ObsPy ships as its test data.

Nothing is generated and nothing is downloaded: the K-NET, WIN, miniSEED, SAC, StationXML,
QuakeML and F-net files below are real records distributed inside the installed ``obspy``
package. They are copied into ``<dir>/source`` so the demo harvests a folder a user can see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import obspy
from rich.console import Console

from catalog.harvest import Progress, harvest
from catalog.listing import dataset_rows
from catalog.output import OutputFormat, write_records, write_result
from catalog.query import QueryEngine
from catalog.store import NodeStore

OBSPY_IO = Path(obspy.__file__).parent / "io"
DEMO_FILES = {
    "knet": ["nied/tests/data/test.knet"],
    "fnet": ["nied/tests/data/FNETMTCATALOG"],
    "win": [f"win/tests/data/10030302.0{minute}" for minute in range(3)],
    "mseed": ["mseed/tests/data/test.mseed", "mseed/tests/data/two_channels.mseed",
              "mseed/tests/data/BW.BGLD.__.EHE.D.2008.001.first_10_records"],
    "sac": ["sac/tests/data/LMOW.BHE.SAC"],
    "stationxml": ["stationxml/tests/data/IRIS_single_channel_with_response.xml",
                   "stationxml/tests/data/F1_423_small.xml",
                   "stationxml/tests/data/stationxml_IU.ANTO.30.LDO.xml"],
    "quakeml": ["quakeml/tests/data/neries_events.xml", "quakeml/tests/data/iris_events.xml"],
}
EXAMPLE_QUERIES = [
    ("Traces per format, with the strongest shaking (K-NET records carry pga_gal)",
     "SELECT format, count(*) AS traces, sum(npts) AS samples, max(pga_gal) AS pga_gal "
     "FROM nied.waveforms GROUP BY format ORDER BY format"),
    ("Events per catalogue",
     "SELECT catalog, count(*) AS events, min(origin_time) AS first, "
     "max(magnitude) AS max_magnitude FROM nied.events GROUP BY catalog ORDER BY catalog"),
]


def assemble_source(target: Path) -> int:
    """Copy the demo's real records from the installed ObsPy into ``target``; return the count."""
    count = 0
    for folder, files in DEMO_FILES.items():
        (target / folder).mkdir(parents=True, exist_ok=True)
        for relative in files:
            shutil.copy2(OBSPY_IO / relative, target / folder / Path(relative).name)
            count += 1
    return count


def run_demo(base: Path, console: Console, progress: Progress) -> NodeStore:
    """Build (or refresh) the demo node under ``base``, harvest, list and query it."""
    source, node_dir = base / "source", base / "node"
    count = assemble_source(source)
    console.print(f"[bold]1.[/bold] {count} real seismic files from ObsPy's test data → {source}")
    if (node_dir / "fedcat.toml").exists():
        store = NodeStore.open(node_dir)
    else:
        store = NodeStore.init(node_dir, "nied", institution="demo (ObsPy test records)")
    console.print(f"[bold]2.[/bold] node [bold]{store.name}[/bold] in {store.dir}")
    report = harvest(store, "seismic", str(source), progress=progress)
    summary = report.summary
    console.print(
        f"[bold]3.[/bold] harvest #{report.run_id}: {summary.files_new} new, "
        f"{summary.files_changed} changed, {summary.files_unchanged} unchanged, "
        f"{summary.files_failed} failed; {summary.rows_written} rows"
    )
    write_records(dataset_rows(store), OutputFormat.table, None, console,
                  title="[bold]4.[/bold] datasets on the node")
    engine = QueryEngine(store)
    for step, (title, sql) in enumerate(EXAMPLE_QUERIES, start=5):
        console.print(f"\n[bold]{step}.[/bold] {title}\n"
                      f"[cyan]fedcat query \"{sql}\" --node {node_dir}[/cyan]", highlight=False)
        write_result(engine.execute(sql), OutputFormat.table, None, console)
    console.print(f"\nTry: [cyan]source .venv/bin/activate; export FEDCAT_NODE={node_dir}; "
                  "fedcat datasets; fedcat errors; fedcat versions waveforms[/cyan]",
                  highlight=False)
    return store
