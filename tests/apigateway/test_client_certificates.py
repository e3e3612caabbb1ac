"""Client certificates: generated, read, described, tagged, put on stages and deleted."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from builders import REGION, body, pets_api, status
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from support import client, expect_error

UTC = datetime.timezone.utc
T0 = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=UTC)
CERT_ID = re.compile(r"[a-z0-9]{6}")
NOT_FOUND = "Invalid Client Certificate identifier specified"


def generate(apigw: Any, **extra: Any) -> dict[str, Any]:
    return dict(apigw.generate_client_certificate(**extra))


def test_generate_get_list(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        created = generate(apigw, description="to the back end")
    assert status(created) == 201
    assert CERT_ID.fullmatch(created["clientCertificateId"])
    assert created["createdDate"] == T0
    assert created["expirationDate"] == T0 + datetime.timedelta(days=365)
    assert created["pemEncodedCertificate"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert created["pemEncodedCertificate"].endswith("-----END CERTIFICATE-----\n")
    expected = {
        "clientCertificateId": created["clientCertificateId"],
        "description": "to the back end",
        "pemEncodedCertificate": created["pemEncodedCertificate"],
        "createdDate": T0,
        "expirationDate": T0 + datetime.timedelta(days=365),
    }
    # Generate renders no tags when there are none; Get renders them even when empty.
    assert body(created) == expected
    got = apigw.get_client_certificate(clientCertificateId=created["clientCertificateId"])
    assert status(got) == 200
    assert body(got) == {**expected, "tags": {}}
    assert apigw.get_client_certificates()["items"] == [expected]


def test_the_certificate_is_aws_kind(apigw: Any) -> None:
    with time_machine.travel(T0, tick=False):
        pem = generate(apigw)["pemEncodedCertificate"]
    cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Seattle"),
            x509.NameAttribute(NameOID.COMMON_NAME, "ApiGateway"),
        ]
    )
    assert cert.subject == name
    assert cert.issuer == name
    assert cert.not_valid_before_utc == T0
    assert cert.not_valid_after_utc == T0 + datetime.timedelta(days=365)
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    assert 0 < cert.serial_number < 2**63
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size == 2048
    assert key.public_numbers().e == 65537
    # Self-signed: its own public key verifies its signature.
    assert cert.signature_hash_algorithm is not None
    key.verify(
        cert.signature,
        cert.tbs_certificate_bytes,
        padding.PKCS1v15(),
        cert.signature_hash_algorithm,
    )


def test_each_certificate_is_its_own(apigw: Any) -> None:
    first, second = generate(apigw), generate(apigw)
    assert first["clientCertificateId"] != second["clientCertificateId"]
    assert first["pemEncodedCertificate"] != second["pemEncodedCertificate"]
    # Listed newest first.
    listed = apigw.get_client_certificates()["items"]
    assert [c["clientCertificateId"] for c in listed] == [
        second["clientCertificateId"],
        first["clientCertificateId"],
    ]
    page = apigw.get_client_certificates(limit=1)
    assert [c["clientCertificateId"] for c in page["items"]] == [second["clientCertificateId"]]
    rest = apigw.get_client_certificates(limit=1, position=page["position"])
    assert [c["clientCertificateId"] for c in rest["items"]] == [first["clientCertificateId"]]
    assert "position" not in rest


def test_no_description(apigw: Any) -> None:
    created = generate(apigw, description="")
    assert "description" not in created
    assert "tags" not in created


def test_update_description(apigw: Any) -> None:
    cert_id = generate(apigw)["clientCertificateId"]
    updated = apigw.update_client_certificate(
        clientCertificateId=cert_id,
        patchOperations=[{"op": "replace", "path": "/description", "value": "rotated"}],
    )
    assert status(updated) == 200
    assert updated["description"] == "rotated"
    assert updated["tags"] == {}
    got = apigw.get_client_certificate(clientCertificateId=cert_id)
    assert got["description"] == "rotated"
    cleared = apigw.update_client_certificate(
        clientCertificateId=cert_id,
        patchOperations=[{"op": "replace", "path": "/description", "value": ""}],
    )
    assert "description" not in cleared


def test_update_refuses_other_paths(apigw: Any) -> None:
    cert_id = generate(apigw, description="kept")["clientCertificateId"]
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid patch path  '/pemEncodedCertificate' specified for op 'replace'."
        " Must be one of: [/description]",
        400,
    ):
        apigw.update_client_certificate(
            clientCertificateId=cert_id,
            patchOperations=[
                {"op": "replace", "path": "/description", "value": "changed"},
                {"op": "replace", "path": "/pemEncodedCertificate", "value": "x"},
            ],
        )
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid patch path  '/description' specified for op 'add'."
        " Please choose supported operations",
        400,
    ):
        apigw.update_client_certificate(
            clientCertificateId=cert_id,
            patchOperations=[{"op": "add", "path": "/description", "value": "x"}],
        )
    got = apigw.get_client_certificate(clientCertificateId=cert_id)
    assert got["description"] == "kept"


def test_delete(apigw: Any) -> None:
    cert_id = generate(apigw)["clientCertificateId"]
    assert status(apigw.delete_client_certificate(clientCertificateId=cert_id)) == 202
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_client_certificate(clientCertificateId=cert_id)
    assert apigw.get_client_certificates()["items"] == []


@pytest.mark.parametrize(
    "call",
    [
        lambda aws: aws.get_client_certificate(clientCertificateId="nope00"),
        lambda aws: aws.delete_client_certificate(clientCertificateId="nope00"),
        lambda aws: aws.update_client_certificate(
            clientCertificateId="nope00",
            patchOperations=[{"op": "replace", "path": "/description", "value": "x"}],
        ),
    ],
)
def test_unknown_certificate(apigw: Any, call: Any) -> None:
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        call(apigw)


def test_tags(apigw: Any) -> None:
    created = generate(apigw, tags={"team": "edge"})
    assert created["tags"] == {"team": "edge"}
    cert_id = created["clientCertificateId"]
    arn = f"arn:aws:apigateway:{REGION}::/clientcertificates/{cert_id}"
    assert status(apigw.tag_resource(resourceArn=arn, tags={"env": "test"})) == 204
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "edge", "env": "test"}
    assert status(apigw.untag_resource(resourceArn=arn, tagKeys=["team"])) == 204
    assert apigw.get_client_certificate(clientCertificateId=cert_id)["tags"] == {"env": "test"}
    assert apigw.get_client_certificates()["items"][0]["tags"] == {"env": "test"}
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.get_tags(resourceArn=f"arn:aws:apigateway:{REGION}::/clientcertificates/nope00")


def test_bad_tags_store_nothing(apigw: Any) -> None:
    with expect_error(
        apigw,
        "BadRequestException",
        "Invalid tag key 'aws:owner': 1 to 128 characters of letters, digits, spaces and"
        " . : + = @ _ / -, not starting with aws:",
        400,
    ):
        generate(apigw, tags={"aws:owner": "me"})
    assert apigw.get_client_certificates()["items"] == []


def test_limit(apigw: Any) -> None:
    for _ in range(60):
        generate(apigw)
    with expect_error(
        apigw,
        "LimitExceededException",
        "Exceeded the maximum number of client certificates (60) for this account and region",
        429,
    ):
        generate(apigw)
    assert len(apigw.get_client_certificates(limit=500)["items"]) == 60


def test_per_region(apigw: Any) -> None:
    generate(apigw)
    other = client("apigateway", region="eu-west-1")
    assert other.get_client_certificates()["items"] == []


def test_stage_takes_a_certificate(apigw: Any) -> None:
    api = pets_api(apigw)
    cert_id = generate(apigw)["clientCertificateId"]
    stage = {"restApiId": api.api_id, "stageName": api.stage}
    with_cert = apigw.update_stage(
        **stage,
        patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": cert_id}],
    )
    assert with_cert["clientCertificateId"] == cert_id
    assert apigw.get_stage(**stage)["clientCertificateId"] == cert_id
    assert apigw.get_stages(restApiId=api.api_id)["item"][0]["clientCertificateId"] == cert_id

    # A certificate in use is not deleted.
    with expect_error(
        apigw,
        "BadRequestException",
        f"Cannot delete client certificate {cert_id} because there are API Stages associated"
        f" with it, including {api.api_id}:dev",
        400,
    ):
        apigw.delete_client_certificate(clientCertificateId=cert_id)

    # An unknown one is refused, and the stage keeps its certificate.
    with expect_error(apigw, "NotFoundException", NOT_FOUND, 404):
        apigw.update_stage(
            **stage,
            patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": "nope00"}],
        )
    assert apigw.get_stage(**stage)["clientCertificateId"] == cert_id

    # The empty value takes it off; then the certificate can go.
    without = apigw.update_stage(
        **stage, patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": ""}]
    )
    assert "clientCertificateId" not in without
    assert status(apigw.delete_client_certificate(clientCertificateId=cert_id)) == 202


def test_deleting_the_stage_frees_the_certificate(apigw: Any) -> None:
    api = pets_api(apigw)
    cert_id = generate(apigw)["clientCertificateId"]
    apigw.update_stage(
        restApiId=api.api_id,
        stageName=api.stage,
        patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": cert_id}],
    )
    apigw.delete_rest_api(restApiId=api.api_id)
    assert status(apigw.delete_client_certificate(clientCertificateId=cert_id)) == 202
