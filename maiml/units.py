"""Recognise unit strings written in MaiML ``units`` attributes as QUDT units.

Instrument makers write units freely (``mm``, ``degC``, ``℃``, ``°C``, ``mL/min``, ``msec``...).
:func:`qudt_unit` maps the ones it recognises to a QUDT unit IRI (``http://qudt.org/vocab/unit/``)
and returns ``None`` for the rest (``Total Counts``, ``m/z``...), which callers keep as text.
The table is explicit: SI prefixes are combined only with units QUDT names that way.
"""

from __future__ import annotations

import unicodedata

QUDT_UNIT = "http://qudt.org/vocab/unit/"

_PREFIXES = {
    "G": "Giga",
    "M": "Mega",
    "k": "Kilo",
    "h": "Hecto",
    "c": "Centi",
    "m": "Milli",
    "u": "Micro",
    "n": "Nano",
    "p": "Pico",
}

# base symbol -> (QUDT local name, prefixes QUDT defines for it)
_BASES: dict[str, tuple[str, str]] = {
    "m": ("M", "kcmunp"),
    "g": ("GM", "kmun"),
    "s": ("SEC", "mun"),
    "V": ("V", "kmu"),
    "A": ("A", "kmun"),
    "W": ("W", "kmM"),
    "J": ("J", "kM"),
    "Pa": ("PA", "khMG"),
    "Hz": ("HZ", "kMG"),
    "L": ("L", "mu"),
    "eV": ("EV", "kM"),
    "mol": ("MOL", "mu"),
    "N": ("N", "km"),
    "Ω": ("OHM", "kM"),
    "S": ("S", "mu"),
    "bar": ("BAR", "m"),
}

_NAMED: dict[str, str] = {
    "K": "K",
    "degC": "DEG_C",
    "°C": "DEG_C",
    "℃": "DEG_C",
    "deg C": "DEG_C",
    "Celsius": "DEG_C",
    "degF": "DEG_F",
    "°F": "DEG_F",
    "deg": "DEG",
    "°": "DEG",
    "degree": "DEG",
    "rad": "RAD",
    "sec": "SEC",
    "msec": "MilliSEC",
    "usec": "MicroSEC",
    "min": "MIN",
    "h": "HR",
    "hr": "HR",
    "hour": "HR",
    "d": "DAY",
    "day": "DAY",
    "%": "PERCENT",
    "percent": "PERCENT",
    "ppm": "PPM",
    "ppb": "PPB",
    "atm": "ATM",
    "Torr": "TORR",
    "Å": "ANGSTROM",
    "angstrom": "ANGSTROM",
    "cps": "NUM-PER-SEC",
    "rpm": "REV-PER-MIN",
    "Ah": "A-HR",
    "mAh": "MilliA-HR",
    "mL/min": "MilliL-PER-MIN",
    "L/min": "L-PER-MIN",
    "mg/mL": "MilliGM-PER-MilliL",
    "g/cm3": "GM-PER-CentiM3",
    "g/mL": "GM-PER-MilliL",
    "mol/L": "MOL-PER-L",
    "mol/kg": "MOL-PER-KiloGM",
    "S/m": "S-PER-M",
    "mS/cm": "MilliS-PER-CentiM",
    "S/cm": "S-PER-CentiM",
    "m/s": "M-PER-SEC",
    "mm/s": "MilliM-PER-SEC",
    "K/min": "K-PER-MIN",
    "°C/min": "DEG_C-PER-MIN",
    "degC/min": "DEG_C-PER-MIN",
    "deg/min": "DEG-PER-MIN",
    "mAh/g": "MilliA-HR-PER-GM",
    "mPa s": "MilliPA-SEC",
    "mPa·s": "MilliPA-SEC",
    "cP": "CentiPOISE",
    "m2/g": "M2-PER-GM",
}


def _normal(text: str) -> str:
    """NFKC (``℃`` -> ``°C``, micro sign -> mu), then mu -> ``u``, trimmed."""
    return unicodedata.normalize("NFKC", text).replace("\u03bc", "u").strip()


def _table() -> dict[str, str]:
    table = {_normal(symbol): name for symbol, name in _NAMED.items()}
    for symbol, (name, prefixes) in _BASES.items():
        table.setdefault(_normal(symbol), name)
        for prefix in prefixes:
            table.setdefault(_normal(prefix + symbol), _PREFIXES[prefix] + name)
    return table


UNITS: dict[str, str] = _table()
"""Every recognised unit string (normalised) -> QUDT unit local name."""


def qudt_unit(units: str | None) -> str | None:
    """The QUDT unit IRI of a unit string (``"mm"`` -> ``unit:MilliM``), or ``None``."""
    name = UNITS.get(_normal(units)) if units else None
    return QUDT_UNIT + name if name else None
