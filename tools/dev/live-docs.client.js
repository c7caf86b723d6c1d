// @ts-nocheck -- runs in the browser; the project's types are Node's, not the DOM's.
/**
 * The docs page of `npm run dev`, in the browser: Redoc's public `init` renders the live bundled
 * spec (the page's copy of it, with Redoc's options for it, in page.json beside the page), and
 * each time the server says the spec changed (a Server-Sent Event on /events) the page renders
 * the new spec in place, without a reload.
 *
 * The new render is drawn beneath a still copy of the one the reader sees, and shown only once
 * it has laid out up to the reader's place; the window is held at that place (the section in
 * view, and how far into it) while Redoc settles, since Redoc scrolls a freshly mounted
 * reference to the section that the URL's hash names. The hash itself, the route, is kept.
 *
 * When a save fails, the server says why (a "problems" event, the report or null once a save
 * builds again): the page shows the problems in a panel over the last good render
 * (problems-panel.client.js), and takes it away once the next good render is shown.
 */
import { problemsPanel } from "./problems-panel.js";

/**
 * The options `redocly build-docs` renders with, so that both pages look alike; page.json adds
 * the ones made from the spec (tools/docs/redoc-options.ts: the code samples' languages).
 */
const OPTIONS = { skipBundle: true, disableTelemetry: true };
/** What Redoc marks each section of the reference with: where the reader's place is kept. */
const SECTION = "data-section-id";
/** What tells the page that the reader is scrolling: from then on, the place is theirs. */
const READER_INPUT = ["wheel", "touchstart", "keydown", "mousedown"];
/** How long a new render may take to lay out before it is shown anyway. */
const SETTLE_MS = 2000;
/** How many frames a place the save moved must keep still before it is shown. */
const STILL_FRAMES = 6;
/** How long the window is held after Redoc last tried to move it. */
const QUIET_MS = 500;

/** What the window's scroll events go through first while a new render is held (holdPlace). */
let scrollGate;

/** Renders the live spec into `slot`, and again in place on each change the server announces. */
export function showLiveDocs(init, slot, { pageUrl = "page.json", eventsUrl = "/events" } = {}) {
  // Before Redoc adds its own listeners, so that this one runs first (see holdPlace).
  addEventListener("scroll", (event) => scrollGate?.(event), { capture: true });
  let shown;
  let asked = 0;
  /** The refreshes under way, until none is left. */
  let running;
  /** Whether the server has announced a spec: the page shows one, or soon will. */
  let announced = false;
  let reports = 0;
  const problems = problemsPanel();
  /** How many of the server's announcements the render on screen covers, and a promise of the next. */
  let covered = 0;
  let nextShown;
  let markShown;
  const waitForShown = () => (nextShown ??= new Promise((resolve) => (markShown = resolve)));
  const shownNow = (covers) => {
    covered = covers;
    nextShown = undefined;
    markShown?.();
  };

  /** Renders page.json's `{ spec, options }`. */
  const render = (page) => {
    // Redoc reads a container's attributes as options: this one has none.
    const container = document.createElement("div");
    slot.append(container);
    return { container, root: init(page.spec, { ...OPTIONS, ...page.options }, container) };
  };

  /** Fetches and renders the spec, which covers the first `covers` announcements. */
  const update = async (covers) => {
    const spec = await fetch(pageUrl, { cache: "no-store" }).then((response) =>
      response.ok ? response.json() : undefined,
    );
    if (!spec) return;
    if (!shown) {
      slot.replaceChildren();
      shown = render(spec);
      shownNow(covers);
      return;
    }
    shown = await renderInPlace(shown, spec, render, slot, () => shownNow(covers));
    window.dispatchEvent(new Event("docs:updated"));
  };

  // One update at a time; changes announced meanwhile make one more, with the newest spec.
  const refresh = () => {
    announced = true;
    asked++;
    running ??= (async () => {
      for (let done = 0; done < asked;) {
        done = asked;
        await update(done).catch(() => {}); // the server is gone or restarting: keep what is shown
      }
      running = undefined;
    })();
  };

  // The problems go in the frame that shows the render of the save that fixed them (the
  // server announces its spec first), or once no render is left to come; a newer report stays.
  const showProblems = async (event) => {
    const report = JSON.parse(event.data);
    const mine = ++reports;
    if (report) return problems.show(report, { lastGood: announced });
    const fixedBy = asked;
    while (running && covered < fixedBy) await Promise.race([running, waitForShown()]);
    if (mine === reports) problems.clear();
  };

  slot.textContent = "Waiting for npm run dev's first good build of the spec…";
  // The server announces the spec it has as soon as a page connects, and again on each change;
  // then whether the last save failed, and again each time that changes.
  const events = new EventSource(eventsUrl);
  events.onmessage = refresh;
  events.addEventListener("problems", showProblems);
}

