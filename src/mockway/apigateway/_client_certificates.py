"""GenerateClientCertificate, GetClientCertificate(s), UpdateClientCertificate,
DeleteClientCertificate: the certificates a stage presents to its HTTP back ends.

AWS's certificate is self-signed, RSA 2048 signed with SHA-256, issued to and by ``C=US,
L=Seattle, CN=ApiGateway``, valid for 365 days from its creation. mockway signs a fresh
certificate per call with one RSA key, derived once per process from a fixed seed: a seeded
activation under a frozen clock gets the same PEM text run after run, and a call costs the
signature only. ``cryptography`` is imported on the first certificate.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._patch import PatchRules
from .._registry import Call
from . import _errors as e
from ._family import IN_BACKEND, Family, render_output, set_text
from ._models import ApiGatewayBackend
from ._tags import check_tags

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = ["FAMILY", "OPERATIONS", "ClientCertificate", "client_certificate_exists"]

CLIENT_CERTIFICATE_ID_LENGTH = 6
VALID_SECONDS = 365 * 86_400
MAX_CLIENT_CERTIFICATES = 60
KEY_BITS = 2048
_KEY_SEED = b"mockway: API Gateway client certificates"
_PUBLIC_EXPONENT = 65_537


@dataclass(slots=True)
class ClientCertificate:
    client_certificate_id: str
    pem_encoded_certificate: str
    created_date: int
    expiration_date: int
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


def client_certificate_exists(backend: ApiGatewayBackend, cert_id: str) -> bool:
    """Whether ``cert_id`` names a client certificate of the backend's account and region."""
    return cert_id in backend.client_certificates


def _stages_using(backend: ApiGatewayBackend, cert_id: str) -> list[str]:
    return [
        f"{api.id}:{stage.stage_name}"
        for api in backend.rest_apis.values()
        for stage in api.stages.values()
        if stage.client_certificate_id == cert_id
    ]


def _refuse_if_used(
    backend: ApiGatewayBackend, call: Call, parent: Any, cert: ClientCertificate
) -> None:
    stages = _stages_using(backend, cert.client_certificate_id)
    if stages:
        message = e.CLIENT_CERTIFICATE_IN_USE.format(
            id=cert.client_certificate_id, stages=", ".join(stages)
        )
        raise e.bad_request(message)


FAMILY: Family[ClientCertificate] = Family(
    IN_BACKEND,
    lambda backend: backend.client_certificates,
    "clientCertificateId",
    e.CLIENT_CERTIFICATE_NOT_FOUND,
    patch=PatchRules({"replace": ["/description"]}),
    setters={"/description": set_text("description")},
    on_delete=_refuse_if_used,
    key="client_certificate_id",
    filled=("tags",),
)


# -- the certificate -------------------------------------------------------------------------


def _probable_prime(n: int, rng: random.Random, rounds: int = 8) -> bool:
    """Miller-Rabin with ``rounds`` random bases."""
    d, s = n - 1, 0
    while not d & 1:
        d >>= 1
        s += 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng: random.Random, bits: int, small: tuple[int, ...]) -> int:
    """A ``bits``-bit prime with its top two bits set, found in a sieved window of odd
    numbers from a random start."""
    window = 4096
    while True:
        start = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        composite = bytearray(window)  # start + 2 * i, for each i
        for p in small:
            first = (-(start % p) * ((p + 1) // 2)) % p  # 2 * first = -start (mod p)
            composite[first::p] = b"\x01" * len(range(first, window, p))
        for i, struck in enumerate(composite):
            candidate = start + 2 * i
            if struck or candidate.bit_length() != bits or candidate % _PUBLIC_EXPONENT == 1:
                continue
            if _probable_prime(candidate, rng):
                return candidate


@functools.cache
def _signing_key() -> RSAPrivateKey:
    """The one RSA key every certificate is signed with and certifies, the same in every
    process: its primes come from a generator seeded with a fixed text."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    small = tuple(p for p in range(3, 8192, 2) if all(p % d for d in range(3, int(p**0.5) + 1, 2)))
    rng = random.Random(_KEY_SEED)
    p = _prime(rng, KEY_BITS // 2, small)
    q = _prime(rng, KEY_BITS // 2, small)
    while q == p:  # pragma: no cover - a 1024-bit prime drawn twice
        q = _prime(rng, KEY_BITS // 2, small)
    d = pow(_PUBLIC_EXPONENT, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p,
        q,
        d,
        rsa.rsa_crt_dmp1(d, p),
        rsa.rsa_crt_dmq1(d, q),
        rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(_PUBLIC_EXPONENT, p * q),
    )
    return numbers.private_key()


def _utc(epoch_seconds: int) -> datetime.datetime:
    return datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
        seconds=epoch_seconds
    )


def pem_certificate(serial: int, not_before: int, not_after: int) -> str:
    """A self-signed X.509 certificate as AWS makes them, PEM-encoded."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = _signing_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Seattle"),
            x509.NameAttribute(NameOID.COMMON_NAME, "ApiGateway"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(_utc(not_before))
        .not_valid_after(_utc(not_after))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _serial(backend: ApiGatewayBackend, cert_id: str, created: int) -> int:
    """A positive 63-bit serial number, as AWS's are, from what names the certificate."""
    digest = hashlib.sha256(
        f"{backend.account_id}:{backend.region}:{cert_id}:{created}".encode()
    ).digest()
    return int.from_bytes(digest[:8], "big") >> 1 or 1


# -- operations ------------------------------------------------------------------------------


def generate_client_certificate(backend: ApiGatewayBackend, call: Call) -> dict[str, Any]:
    p = call.params
    tags = check_tags(p.get("tags") or {})
    if len(backend.client_certificates) >= MAX_CLIENT_CERTIFICATES:
        raise e.limit_exceeded(e.CLIENT_CERTIFICATE_LIMIT)
    cert_id = backend.new_id(CLIENT_CERTIFICATE_ID_LENGTH, call.ids, backend.client_certificates)
    created = int(call.now)
    expires = created + VALID_SECONDS
    cert = ClientCertificate(
        cert_id,
        pem_certificate(_serial(backend, cert_id, created), created, expires),
        created,
        expires,
        description=p.get("description") or None,
        tags=tags,
    )
    backend.client_certificates.add(cert_id, cert)
    return render_output(cert, call)


OPERATIONS = {
    "GenerateClientCertificate": generate_client_certificate,
    **FAMILY.operations(
        get="GetClientCertificate",
        list="GetClientCertificates",
        update="UpdateClientCertificate",
        delete="DeleteClientCertificate",
    ),
}
