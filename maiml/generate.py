"""Realistic MaiML documents, built as models and written by ``write.py``.

For tests, benchmarks and demos:

* :func:`xrd_measurement`: a powder X-ray diffraction scan (2θ pattern of LiFePO4, Cu Kα) with an
  optional raw-data insertion;
* :func:`electrolyte_synthesis`: a battery electrolyte (LiPF6 in EC/EMC) made at several salt
  concentrations and its ionic conductivity measured, each run with its conditions;
* :func:`failed_run`: an XRD scan aborted by an interlock, with the event log saying so;
* :func:`insitu_xrd`: many scans of a heating experiment, to any size (for streaming benchmarks).

Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import numpy as np

from .model import (
    Arc,
    Condition,
    ConditionTemplate,
    Content,
    Creator,
    Data,
    Document,
    Event,
    EventLog,
    Hash,
    Insertion,
    Instruction,
    Instrument,
    Log,
    Maiml,
    Material,
    MaterialTemplate,
    Method,
    Owner,
    Place,
    PlaceRef,
    Pnml,
    Program,
    Property,
    Protocol,
    Ref,
    Result,
    Results,
    ResultTemplate,
    Trace,
    Transition,
    Vendor,
)
from .ns import XES_PREFIXES
from .write import write

JST = timezone(timedelta(hours=9))
LFP_PEAKS = [
    (17.2, 0.35),
    (20.8, 0.55),
    (25.6, 0.7),
    (29.7, 0.8),
    (32.2, 0.45),
    (35.6, 1.0),
    (36.5, 0.3),
    (52.5, 0.25),
    (63.0, 0.2),
]
"""2θ (deg, Cu Kα) and relative intensity of LiFePO4 (olivine) reflections."""


class _Ids:
    """Deterministic uuids (version 4) and unique ids for one document."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))


TemplateT = TypeVar("TemplateT", MaterialTemplate, ConditionTemplate, ResultTemplate)


def _template(kind: type[TemplateT], name: str, ids: _Ids, **fields: object) -> TemplateT:
    """Template ``tpl_<name>`` with a fresh uuid, placed on the Petri-net place ``p_<name>``."""
    return kind(id=f"tpl_{name}", uuid=ids.uuid(), **fields,
                place_refs=[PlaceRef(id=f"tpl_{name}_p", ref=f"p_{name}")])


def prop(
    key: str,
    xsi_type: str,
    value: object = None,
    *,
    units: str | None = None,
    description: str | None = None,
    children: Sequence[Property] = (),
) -> Property:
    """A property with one value (``None`` for a template property without value)."""
    values = [] if value is None else [value if isinstance(value, str) else _text(value)]
    return Property(
        key=key,
        xsi_type=xsi_type,
        values=values,
        units=units,
        description=description,
        properties=list(children),
    )


