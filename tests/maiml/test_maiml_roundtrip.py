"""parse -> write -> parse keeps everything: every sample file, the generated documents, and
documents generated at random by hypothesis (any text, nil and empty values, nesting, encryption,
signatures, undeclared attributes, namespaces)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from maiml import (
    Arc,
    Chain,
    Classifier,
    Condition,
    ConditionTemplate,
    Content,
    Creator,
    Data,
    Document,
    Encryption,
    Event,
    EventLog,
    Extension,
    Globals,
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
    Parent,
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
    load_schema,
    parse,
    to_bytes,
    write,
)
from maiml.generate import electrolyte_synthesis, failed_run, xrd_measurement
from maiml.ns import DS, XENC
from maiml.values import VALUE_TYPES


def test_every_sample_round_trips(sample: Path) -> None:
    unqualified = sample.name == "invalid-no-namespace.maiml"
    doc = parse(sample, accept_unqualified=unqualified, resolve_refs=not unqualified)
    for pretty in (True, False):
        again = parse(to_bytes(doc, pretty=pretty), resolve_refs=not unqualified)
        assert again == doc
        assert again.model_dump() == doc.model_dump()


def test_written_valid_samples_still_pass_the_schema(nims: Path) -> None:
    schema = load_schema()
    for name in ("gc-ms.maiml", "protocol-example.maiml", "invalid-no-namespace.maiml"):
        doc = parse(nims / name, accept_unqualified=True, resolve_refs=False)
        assert schema.validate(etree.fromstring(to_bytes(doc))), (name, schema.error_log)


def test_generated_documents_round_trip(tmp_path: Path) -> None:
    for doc in (xrd_measurement()[0], electrolyte_synthesis(), failed_run()):
        write(doc, tmp_path / "doc.maiml")
        assert parse(tmp_path / "doc.maiml") == doc


def test_json_round_trip(nims: Path) -> None:
    doc = parse(nims / "gc-ms.maiml")
    assert Maiml.model_validate_json(doc.model_dump_json()) == doc
    built = electrolyte_synthesis()
    assert Maiml.model_validate(built.model_dump()) == built


def test_lines_are_not_part_of_the_value() -> None:
    doc = failed_run()
    parsed = parse(to_bytes(doc))
    assert parsed.document.line == 3 and doc.document.line is None
    assert parsed == doc and "line" not in parsed.document.model_dump()


# --- random documents ---------------------------------------------------------------------------

_XML_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r <>&\"' ")
text = st.text(_XML_CHARS, max_size=6)
optional = st.none() | text
name = st.sampled_from(["a", "id1", "_x.2", "run-3", "tpl_sample"])
extra = st.dictionaries(
    st.sampled_from(["unit", "sacleFactor", "{urn:vendor}flag"]), text, max_size=2
)
property_types = st.sampled_from(
    [t for t in VALUE_TYPES if not t.startswith("content")] + ["someUnknownType"]
)
content_types = st.sampled_from([t for t in VALUE_TYPES if t.startswith("content")])


def _canonical(xml: str) -> str:
    return etree.tostring(etree.fromstring(xml), method="c14n", exclusive=True).decode()


signature = st.builds(
    lambda value, spaced: _canonical(
        f'<Signature xmlns="{DS}">{spaced}<SignedInfo/>'
        f"<SignatureValue>{value}</SignatureValue></Signature>"
    ),
    st.sampled_from(["", "AbC+/="]),
    st.sampled_from(["", "\n  "]),
)
encryption = st.builds(
    Encryption,
    child_uris=st.lists(text, max_size=1),
    child_hashes=st.lists(text, max_size=1),
    encrypted_data=st.sampled_from(["", "q83v"]).map(
        lambda value: _canonical(
            f'<EncryptedData xmlns="{XENC}"><CipherData>'
            f"<CipherValue>{value}</CipherValue></CipherData></EncryptedData>"
        )
    ),
)
_values = st.lists(optional, max_size=3)
_leaf_property = st.builds(
    Property, key=text, xsi_type=property_types, values=_values, units=optional
)
_leaf_content = st.builds(
    Content,
    key=text,
    xsi_type=content_types,
    values=_values,
    size=st.none() | st.integers(-(2**31), 2**31 - 1),
    ref=st.none() | name,
)


def _nest(children: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.builds(
        Property,
        key=text,
        xsi_type=property_types,
        format_string=optional,
        units=optional,
        scale_factor=st.none() | st.floats(allow_nan=False),
        encryption=st.none() | encryption,
        description=optional,
        values=_values,
        extra_attributes=extra,
        properties=st.lists(children, max_size=2),
        contents=st.lists(_leaf_content, max_size=1),
        uncertainties=st.lists(_leaf_property | _leaf_content, max_size=1),
    )


properties = st.lists(st.recursive(_leaf_property, _nest, max_leaves=4), max_size=2)
contents = st.lists(
    st.builds(
        Content,
        key=text,
        xsi_type=content_types,
        axis=optional,
        id=st.none() | name,
        description=optional,
        values=_values,
        properties=st.lists(_leaf_property, max_size=1),
    ),
    max_size=1,
)
hash_ = st.builds(Hash, value=text, method=optional)
insertion = st.builds(Insertion, uri=text, hash=hash_, uuid=optional, format=optional)
ref = st.builds(Ref, id=name, ref=name, name=optional)


def _global(cls: type, **fields: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.builds(
        cls,
        id=name,
        uuid=text,
        encryption=st.none() | encryption,
        insertions=st.lists(insertion, max_size=1),
        name=optional,
        description=optional,
        annotation=optional,
        properties=properties,
        contents=contents,
        extra_attributes=extra,
        **fields,
    )


def _few(strategy: st.SearchStrategy, most: int = 1) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.lists(strategy, max_size=most)


chain = st.builds(
    Chain, key=optional, uuid=text, hash=hash_, chains=_few(st.builds(Chain, uuid=text, hash=hash_))
)
parent = st.builds(
    Parent,
    key=optional,
    uuid=text,
    hash=hash_,
    parents=_few(st.builds(Parent, uuid=text, hash=hash_)),
)
document = _global(
    Document,
    signature=st.none() | signature,
    creators=_few(_global(Creator, vendor_refs=_few(ref), instrument_refs=_few(ref))),
    vendors=_few(_global(Vendor)),
    owners=_few(_global(Owner)),
    instruments=_few(_global(Instrument)),
    date=text,
    chains=_few(chain),
    parents=_few(parent),
)
place_ref = st.builds(PlaceRef, id=name, ref=name, initial_marking=st.none() | st.booleans())
templates = dict(
    material_templates=_few(
        _global(MaterialTemplate, place_refs=_few(place_ref), template_refs=_few(ref))
    ),
    condition_templates=_few(_global(ConditionTemplate, place_refs=_few(place_ref))),
    result_templates=_few(_global(ResultTemplate, place_refs=_few(place_ref))),
)
pnml = _global(
    Pnml,
    places=_few(st.builds(Place, id=name, name=optional, description=optional), 2),
    transitions=_few(st.builds(Transition, id=name, name=optional)),
    arcs=_few(st.builds(Arc, id=name, source=name, target=name)),
)
program = _global(
    Program, instructions=_few(_global(Instruction, transition_refs=_few(ref))), **templates
)
protocol = _global(
    Protocol,
    methods=_few(_global(Method, pnmls=_few(pnml), programs=_few(program), **templates)),
    **templates,
)
instance = dict(ref=name, instance_refs=_few(ref))
results = _global(
    Results,
    materials=_few(_global(Material, **instance), 2),
    conditions=_few(_global(Condition, **instance)),
    results=_few(_global(Result, **instance)),
)
event = _global(
    Event, ref=name, results_refs=_few(ref), creator_refs=_few(ref), owner_refs=_few(ref)
)
log = _global(
    Log,
    ref=name,
    extensions=_few(st.builds(Extension, name=text, prefix=text, uri=text)),
    globals=_few(st.builds(Globals, scope=text, properties=properties)),
    classifiers=_few(st.builds(Classifier, name=text, scope=text, keys=text)),
    traces=_few(_global(Trace, ref=name, events=_few(event, 2), creator_refs=_few(ref))),
    owner_refs=_few(ref),
)
documents = st.builds(
    Maiml,
    features=optional,
    root_type=st.sampled_from(["maimlRootType", "protocolFileRootType"]),
    # "{urn:vendor}flag" attributes need their prefix declared, else the writer invents one
    namespaces=st.dictionaries(
        st.sampled_from(["p", "q1", "time"]),
        st.sampled_from(["urn:a", "http://x.example/#"]),
        max_size=2,
    ).map(lambda declared: {**declared, "vendor": "urn:vendor"}),
    document=document,
    protocol=protocol,
    data=st.none() | _global(Data, results=_few(results, 2)),
    event_log=st.none() | _global(EventLog, logs=_few(log)),
    extra_attributes=extra,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.booleans())
def test_random_documents_round_trip(doc: Maiml, pretty: bool) -> None:
    again = parse(to_bytes(doc, pretty=pretty), resolve_refs=False)
    assert again == doc
    assert to_bytes(again, pretty=pretty) == to_bytes(doc, pretty=pretty)
