"""A static HTML report of one validation, for a steward's browser (no scripts, no network).

It shows the summary, the steward's decisions, suite entries that could not run, the trend of
failures over the dataset's versions, and every expectation with its result, the change of its
unexpected share since the previous version, and sample values where the dataset allows them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class ReportContext:
    """What a report shows besides the GX result itself."""

    node: str
    dataset: str
    version: int
    status: str
    access: str
    trend: list[dict] = field(default_factory=list)
    """One row per validated version: version, validated_at, status, evaluated, failed counts."""
    previous: dict | None = None
    """The GX result (JSON) of the previous validated version, to compare with."""
    decisions: list[dict] = field(default_factory=list)


def expectation_key(config: dict) -> str:
    """A stable name of an expectation (type and arguments) to match it across versions."""
    kwargs = {key: value for key, value in config.get("kwargs", {}).items() if key != "batch_id"}
    return config["type"] + json.dumps(kwargs, sort_keys=True, default=str)


def unexpected_share(result: dict) -> float | None:
    """The percentage of rows an expectation found unexpected, if it counts rows."""
    return (result.get("result") or {}).get("unexpected_percent")


def render_report(result: dict, context: ReportContext) -> str:
    """The HTML page of ``result`` (GX's suite validation result as JSON)."""
    before = {
        expectation_key(item["expectation_config"]): item
        for item in (context.previous or {}).get("results", [])
    }
    rows = []
    for item in result.get("results", []):
        config = item["expectation_config"]
        earlier = before.get(expectation_key(config))
        rows.append({
            "success": item["success"],
            "severity": config.get("severity", "critical"),
            "type": config["type"],
            "description": config.get("description") or "",
            "arguments": _arguments(config),
            "summary": _summary(item.get("result") or {}),
            "share": unexpected_share(item),
            "previous_share": unexpected_share(earlier) if earlier else None,
            "previous_success": earlier["success"] if earlier else None,
            "samples": _samples(item.get("result") or {}),
        })
    rows.sort(key=lambda row: (row["success"], row["severity"] != "critical"))
    environment = Environment(loader=PackageLoader("validation"),
                              autoescape=select_autoescape(default=True))
    return environment.get_template(TEMPLATE).render(
        result=result, context=context, rows=rows, trend=_trend(context.trend))


def _arguments(config: dict) -> str:
    kwargs = {key: value for key, value in config.get("kwargs", {}).items() if key != "batch_id"}
    return ", ".join(f"{key}={json.dumps(value, default=str)}" for key, value in kwargs.items())


def _summary(body: dict) -> str:
    if "unexpected_count" in body:
        share = body.get("unexpected_percent")
        text = f"{body['unexpected_count']:,} of {body['element_count']:,} rows unexpected"
        return text + (f" ({share:.4g}%)" if share else "")
    if "observed_value" in body:
        return f"observed {json.dumps(body['observed_value'], default=str)}"
    return ""


def _samples(body: dict) -> list[str]:
    counts = body.get("partial_unexpected_counts")
    if counts:
        return [f"{json.dumps(item['value'], default=str)} ×{item['count']}" for item in counts]
    rows = (body.get("details") or {}).get("unexpected_rows") or []
    return [json.dumps(row, default=str) for row in rows]


def _trend(rows: list[dict]) -> list[dict]:
    """The trend rows with each version's failure rate and its change since the one before."""
    out: list[dict] = []
    for row in rows:
        evaluated = row.get("evaluated") or 0
        failed = (row.get("critical_failed") or 0) + (row.get("warnings_failed") or 0)
        rate = 100.0 * failed / evaluated if evaluated else 0.0
        change = rate - out[-1]["failure_rate"] if out else None
        out.append({**row, "failure_rate": rate, "change": change})
    return out


def dumps(result: dict) -> str:
    """The JSON text of a result, as stored next to its HTML."""
    return json.dumps(result, indent=1, default=str, ensure_ascii=False) + "\n"
