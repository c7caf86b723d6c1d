/**
 * What `versori-issues-mcp` reads from its environment, checked before it serves: each missing
 * or malformed variable is one line, and no value is repeated, so a key is never printed, not
 * even one set in the wrong variable. The rules are the client's own (settings.ts): each
 * variable is checked alone, with placeholders the client accepts for the others.
 */
import type { IssuesClientOptions } from "../options.js";
import { checkUlid, clientSettings } from "../settings.js";

/** The client's defaults, for --help: the production base URL among them. */
export const DEFAULT_URL = clientSettings({ token: "-", organisationId: "-" }).baseUrl;

/** Whether the client's own checks accept these options; a TypeError is a refusal. */
function accepted(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

const NOT_REPEATED = "(its value is not repeated here)";

/** The client's options from the environment, or one line per variable that is wrong. */
export function environmentSettings(
  env: NodeJS.ProcessEnv,
): { options: IssuesClientOptions } | { problems: string[] } {
  const problems: string[] = [];
  const read = (name: string, rule: string, valid: (value: string) => boolean): string => {
    const value = env[name]?.trim() ?? "";
    if (value === "") problems.push(`${name} is not set: ${rule}`);
    else if (!valid(value)) problems.push(`${name} must be ${rule} ${NOT_REPEATED}`);
    return value;
  };
  const token = read("VERSORI_API_KEY", "a Versori API key of the organisation, printable ASCII", (value) =>
    accepted(() => clientSettings({ token: value, organisationId: "-" })),
  );
  const organisationId = read(
    "VERSORI_ORGANISATION_ID",
    "the ULID of the organisation, 26 characters such as 01KJPWD6M0MD8SP6RARAKC9170",
    (value) => accepted(() => checkUlid("organisationId", value)),
  );
  const url = env.VERSORI_API_URL?.trim() ?? "";
  if (url !== "" && !accepted(() => clientSettings({ token: "-", organisationId: "-", baseUrl: url }))) {
    problems.push(
      `VERSORI_API_URL must be the API's base URL, such as ${DEFAULT_URL}: https (plain http only to this machine: localhost, 127.x.x.x, [::1]), with no user, password, query or fragment ${NOT_REPEATED}`,
    );
  }
  if (problems.length > 0) return { problems };
  return { options: { token, organisationId, ...(url === "" ? {} : { baseUrl: url }) } };
}
