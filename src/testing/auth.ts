/**
 * The fake's one credential: the token it accepts as a bearer token or as the `cookie` cookie,
 * how a random one is made, and how a request's credential is compared with it.
 */
import { misuse } from "./misuse.js";

/**
 * The token to accept: a non-empty string of visible ASCII, which a header or a cookie can
 * carry. An empty one would let in a request with an empty cookie; one a header cannot carry
 * would let in nobody. The message never quotes the token.
 */
export function checkToken(value: unknown): string {
  const rule = "token must be a non-empty string of visible ASCII (what a header or a cookie can carry)";
  if (typeof value !== "string") {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    misuse(`${rule}, not ${kind}`);
  }
  if (value === "") misuse(`${rule}, not empty: an empty cookie would be let in`);
  if (!/^[!-~]+$/.test(value)) misuse(`${rule}: this one holds a space, a control character or non-ASCII`);
  return value;
}

/** A random token, from the platform's cryptographic random source. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(
    /[+/=]/g,
    (char) => ({ "+": "-", "/": "_", "=": "" })[char]!,
  );
}

const encoder = new TextEncoder();

/**
 * Whether `candidate` is `token`, in a time that does not depend on where they first differ: an
 * early-exit `===` would let a client on the network (the fake may listen beyond loopback) learn
 * the token a character at a time. The core also runs in browsers, so this cannot use
 * `node:crypto`'s `timingSafeEqual`, and Web Crypto has no comparison; it reads every byte of
 * the longer of the two, and a difference in length counts as a difference.
 */
export function sameToken(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const given = encoder.encode(candidate);
  const expected = encoder.encode(token);
  const length = Math.max(given.length, expected.length);
  let difference = given.length ^ expected.length;
  for (let i = 0; i < length; i++) difference |= (given[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

/** Whether `request` carries `token`, as `Authorization: Bearer` or as the `cookie` cookie. */
export function carriesToken(request: Request, token: string): boolean {
  // The auth scheme is case-insensitive (RFC 9110 §11.1).
  const bearer = /^bearer +(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((pair) => pair.trim())
    .find((pair) => pair.startsWith("cookie="))
    ?.slice("cookie=".length);
  // Both are compared, whatever the first gives, so that neither's answer shows in the time taken.
  const byBearer = sameToken(bearer, token);
  const byCookie = sameToken(cookie, token);
  return byBearer || byCookie;
}
