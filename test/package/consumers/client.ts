// A consumer of the client and the fake server, type-checked and run from the packed tarball.
import { createIssuesClient, type Issue, IssuesApiError } from "versori-issues-api";
import { startFakeIssuesServer } from "versori-issues-api/testing";

const server = await startFakeIssuesServer();
const issues = createIssuesClient({
  baseUrl: server.url,
  token: server.token,
  organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
});

const created: Issue = await issues.create({
  environmentId: "01KJSESXM0033A0801TK9E6SS5",
  reason: "error",
  title: "Order sync failed",
  severity: "high",
});
const page: Issue[] = await issues.list({ status: "open" });
const acked = await issues.acknowledge(created.id);
const missing = await issues
  .update("01M875QQ4RP11WECH4S18ARRGR", { status: "acked" })
  .catch((error: unknown) => error);
await server.close();

console.log(
  JSON.stringify({
    created: created.status,
    listed: page.length,
    acked: acked.status,
    missing: missing instanceof IssuesApiError ? missing.status : null,
  }),
);