/**
 * Renders `spec` beneath a copy of `old`, and swaps it in once laid out at the reader's place,
 * calling `shown()` as it does.
 */
async function renderInPlace(old, spec, render, slot, shown) {
  // The page keeps its height while the new render grows, so that the window keeps its scroll.
  slot.style.minHeight = `${old.container.offsetHeight}px`;
  const cover = coverWith(old.container, slot);
  const before = sectionsDrawn(old.container);
  let place = placeIn(old.container);
  // The reader may scroll the copy while the new render is drawn: the place follows them.
  cover.addEventListener("scroll", () => {
    place = placeIn(old.container) ?? place;
  });
  const next = render(spec);
  const hold = holdPlace(next.container, () => place);
  const ready = await settled(next.container, before, hold, () => cover.scrollTop);
  hold.fix();
  if (!ready) {
    // Redoc could not render the spec: the page stays as it was.
    hold.release();
    next.root.unmount();
    next.container.remove();
    const scroll = cover.scrollTop;
    slot.append(old.container);
    cover.remove();
    slot.style.minHeight = "";
    window.scrollTo(0, scroll);
    return old;
  }
  cover.remove();
  shown();
  // The old render goes with its copy, before the next scroll event: its scroll spy would
  // rewrite the URL's hash.
  old.root.unmount();
  slot.style.minHeight = "";
  hold.correct();
  await hold.released;
  return next;
}

/**
 * A still copy of the page on top of it: whatever is above `slot`, and `container`, the shown
 * render itself, moved into a layer of its own that is scrolled as the window was.
 */
function coverWith(container, slot) {
  const cover = document.createElement("div");
  // Beneath the problems panel, which stays on top while a render is drawn.
  cover.style.cssText = "position:fixed;inset:0;overflow:auto;z-index:2147483646;background:#fff";
  for (let el = slot.parentElement.firstElementChild; el && el !== slot; el = el.nextElementSibling) {
    if (el.tagName !== "SCRIPT") cover.append(el.cloneNode(true));
  }
  const scroll = window.scrollY;
  document.body.append(cover);
  cover.append(container);
  cover.scrollTop = scroll;
  return cover;
}

/** The page's top-level sections in `container`, in order. */
function sections(container) {
  return [...container.querySelectorAll(`[${SECTION}]`)].filter(
    (el) => !el.parentElement.closest(`[${SECTION}]`),
  );
}
/** The sections in `container` in order, each with whether Redoc has drawn it (or holds its place). */
const sectionsDrawn = (container) =>
  sections(container).map((el) => ({ id: el.getAttribute(SECTION), drawn: el.childElementCount > 0 }));

/**
 * The reader's place in `container`: the innermost block that Redoc names (a section, or a
 * parameter or field with its deep-link id) across the viewport's top edge, how far into it
 * that edge is, and the section it is in. Names, not positions, so that the place is found
 * again in a new render of a changed spec.
 */
function placeIn(container) {
  let at;
  for (const el of container.querySelectorAll(`[${SECTION}], [id]`)) {
    const { top, bottom } = el.getBoundingClientRect();
    if (top <= 0 && bottom > 0) at = el; // in document order: a later one is inside, or below
    if (top > 0 && !at) at = el; // nothing across the edge: the first block below it
    if (top > 0) break;
  }
  if (!at) return undefined;
  const section = at.closest(`[${SECTION}]`);
  return {
    key: at.hasAttribute(SECTION) ? [SECTION, at.getAttribute(SECTION)] : ["id", at.id],
    section: section?.getAttribute(SECTION),
    offset: -at.getBoundingClientRect().top,
  };
}

