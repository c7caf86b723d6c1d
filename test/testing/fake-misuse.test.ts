/**
 * Misuse of the fake fails at the call with a TypeError that names the argument, and the fake lets
 * in nobody without its token: an empty or unsendable token is refused when the fake is made.
 */
import { describe, expect, it } from "vitest";
import { createFakeIssues, type InjectedError, startFakeIssuesServer } from "../../src/testing/index.ts";
import { ORG, orderSync } from "../support/fixtures.ts";

const ISSUES = `https://fake-issues.invalid/o/${ORG}/issues`;

describe("the token", () => {
  it.each([
    ["empty", ""],
    ["holding a space", "two words"],
    ["holding a line break", "secret\n"],
    ["holding a character outside ASCII", "sécret"],
    ["holding a control character", "sec\x7fret"],
  ])("is refused when %s, without quoting it", (_, token) => {
    const call = () => createFakeIssues({ token });
    expect(call).toThrow(TypeError);
    expect(call).toThrow(/token must be a non-empty string of visible ASCII/);
    if (token !== "") expect(call).not.toThrow(token);
  });

  it.each([5, null, ["t0k"]])("is refused when it is not a string (%j)", (token) => {
    expect(() => createFakeIssues({ token: token as unknown as string })).toThrow(
      /^fake Issues API: token must be/,
    );
  });

  it("is refused by the HTTP server too, before it listens", async () => {
    await expect(startFakeIssuesServer({ token: "" })).rejects.toThrow(/token must be a non-empty string/);
  });

  it.each([
    ["a prefix of the token", "t0k"],
    ["the token and more", "t0ken!"],
    ["another token of the same length", "t0keN"],
    ["an empty cookie", ""],
  ])("a cookie holding %s is refused with 401", async (_, cookie) => {
    const fake = createFakeIssues({ token: "t0ken" });
    const response = await fake.fetch(ISSUES, { headers: { cookie: `cookie=${cookie}` } });
    expect(response.status).toBe(401);
    const right = await fake.fetch(ISSUES, { headers: { cookie: "cookie=t0ken" } });
    expect(right.status).toBe(200);
  });
});

describe("a call's arguments", () => {
  it.each([
    [
      "createFakeIssues(null)",
      () => createFakeIssues(null as never),
      /createFakeIssues's options must be an object, not null/,
    ],
    [
      "createFakeIssues(5)",
      () => createFakeIssues(5 as never),
      /createFakeIssues's options must be an object, not 5/,
    ],
    ["now that is no function", () => createFakeIssues({ now: "today" as never }), /now must be a function/],
    ["seed(null)", () => createFakeIssues().seed(null as never), /seed needs an array of issues, not null/],
    [
      "seed with null second",
      () => createFakeIssues().seed([{ ...orderSync, organisationId: ORG }, null as never]),
      /seed: issue 1 must be an object, not null/,
    ],
    [
      "seed([[]])",
      () => createFakeIssues().seed([[] as never]),
      /seed: issue 0 must be an object, not an array/,
    ],
    [
      "failNext(1, null)",
      () => createFakeIssues().failNext(1, null as never),
      /failNext's response must be an object/,
    ],
    [
      "failNext with a null target",
      () => createFakeIssues().failNext(1, { status: 503 }, null as never),
      /failNext's target must be an object/,
    ],
    [
      "failNext with a target operation that is no string",
      () => createFakeIssues().failNext(1, { status: 503 }, { operation: 5 as never }),
      /failNext's target operation must be a string/,
    ],
  ])("%s is a TypeError naming the argument", (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
    expect(call).not.toThrow(/Cannot read properties/);
  });

  it("a bad seed stores none of the batch", () => {
    const fake = createFakeIssues();
    expect(() => fake.seed([{ ...orderSync, organisationId: ORG }, null as never])).toThrow(TypeError);
    expect(fake.issues()).toEqual([]);
  });

  it('says that maxPageSize "5" is a string, when made and when changed', () => {
    expect(() => createFakeIssues({ maxPageSize: "5" as never })).toThrow(
      'maxPageSize must be an integer ≥ 1, not the string "5"',
    );
    const fake = createFakeIssues();
    expect(() => {
      fake.maxPageSize = "5" as never;
    }).toThrow('not the string "5"');
  });

  it.each<[string, InjectedError, RegExp]>([
    [
      "retryAfter NaN",
      { status: 503, retryAfter: Number.NaN },
      /retryAfter must be a whole number of seconds ≥ 0 .*not NaN/,
    ],
    ["retryAfter -1", { status: 503, retryAfter: -1 }, /retryAfter must be a whole number of seconds/],
    ["retryAfter 1.5", { status: 503, retryAfter: 1.5 }, /retryAfter must be a whole number of seconds/],
    [
      "code 5",
      { status: 503, code: 5 as never },
      /failNext's response breaks the spec's Error body: code must be string/,
    ],
    ["message 5", { status: 503, message: 5 as never }, /Error body: message must be string/],
    ['status "503"', { status: "503" as never }, /not the string "503"/],
    [
      "headers that are a string",
      { status: 503, headers: "x" as never },
      /failNext's headers must be an object/,
    ],
  ])("failNext refuses %s at the call, and sends nothing for it", async (_, response, message) => {
    const fake = createFakeIssues();
    expect(() => fake.failNext(1, response)).toThrow(message);
    const answer = await fake.fetch(ISSUES, { headers: { authorization: `Bearer ${fake.token}` } });
    expect([answer.status, answer.headers.get("retry-after")]).toEqual([200, null]);
  });

  it("failNext still takes a malformed Retry-After given as a string, for testing a client", async () => {
    const fake = createFakeIssues();
    fake.failNext(1, { status: 503, retryAfter: "soon 5" });
    const answer = await fake.fetch(ISSUES);
    expect([answer.status, answer.headers.get("retry-after")]).toEqual([503, "soon 5"]);
  });

  it.each([
    ["0", 0],
    ["a fraction", 1.5],
    ["a string", "1024"],
  ])("refuses maxBodyBytes that is %s", (_, maxBodyBytes) => {
    expect(() => createFakeIssues({ maxBodyBytes: maxBodyBytes as never })).toThrow(
      /maxBodyBytes must be an integer ≥ 1/,
    );
  });
});
