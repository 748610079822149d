"""Self-signed TLS certificate for the emulator (127.0.0.1, ::1 and localhost).

The SDK always connects with ``wss://``, so the emulator must speak TLS. The certificate is made
once, kept in the emulator's data directory and reused; it is regenerated when it is missing,
unreadable, about to expire, or does not match its key.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

logger = logging.getLogger(__name__)

ENV_DIR = "LIVE_DESKTOP_EMULATOR_DIR"
CERT_NAME = "emulator-cert.pem"
KEY_NAME = "emulator-key.pem"
VALIDITY = dt.timedelta(days=825)
RENEW_BEFORE = dt.timedelta(days=7)
_HOSTS_DNS = ("localhost",)
_HOSTS_IP = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class CertificatePair:
    cert_path: Path
    key_path: Path


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def default_dir() -> Path:
    """The emulator's data dir: ``$LIVE_DESKTOP_EMULATOR_DIR`` or the platform user data dir."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("live-desktop")) / "emulator"


def ensure_certificate(directory: Path | None = None) -> CertificatePair:
    """Return a valid certificate/key pair in ``directory``, creating or renewing it if needed."""
    directory = Path(directory) if directory is not None else default_dir()
    directory.mkdir(parents=True, exist_ok=True)
    pair = CertificatePair(directory / CERT_NAME, directory / KEY_NAME)
    problem = _problem_with(pair)
    if problem is None:
        return pair
    logger.info("Creating emulator TLS certificate in %s (%s)", directory, problem)
    # Another process may be doing the same; write atomically and re-check the pair.
    for _attempt in range(3):
        _generate(pair)
        if _problem_with(pair) is None:
            return pair
    raise RuntimeError(f"could not create a usable emulator certificate in {directory}")


def _problem_with(pair: CertificatePair) -> str | None:
    try:
        cert = x509.load_pem_x509_certificate(pair.cert_path.read_bytes())
        key = serialization.load_pem_private_key(pair.key_path.read_bytes(), password=None)
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError, TypeError) as exc:
        return f"unreadable: {type(exc).__name__}"
    if cert.not_valid_after_utc - RENEW_BEFORE < _now():
        return "expired or about to expire"
    if cert.not_valid_before_utc > _now() + dt.timedelta(minutes=5):
        return "not yet valid"
    pub = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key_pub = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if pub != key_pub:
        return "certificate does not match key"
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return "no subjectAltName"
    names = set(san.get_values_for_type(x509.DNSName))
    ips = {str(ip) for ip in san.get_values_for_type(x509.IPAddress)}
    if not set(_HOSTS_DNS) <= names or not set(_HOSTS_IP) <= ips:
        return "subjectAltName lacks loopback names"
    return None


def _generate(pair: CertificatePair) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Live Desktop emulator (localhost)"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Live Desktop"),
        ]
    )
    now = _now()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(h) for h in _HOSTS_DNS]
                + [x509.IPAddress(ipaddress.ip_address(h)) for h in _HOSTS_IP]
            ),
            critical=False,
        )
        # A self-signed certificate that is its own trust anchor: Python 3.13's strict X.509
        # checks want CA:TRUE (critical), key usage and key identifiers on such a certificate.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_atomic(pair.key_path, key_pem, mode=0o600)
    _write_atomic(pair.cert_path, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)  # the umask may have narrowed or (on some systems) ignored it
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