def series(
    key: str,
    xsi_type: str,
    values: str | None,
    *,
    units: str | None = None,
    axis: str | None = None,
    size: int | None = None,
    ident: str | None = None,
    ref: str | None = None,
) -> Content:
    """A content (data series) with its whole value text."""
    return Content(
        key=key,
        xsi_type=xsi_type,
        values=[] if values is None else [values],
        units=units,
        axis=axis,
        size=size,
        id=ident,
        ref=ref,
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _event(
    ids: _Ids,
    ident: str,
    instruction: str,
    when: datetime,
    transition: str,
    *,
    results: str | None = None,
    extra: Sequence[Property] = (),
) -> Event:
    return Event(
        id=ident,
        uuid=ids.uuid(),
        ref=instruction,
        properties=[
            prop("concept:name", "stringType", instruction),
            prop("lifecycle:transition", "stringType", transition),
            prop("time:timestamp", "dateTimeType", when),
            *extra,
        ],
        results_refs=[Ref(id=f"{ident}_results", ref=results)] if results else [],
    )


def _document(ids: _Ids, when: datetime, instrument: str, software: str) -> Document:
    return Document(
        id="document",
        uuid=ids.uuid(),
        name="fedcat:exampleDocument",
        description=f"{instrument} data written by {software}",
        creators=[
            Creator(
                id="creator",
                uuid=ids.uuid(),
                name=f"fedcat:{software.replace(' ', '')}",
                vendor_refs=[Ref(id="creator_vendor", ref="vendor")],
                instrument_refs=[Ref(id="creator_instrument", ref="instrument")],
            )
        ],
        vendors=[
            Vendor(
                id="vendor",
                uuid=ids.uuid(),
                name="fedcat:ExampleInstruments",
                description="Example Instruments Co., Ltd.",
            )
        ],
        owners=[
            Owner(
                id="owner",
                uuid=ids.uuid(),
                name="fedcat:MaterialsLab",
                description="Battery Materials Laboratory",
            )
        ],
        instruments=[
            Instrument(
                id="instrument", uuid=ids.uuid(), name="fedcat:Instrument", description=instrument
            )
        ],
        date=when.isoformat(),
    )


def _root(document: Document, protocol: Protocol, data: Data, log: Log, ids: _Ids) -> Maiml:
    return Maiml(
        namespaces={**XES_PREFIXES, "fedcat": "https://fedcat.example/terms#"},
        document=document,
        protocol=protocol,
        data=data,
        event_log=EventLog(id="eventLog", uuid=ids.uuid(), logs=[log]),
    )


# --- XRD ---------------------------------------------------------------------------------------


def xrd_pattern(
    rng: np.random.Generator, two_theta: np.ndarray, *, scale: float = 5000.0, shift: float = 0.0
) -> np.ndarray:
    """Counts of a LiFePO4 powder pattern: pseudo-Voigt peaks on a background, Poisson noise."""
    background = 120.0 + 400.0 * np.exp(-two_theta / 12.0)
    signal = np.zeros_like(two_theta)
    for position, height in LFP_PEAKS:
        x = (two_theta - position - shift) / 0.08
        signal += height * (0.5 / (1.0 + x * x) + 0.5 * np.exp(-np.log(2) * x * x))
    return rng.poisson(background + scale * signal)


def _xrd_protocol(ids: _Ids) -> Protocol:
    pnml = Pnml(
        id="xrd_pnml",
        uuid=ids.uuid(),
        places=[
            Place(id="p_sample", name="fedcat:sample"),
            Place(id="p_settings", name="fedcat:settings"),
            Place(id="p_pattern", name="fedcat:pattern"),
        ],
        transitions=[Transition(id="t_scan", name="fedcat:scan")],
        arcs=[
            Arc(id="a1", source="p_sample", target="t_scan"),
            Arc(id="a2", source="p_settings", target="t_scan"),
            Arc(id="a3", source="t_scan", target="p_pattern"),
        ],
    )
    program = Program(
        id="xrd_program",
        uuid=ids.uuid(),
        name="fedcat:continuousScan",
        instructions=[
            Instruction(
                id="xrd_scan",
                uuid=ids.uuid(),
                name="fedcat:scan",
                transition_refs=[Ref(id="xrd_scan_t", ref="t_scan")],
            )
        ],
        material_templates=[
            _template(MaterialTemplate, "sample", ids,
                properties=[
                    prop("sampleName", "stringType"),
                    prop("composition", "stringType"),
                    prop("mass", "doubleType", units="mg"),
                ],
            )
        ],
        condition_templates=[
            _template(ConditionTemplate, "settings", ids,
                properties=[
                    prop("radiation", "stringType"),
                    prop("wavelength", "doubleType", units="Å"),
                    prop("tubeVoltage", "doubleType", units="kV"),
                    prop("tubeCurrent", "doubleType", units="mA"),
                    prop("scanSpeed", "doubleType", units="deg/min"),
                    prop("stepWidth", "doubleType", units="deg"),
                    prop("temperature", "doubleType", units="degC"),
                ],
            )
        ],
        result_templates=[
            _template(ResultTemplate, "pattern", ids,
                contents=[
                    series(
                        "twoTheta",
                        "contentDoubleListType",
                        None,
                        units="deg",
                        axis="2θ",
                        ident="tpl_twoTheta",
                    ),
                    series(
                        "intensity",
                        "contentIntListType",
                        None,
                        units="counts",
                        axis="Intensity",
                        ident="tpl_intensity",
                    ),
                ],
            )
        ],
    )
    method = Method(
        id="xrd_method", uuid=ids.uuid(), name="fedcat:powderXRD", pnmls=[pnml], programs=[program]
    )
    return Protocol(
        id="xrd_protocol", uuid=ids.uuid(), name="fedcat:powderDiffraction", methods=[method]
    )


def _xrd_run(
    ids: _Ids,
    run: str,
    two_theta_text: str,
    intensity_text: str,
    points: int,
    temperature: float,
    *,
    status: str = "complete",
) -> Results:
    return Results(
        id=run,
        uuid=ids.uuid(),
        materials=[
            Material(
                id=f"{run}_sample",
                uuid=ids.uuid(),
                ref="tpl_sample",
                properties=[
                    prop("sampleName", "stringType", "LFP-2024-017"),
                    prop("composition", "stringType", "LiFePO4"),
                    prop("mass", "doubleType", "152.3", units="mg"),
                ],
            )
        ],
        conditions=[
            Condition(
                id=f"{run}_settings",
                uuid=ids.uuid(),
                ref="tpl_settings",
                properties=[
                    prop("radiation", "stringType", "Cu Kα"),
                    prop("wavelength", "doubleType", "1.5406", units="Å"),
                    prop("tubeVoltage", "doubleType", "40", units="kV"),
                    prop("tubeCurrent", "doubleType", "40", units="mA"),
                    prop("scanSpeed", "doubleType", "2.0", units="deg/min"),
                    prop("stepWidth", "doubleType", "0.02", units="deg"),
                    prop("temperature", "doubleType", f"{temperature:.1f}", units="degC"),
                ],
            )
        ],
        results=[
            Result(
                id=f"{run}_pattern",
                uuid=ids.uuid(),
                ref="tpl_pattern",
                properties=[prop("status", "stringType", status)],
                contents=[
                    series(
                        "twoTheta",
                        "contentDoubleListType",
                        two_theta_text,
                        units="deg",
                        axis="2θ",
                        size=points,
                        ident=f"{run}_twoTheta",
                        ref="tpl_twoTheta",
                    ),
                    series(
                        "intensity",
                        "contentIntListType",
                        intensity_text,
                        units="counts",
                        axis="Intensity",
                        size=points,
                        ident=f"{run}_intensity",
                        ref="tpl_intensity",
                    ),
                ],
            )
        ],
    )


def _join(values: np.ndarray, fmt: str) -> str:
    return " ".join(fmt % value for value in values.tolist())


def xrd_measurement(
    *,
    seed: int = 0,
    start: float = 10.0,
    stop: float = 80.0,
    step: float = 0.02,
    raw_name: str | None = None,
) -> tuple[Maiml, bytes]:
    """One powder XRD scan of LiFePO4 and the raw ``.xy`` file it came from.

    With ``raw_name`` the result carries an ``insertion`` pointing at that file (percent-encoded
    URI, upper-case hex SHA-256); write the returned bytes under that name next to the document.
    """
    ids = _Ids(seed)
    rng = np.random.default_rng(seed)
    two_theta = np.round(np.arange(start, stop + step / 2, step), 4)
    counts = xrd_pattern(rng, two_theta)
    raw = "".join(f"{t:.2f} {c}\n" for t, c in zip(two_theta.tolist(), counts.tolist())).encode()
    when = datetime(2024, 11, 5, 9, 30, tzinfo=JST)
    run = _xrd_run(ids, "run1", _join(two_theta, "%.2f"), _join(counts, "%d"), len(two_theta), 25.0)
    if raw_name is not None:
        digest = hashlib.sha256(raw).hexdigest().upper()
        run.results[0].insertions.append(
            Insertion(
                uri=quote(raw_name), hash=Hash(value=digest, method="SHA-256"), format="text/plain"
            )
        )
    duration = timedelta(minutes=(stop - start) / 2.0)
    log = Log(
        id="xrd_log",
        uuid=ids.uuid(),
        ref="xrd_method",
        traces=[
            Trace(
                id="xrd_trace",
                uuid=ids.uuid(),
                ref="xrd_program",
                events=[
                    _event(ids, "ev_start", "xrd_scan", when, "start"),
                    _event(ids, "ev_done", "xrd_scan", when + duration, "complete", results="run1"),
                ],
                creator_refs=[Ref(id="xrd_trace_creator", ref="creator")],
                owner_refs=[Ref(id="xrd_trace_owner", ref="owner")],
            )
        ],
    )
    doc = _root(
        _document(ids, when + duration, "powder X-ray diffractometer", "XRD Measurement Software"),
        _xrd_protocol(ids),
        Data(id="data", uuid=ids.uuid(), results=[run]),
        log,
        ids,
    )
    return doc, raw


def failed_run(*, seed: int = 1) -> Maiml:
    """An XRD scan stopped at 2θ = 31.4° when the enclosure interlock opened.

    The result holds the partial pattern; the event log ends with an ``ate_abort`` event.
    """
    ids = _Ids(seed)
    rng = np.random.default_rng(seed)
    two_theta = np.round(np.arange(10.0, 31.41, 0.02), 4)
    counts = xrd_pattern(rng, two_theta)
    when = datetime(2024, 11, 6, 14, 2, tzinfo=JST)
    run = _xrd_run(
        ids,
        "run1",
        _join(two_theta, "%.2f"),
        _join(counts, "%d"),
        len(two_theta),
        25.0,
        status="aborted",
    )
    error = prop(
        "fedcat:error", "stringType", "E-217 enclosure interlock opened; X-ray shutter closed"
    )
    events = [
        _event(ids, "ev_schedule", "xrd_scan", when - timedelta(minutes=5), "schedule"),
        _event(ids, "ev_start", "xrd_scan", when, "start"),
        _event(
            ids,
            "ev_abort",
            "xrd_scan",
            when + timedelta(minutes=10, seconds=42),
            "ate_abort",
            results="run1",
            extra=[error],
        ),
    ]
    log = Log(
        id="xrd_log",
        uuid=ids.uuid(),
        ref="xrd_method",
        traces=[
            Trace(
                id="xrd_trace",
                uuid=ids.uuid(),
                ref="xrd_program",
                events=events,
                owner_refs=[Ref(id="xrd_trace_owner", ref="owner")],
            )
        ],
    )
    document = _document(
        ids, when + timedelta(minutes=11), "powder X-ray diffractometer", "XRD Measurement Software"
    )
    return _root(
        document, _xrd_protocol(ids), Data(id="data", uuid=ids.uuid(), results=[run]), log, ids
    )


def insitu_xrd(target_bytes: int, *, seed: int = 2, variants: int = 16) -> Maiml:
    """An in-situ heating XRD experiment with as many scans as make about ``target_bytes`` of XML.

    ``variants`` distinct noisy patterns are reused, to keep it cheap to make.
    """
    ids = _Ids(seed)
    rng = np.random.default_rng(seed)
    two_theta = np.round(np.arange(10.0, 80.01, 0.02), 4)
    two_theta_text = _join(two_theta, "%.2f")
    patterns = [_join(xrd_pattern(rng, two_theta, shift=-0.002 * k), "%d") for k in range(variants)]
    scans = max(1, target_bytes // (len(two_theta_text) + len(patterns[0]) + 3000))
    when = datetime(2024, 12, 1, 8, 0, tzinfo=JST)
    runs, events = [], []
    for scan in range(scans):
        run = f"scan{scan:05d}"
        temperature = 25.0 + 0.1 * scan
        runs.append(
            _xrd_run(
                ids, run, two_theta_text, patterns[scan % variants], len(two_theta), temperature
            )
        )
        events.append(
            _event(
                ids,
                f"ev_{run}",
                "xrd_scan",
                when + timedelta(minutes=36 * scan),
                "complete",
                results=run,
            )
        )
    log = Log(
        id="xrd_log",
        uuid=ids.uuid(),
        ref="xrd_method",
        traces=[Trace(id="xrd_trace", uuid=ids.uuid(), ref="xrd_program", events=events)],
    )
    document = _document(
        ids, when, "powder X-ray diffractometer with heating stage", "XRD Measurement Software"
    )
    return _root(
        document, _xrd_protocol(ids), Data(id="data", uuid=ids.uuid(), results=runs), log, ids
    )


# --- battery electrolyte synthesis ---------------------------------------------------------------


def _electrolyte_protocol(ids: _Ids) -> Protocol:
    places = ["p_solvent", "p_salt", "p_mixing", "p_electrolyte", "p_cell", "p_conductivity"]
    pnml = Pnml(
        id="el_pnml",
        uuid=ids.uuid(),
        places=[Place(id=place) for place in places],
        transitions=[
            Transition(id="t_mix", name="fedcat:dissolve"),
            Transition(id="t_measure", name="fedcat:measureConductivity"),
        ],
        arcs=[
            Arc(id="a1", source="p_solvent", target="t_mix"),
            Arc(id="a2", source="p_salt", target="t_mix"),
            Arc(id="a3", source="p_mixing", target="t_mix"),
            Arc(id="a4", source="t_mix", target="p_electrolyte"),
            Arc(id="a5", source="p_electrolyte", target="t_measure"),
            Arc(id="a6", source="p_cell", target="t_measure"),
            Arc(id="a7", source="t_measure", target="p_conductivity"),
        ],
    )
    chemical = [
        prop("name", "stringType"),
        prop("casNumber", "stringType"),
        prop("purity", "doubleType", units="%"),
        prop("mass", "doubleType", units="g"),
        prop("waterContent", "doubleType", units="ppm"),
    ]
    program = Program(
        id="el_program",
        uuid=ids.uuid(),
        instructions=[
            Instruction(
                id="el_dissolve",
                uuid=ids.uuid(),
                name="fedcat:dissolveSalt",
                transition_refs=[Ref(id="el_dissolve_t", ref="t_mix")],
            ),
            Instruction(
                id="el_measure",
                uuid=ids.uuid(),
                name="fedcat:measureConductivity",
                transition_refs=[Ref(id="el_measure_t", ref="t_measure")],
            ),
        ],
        material_templates=[
            _template(MaterialTemplate, "solvent", ids,
                properties=chemical,
            ),
            _template(MaterialTemplate, "salt", ids,
                properties=chemical,
            ),
        ],
        condition_templates=[
            _template(ConditionTemplate, "mixing", ids,
                properties=[
                    prop("atmosphere", "stringType"),
                    prop("dewPoint", "doubleType", units="degC"),
                    prop("temperature", "doubleType", units="degC"),
                    prop("stirringSpeed", "intType", units="rpm"),
                    prop("duration", "doubleType", units="min"),
                ],
            ),
            _template(ConditionTemplate, "cell", ids,
                properties=[
                    prop("cellConstant", "doubleType", units="1/cm"),
                    prop("frequency", "doubleType", units="kHz"),
                ],
            ),
        ],
        result_templates=[
            _template(ResultTemplate, "electrolyte", ids,
                properties=[
                    prop("concentration", "doubleType", units="mol/L"),
                    prop("totalMass", "doubleType", units="g"),
                    prop("waterContent", "doubleType", units="ppm"),
                ],
            ),
            _template(ResultTemplate, "conductivity", ids,
                properties=[prop("conductivityAt25C", "doubleType", units="mS/cm")],
                contents=[
                    series(
                        "temperature",
                        "contentDoubleListType",
                        None,
                        units="degC",
                        axis="Temperature",
                        ident="tpl_cond_T",
                    ),
                    series(
                        "conductivity",
                        "contentDoubleListType",
                        None,
                        units="mS/cm",
                        axis="Ionic conductivity",
                        ident="tpl_cond_sigma",
                    ),
                ],
            ),
        ],
    )
    method = Method(
        id="el_method",
        uuid=ids.uuid(),
        name="fedcat:electrolytePreparation",
        pnmls=[pnml],
        programs=[program],
    )
    return Protocol(
        id="el_protocol", uuid=ids.uuid(), name="fedcat:electrolyteSynthesis", methods=[method]
    )


def _chemical(
    ids: _Ids, ident: str, template: str, name: str, cas: str, purity: str, mass: float, water: str
) -> Material:
    return Material(
        id=ident,
        uuid=ids.uuid(),
        ref=template,
        properties=[
            prop("name", "stringType", name),
            prop("casNumber", "stringType", cas),
            prop("purity", "doubleType", purity, units="%"),
            prop("mass", "doubleType", f"{mass:.3f}", units="g"),
            prop("waterContent", "doubleType", water, units="ppm"),
        ],
    )


def electrolyte_synthesis(
    *, seed: int = 3, concentrations: Sequence[float] = (0.8, 1.0, 1.2)
) -> Maiml:
    """LiPF6 in EC/EMC (3:7 by mass) at several concentrations, each dissolved under argon, then its
    ionic conductivity measured from -20 to 60 °C."""
    ids = _Ids(seed)
    rng = np.random.default_rng(seed)
    when = datetime(2025, 1, 20, 10, 0, tzinfo=JST)
    runs, events = [], []
    temperatures = np.arange(-20.0, 60.1, 10.0)
    for number, molar in enumerate(concentrations, start=1):
        run = f"batch{number}"
        solvent_mass = 20.0
        salt_mass = molar * 151.905 * solvent_mass / 1.2 / 1000.0
        peak = 11.0 - 2.5 * (molar - 1.0) ** 2
        sigma = (
            peak
            * np.exp(-(((temperatures - 45.0) / 90.0) ** 2))
            * (1 + 0.01 * rng.standard_normal(len(temperatures)))
        )
        at25 = float(np.interp(25.0, temperatures, sigma))
        runs.append(
            Results(
                id=run,
                uuid=ids.uuid(),
                materials=[
                    _chemical(
                        ids,
                        f"{run}_EC",
                        "tpl_solvent",
                        "ethylene carbonate",
                        "96-49-1",
                        "99.95",
                        solvent_mass * 0.3,
                        "8",
                    ),
                    _chemical(
                        ids,
                        f"{run}_EMC",
                        "tpl_solvent",
                        "ethyl methyl carbonate",
                        "623-53-0",
                        "99.9",
                        solvent_mass * 0.7,
                        "10",
                    ),
                    _chemical(
                        ids,
                        f"{run}_LiPF6",
                        "tpl_salt",
                        "lithium hexafluorophosphate",
                        "21324-40-3",
                        "99.99",
                        salt_mass,
                        "15",
                    ),
                ],
                conditions=[
                    Condition(
                        id=f"{run}_mixing",
                        uuid=ids.uuid(),
                        ref="tpl_mixing",
                        properties=[
                            prop("atmosphere", "stringType", "Ar glove box"),
                            prop("dewPoint", "doubleType", "-70", units="degC"),
                            prop("temperature", "doubleType", "25.0", units="degC"),
                            prop("stirringSpeed", "intType", 300, units="rpm"),
                            prop("duration", "doubleType", "120", units="min"),
                        ],
                    ),
                    Condition(
                        id=f"{run}_cell",
                        uuid=ids.uuid(),
                        ref="tpl_cell",
                        properties=[
                            prop("cellConstant", "doubleType", "1.02", units="1/cm"),
                            prop("frequency", "doubleType", "10", units="kHz"),
                        ],
                    ),
                ],
                results=[
                    Result(
                        id=f"{run}_electrolyte",
                        uuid=ids.uuid(),
                        ref="tpl_electrolyte",
                        properties=[
                            prop("concentration", "doubleType", f"{molar:.2f}", units="mol/L"),
                            prop(
                                "totalMass",
                                "doubleType",
                                f"{solvent_mass + salt_mass:.3f}",
                                units="g",
                            ),
                            prop(
                                "waterContent",
                                "doubleType",
                                f"{rng.uniform(8, 20):.1f}",
                                units="ppm",
                            ),
                        ],
                    ),
                    Result(
                        id=f"{run}_conductivity",
                        uuid=ids.uuid(),
                        ref="tpl_conductivity",
                        properties=[
                            prop("conductivityAt25C", "doubleType", f"{at25:.3f}", units="mS/cm")
                        ],
                        contents=[
                            series(
                                "temperature",
                                "contentDoubleListType",
                                _join(temperatures, "%.1f"),
                                units="degC",
                                axis="Temperature",
                                size=len(temperatures),
                                ref="tpl_cond_T",
                            ),
                            series(
                                "conductivity",
                                "contentDoubleListType",
                                _join(sigma, "%.3f"),
                                units="mS/cm",
                                axis="Ionic conductivity",
                                size=len(temperatures),
                                ref="tpl_cond_sigma",
                            ),
                        ],
                        instance_refs=[Ref(id=f"{run}_sample_of", ref=f"{run}_electrolyte")],
                    ),
                ],
            )
        )
        start = when + timedelta(hours=4 * (number - 1))
        events += [
            _event(ids, f"{run}_ev1", "el_dissolve", start, "start"),
            _event(ids, f"{run}_ev2", "el_dissolve", start + timedelta(minutes=120), "complete"),
            _event(ids, f"{run}_ev3", "el_measure", start + timedelta(minutes=150), "start"),
            _event(
                ids,
                f"{run}_ev4",
                "el_measure",
                start + timedelta(minutes=230),
                "complete",
                results=run,
            ),
        ]
    log = Log(
        id="el_log",
        uuid=ids.uuid(),
        ref="el_method",
        traces=[
            Trace(
                id="el_trace",
                uuid=ids.uuid(),
                ref="el_program",
                events=events,
                creator_refs=[Ref(id="el_trace_creator", ref="creator")],
                owner_refs=[Ref(id="el_trace_owner", ref="owner")],
            )
        ],
    )
    document = _document(
        ids,
        when + timedelta(hours=12),
        "electrolyte preparation line with conductivity meter",
        "Lab Automation Suite",
    )
    return _root(
        document,
        _electrolyte_protocol(ids),
        Data(id="data", uuid=ids.uuid(), results=runs),
        log,
        ids,
    )


def write_examples(directory: str | Path) -> list[Path]:
    """Write the three example documents (and the XRD raw file) into ``directory``.

    Returns the documents' paths.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    raw_name = "raw data/LFP scan 001.xy"
    xrd, raw = xrd_measurement(raw_name=raw_name)
    (folder / raw_name).parent.mkdir(parents=True, exist_ok=True)
    (folder / raw_name).write_bytes(raw)
    paths = []
    for name, doc in (
        ("xrd-lfp.maiml", xrd),
        ("electrolyte-lipf6.maiml", electrolyte_synthesis()),
        ("xrd-aborted.maiml", failed_run()),
    ):
        write(doc, folder / name)
        paths.append(folder / name)
    return paths
