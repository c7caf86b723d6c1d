/**
 * Why each of Redocly's breaking verdicts breaks a consumer of the generated types, said in the
 * direction that matters: what a reader of a response may now receive, what a caller may or must
 * now send. A verdict that can be about either side has both.
 */
const WHY: Record<string, string | { request: string; response: string }> = {
  "property-removed": {
    response:
      "Responses no longer include it: code that reads it no longer compiles, and old clients miss it.",
    request:
      "Callers can no longer send it: requests that do may be refused, and code that sets it no longer compiles.",
  },
  "required-properties-removed": {
    response:
      "Responses may now leave it out: the generated type makes it optional, so code that uses it directly no longer compiles.",
    request: "Callers may now leave it out.",
  },
  "required-properties-added":
    "Callers must now send it: requests without it are refused, and code that builds them no longer compiles.",
  "enum-values-removed":
    "Callers can no longer send it: requests that do are refused, and code that names it no longer compiles.",
  "enum-values-added":
    "Responses may now hold a value old code does not know: a switch over every value no longer compiles.",
  "schema-type-changed": "The generated type changes under code on both sides.",
  "schema-constraint-changed": "Requests that were valid may be refused.",
  "schema-combinator-changed": "The generated type changes shape under code on both sides.",
  "operation-removed": "Calls to it fail, and code that makes them no longer compiles.",
  "operation-id-changed": "The `operations` type loses the old name, and links to Versori's docs break.",
  "parameter-removed":
    "Callers can no longer send it: requests that do may be refused, and code that sets it no longer compiles.",
  "parameter-became-required":
    "Callers must now send it: requests without it are refused, and code that leaves it out no longer compiles.",
  "parameter-serialization-changed": "Requests serialised the old way are misread.",
  "request-body-became-required": "Callers must now send a body: requests without one are refused.",
  "request-body-removed": "Requests with a body may be refused, and code that sends one no longer compiles.",
  "media-type-removed": "Requests or responses in that format stop working.",
  "response-header-removed": "Responses no longer include the header: code that reads it gets nothing.",
  "security-requirement-changed": "Credentials that worked may be refused.",
  "security-scheme-changed": "Credentials that worked may be refused.",
};

/** Why a verdict breaks consumers, for the side of the API the change is on. */
export function whyOf(ruleId: string, inResponse: boolean): string {
  const why = WHY[ruleId];
  if (why === undefined || typeof why === "string") return why ?? "";
  return inResponse ? why.response : why.request;
}
