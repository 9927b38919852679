//! SPIFFE client authentication (draft-ietf-oauth-spiffe-client-auth-02): SPIFFE IDs parsed
//! by the SPIFFE-ID rules and matched against a registration ([`id`]), the trust bundles
//! keyed by trust domain ([`bundle`]), and the leaf rules of an X.509-SVID ([`svid`]).

pub(crate) mod bundle;
pub(crate) mod id;
pub(crate) mod svid;
