/**
 * The ordinary edits an API team makes to openapi/issues.yaml, as text replacements on a temp
 * copy: the four of issue 23 (a field, an enum value, a renamed parameter, an operation) and a
 * fixed description. Each fails, naming what it looked for, when the spec no longer has it.
 */
import type { TempRepo } from "../support/temp-repo.ts";

const SPEC = "openapi/issues.yaml";

const SEEN_COUNT =
  "        seenCount:\n          type: integer\n" +
  "          description: How many times the issue has been seen, counting the first time.\n";

const ISSUE_PATH =
  "  /o/{organisation_id}/issues/{issue_id}:\n    parameters:\n" +
  '      - $ref: "#/components/parameters/OrganisationId"\n' +
  '      - $ref: "#/components/parameters/IssueId"\n';

const GET_ISSUE = `    get:
      operationId: GetIssue
      tags: [issues]
      summary: Get an issue
      description: Returns one issue of the organisation, by its ID.
      responses:
        "200":
          description: The issue.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Issue"
              examples:
                found:
                  summary: An open issue
                  value:
                    id: 01M7YH1P1GBZ3K5XSB17ZQD65W
                    organisationId: 01KJPWD6M0MD8SP6RARAKC9170
                    projectId: 01KJPWD6M0KZ5EA76CZ38ZJVJP
                    environmentId: 01KJSESXM0033A0801TK9E6SS5
                    status: open
                    reason: manual
                    message: Customer reports invoices arriving twice since the last deploy.
                    title: Duplicate invoices in Xero
                    labels:
                      team: finance
                    annotations: {}
                    createdAt: "2026-11-21T07:45:02Z"
                    lastSeenAt: "2026-11-21T07:45:02Z"
                    seenCount: 1
                    severity: medium
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "500":
          $ref: "#/components/responses/InternalServerError"
        default:
          $ref: "#/components/responses/UnexpectedError"
`;

/** The enum value edit in its two steps: the value, then the texts that name every value. */
export const ENUM_VALUE_STEPS = {
  value: (repo: TempRepo) =>
    repo.edit(
      SPEC,
      "      enum: [critical, high, low, medium]",
      "      enum: [critical, high, low, medium, info]",
    ),
  async prose(repo: TempRepo) {
    await repo.edit(
      SPEC,
      "must be one of critical, high, low, medium",
      "must be one of critical, high, low, medium, info",
    );
    await repo.edit(
      SPEC,
      "How serious the issue is, from `critical` down to `low`.",
      "How serious the issue is, from `critical` down to `low`, or `info` for a notice.",
    );
  },
};

export const EDITS = {
  /** An optional `Issue.assignee`: a minor release. */
  field: (repo: TempRepo) =>
    repo.edit(
      SPEC,
      SEEN_COUNT,
      `${SEEN_COUNT}        assignee:\n          type: string\n          description: Who is looking after the issue. Absent when no one is.\n`,
    ),
  /**
   * `info` added to the severities, which responses hold, and to the two texts that list them
   * all (the lint refuses them stale): a major release.
   */
  async enumValue(repo: TempRepo) {
    await ENUM_VALUE_STEPS.value(repo);
    await ENUM_VALUE_STEPS.prose(repo);
  },
  /** ListIssues' `first` renamed to `limit`, and its component `First` to `Limit`: a major release. */
  async renameParameter(repo: TempRepo) {
    await repo.edit(
      SPEC,
      '        - $ref: "#/components/parameters/First"',
      '        - $ref: "#/components/parameters/Limit"',
    );
    await repo.edit(SPEC, "    First:\n      name: first\n", "    Limit:\n      name: limit\n");
  },
  /** `GET /o/{organisation_id}/issues/{issue_id}`, GetIssue: a minor release. */
  operation: (repo: TempRepo) => repo.edit(SPEC, ISSUE_PATH, ISSUE_PATH + GET_ISSUE),
  /** ListIssues' description reworded: a patch. */
  description: (repo: TempRepo) =>
    repo.edit(
      SPEC,
      "Returns one page of the organisation's issues that match every filter given",
      "Returns one page of the issues of the organisation that match every filter given",
    ),
};

/** The newest entry of a CHANGELOG.md: from its first `## ` heading to the next. */
export function newestEntry(changelog: string): string {
  const [, entry = ""] = changelog.split(/^(?=## )/m);
  return entry.trimEnd();
}
