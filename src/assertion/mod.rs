//! Client assertions: `client_secret_jwt` and `private_key_jwt` (RFC 7521, RFC 7523,
//! OpenID Connect Core §9).

pub(crate) mod replay;
