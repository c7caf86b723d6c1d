/**
 * "Install and use", the introduction's first section: `npm install` with the package's name
 * from package.json, and a client made with the spec's own organisation ID. The test type-checks
 * its TypeScript against the package's sources, so it cannot drift from the client.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BundledSpec } from "../bundled-spec.ts";
import { parameterExample } from "./parameter-example.ts";

export const INSTALL_HEADING = "Install and use";

/** The section's Markdown, for the package in `root`. */
export async function installSection(spec: BundledSpec, root: string): Promise<string> {
  const { name } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { name: string };
  const organisationId = parameterExample(spec, "organisation_id");
  return `## ${INSTALL_HEADING}

\`\`\`sh
npm install ${name}
\`\`\`

\`\`\`ts
import { createIssuesClient } from "${name}";

const issues = createIssuesClient({
  token: process.env.VERSORI_API_KEY!,
  organisationId: ${JSON.stringify(organisationId)},
});
for (const issue of await issues.list({ status: "open" })) console.log(issue.title);
\`\`\`

The client retries, pages and throws the errors below. To bring your own client, give
openapi-fetch's \`createClient<paths>()\` the \`paths\` type from \`${name}/types\`.
`;
}
