// @ts-nocheck -- runs in the browser; the project's types are Node's, not the DOM's.
/**
 * The docs page of `npm run dev`, in the browser: Redoc's public `init` renders the live bundled
 * spec (openapi.json, beside the page), and each time the server says the spec changed (a
 * Server-Sent Event on /events) the page renders the new spec in place, without a reload.
 *
 * The new render is drawn beneath a still copy of the one the reader sees, and shown only once
 * it has laid out up to the reader's place; the window is held at that place (the section in
 * view, and how far into it) while Redoc settles, since Redoc scrolls a freshly mounted
 * reference to the section that the URL's hash names. The hash itself, the route, is kept.
 */

/** The options `redocly build-docs` renders with, so that both pages look alike. */
const OPTIONS = { skipBundle: true, disableTelemetry: true };
/** What Redoc marks each section of the reference with: where the reader's place is kept. */
const SECTION = "data-section-id";
/** What tells the page that the reader is scrolling: from then on, the place is theirs. */
const READER_INPUT = ["wheel", "touchstart", "keydown", "mousedown"];
/** How long a new render may take to lay out before it is shown anyway. */
const SETTLE_MS = 2000;
/** How long the window is held after Redoc last tried to move it. */
const QUIET_MS = 500;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** What the window's scroll events go through first while a new render is held (holdPlace). */
let scrollGate;

/** Renders the live spec into `slot`, and again in place on each change the server announces. */
export function showLiveDocs(init, slot, { specUrl = "openapi.json", eventsUrl = "/events" } = {}) {
  // Before Redoc adds its own listeners, so that this one runs first (see holdPlace).
  addEventListener("scroll", (event) => scrollGate?.(event), { capture: true });
  let shown;
  let asked = 0;
  let busy = false;

  const render = (spec) => {
    // Redoc reads a container's attributes as options: this one has none.
    const container = document.createElement("div");
    slot.append(container);
    return { container, root: init(spec, OPTIONS, container) };
  };

  const update = async () => {
    const spec = await fetch(specUrl, { cache: "no-store" }).then((response) =>
      response.ok ? response.json() : undefined,
    );
    if (!spec) return;
    if (!shown) {
      slot.replaceChildren();
      shown = render(spec);
      return;
    }
    shown = await renderInPlace(shown, spec, render, slot);
    window.dispatchEvent(new Event("docs:updated"));
  };

  // One update at a time; changes announced meanwhile make one more, with the newest spec.
  const refresh = async () => {
    asked++;
    if (busy) return;
    busy = true;
    for (let done = 0; done < asked;) {
      done = asked;
      await update().catch(() => {}); // the server is gone or restarting: keep what is shown
    }
    busy = false;
  };

  slot.textContent = "Waiting for npm run dev's first good build of the spec…";
  // The server announces the spec it has as soon as a page connects, and again on each change.
  new EventSource(eventsUrl).onmessage = refresh;
}

/** Renders `spec` beneath a copy of `old`, and swaps it in once laid out at the reader's place. */
async function renderInPlace(old, spec, render, slot) {
  // The page keeps its height while the new render grows, so that the window keeps its scroll.
  slot.style.minHeight = `${old.container.offsetHeight}px`;
  const cover = coverWith(old.container, slot);
  const next = render(spec);
  const hold = holdPlace(next.container, () => placeIn(old.container, 0));
  const shown = await settled(next.container, sectionIds(old.container), hold);
  hold.fix();
  if (!shown) {
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
  cover.style.cssText = "position:fixed;inset:0;overflow:auto;z-index:2147483647;background:#fff";
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
const sectionIds = (container) => sections(container).map((el) => el.getAttribute(SECTION));

/** The section at the top of the view (at `viewTop` in the viewport), and how far into it. */
function placeIn(container, viewTop) {
  for (const el of sections(container)) {
    const { top, bottom } = el.getBoundingClientRect();
    if (bottom > viewTop) return { id: el.getAttribute(SECTION), offset: viewTop - top };
  }
  return undefined;
}

/** The window's scroll that shows `place` in `container`, or undefined when it has no such section. */
function scrollFor(container, place) {
  const el = place && sections(container).find((section) => section.getAttribute(SECTION) === place.id);
  return el ? el.getBoundingClientRect().top + window.scrollY + place.offset : undefined;
}

/**
 * Holds the window at the reader's place in `container`: the place `readerPlace()` says until
 * `fix()` (the reader may scroll the copy meanwhile), then that one until the reader scrolls or
 * Redoc has stopped moving the window for a while (`released`).
 *
 * Until `fix()`, the window's scroll events stop here: the scrolls are the hold's and Redoc's,
 * beneath the copy, and Redoc's scroll spy would read them as the reader's and rewrite the
 * URL's hash. From `fix()` on, Redoc sees them, and gives up scrolling the new render to the
 * section the hash names once it sees the window stay elsewhere.
 */
function holdPlace(container, readerPlace) {
  let place = readerPlace();
  let fixed = false;
  let timer;
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const target = () => {
    if (!fixed) place = readerPlace() ?? place;
    return scrollFor(container, place);
  };
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
      return place;
    },
    /** The reader is about to see the new render: hold the place they have now. */
    fix() {
      place = readerPlace() ?? place;
      fixed = true;
      for (const type of READER_INPUT) addEventListener(type, stop, { capture: true, passive: true });
      quiet();
    },
    release: stop,
    released,
  };
}

/**
 * Resolves true once the new render has drawn every section the old one had up to the reader's
 * place, and the window has rested there from one frame to the next; false if Redoc shows an
 * error instead. After SETTLE_MS it resolves true anyway: a page that never settles is shown.
 */
async function settled(container, before, hold) {
  const deadline = performance.now() + SETTLE_MS;
  let last;
  while (performance.now() < deadline) {
    await nextFrame();
    if (container.querySelector('[role="alert"]')) return false;
    hold.correct();
    const upTo = hold.place ? before.indexOf(hold.place.id) : before.length - 1;
    const drawn = new Set(
      sections(container)
        .filter((el) => el.childElementCount > 0)
        .map((el) => el.getAttribute(SECTION)),
    );
    if (drawn.size === 0 || !before.slice(0, upTo + 1).every((id) => drawn.has(id))) continue;
    const scroll = hold.target();
    if (scroll === undefined) return true; // no place to keep: the old render had no sections
    const resting = Math.abs(window.scrollY - scroll) <= 1;
    if (resting && last !== undefined && Math.abs(scroll - last) <= 1) return true;
    last = resting ? scroll : undefined;
  }
  return true;
}
