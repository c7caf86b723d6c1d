// Must not compile: `assignee` is not a field of CreateIssue.
import { createIssuesClient } from "versori-issues-api";

const issues = createIssuesClient({ token: "t", organisationId: "01KJPWD6M0MD8SP6RARAKC9170" });
await issues.create({
  environmentId: "01KJSESXM0033A0801TK9E6SS5",
  reason: "error",
  title: "Order sync failed",
  severity: "high",
  assignee: "someone",
});
