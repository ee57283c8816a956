//! One request without credentials, sent to a Traefik entry point with an
//! application's host name, as a client on the internet would send it: the
//! `Host` header over plain HTTP, and the TLS server name (SNI) as well over
//! HTTPS, so Traefik picks the router (and the certificate) it picks for
//! that client. Only the status line and the headers are read.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned};

/// The most one step of a request takes (connect, handshake, a read).
const TIMEOUT: Duration = Duration::from_secs(3);
/// The most of an answer that is read: its status line and headers.
const MAX_HEAD: usize = 16 * 1024;

/// What an entry point answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// The `WWW-Authenticate` header, when there is one.
    pub(crate) challenge: Option<String>,
}

/// How a probe treats the certificate of an HTTPS entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Certificates {
    /// Any certificate: the probe asks what Traefik routes, not whether a
    /// browser would trust it (Traefik's default certificate included).
    Unverified,
    /// Only a certificate valid for the host, from a public authority.
    Verified,
}

/// `GET path` for `host` through the entry point at `base`
/// (`http://ADDR:PORT` or `https://ADDR:PORT`).
pub(crate) fn get(
    base: &str,
    host: &str,
    path: &str,
    certificates: Certificates,
) -> Result<Answer, String> {
    let url = url::Url::parse(base).map_err(|e| format!("invalid entry point URL: {e}"))?;
    let tls = match url.scheme() {
        "http" => false,
        "https" => true,
        other => return Err(format!("unsupported scheme {other}")),
    };
    let address = url
        .socket_addrs(|| Some(if tls { 443 } else { 80 }))
        .map_err(|e| format!("cannot resolve {base}: {e}"))?;
    let tcp = connect(&address).map_err(|e| format!("cannot connect: {e}"))?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: authgate-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    if tls {
        let name = ServerName::try_from(host.to_string())
            .map_err(|e| format!("{host} is not a TLS server name: {e}"))?;
        let connection = ClientConnection::new(client_config(certificates), name)
            .map_err(|e| format!("TLS: {e}"))?;
        exchange(StreamOwned::new(connection, tcp), &request)
    } else {
        exchange(tcp, &request)
    }
}

fn connect(addresses: &[std::net::SocketAddr]) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::other("no address");
    for address in addresses {
        match TcpStream::connect_timeout(address, TIMEOUT) {
            Ok(tcp) => {
                tcp.set_read_timeout(Some(TIMEOUT))?;
                tcp.set_write_timeout(Some(TIMEOUT))?;
                return Ok(tcp);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Sends the request and reads the answer's head, at most [`MAX_HEAD`].
fn exchange(mut stream: impl Read + Write, request: &str) -> Result<Answer, String> {
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.flush())
        .map_err(|e| format!("cannot send the request: {e}"))?;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() >= MAX_HEAD {
            return Err(format!("the answer's headers exceed {MAX_HEAD} bytes"));
        }
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if head.is_empty() => return Err(format!("no answer: {e}")),
            Err(_) => break,
        }
    }
    parse_head(&String::from_utf8_lossy(&head))
}

fn parse_head(head: &str) -> Result<Answer, String> {
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            format!(
                "not an HTTP answer: {:?}",
                status_line.chars().take(60).collect::<String>()
            )
        })?;
    let challenge = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("www-authenticate"))
        .map(|(_, value)| value.trim().to_string());
    Ok(Answer { status, challenge })
}

fn client_config(certificates: Certificates) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions");
    let config = match certificates {
        Certificates::Verified => builder
            .with_root_certificates(rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            })
            .with_no_client_auth(),
        Certificates::Unverified => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth(),
    };
    Arc::new(config)
}

/// Accepts any certificate, but still checks that the server holds its key.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_status_and_the_challenge() {
        let answer = parse_head(
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nwww-authenticate: Basic realm=\"shop\"\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            answer,
            Answer {
                status: 401,
                challenge: Some("Basic realm=\"shop\"".into())
            }
        );
        assert_eq!(
            parse_head("HTTP/1.0 200 OK\r\n\r\n").unwrap(),
            Answer {
                status: 200,
                challenge: None
            }
        );
        assert!(parse_head("SSH-2.0-OpenSSH\r\n").is_err());
    }
}
