"""Verifiable certificates: a bilingual PDF with a QR code to a public verification page, and
the same credential as a signed Open Badges 3.0 credential (W3C VC 2.0, Data Integrity proof
with the eddsa-rdfc-2022 cryptosuite), revocable through Bitstring Status Lists.

The signing and verifying core (`multibase`, `jsonld`, `dataintegrity`, `statuslist`,
`openbadge`, `verification`) imports no Django and is tested alone, against the W3C
vc-di-eddsa test vectors. `issuer` adapts the credentials app's models to it.
"""
