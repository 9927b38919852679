//! The bounds on a request's parts, each checked before the part is decoded.

/// The largest form body read: 64 KiB. A token request is a few hundred bytes; pushed
/// authorization requests (RFC 9126) carrying a request object are the largest legitimate
/// bodies, and stay well below this.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The most form parameters read from one body.
pub const MAX_PARAMETERS: usize = 256;
/// The longest `Authorization` header value: 8 KiB, the common default header limit of HTTP
/// servers.
pub const MAX_AUTHORIZATION_BYTES: usize = 8 * 1024;
/// The longest `client_id`, decoded: 2 KiB (URL client identifiers included).
pub const MAX_CLIENT_ID_BYTES: usize = 2 * 1024;
/// The longest `client_secret`, decoded: 1 KiB.
pub const MAX_CLIENT_SECRET_BYTES: usize = 1024;
/// The longest `client_assertion`: 8 KiB, generous for a compact JWS with an RSA-4096
/// signature and ordinary claims.
pub const MAX_CLIENT_ASSERTION_BYTES: usize = 8 * 1024;
/// The longest `client_assertion_type`.
pub const MAX_CLIENT_ASSERTION_TYPE_BYTES: usize = 256;
/// The longest client certificate input (PEM, URL-encoded PEM, base64 or DER): 16 KiB.
pub const MAX_CERTIFICATE_BYTES: usize = 16 * 1024;
/// The most intermediate certificates read from a presented chain.
pub const MAX_CHAIN_CERTIFICATES: usize = 8;
/// The longest `OAuth-Client-Attestation` or `OAuth-Client-Attestation-PoP` header value:
/// 8 KiB each, as `client_assertion` (draft-ietf-oauth-attestation-based-client-auth-10 notes
/// the common 8 KiB header limit of web servers).
pub const MAX_CLIENT_ATTESTATION_BYTES: usize = 8 * 1024;
