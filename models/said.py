"""What a model concludes, as a message code and its parameters, never as a sentence.

``models`` decide (an offer 25% below expectation, a skill most top openings ask for, a pay effect
the data cannot support); ``service.messages`` holds the words for each code, and the pages write
them in the reader's language. So nothing downstream has to read English to know what was said.
"""
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

_NOTHING: Mapping[str, Any] = MappingProxyType({})


class Said(NamedTuple):
    code: str
    params: Mapping[str, Any] = _NOTHING
