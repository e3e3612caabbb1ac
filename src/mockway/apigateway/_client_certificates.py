"""GenerateClientCertificate, GetClientCertificate(s), UpdateClientCertificate,
DeleteClientCertificate: the certificates a stage presents to its HTTP back ends.

AWS's certificate is self-signed, RSA 2048 signed with SHA-256, issued to and by ``C=US,
L=Seattle, CN=ApiGateway``, valid for 365 days from its creation. mockway signs a fresh
certificate per call with one RSA key, made once per process, so a call costs the signature
only. ``cryptography`` is imported on the first certificate.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
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
PUBLIC_EXPONENT = 65_537


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


@functools.cache
def _signing_key() -> RSAPrivateKey:
    """The one RSA key every certificate of this process is signed with and certifies, made
    on the first certificate."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)


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
