"""Multibase base58btc ("z" prefix) and Ed25519 Multikey encoding, as Data Integrity uses them."""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(ALPHABET)}
ED25519_PUBLIC = b"\xed\x01"  # multicodec ed25519-pub, as a varint
ED25519_PRIVATE = b"\x80\x26"  # multicodec ed25519-priv, as a varint


class MultibaseError(ValueError):
    pass


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, remainder = divmod(number, 58)
        text = ALPHABET[remainder] + text
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + text


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError(f"not base58: {char!r}")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode(data: bytes) -> str:
    """base58btc multibase."""
    return "z" + b58encode(data)


def decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("only base58btc multibase values (starting with z) are accepted")
    return b58decode(text[1:])


def encode_public_key(raw: bytes) -> str:
    """An Ed25519 public key (32 bytes) as a Multikey publicKeyMultibase value (z6Mk...)."""
    return encode(ED25519_PUBLIC + raw)


def decode_public_key(text: str) -> bytes:
    data = decode(text)
    if not data.startswith(ED25519_PUBLIC) or len(data) != 34:
        raise MultibaseError("not an Ed25519 public key")
    return data[2:]


def decode_private_key(text: str) -> bytes:
    data = decode(text)
    if not data.startswith(ED25519_PRIVATE) or len(data) != 34:
        raise MultibaseError("not an Ed25519 private key")
    return data[2:]
