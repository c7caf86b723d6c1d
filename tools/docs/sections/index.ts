/**
 * Sections the page's introduction gains from the project's other sources: "Install and use"
 * first (package.json), the error tables under "Errors" (the spec's error responses and the
 * client's retry policy), and "What changed" last (CHANGELOG.md).
 */
import { ROOT } from "../../lib/paths.ts";
import type { BundledSpec } from "../bundled-spec.ts";
import { changelogSection } from "./changelog-section.ts";
import { errorTables } from "./errors-section.ts";
import { installSection } from "./install-section.ts";
import { appendSection, appendToSection, insertBefore } from "./markdown-sections.ts";

/** The section that the install section comes before, and the one the error tables end. */
const FIRST_HEADING = "Authentication";
const ERRORS_HEADING = "Errors";

/** Adds the sections to the page's copy of the spec, in place; `root` holds package.json and CHANGELOG.md. */
export async function addSections(spec: BundledSpec, root: string = ROOT): Promise<void> {
  const info = Object(spec.info) as { description?: string };
  const [install, changelog] = await Promise.all([installSection(spec, root), changelogSection(spec, root)]);
  let description = info.description ?? "";
  description = insertBefore(description, FIRST_HEADING, install);
  description = appendToSection(description, ERRORS_HEADING, errorTables(spec));
  description = appendSection(description, changelog);
  spec.info = { ...info, description };
}
