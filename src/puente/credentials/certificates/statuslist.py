"""Bitstring Status List v1.0: one bit per credential, GZIP-compressed, multibase base64url.

Index 0 is the left-most bit of the first byte. Lists are at least 131,072 bits (16 KB) long,
as the specification asks, so a list does not reveal how many credentials it covers.
"""
import base64
import gzip

MIN_BITS = 131_072


class StatusListError(ValueError):
    pass


def encode(set_bits, size: int = MIN_BITS) -> str:
    """The encodedList value of a list of `size` bits with `set_bits` set."""
    data = bytearray(size // 8)
    for index in set_bits:
        if not 0 <= index < size:
            raise StatusListError(f"index {index} is outside a list of {size} bits")
        data[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 keeps the output the same for the same bits, so the list can be cached and compared.
    compressed = gzip.compress(bytes(data), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("the encoded list is not multibase base64url (it must start with u)")
    text = encoded[1:]
    try:
        data = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, OSError, EOFError) as exc:
        raise StatusListError(f"the encoded list cannot be read: {exc}") from None
    if len(data) * 8 < MIN_BITS:
        raise StatusListError(f"the list has {len(data) * 8} bits; at least {MIN_BITS} are required")
    return data


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def position(number: int) -> tuple[int, int]:
    """Which list (0, 1, ...) and which index in it hold credential number `number`."""
    return divmod(number, MIN_BITS)
