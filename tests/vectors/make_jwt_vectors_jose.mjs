// Client-assertion vectors signed by a second independent JOSE implementation: Node's `jose`.
//
// Writes tests/vectors/jwt_vectors_jose.json, which tests/jwt_vectors.rs verifies through
// `oauth_client_auth::authenticate`. CI only reads the committed JSON; it needs neither Node
// nor jose. Regenerate (jose is resolved from the current directory) with:
//
//     mkdir -p /tmp/jwtvec-node && cd /tmp/jwtvec-node && npm install jose@6.2.18
//     node /path/to/repo/tests/vectors/make_jwt_vectors_jose.mjs /path/to/repo/tests/vectors
//
// The keys are the committed OpenSSL-made test keys in tests/vectors/keys/ (see its README),
// imported and exported as JWKs by jose (WebCrypto underneath). jose signs `Ed25519` under
// its fully-specified name (RFC 9864), as openid-client does. `now` is fixed, so the vectors
// never expire; ECDSA and PSS signatures differ run to run, and any run's output must verify.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const jose = require('jose');
const josePackage = require('jose/package.json');

const out = process.argv[2];
if (!out) {
  console.error('usage: node make_jwt_vectors_jose.mjs <tests/vectors folder>');
  process.exit(2);
}

const NOW = 1764300000;
const ISSUER = 'https://as.example.com';
const TOKEN_ENDPOINT = 'https://as.example.com/token';
const CLIENT_ID = 'vector-client';
// 64 octets: long enough for HS512 (RFC 7518 section 3.2).
const CLIENT_SECRET = 'jose-vector-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHI';
if (CLIENT_SECRET.length !== 64) throw new Error('secret length');

const KEY_FILES = {
  rsa: 'rsa-2048.pem',
  p256: 'ec-p256.pem',
  p384: 'ec-p384.pem',
  p521: 'ec-p521.pem',
  ed: 'ed25519.pem',
};

// [alg, key id or null for the client secret]
const ALGORITHMS = [
  ['HS256', null], ['HS384', null], ['HS512', null],
  ['RS256', 'rsa'], ['RS384', 'rsa'], ['RS512', 'rsa'],
  ['PS256', 'rsa'], ['PS384', 'rsa'], ['PS512', 'rsa'],
  ['ES256', 'p256'], ['ES384', 'p384'], ['ES512', 'p521'],
  ['EdDSA', 'ed'], ['Ed25519', 'ed'],
];

function pem(name) {
  return readFileSync(join(out, 'keys', name), 'utf8');
}

async function importKey(kid, alg) {
  // jose binds an imported key to an algorithm; import once per algorithm used.
  return jose.importPKCS8(pem(KEY_FILES[kid]), alg, { extractable: true });
}

async function publicJwk(kid, alg) {
  const key = await importKey(kid, alg);
  const jwk = await jose.exportJWK(key);
  // The private members are dropped: a registered jwks holds public keys.
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete jwk[member];
  return { ...jwk, kid, use: 'sig' };
}

async function sign(alg, kid, claims, header) {
  const key = kid === null
    ? new TextEncoder().encode(CLIENT_SECRET)
    : await importKey(kid, alg);
  return new jose.SignJWT(claims).setProtectedHeader({ alg, ...header }).sign(key);
}

const jwks = {
  keys: [
    await publicJwk('rsa', 'RS256'),
    await publicJwk('p256', 'ES256'),
    await publicJwk('p384', 'ES384'),
    await publicJwk('p521', 'ES512'),
    await publicJwk('ed', 'Ed25519'),
  ],
};

const vectors = [];
for (const [i, [alg, kid]] of ALGORITHMS.entries()) {
  const explicitlyTyped = i % 2 === 1;
  const header = { typ: explicitlyTyped ? 'application/client-authentication+jwt' : 'JWT' };
  // Some vectors name their key; without a kid, the one key that fits is used.
  if (kid !== null && i % 3 !== 1) header.kid = kid;
  const jti = `jose-${alg}`;
  const claims = {
    iss: CLIENT_ID,
    sub: CLIENT_ID,
    aud: i % 2 === 0 ? ISSUER : [ISSUER],
    iat: NOW,
    exp: NOW + 300,
    jti,
  };
  vectors.push({
    name: `${alg} by jose`,
    alg,
    method: kid === null ? 'client_secret_jwt' : 'private_key_jwt',
    jti,
    exp: NOW + 300,
    explicitly_typed: explicitlyTyped,
    assertion: await sign(alg, kid, claims, header),
  });
}

const base = { iss: CLIENT_ID, sub: CLIENT_ID, aud: ISSUER, iat: NOW, exp: NOW + 300 };
const refused = [
  {
    name: 'an access token (at+jwt)',
    rule: 'typ_not_allowed',
    method: 'private_key_jwt',
    assertion: await sign('ES256', 'p256', { ...base, jti: 'jose-at' },
      { typ: 'at+jwt', kid: 'p256' }),
  },
  {
    name: 'aud is the issuer beside another audience',
    rule: 'audience_multiple',
    method: 'private_key_jwt',
    assertion: await sign('Ed25519', 'ed',
      { ...base, aud: [ISSUER, 'https://other.example'], jti: 'jose-aud' }, { kid: 'ed' }),
  },
  {
    name: 'exp passed beyond the skew',
    rule: 'expired',
    method: 'client_secret_jwt',
    assertion: await sign('HS256', null,
      { ...base, iat: NOW - 120, exp: NOW - 30, jti: 'jose-expired' }, {}),
  },
];

const file = join(out, 'jwt_vectors_jose.json');
writeFileSync(file, JSON.stringify({
  generator: `jose ${josePackage.version} on Node.js ${process.version} (tests/vectors/make_jwt_vectors_jose.mjs)`,
  now: NOW,
  issuer: ISSUER,
  token_endpoint: TOKEN_ENDPOINT,
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
  jwks,
  vectors,
  refused,
}, null, 2) + '\n');
console.error(`wrote ${vectors.length} vectors and ${refused.length} refused ones to ${file}`);
