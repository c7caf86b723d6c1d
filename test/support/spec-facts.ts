/**
 * What tests may know of the spec without repeating it: the release it was last published as,
 * versions relative to that one, its enums and its schemas' fields, each read from the files the
 * pipeline writes (generated/openapi.dereferenced.json, openapi/releases/). A test that names
 * these by hand fails after every ordinary spec edit; one that reads them here follows the edit.
 *
 * The API decisions that must not change by accident are in test/spec/facts.test.ts instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import type { Node } from "../spec/load-spec.ts";
import { REPO_ROOT } from "./temp-repo.ts";

/** The folder of release snapshots, as tools/release/versions.ts names it. */
export const RELEASES_DIR = "openapi/releases";

/** The spec as the pipeline last generated it, every `$ref` resolved. */
export const dereferencedSpec: Node = JSON.parse(
  readFileSync(join(REPO_ROOT, "generated/openapi.dereferenced.json"), "utf8"),
);

/** The newest release snapshot in `root`'s openapi/releases/: its version and its file. */
export function latestRelease(root = REPO_ROOT): { version: string; file: string } {
  const versions = readdirSync(join(root, RELEASES_DIR))
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter((version) => semver.valid(version) === version)
    .sort(semver.compare);
  const version = versions.at(-1);
  if (!version) throw new Error(`${RELEASES_DIR}/ holds no release snapshot`);
  return { version, file: `${RELEASES_DIR}/${version}.json` };
}

/** The version the repository was last released as. */
export const RELEASED = latestRelease().version;

/**
 * A version relative to the last release: `same` is that release's, the others the next version
 * of that kind (after 2.0.0: patch 2.0.1, minor 2.1.0, major 3.0.0).
 */
export type Bump = "same" | "patch" | "minor" | "major";
export const versionAfter = (bump: Bump, from = RELEASED): string =>
  bump === "same" ? from : semver.inc(from, bump)!;

/** A version lower than the last release (1.9.0 below 2.0.0; 0.9.0 below 1.x). */
export function versionBelow(from = RELEASED): string {
  const { major, minor, patch } = semver.parse(from)!;
  if (patch > 0) return `${major}.${minor}.${patch - 1}`;
  if (minor > 0) return `${major}.${minor - 1}.9`;
  if (major > 0) return `${major - 1}.9.0`;
  throw new Error(`no version is lower than ${from}`);
}

/** `text` as a regular expression that matches it literally, such as a version's dots. */
export const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A component schema of the generated spec. */
export function schema(name: string): Node {
  const found = dereferencedSpec.components?.schemas?.[name];
  if (!found) throw new Error(`the spec has no schema ${name}`);
  return found;
}

/** The values of an enum schema, in the spec's order. */
export function enumValues(name: string): string[] {
  const values = schema(name).enum;
  if (!Array.isArray(values)) throw new Error(`the spec's schema ${name} is not an enum`);
  return values;
}

/** The property names of an object schema, in the spec's order. */
export const fieldsOf = (name: string): string[] => Object.keys(schema(name).properties ?? {});

/** The required property names of an object schema. */
export const requiredOf = (name: string): string[] => schema(name).required ?? [];

/** A property name that schema `name` does not declare: the field a strictness test sends. */
export function undeclaredField(name: string): string {
  const fields = new Set(fieldsOf(name));
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? "notAField" : `notAField${n}`;
    if (!fields.has(candidate)) return candidate;
  }
}

/** A value that enum `name` does not hold: what a test sends to be refused. */
export function valueOutside(name: string): string {
  const values = new Set(enumValues(name));
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? "not-a-value" : `not-a-value-${n}`;
    if (!values.has(candidate)) return candidate;
  }
}
