//! [`RequestParts`]: the parts of an HTTP request that client authentication reads, parsed from
//! what every HTTP framework has — header pairs, the raw form body, the TLS client certificate.
//!
//! Everything here is untrusted. Sizes are bounded before anything is decoded (see the `MAX_*`
//! constants), a repeated credential parameter or `Authorization` header is refused rather than
//! resolved by "last wins", and no input can make the parser panic.

pub(crate) mod basic;
pub(crate) mod builder;
pub(crate) mod certificate;
pub(crate) mod form;
pub(crate) mod limits;
pub(crate) mod parts;

pub use self::basic::BasicCredentials;
pub use self::builder::RequestPartsBuilder;
pub use self::certificate::CertificateInput;
pub use self::limits::*;
pub use self::parts::RequestParts;
