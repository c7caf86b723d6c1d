/**
 * What `npm run workflows -- --live` needs from the environment, checked before anything is
 * sent: each missing or malformed variable is named, and no value is repeated, so a key is never
 * printed, not even one set in the wrong variable.
 */
import { PipelineError } from "../lib/command.ts";

export const STAGING_URL = "https://platform-staging.versori.com/api/v2";
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface LiveSettings {
  server: string;
  token: string;
  organisationId: string;
  environmentId: string;
}

export function liveSettings(env: NodeJS.ProcessEnv): LiveSettings {
  const problems: string[] = [];
  const read = (name: string, rule: string, valid: (value: string) => boolean): string => {
    const value = env[name]?.trim() ?? "";
    if (value === "") problems.push(`${name} is not set: ${rule}`);
    else if (!valid(value)) problems.push(`${name} must be ${rule}`);
    return value;
  };
  const token = read("VERSORI_API_KEY", "a Versori API key of the organisation", (value) =>
    /^[\x21-\x7e]+$/.test(value),
  );
  const organisationId = read("VERSORI_ORGANISATION_ID", "the ULID of the organisation", (value) =>
    ULID.test(value),
  );
  const environmentId = read(
    "VERSORI_ENVIRONMENT_ID",
    "the ULID of an environment of that organisation, for the issues the workflows create",
    (value) => ULID.test(value),
  );
  // What is wrong with the URL is said without repeating it: a key pasted there by mistake
  // would be printed, and published with the report.
  const server = env.VERSORI_API_URL?.trim() || STAGING_URL;
  let url: URL | undefined;
  try {
    url = new URL(server);
  } catch {
    problems.push(
      `VERSORI_API_URL must be a URL such as ${STAGING_URL}; what it holds does not parse as one`,
    );
  }
  if (url && url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    problems.push(
      url.protocol === "http:"
        ? "VERSORI_API_URL must be an https URL (http only on this machine: 127.0.0.1, localhost or [::1]); it is http to another host"
        : "VERSORI_API_URL must be an https URL (http only on this machine: 127.0.0.1, localhost or [::1]); it has another scheme",
    );
  }
  // The URL goes on respect's command line, which every local user can read: it must not be
  // able to carry a credential.
  if (url && (url.username || url.password || url.search || url.hash)) {
    problems.push(
      "VERSORI_API_URL must be the API's base URL alone; it holds a user name, password, query or fragment, which would be visible to every local user",
    );
  }
  if (problems.length > 0) throw new PipelineError(problems);
  return { server: server.replace(/\/+$/, ""), token, organisationId, environmentId };
}
