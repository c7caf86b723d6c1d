// A types-only consumer: its own openapi-fetch client, typed by the package's `paths`.
import createClient from "openapi-fetch";
import type { Issue, paths } from "versori-issues-api/types";

const client = createClient<paths>({ baseUrl: "https://platform.versori.com/api/v2" });

export async function openIssues(organisation_id: string): Promise<Issue[]> {
  const { data, error } = await client.GET("/o/{organisation_id}/issues", {
    params: { path: { organisation_id }, query: { status: "open", severity: "high" } },
  });
  if (error) throw new Error(`${error.code}: ${error.message}`);
  return data;
}
