"""What a node publishes: validate dataset versions, quarantine failures, record stewards' calls.

Every validated dataset version gets a status: ``published`` (all critical expectations pass),
``quarantined`` (a critical one fails), or a steward's ``approved`` (published despite failures,
with a reason) or ``rejected``. Researchers may query a dataset only while its latest version's
status is in :data:`queryable_statuses`; a version not yet validated is not theirs either. The
node's operator (the local CLI) sees everything. Validation writes its reports first and its
statuses last, in one transaction, so an interrupted run leaves the previous status in place.
"""

from __future__ import annotations

import getpass
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa

from adapters.registry import UnknownAdapterError, load_adapter
from catalog.bookkeeping import utc_now
from catalog.errors import FedcatError, UnknownDatasetError
from catalog.parse_worker import stored_schema
from catalog.review_reports import read_json_report, write_html_report, write_json_report
from catalog.review_store import ReviewLedger, VersionRecord
from catalog.store import NodeStore
from validation.runner import run_suite
from validation.suite import build_suite

queryable_statuses = frozenset({"published", "approved"})
"""Statuses whose dataset versions researchers may query."""
DECIDABLE = {"approved": {"quarantined", "rejected"},
             "rejected": {"published", "quarantined", "approved"}}
"""For each decision, the statuses a version may have for a steward to take it."""
SUITES_DIR = "suites"
SUITE_SUFFIXES = (".yaml", ".yml", ".json")


class ReviewError(FedcatError):
    """A review decision that cannot be taken as asked."""


@dataclass(frozen=True)
class ValidationOutcome:
    """What validating one dataset version found and where its reports are."""

    dataset: str
    version: int
    status: str
    rows: int
    critical_failed: int
    warnings_failed: int
    problems: list[str]
    report_json: Path
    report_html: Path


def validate_datasets(store: NodeStore, datasets: list[str] | None = None
                      ) -> list[ValidationOutcome]:
    """Validate the latest version of each dataset (all by default); store reports, statuses."""
    known = store.dataset_names()
    unknown = [name for name in datasets or [] if name not in known]
    if unknown:
        raise UnknownDatasetError(f"dataset {unknown[0]!r} does not exist on node {store.name!r} "
                                  f"(datasets: {', '.join(known) or 'none yet'})")
    ledger = ReviewLedger(store.bookkeeping)
    return [_validate(store, ledger, name) for name in (known if datasets is None else datasets)]


def _validate(store: NodeStore, ledger: ReviewLedger, dataset: str) -> ValidationOutcome:
    version, files, schema = store.version_files(dataset)
    access = dataset_access(store, dataset)
    adapter = _registered(store, dataset).get("adapter")
    suite = build_suite(dataset, _declared_schema(adapter, dataset) or schema, adapter,
                        node_suite_file(store, dataset))
    run = run_suite(suite, files, schema, samples=access != "sensitive")
    failed = [item.expectation_config.severity.value for item in run.result.results
              if not item.success]
    validation_status = "quarantined" if "critical" in failed else "published"
    previous = ledger.version(dataset, version)
    status = (previous["status"] if previous and previous["status"] in DECIDABLE
              else validation_status)
    result = run.result.to_json_dict()
    result["meta"].update(node=store.name, version=version, access=access,
                          validation_status=validation_status)
    json_path = write_json_report(store, dataset, version, result)
    record = VersionRecord(
        dataset=dataset, version=version, validation_status=validation_status,
        rows=result["meta"]["rows"], evaluated=len(run.result.results),
        critical_failed=failed.count("critical"), warnings_failed=failed.count("warning"),
        problems=len(run.problems), report=str(json_path.relative_to(store.dir)),
    )
    trend = [row for row in ledger.versions(dataset) if row["version"] < version]
    trend.append({**asdict(record), "status": status, "validated_at": utc_now()})
    html_path = write_html_report(store, ledger, dataset, version, status, access, result, trend)
    status = ledger.record_validation(record, latest=True)
    return ValidationOutcome(dataset, version, status, record.rows, record.critical_failed,
                             record.warnings_failed, [str(p) for p in run.problems], json_path,
                             html_path)


def approve(store: NodeStore, dataset: str, reason: str, by: str | None = None,
            version: int | None = None) -> dict:
    """Publish a dataset version despite its failures; return the recorded decision."""
    return decide(store, dataset, "approved", reason, by, version)


def reject(store: NodeStore, dataset: str, reason: str, by: str | None = None,
           version: int | None = None) -> dict:
    """Withhold a dataset version from researchers; return the recorded decision."""
    return decide(store, dataset, "rejected", reason, by, version)


