//! Which Ed25519 public keys may verify a signature: a canonical encoding (`y < p`) of a point
//! that is not of small order (RFC 8032 §5.1.3; libsodium, Go's `ed25519consensus`).

/// The `y` coordinates (little-endian, sign bit clear) of the eight points of order 1, 2, 4
/// and 8: 0, 1, the two `y` of the order-8 points, and p - 1. Computed by
/// `tests/vectors/make_key_vectors.py` and equal to libsodium's `ge25519_has_small_order`
/// blocklist (whose p and p + 1 entries are the `y ≥ p` encodings refused separately).
const SMALL_ORDER_Y: [[u8; 32]; 5] = [
    [0; 32],
    [
        0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0,
    ],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// Whether an encoded Ed25519 public key may be used: its `y` is canonical and it is not a
/// point of small order. A small-order key verifies forged signatures (R the neutral point,
/// S = 0) for any message, or one in eight, through OpenSSL; libsodium and Go's
/// `ed25519consensus` refuse these keys too.
pub(crate) fn usable_ed25519_point(encoded: &[u8; 32]) -> bool {
    let mut y = *encoded;
    // RFC 8032 §5.1.2: the top bit is the sign of x; the rest is y, little-endian.
    if let Some(top) = y.last_mut() {
        *top &= 0x7f;
    }
    // RFC 8032 §5.1.3 step 1: "If the resulting value is >= p, decoding fails."
    // p = 2^255 - 19 is ed ff .. ff 7f little-endian: y >= p only when y is that or above.
    let (low, high) = y.split_at(1);
    let at_least_p = low.first().is_some_and(|&b| b >= 0xed)
        && high
            .split_last()
            .is_some_and(|(&last, middle)| last == 0x7f && middle.iter().all(|&b| b == 0xff));
    // Crate policy, after libsodium's ge25519_has_small_order: no key of order 1, 2, 4 or 8,
    // whatever the sign bit (which also covers RFC 8032 §5.1.3 step 4, x = 0 with the sign
    // bit set).
    !at_least_p && !SMALL_ORDER_Y.contains(&y)
}
