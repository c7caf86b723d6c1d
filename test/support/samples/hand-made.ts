/**
 * Samples written by hand in the shapes the docs generator writes, for the harness's own tests:
 * one of each form that passes, and the drifts the harness must catch.
 */
import type { CodeSample } from "../../../tools/docs/samples/code-sample.ts";

export const SERVER = "https://platform.versori.com/api/v2";
export const ORGANISATION_ID = "01KJPWD6M0MD8SP6RARAKC9170";
export const ISSUE_ID = "01M7YH1P1GBZ3K5XSB17ZQD65W";
/** An issue ID that no seeded issue has. */
export const OTHER_ISSUE_ID = "01M7YH1P1GBZ3K5XSB17ZQD65X";

const update = {
  operationId: "UpdateIssue",
  method: "PATCH",
  path: "/o/{organisation_id}/issues/{issue_id}",
  pathValues: { organisation_id: ORGANISATION_ID, issue_id: ISSUE_ID },
  server: SERVER,
  expectedStatus: 200,
  query: {},
  body: { status: "acked" },
} as const;

export const curlSample: CodeSample = {
  ...update,
  form: "curl",
  lang: "Shell",
  label: "curl",
  source: `curl -sS --fail-with-body -X PATCH \\
  '${SERVER}/o/${ORGANISATION_ID}/issues/${ISSUE_ID}' \\
  -H "Authorization: Bearer $VERSORI_API_KEY" \\
  -H "Content-Type: application/json" \\
  --data '{"status":"acked"}'
`,
};

export const clientSample: CodeSample = {
  ...update,
  form: "client",
  lang: "TypeScript",
  label: "TypeScript (versori-issues-api)",
  source: `import { createIssuesClient } from "versori-issues-api";

const issues = createIssuesClient({
  token: process.env.VERSORI_API_KEY!,
  organisationId: "${ORGANISATION_ID}",
});

const issue = await issues.acknowledge("${ISSUE_ID}");
console.log(issue.status);
`,
};

export const openapiFetchSample: CodeSample = {
  ...update,
  form: "openapi-fetch",
  lang: "TypeScript",
  label: "TypeScript (openapi-fetch)",
  source: `import createClient from "openapi-fetch";
import type { paths } from "versori-issues-api/types";

const client = createClient<paths>({
  baseUrl: "${SERVER}",
  headers: { Authorization: \`Bearer \${process.env.VERSORI_API_KEY}\` },
});

const { data, error } = await client.PATCH("/o/{organisation_id}/issues/{issue_id}", {
  params: { path: { organisation_id: "${ORGANISATION_ID}", issue_id: "${ISSUE_ID}" } },
  body: { status: "acked" },
});
if (error) throw new Error(\`\${error.code}: \${error.message}\`);
console.log(data.status);
`,
};

export const createSample: CodeSample = {
  operationId: "CreateIssue",
  method: "POST",
  path: "/o/{organisation_id}/issues",
  pathValues: { organisation_id: ORGANISATION_ID },
  server: SERVER,
  expectedStatus: 201,
  query: {},
  // As the operation receives it: the client adds the organisationId the source leaves out.
  body: {
    organisationId: ORGANISATION_ID,
    environmentId: "01KJSESXM0033A0801TK9E6SS5",
    reason: "error",
    title: "Order sync failed",
    severity: "high",
  },
  form: "client",
  lang: "TypeScript",
  label: "TypeScript (versori-issues-api)",
  source: `import { createIssuesClient } from "versori-issues-api";

const issues = createIssuesClient({
  token: process.env.VERSORI_API_KEY!,
  organisationId: "${ORGANISATION_ID}",
});

const issue = await issues.create({
  environmentId: "01KJSESXM0033A0801TK9E6SS5",
  reason: "error",
  title: "Order sync failed",
  severity: "high",
});
console.log(issue.id);
`,
};

/** A list in curl, with a query of two parameters, written in another order than `query` lists them. */
export const listCurlSample: CodeSample = {
  operationId: "ListIssues",
  method: "GET",
  path: "/o/{organisation_id}/issues",
  pathValues: { organisation_id: ORGANISATION_ID },
  server: SERVER,
  expectedStatus: 200,
  query: { search_date: "lastSeenAt", first: "50" },
  form: "curl",
  lang: "Shell",
  label: "curl",
  source: `curl -sS --fail-with-body \\
  '${SERVER}/o/${ORGANISATION_ID}/issues?first=50&search_date=lastSeenAt' \\
  -H "Authorization: Bearer $VERSORI_API_KEY"
`,
};

/** `sample` with every occurrence of `from` in its source replaced by `to`. */
export function edited(sample: CodeSample, from: string, to: string): CodeSample {
  if (!sample.source.includes(from)) throw new Error(`${sample.operationId} · ${sample.form} has no ${from}`);
  return { ...sample, source: sample.source.replaceAll(from, to) };
}
