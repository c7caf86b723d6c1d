/**
 * The curl form: one command for POSIX sh, one option a line. The token comes from
 * `$VERSORI_API_KEY`, never written in, and reaches curl as a header on its standard input
 * (`-H @-`, printed by the shell's own printf) rather than among its arguments, which any user
 * of the machine can read with `ps`. `--fail-with-body` makes an HTTP error exit non-zero with
 * the error's body printed, and `-sS` hides the progress meter but not errors.
 */
import { type SampleRequest, wireQuery } from "./sample-request.ts";

/** A JSON body longer than this goes over several lines, indented. */
const ONE_LINE_BODY = 72;
/** How far curl's options are indented, under the line that starts curl. */
const OPTION_INDENT = "    ";

/** What comes before curl: the key, as a header line on curl's standard input. */
const KEY_ON_STDIN = [
  "# The key reaches curl on its standard input, not in its arguments, which ps shows to others.",
  `printf 'Authorization: Bearer %s\\n' "$VERSORI_API_KEY" |`,
];

export function curlSample(request: SampleRequest): string {
  const method = request.method === "GET" ? [] : [`-X ${request.method}`];
  const lines = [`  ${["curl -sS --fail-with-body", ...method].join(" ")}`, quoted(urlOf(request)), "-H @-"];
  if (request.body) {
    lines.push(`-H "Content-Type: application/json"`, `--data ${quoted(bodyText(request.body.value))}`);
  }
  return `${[...KEY_ON_STDIN, lines.join(` \\\n${OPTION_INDENT}`)].join("\n")}\n`;
}

/** The server, the path with its values filled in, and the query. */
function urlOf(request: SampleRequest): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (_template, name: string) =>
    encodeURIComponent(request.pathValues[name] ?? ""),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(wireQuery(request.query))) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
  }
  const search = query.size === 0 ? "" : `?${query}`;
  return `${request.server.replace(/\/$/, "")}${path}${search}`;
}

function bodyText(value: unknown): string {
  const oneLine = JSON.stringify(value);
  if (oneLine.length <= ONE_LINE_BODY) return oneLine;
  // Indented under `--data`. JSON strings hold no raw line breaks, so only the layout moves.
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${OPTION_INDENT}`);
}

/** `text` as one word for POSIX sh: single quotes, each quote in it as `'\''`. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
