//! Layer 1, the bottom: the data and wire types every other layer reads. The request's parts,
//! the registered metadata, the errors, the secret, the outcome. Nothing here imports a layer
//! above.

pub(crate) mod assertion;
pub(crate) mod attestation;
pub(crate) mod authenticated;
pub(crate) mod context;
pub(crate) mod error;
pub(crate) mod limits;
pub(crate) mod metadata;
pub(crate) mod request;
pub(crate) mod secret;
