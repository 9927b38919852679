//! Bounds on registered values that are parsed: each is checked before the parse, so that a
//! registration cannot cost unbounded work on every request that prepares it. The bounds on
//! the request itself are in [`crate::wire::request`].

/// The most keys read from one JWK Set. Clients publish a handful (a current and a next key
/// per algorithm); the bound keeps a registration from costing unbounded work to prepare.
pub const MAX_JWKS_KEYS: usize = 100;

/// The longest registered `tls_client_auth_subject_dn` read: 16 KiB, the size of the largest
/// client certificate read ([`crate::wire::request::MAX_CERTIFICATE_BYTES`]), whose subject it must
/// equal. Real names are a few hundred bytes. A longer string is refused before it is parsed.
pub const MAX_SUBJECT_DN_BYTES: usize = 16 * 1024;
/// The most RDNs a registered subject DN may have. A certificate's subject matches only with as
/// many RDNs, so this bounds the presented subject's work too.
pub const MAX_SUBJECT_DN_RDNS: usize = 64;
/// The most attribute values in one RDN of a registered subject DN (`OU=a+UID=b` has two).
/// A certificate's RDN matches only with as many values, so this bounds the presented RDN's
/// work too.
pub const MAX_RDN_ATTRIBUTES: usize = 64;
