/**
 * The spec's paths as routes: a request's method and path to its operation and path parameters,
 * or the 404 or 405 the API would give.
 */
import { HTTP_METHODS, type OpenApiDocument } from "./document.js";
import { compileOperation, type Operation } from "./operation.js";

export type Match =
  { operation: Operation; params: Record<string, string> } | { status: 404 } | { status: 405; allow: string };

export interface Router {
  match(method: string, pathname: string): Match;
  /** Every operation, in the spec's order. */
  readonly operations: readonly Operation[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // Malformed escapes are left for the parameter's schema to reject.
  }
};

export function compileRoutes(paths: OpenApiDocument["paths"]): Router {
  const routes = Object.entries(paths).map(([template, item]) => {
    const pattern = template
      .split(/\{\w+\}/)
      .map(escapeRegExp)
      .join("([^/]+)");
    return {
      pattern: new RegExp(`^${pattern}$`),
      names: [...template.matchAll(/\{(\w+)\}/g)].map((found) => found[1] as string),
      operations: new Map(
        HTTP_METHODS.filter((method) => item[method]).map((method) => [
          method.toUpperCase(),
          compileOperation(item, method, template),
        ]),
      ),
    };
  });

  return {
    match(method, pathname) {
      for (const route of routes) {
        const found = route.pattern.exec(pathname);
        if (!found) continue;
        const operation = route.operations.get(method);
        if (!operation) return { status: 405, allow: [...route.operations.keys()].join(", ") };
        const params = Object.fromEntries(route.names.map((name, i) => [name, decode(found[i + 1] ?? "")]));
        return { operation, params };
      }
      return { status: 404 };
    },
    operations: routes.flatMap((route) => [...route.operations.values()]),
  };
}
