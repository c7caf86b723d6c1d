/**
 * What `npm run workflows -- --live` needs from the environment, checked before anything is
 * sent: each missing or malformed variable is named, and the key is never printed.
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
  const server = env.VERSORI_API_URL?.trim() || STAGING_URL;
  let url: URL | undefined;
  try {
    url = new URL(server);
  } catch {
    problems.push(`VERSORI_API_URL must be a URL, not ${JSON.stringify(server)}`);
  }
  if (url && url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    problems.push(
      `VERSORI_API_URL must be an https URL (http only on this machine), not ${JSON.stringify(server)}`,
    );
  }
  if (problems.length > 0) throw new PipelineError(problems);
  return { server: server.replace(/\/+$/, ""), token, organisationId, environmentId };
}
