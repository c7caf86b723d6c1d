// A consumer on `moduleResolution: node10`, as older CommonJS projects are. That resolution
// ignores `exports`, so the package's `types` and `typesVersions` must lead it to each entry.
import { createIssuesClient, type Issue, IssuesApiError } from "versori-issues-api";
import { startFakeIssuesServer } from "versori-issues-api/testing";
import type { CreateIssue, IssueStatus } from "versori-issues-api/types";

export async function acknowledgeAll(): Promise<IssueStatus[]> {
  const server = await startFakeIssuesServer();
  const issues = createIssuesClient({
    baseUrl: server.url,
    token: server.token,
    organisationId: "01KJPWD6M0MD8SP6RARAKC9170",
  });
  const fields: Omit<CreateIssue, "organisationId"> = {
    environmentId: "01KJSESXM0033A0801TK9E6SS5",
    reason: "error",
    title: "Order sync failed",
    severity: "high",
  };
  const created: Issue = await issues.create(fields);
  try {
    const acked = await issues.acknowledge(created.id);
    return [created.status, acked.status];
  } catch (error) {
    if (error instanceof IssuesApiError) return [];
    throw error;
  } finally {
    await server.close();
  }
}
