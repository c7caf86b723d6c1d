// A CommonJS consumer: Node 20.19 and later can require() the package's ES modules.
import api = require("versori-issues-api");

const issues = api.createIssuesClient({ token: "t", organisationId: "01KJPWD6M0MD8SP6RARAKC9170" });
console.log(
  JSON.stringify({
    createIssuesClient: typeof api.createIssuesClient,
    IssuesApiError: typeof api.IssuesApiError,
    listAll: typeof issues.listAll,
  }),
);
