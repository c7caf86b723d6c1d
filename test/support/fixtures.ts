/**
 * The IDs and the issue that tests share: real ULIDs, as the API takes them, and one issue as a
 * client creates it. Tests that need more (a second organisation, a second project) say so in
 * their own constants.
 */
import type { NewIssue } from "../../src/index.ts";

/** The organisation the tests act on. */
export const ORG = "01KJPWD6M0MD8SP6RARAKC9170";
/** An environment of that organisation. */
export const ENV = "01KJSESXM0033A0801TK9E6SS5";
/** A project of that organisation. */
export const PROJECT = "01KJPWD6M0KZ5EA76CZ38ZJVJP";
/** An issue ID that no test creates: the one a 404 is about. */
export const UNKNOWN_ISSUE = "01M875QQ4RP11WECH4S18ARRGR";

/** The body of `issues.create()` that most tests send. */
export const orderSync: NewIssue = {
  environmentId: ENV,
  reason: "error",
  title: "Order sync failed",
  severity: "high",
};
