/**
 * serveDocs, the server of a docs folder behind the browser tests (and, through serveFiles,
 * `npm run dev`), over HTTP with raw request paths: files by the last segment of the path, the
 * page for the page's own routes, and a 404 for anything else, including every way out of the
 * folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveDocs } from "../../tools/docs/serve.ts";

let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "versori-issues-serve-docs-"));
  const dir = join(root, "docs");
  await mkdir(join(dir, "folder"), { recursive: true });
  await writeFile(join(dir, "index.html"), "<html><body>the page</body></html>");
  await writeFile(join(dir, "openapi.json"), '{"the":"spec"}');
  await writeFile(join(dir, "openapi.yaml"), "the: spec\n");
  // Beside the folder: nothing may reach it.
  await writeFile(join(root, "secret.txt"), "secret");

  server = createServer(serveDocs(dir));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  if (root) await rm(root, { recursive: true, force: true });
});

/** GETs `path` as it is written, unlike fetch, which would tidy it first. */
function get(path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, type: response.headers["content-type"], body }),
      );
    })
      .on("error", reject)
      .end();
  });
}

it.each(["/", "/index.html", "/issues", "/issues/listissues", "/issues/listissues/", "/folder", "/?x=1"])(
  "serves the page at %s",
  async (path) => {
    await expect(get(path)).resolves.toEqual({
      status: 200,
      type: "text/html",
      body: "<html><body>the page</body></html>",
    });
  },
);

it.each([
  ["/openapi.json", "application/json", '{"the":"spec"}'],
  ["/issues/openapi.json", "application/json", '{"the":"spec"}'],
  ["/issues/listissues/openapi.yaml", "application/yaml", "the: spec\n"],
  ["/%6Fpenapi.json", "application/json", '{"the":"spec"}'],
])("serves the file the last segment of %s names", async (path, type, body) => {
  await expect(get(path)).resolves.toEqual({ status: 200, type, body });
});

it.each([
  "/secret.txt",
  "/../secret.txt",
  "/%2e%2e/secret.txt",
  "/..%2fsecret.txt",
  "/docs/..%2F..%2Fsecret.txt",
  "/folder%2F..",
  "/missing.js",
  "/issues/favicon.ico",
  "/%E0%A4%A",
])("answers %s with a 404", async (path) => {
  const { status, body } = await get(path);
  expect(status).toBe(404);
  expect(body).toBe("");
});
