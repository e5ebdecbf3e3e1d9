"""JSON-LD processing with the vendored contexts only: nothing is fetched at run time.

Canonicalization is RDFC-1.0 (URDNA2015) by pyld. It is strict: a property or type the
contexts do not define would silently vanish from the canonical form, and so from what the
signature covers, so it is refused instead.
"""
from pathlib import Path

from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

CONTEXTS = Path(__file__).parent / "contexts"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VENDORED = {
    VC_V2: CONTEXTS / "credentials-v2.jsonld",
    OB_V3: CONTEXTS / "ob-v3p0-context-3.0.3.json",
}


class CanonicalizationError(ValueError):
    """The document cannot be canonicalized: an unknown context, an undefined term, bad JSON-LD."""


def document_loader(extra: dict | None = None) -> FrozenDocumentLoader:
    """A loader that serves only the vendored contexts (plus `extra`, {url: path or dict})."""
    return FrozenDocumentLoader(documents={**VENDORED, **(extra or {})})


def _dropped(term):
    raise CanonicalizationError(f"the term {term!r} is not defined by the document's contexts")


def _check_types(node) -> None:
    """Every type must expand to an absolute IRI (an undefined type stays relative and is lost)."""
    if isinstance(node, list):
        for item in node:
            _check_types(item)
    elif isinstance(node, dict):
        for value in node.get("@type", []) if isinstance(node.get("@type"), list) else []:
            if ":" not in value:
                raise CanonicalizationError(f"the type {value!r} is not defined by the document's contexts")
        for key, value in node.items():
            if key != "@type":
                _check_types(value)


def canonicalize(document: dict, loader=None) -> str:
    """The document's RDFC-1.0 canonical N-Quads."""
    # No base IRI: an undefined type stays relative (pyld would otherwise resolve it against a
    # placeholder base), so the check below sees it.
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader or document_loader(), "base": None}
    processor = jsonld.JsonLdProcessor(on_property_dropped=_dropped)
    try:
        _check_types(processor.expand(document, dict(options)))
        return processor.normalize(document, options)
    except jsonld.JsonLdError as exc:
        cause = exc
        while cause is not None:
            if isinstance(cause, CanonicalizationError):
                raise cause from None
            cause = cause.__cause__ or getattr(cause, "cause", None)
        raise CanonicalizationError(f"not valid JSON-LD: {exc.message if hasattr(exc, 'message') else exc}") from None