/** The window's scroll that shows `place` in `container`, or undefined when it has no such block. */
function scrollFor(container, place) {
  if (!place) return undefined;
  const [name, value] = place.key;
  const el = container.querySelector(`[${name}="${CSS.escape(value)}"]`);
  return el ? el.getBoundingClientRect().top + window.scrollY + place.offset : undefined;
}

/**
 * Holds the window at the reader's place, `placeOf()`, in `container`: after `fix()`, until the
 * reader scrolls or Redoc has stopped moving the window for a while (`released`).
 *
 * Until `fix()`, the window's scroll events stop here: the scrolls are the hold's and Redoc's,
 * beneath the copy, and Redoc's scroll spy would read them as the reader's and rewrite the
 * URL's hash. From `fix()` on, Redoc sees them, and gives up scrolling the new render to the
 * section the hash names once it sees the window stay elsewhere.
 */
function holdPlace(container, placeOf) {
  let fixed = false;
  let timer;
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const target = () => scrollFor(container, placeOf());
  const correct = () => {
    const scroll = target();
    if (scroll === undefined || Math.abs(window.scrollY - scroll) <= 1) return;
    window.scrollTo(0, scroll);
    if (fixed) quiet();
  };
  const quiet = () => {
    clearTimeout(timer);
    timer = setTimeout(stop, QUIET_MS);
  };
  // A layout change moves the place before any scroll event says so: corrected before the paint.
  const resized = new ResizeObserver(correct);
  resized.observe(container);
  scrollGate = (event) => {
    if (event.target !== document) return;
    if (!fixed) event.stopImmediatePropagation();
    correct();
  };
  const stop = () => {
    clearTimeout(timer);
    resized.disconnect();
    scrollGate = undefined;
    for (const type of READER_INPUT) removeEventListener(type, stop, true);
    release();
  };
  return {
    correct,
    target,
    get place() {
      return placeOf();
    },
    /** The reader is about to see the new render: hold their place until they move. */
    fix() {
      fixed = true;
      for (const type of READER_INPUT) addEventListener(type, stop, { capture: true, passive: true });
      quiet();
    },
    release: stop,
    released,
  };
}

/**
 * Resolves true once the new render has drawn every section that the old one had drawn up to
 * the reader's place, and lays it out where the old one did (`scrollBefore()`, the copy's
 * scroll) or, when the save moved it, has kept it still for STILL_FRAMES frames; false if Redoc
 * shows an error instead. After SETTLE_MS it resolves true anyway: a page that never settles is
 * still shown. Redoc draws a reference a part at a time, the route's section first, so a place
 * can move for a while after it is first drawn. The layout is read when it changes (a
 * ResizeObserver runs after layout), never in between, which would make the browser lay out
 * the page again.
 */
function settled(container, before, hold, scrollBefore) {
  return new Promise((resolve) => {
    const deadline = performance.now() + SETTLE_MS;
    let drawnAt;
    let still = 0;
    let finished = false;
    const finish = (result) => {
      finished = true;
      resized.disconnect();
      resolve(result);
    };
    const look = () => {
      if (finished) return;
      if (container.querySelector('[role="alert"]')) return finish(false);
      // What the old render had drawn above the reader's place; a section still a placeholder
      // there may stay one here, and takes the same room.
      const at = hold.place ? before.findIndex((section) => section.id === hold.place.section) : -1;
      const drawn = new Set(sectionsDrawn(container).flatMap(({ id, drawn }) => (drawn ? [id] : [])));
      const needed = before.slice(0, at === -1 ? before.length : at + 1).filter((section) => section.drawn);
      if (drawn.size === 0 || !needed.every(({ id }) => drawn.has(id))) {
        drawnAt = undefined;
        return;
      }
      const scroll = hold.target();
      if (scroll === undefined) return finish(true); // no place to keep: the old render had none
      if (Math.abs(scroll - scrollBefore()) <= 1 && Math.abs(window.scrollY - scroll) <= 1) {
        return finish(true);
      }
      if (drawnAt === undefined || Math.abs(scroll - drawnAt) > 1) still = 0;
      drawnAt = scroll;
    };
    const resized = new ResizeObserver(look);
    resized.observe(container);
    const frame = () => {
      if (finished) return;
      if (performance.now() > deadline) return finish(true);
      if (drawnAt !== undefined && ++still >= STILL_FRAMES) return finish(true);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
