/**
 * The one seam between the client and openapi-fetch: `raw`, the openapi-fetch client whose
 * `fetch` is the transport, and `send`, how a method makes its call through it.
 *
 * A method's own settings (timeout, retry, signal) reach the transport on the Request they belong
 * to: openapi-fetch copies an option it does not know onto the Request it builds (its "custom
 * properties", since 0.9.6), so the call rides on it. Middleware may replace that Request; so once
 * `raw.use()` has added some, each call also has middleware of its own, which openapi-fetch runs
 * after the rest, to put the call on the Request the transport will be given.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/issues.js";
import { type CallInfo, IssuesError } from "../errors/issues-error.js";
import type { CallOptions } from "../options.js";
import { type CallSettings, callSettings, type Settings } from "../settings.js";
import { createTransport } from "./transport.js";

/**
 * The option, and so the property of the Request, that carries a method's call: behind a
 * function, which inspecting or serialising the Request leaves out.
 */
const CALL = "versoriIssuesCall";

/** One method's call: its settings, and what became of it. */
interface Call {
  settings: CallSettings;
  /**
   * Set once the transport has answered, or thrown one of the client's errors; before that, by
   * the first middleware, from the Request openapi-fetch built, with no attempts made yet.
   */
  made?: CallInfo;
  /** What the transport answered, and the body its last attempt read. */
  response?: Response;
  text?: string;
}

/** What openapi-fetch is given for a method's call. */
export interface SendInit {
  parseAs: "stream";
  /** The call's own headers, which openapi-fetch merges over the client's. */
  headers: Record<string, string>;
  middleware: Middleware[];
  [CALL]: () => Call;
}

/** A Request as openapi-fetch builds it for a method's call. */
type CallRequest = Request & { [CALL]?: () => Call };

/** What a method's call came to, for the method to judge. */
export interface Outcome {
  /** The response as it came out of the middleware: the transport's, or one middleware gave. */
  response: Response;
  /** An error status's body, as openapi-fetch read it: parsed when it was JSON, text otherwise. */
  error: unknown;
  /** A success's body. */
  text: string;
  /** The call as the transport made it; no attempts when onRequest middleware answered. */
  made: CallInfo;
}

export function createRawClient(settings: Settings) {
  const exchange = createTransport(settings);
  // What a call carries is in reach of middleware: the client's settings without the token.
  const defaults: CallSettings = { timeoutMs: settings.timeoutMs, retry: settings.retry };
  /** Whether `raw.use()` was ever called: only then can middleware replace or read a method's exchange. */
  let middleware = false;

  const openapi = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: settings.headers,
    // On every Request openapi-fetch builds, so that even a `fetch` that ignores its second
    // argument does not follow a redirect. The transport adds the token.
    redirect: "manual",
    // A raw call is made with the client's settings and its Request's signal.
    fetch: async (request: Request) => {
      const call = (request as CallRequest)[CALL]?.();
      try {
        const {
          response,
          text,
          call: made,
        } = await exchange(request, call?.settings ?? { ...defaults, signal: request.signal });
        // The attempt has read the body. Whoever else reads it (a raw call's caller, openapi-fetch
        // on an error status, middleware) gets the response rebuilt from that text, which costs
        // more than the rest of a call; a method's success with no middleware is read from the
        // text alone. A browser's opaque redirect has no status to rebuild: it is kept as it is.
        const rebuild = (!call || middleware || !response.ok) && response.type !== "opaqueredirect";
        // An empty body is none, as the Response constructor insists on a 204, 205 or 304.
        const answer = rebuild ? new Response(text || null, response) : response;
        if (call) {
          call.made = made;
          call.response = answer;
          call.text = text;
        }
        return answer;
      } catch (error) {
        // Middleware's onError may answer in its place: the call still made these attempts.
        if (call && error instanceof IssuesError) call.made = error;
        throw error;
      }
    },
  });

  const raw: Client<paths> = {
    ...openapi,
    use(...added) {
      // First of all middleware, it sees the Request openapi-fetch built: the call it stood for,
      // when onRequest middleware answers in the transport's place.
      if (!middleware)
        openapi.use({
          onRequest: ({ request }: { request: CallRequest }) => {
            const call = request[CALL]?.();
            if (call) {
              const path = request.url.slice(settings.baseUrl.length);
              call.made = { method: request.method, path, attempts: 0 };
            }
          },
        });
      middleware = true;
      openapi.use(...added);
    },
  };

  /**
   * Makes one method's call through openapi-fetch, middleware included. Rejects with what the
   * transport or middleware threw; resolves with the response whatever its status.
   */
  async function send(
    request: (init: SendInit) => Promise<{ error?: unknown; response: Response }>,
    options: CallOptions | undefined,
  ): Promise<Outcome> {
    const call: Call = { settings: callSettings(defaults, options) };
    const carried = () => call;
    // Last of the call's middleware: it puts the call on whatever Request the rest made.
    const carry: Middleware = {
      onRequest({ request }) {
        (request as CallRequest)[CALL] = carried;
      },
    };
    const { error, response } = await request({
      parseAs: "stream",
      headers: options?.headers ?? {},
      middleware: middleware ? [carry] : [],
      [CALL]: carried,
    });
    // Without middleware the transport always ran; with it, the first middleware saw the Request.
    const made = call.made!;
    const text = !response.ok ? "" : response === call.response ? call.text! : await response.text();
    return { response, error, text, made };
  }

  return { raw, send };
}
