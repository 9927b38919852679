// node `jose`: jwtVerify with a key imported once, on the assertions the crate's bench wrote.
// Usage: node verify_jose.mjs <material dir> <jose module path>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, josePath] = process.argv.slice(2);
const jose = await import(pathToFileURL(josePath).href);
const claims = JSON.parse(readFileSync(`${dir}/claims.json`, "utf8"));
const options = (alg) => ({
  algorithms: [alg],
  issuer: claims.iss,
  subject: claims.iss,
  audience: claims.aud,
  currentDate: new Date(claims.now * 1000),
});

/** Median nanoseconds per call over `rounds` batches, each of `batch` calls. */
async function time(verify, batch, rounds) {
  for (let i = 0; i < batch; i++) await verify(); // warm-up
  const perCall = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await verify();
    perCall.push(Number(process.hrtime.bigint() - start) / batch);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)];
}

const result = {};
for (const [alg, batch] of [["HS256", 20000], ["ES256", 2000], ["RS256", 2000]]) {
  const token = readFileSync(`${dir}/${alg}.jwt`, "utf8");
  const material = JSON.parse(readFileSync(`${dir}/${alg}.key.json`, "utf8"));
  // The key is imported once: a WebCrypto CryptoKey (a raw secret would be imported again
  // on every call).
  const key = alg === "HS256"
    ? await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(material.secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    )
    : await jose.importJWK(material, alg);
  const opts = options(alg);
  await jose.jwtVerify(token, key, opts); // throws if the assertion is refused
  result[alg] = await time(() => jose.jwtVerify(token, key, opts), batch, 15);
}
console.log(JSON.stringify(result));
