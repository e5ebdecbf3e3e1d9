"""The xAPI 1.0.3 rules that need no database: statement validation, comparison, the
`format` views of a statement, signed statements, multipart bodies and document merging.

Nothing here imports Django; the learning record store adapts requests in and out of it.
Every refusal is an `XAPIError` carrying the HTTP status the specification asks for.
"""
from .errors import XAPIError

VERSIONS = ("1.0.3", "1.0.2", "1.0.1", "1.0.0")
LATEST = VERSIONS[0]
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"

__all__ = ["XAPIError", "VERSIONS", "LATEST", "VOIDED", "SIGNATURE_USAGE"]
