"""The review ledger in the node's bookkeeping: a status per dataset version, steward decisions.

``dataset_versions`` holds what validation found for each version (``validation_status``:
published or quarantined) and the status in force (``status``: that, or a steward's approved or
rejected). ``review_decisions`` keeps every decision with who, when and why. Each change lands
in one transaction together with ``datasets.status``, so an interrupted run changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from catalog.bookkeeping import Bookkeeping, utc_now

REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS dataset_versions (
    dataset TEXT NOT NULL,
    version INTEGER NOT NULL,
    validation_status TEXT NOT NULL,
    status TEXT NOT NULL,
    rows INTEGER NOT NULL,
    evaluated INTEGER NOT NULL,
    critical_failed INTEGER NOT NULL,
    warnings_failed INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    report TEXT NOT NULL,
    validated_at TEXT NOT NULL,
    PRIMARY KEY (dataset, version)
);
CREATE TABLE IF NOT EXISTS review_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset TEXT NOT NULL,
    version INTEGER NOT NULL,
    decision TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class VersionRecord:
    """What one validation of a dataset version found."""

    dataset: str
    version: int
    validation_status: str
    rows: int
    evaluated: int
    critical_failed: int
    warnings_failed: int
    problems: int
    report: str
    """The JSON report's path, relative to the node directory."""


class ReviewLedger:
    """Read and write the review tables of one node's bookkeeping."""

    def __init__(self, bookkeeping: Bookkeeping) -> None:
        self.bookkeeping = bookkeeping
        tables = {row["name"] for row in bookkeeping.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"dataset_versions", "review_decisions"} <= tables:  # readers never write
            with bookkeeping.transaction() as connection:
                for statement in filter(str.strip, REVIEW_SCHEMA.split(";")):
                    connection.execute(statement)

    def record_validation(self, record: VersionRecord, latest: bool) -> str:
        """Store a validation; return the status in force (a steward's decision stands).

        ``latest`` says whether the version is its dataset's newest, whose status the
        ``datasets`` table shows.
        """
        values = {**asdict(record), "now": utc_now()}
        with self.bookkeeping.transaction() as connection:
            connection.execute(
                "INSERT INTO dataset_versions (dataset, version, validation_status, status, rows, "
                "evaluated, critical_failed, warnings_failed, problems, report, validated_at) "
                "VALUES (:dataset, :version, :validation_status, :validation_status, :rows, "
                ":evaluated, :critical_failed, :warnings_failed, :problems, :report, :now) "
                "ON CONFLICT (dataset, version) DO UPDATE SET "
                "validation_status = excluded.validation_status, rows = excluded.rows, "
                "evaluated = excluded.evaluated, critical_failed = excluded.critical_failed, "
                "warnings_failed = excluded.warnings_failed, problems = excluded.problems, "
                "report = excluded.report, validated_at = excluded.validated_at, "
                "status = CASE WHEN status IN ('approved', 'rejected') THEN status "
                "ELSE excluded.status END",
                values,
            )
            status = connection.execute(
                "SELECT status FROM dataset_versions WHERE dataset = ? AND version = ?",
                (record.dataset, record.version),
            ).fetchone()[0]
            if latest:
                _set_dataset_status(connection, record.dataset, status)
        return status

    def record_decision(self, dataset: str, version: int, decision: str, reason: str,
                        by: str, latest: bool) -> dict:
        """Store a steward's decision on a version and put it in force; return the decision."""
        row = {"dataset": dataset, "version": version, "decision": decision, "reason": reason,
               "decided_by": by, "decided_at": utc_now()}
        with self.bookkeeping.transaction() as connection:
            connection.execute(
                "INSERT INTO review_decisions (dataset, version, decision, reason, decided_by, "
                "decided_at) VALUES (:dataset, :version, :decision, :reason, :decided_by, "
                ":decided_at)", row,
            )
            connection.execute(
                "UPDATE dataset_versions SET status = ? WHERE dataset = ? AND version = ?",
                (decision, dataset, version),
            )
            if latest:
                _set_dataset_status(connection, dataset, decision)
        return row

    def version(self, dataset: str, version: int) -> dict | None:
        """The review row of one dataset version, if it was validated."""
        rows = self.bookkeeping.rows(
            "SELECT * FROM dataset_versions WHERE dataset = ? AND version = ?", (dataset, version))
        return rows[0] if rows else None

    def versions(self, dataset: str) -> list[dict]:
        """Every validated version of ``dataset``, oldest first."""
        return self.bookkeeping.rows(
            "SELECT * FROM dataset_versions WHERE dataset = ? ORDER BY version", (dataset,))

    def latest_validated(self) -> dict[str, dict]:
        """The newest validated version's row of each dataset."""
        rows = self.bookkeeping.rows(
            "SELECT * FROM dataset_versions v WHERE version = "
            "(SELECT max(version) FROM dataset_versions WHERE dataset = v.dataset)")
        return {row["dataset"]: row for row in rows}

    def decisions(self, dataset: str, version: int | None = None) -> list[dict]:
        """Steward decisions on ``dataset`` (on one version if given), oldest first."""
        if version is None:
            return self.bookkeeping.rows(
                "SELECT * FROM review_decisions WHERE dataset = ? ORDER BY id", (dataset,))
        return self.bookkeeping.rows(
            "SELECT * FROM review_decisions WHERE dataset = ? AND version = ? ORDER BY id",
            (dataset, version))


def _set_dataset_status(connection, dataset: str, status: str) -> None:
    connection.execute("UPDATE datasets SET status = ?, updated_at = ? WHERE name = ?",
                       (status, utc_now(), dataset))
