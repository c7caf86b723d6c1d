/**
 * The openapi-fetch form, for those who bring their own client: `createClient<paths>()` with
 * the package's `paths` type, then the call. Its call is also how the client form calls an
 * operation that has no method of its own, through `issues.raw`.
 */
import { literal } from "./literal.ts";
import { printLine } from "./print.ts";
import type { SampleRequest } from "./sample-request.ts";

export function openapiFetchSample(request: SampleRequest): string {
  return [
    `import createClient from "openapi-fetch";`,
    `import type { paths } from "versori-issues-api/types";`,
    "",
    `const client = createClient<paths>({`,
    `  baseUrl: ${JSON.stringify(request.server)},`,
    // The sample's own template literal: the token is read when the sample runs.
    `  headers: { Authorization: \`Bearer \${process.env.VERSORI_API_KEY}\` },`,
    `});`,
    "",
    ...openapiFetchCall("client", request),
  ].join("\n");
}

/** The call through the openapi-fetch client named `client`, the error check, and the print. */
export function openapiFetchCall(client: string, request: SampleRequest): string[] {
  const params: string[] = [];
  if (Object.keys(request.pathValues).length > 0) params.push(`path: ${literal(request.pathValues)}`);
  if (Object.keys(request.query).length > 0) params.push(`query: ${literal(request.query)}`);
  const init: string[] = [];
  if (params.length > 0) init.push(`params: { ${params.join(", ")} }`);
  if (request.body) init.push(`body: ${literal(request.body.value)}`);

  const args = [JSON.stringify(request.path), ...(init.length > 0 ? [`{ ${init.join(", ")} }`] : [])];
  const names = request.result.kind === "none" ? "error, response" : "data, error";
  const failure = request.errorsHaveMessage ? `\${error.message}` : `\${JSON.stringify(error)}`;
  return [
    `const { ${names} } = await ${client}.${request.method}(${args.join(", ")});`,
    `if (error) throw new Error(\`${request.operationId} failed: ${failure}\`);`,
    printLine(request.result, "data"),
  ];
}