def decide(store: NodeStore, dataset: str, decision: str, reason: str, by: str | None = None,
           version: int | None = None) -> dict:
    """Record a steward's ``decision`` on a version (the latest by default) and apply it."""
    if not reason.strip():
        raise ReviewError(f"say why {dataset} is {decision}: --reason is required")
    latest = store.table(dataset).version()
    version = latest if version is None else version
    ledger = ReviewLedger(store.bookkeeping)
    row = ledger.version(dataset, version)
    if row is None:
        raise ReviewError(f"{dataset} version {version} has not been validated "
                          f"(run `fedcat validate {dataset}` first)")
    if row["status"] not in DECIDABLE[decision]:
        raise ReviewError(f"{dataset} version {version} is {row['status']}: it cannot be "
                          f"{decision} (only a version that is "
                          f"{' or '.join(sorted(DECIDABLE[decision]))} can)")
    recorded = ledger.record_decision(dataset, version, decision, reason.strip(),
                                      by or getpass.getuser(), latest=version == latest)
    result = read_json_report(store, dataset, version)
    if result is not None:
        write_html_report(store, ledger, dataset, version, decision,
                          dataset_access(store, dataset), result)
    return recorded


def researcher_visible(store: NodeStore) -> set[str]:
    """Datasets researchers may query: those whose latest version is published or approved."""
    ledger = ReviewLedger(store.bookkeeping)
    latest = ledger.latest_validated()
    return {name for name in store.dataset_names()
            if name in latest and latest[name]["status"] in queryable_statuses
            and latest[name]["version"] == store.table(name).version()}


def review_rows(store: NodeStore) -> list[dict]:
    """One record per dataset: its latest version's status, failures and last decision."""
    ledger = ReviewLedger(store.bookkeeping)
    records = []
    for name in store.dataset_names():
        version = store.table(name).version()
        row = ledger.version(name, version) or {}
        decisions = ledger.decisions(name, version)
        last = decisions[-1] if decisions else {}
        records.append({
            "dataset": name, "version": version, "status": row.get("status", "unvalidated"),
            "critical_failed": row.get("critical_failed"),
            "warnings_failed": row.get("warnings_failed"),
            "validated_at": row.get("validated_at"), "decided_by": last.get("decided_by"),
            "reason": last.get("reason"),
        })
    return records


@dataclass(frozen=True)
class ReviewDetails:
    """A dataset version's review: its row, failed expectations, decisions and reports."""

    dataset: str
    version: int
    status: str
    access: str
    failures: list[dict]
    decisions: list[dict]
    problems: list[str]
    report_html: Path


def review_details(store: NodeStore, dataset: str, version: int | None = None) -> ReviewDetails:
    """The failed expectations of a version (the latest by default): counts, and sample
    unexpected values unless the dataset is sensitive."""
    version = store.table(dataset).version() if version is None else version
    ledger = ReviewLedger(store.bookkeeping)
    row = ledger.version(dataset, version)
    result = read_json_report(store, dataset, version)
    if row is None or result is None:
        raise ReviewError(f"{dataset} version {version} has not been validated "
                          f"(run `fedcat validate {dataset}` first)")
    access = dataset_access(store, dataset)
    failures = [_failure(item, with_samples=access != "sensitive")
                for item in result["results"] if not item["success"]]
    return ReviewDetails(dataset, version, row["status"], access, failures,
                         ledger.decisions(dataset, version), result["meta"].get("problems", []),
                         store.dir / Path(row["report"]).with_suffix(".html"))


def _failure(item: dict, with_samples: bool) -> dict:
    """One failed expectation as a flat record."""
    config, body = item["expectation_config"], item.get("result") or {}
    kwargs = config.get("kwargs", {})
    columns = [kwargs.get(key) for key in ("column", "column_A", "column_B")]
    columns = [*filter(None, columns), *(kwargs.get("column_list") or [])]
    record = {
        "severity": config.get("severity", "critical"),
        "expectation": config["type"],
        "columns": ", ".join(columns),
        "description": config.get("description") or "",
        "unexpected_count": body.get("unexpected_count", body.get("observed_value")),
        "unexpected_percent": body.get("unexpected_percent"),
    }
    if with_samples:
        samples = [item["value"] for item in body.get("partial_unexpected_counts", [])]
        samples += (body.get("details") or {}).get("unexpected_rows", [])
        record["sample_values"] = samples[:5]
    return record


def dataset_access(store: NodeStore, dataset: str) -> str:
    """The access level in force: the node's configuration, else what the harvest recorded."""
    settings = store.config.datasets.get(dataset)
    return (settings and settings.access) or _registered(store, dataset).get("access", "public")


def node_suite_file(store: NodeStore, dataset: str) -> Path | None:
    """The node's own suite file of ``dataset`` (``suites/<dataset>.yaml|yml|json``), if any."""
    for suffix in SUITE_SUFFIXES:
        path = store.dir / SUITES_DIR / f"{dataset}{suffix}"
        if path.is_file():
            return path
    return None


def _registered(store: NodeStore, dataset: str) -> dict:
    rows = store.bookkeeping.rows("SELECT * FROM datasets WHERE name = ?", (dataset,))
    return rows[0] if rows else {}


def _declared_schema(adapter: str | None, dataset: str) -> pa.Schema | None:
    """The schema ``adapter`` declares for ``dataset`` (as stored), if it can be found."""
    try:
        spec = load_adapter(adapter).datasets.get(dataset) if adapter else None
    except UnknownAdapterError:
        return None
    return stored_schema(spec) if spec else None
