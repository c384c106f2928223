"""Direct identifiers: columns that name a person outright, refused unless transformed.

A column is a direct identifier when its dictionary says ``identifier=direct`` or its name is
a known one (names, addresses, contact details, exact birth dates, national numbers),
whatever the dictionary says. It is harvested only with ``transform=drop`` or, for a date,
``transform=year``. The participant column (``identifier=participant``) is pseudonymised and
so already transformed.
"""

from __future__ import annotations

import re

from adapters.base import ParseError
from adapters.kegg.biobank.dictionary import DataDictionary, Variable

_KINDS = {
    "a person's name": ("name", "first_name", "firstname", "given_name", "last_name",
                        "lastname", "family_name", "surname", "full_name", "fullname",
                        "patient_name", "participant_name", "kana_name", "kanji_name"),
    "an address": ("address", "home_address", "street", "street_address", "postcode",
                   "post_code", "postal_code", "zip", "zip_code", "zipcode"),
    "contact details": ("phone", "phone_number", "telephone", "mobile", "email",
                        "email_address", "e_mail"),
    "an exact birth date": ("birth_date", "birthdate", "date_of_birth", "dob", "birthday"),
    "a national number": ("national_id", "ssn", "social_security_number", "my_number",
                          "mynumber", "passport_number", "insurance_number"),
}
_KIND_OF_NAME = {name: kind for kind, names in _KINDS.items() for name in names}


def direct_identifier_kind(variable: Variable) -> str | None:
    """What kind of direct identifier a column is, or ``None`` when it is none."""
    normalised = re.sub(r"[^a-z0-9]+", "_", variable.column.lower()).strip("_")
    if normalised in _KIND_OF_NAME:
        return _KIND_OF_NAME[normalised]
    if variable.type == "date" and "birth" in normalised:
        return "an exact birth date"
    return "a direct identifier" if variable.identifier == "direct" else None


def check_direct_identifiers(dictionary: DataDictionary) -> None:
    """Refuse the table if a direct identifier is harvested as it stands."""
    for variable in dictionary.variables.values():
        if variable.identifier == "participant" or variable.transform is not None:
            continue  # pseudonymised, dropped or generalised
        kind = direct_identifier_kind(variable)
        if kind is None:
            continue
        advice = ("transform=drop or transform=year" if variable.type == "date"
                  else "transform=drop")
        raise ParseError(
            f"column {variable.column!r} holds {kind}, which is never harvested as it stands: "
            f"declare identifier=direct with {advice} for it in {dictionary.file}",
            f"column {variable.column!r}")
