/**
 * The client end to end, against the fake Issues server: `npm run example`.
 * Create, list, acknowledge, resolve, then walk every page with listAll.
 */
import { createIssuesClient, IssuesApiError } from "versori-issues-api";
import { startFakeIssuesServer } from "versori-issues-api/testing";

const organisationId = "01KJPWD6M0MD8SP6RARAKC9170";
const environmentId = "01KJSESXM0033A0801TK9E6SS5";

// A real HTTP server on 127.0.0.1 that behaves like the Issues API. Against Versori, leave out
// baseUrl and pass your API key as the token.
const server = await startFakeIssuesServer({ maxPageSize: 2 });
const issues = createIssuesClient({ baseUrl: server.url, token: server.token, organisationId });

try {
  const created = await issues.create({
    environmentId,
    reason: "error",
    title: "Order sync failed",
    severity: "high",
    labels: { connection: "acme-orders" },
  });
  console.log(`created   ${created.id} "${created.title}" (${created.status})`);

  for (const title of ["Invoice export slow", "Webhook secret expires soon"]) {
    await issues.create({ environmentId, reason: "manual", title, severity: "low" });
  }

  const open = await issues.list({ status: "open", severity: "high" });
  console.log(`listed    ${open.length} open high-severity issue(s)`);

  const acked = await issues.acknowledge(created.id);
  console.log(`acked     ${acked.id} (${acked.status})`);

  const resolved = await issues.resolve(created.id, "resolved");
  console.log(`resolved  ${resolved.id} (${resolved.status}, ${resolved.resolutionStatus})`);

  // The server returns at most 2 issues a page here; listAll keeps going until an empty page.
  let count = 0;
  for await (const issue of issues.listAll({ first: 10 })) {
    console.log(`listAll   ${issue.id} ${issue.status.padEnd(8)} ${issue.title}`);
    count++;
  }
  console.log(`listAll   ${count} issues in all`);

  try {
    await issues.update("01M875QQ4RP11WECH4S18ARRGR", { status: "acked" });
  } catch (error) {
    if (!(error instanceof IssuesApiError)) throw error;
    console.log(`error     ${error.message}`);
  }
} finally {
  await server.close();
}
