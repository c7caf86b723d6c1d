// @ts-nocheck -- runs in the browser; the project's types are Node's, not the DOM's.
/**
 * The panel of the docs page of `npm run dev` that says why the last save of the spec failed:
 * the lines the terminal printed under its ✘ status line (file:line:col, rule and message for
 * each lint problem), at the bottom of the window, over the last good render, which stays on
 * the page above it. Like a front-end dev server's error overlay, it is gone once a save builds
 * again, or when the reader dismisses it.
 *
 * The problems repeat the spec's own text (a component's name, a description), which may hold
 * markup: every piece of it is set as text (textContent), never parsed as HTML.
 */

const ID = "live-docs-problems";

/**
 * Scoped to the panel's id, since Redoc's styles share the page. Light and dark, as the
 * reader's system prefers; no text from the spec is ever part of it.
 */
const STYLE = `
#${ID} {
  --problems-text: #1f1f1f;
  --problems-background: #fff;
  --problems-accent: #b3261e;
  --problems-code: #f6f6f6;
  --problems-border: #d9d9d9;
  position: fixed;
  left: 0;
  right: 0;
  bottom: 0;
  z-index: 2147483647;
  max-height: 50vh;
  overflow: auto;
  box-sizing: border-box;
  padding: 12px 16px 16px;
  color: var(--problems-text);
  background: var(--problems-background);
  border-top: 4px solid var(--problems-accent);
  box-shadow: 0 -4px 16px rgb(0 0 0 / 25%);
  font: 14px/1.5 system-ui, sans-serif;
  text-align: left;
}
@media (prefers-color-scheme: dark) {
  #${ID} {
    --problems-text: #ececec;
    --problems-background: #1e1e1e;
    --problems-accent: #ff8a80;
    --problems-code: #2a2a2a;
    --problems-border: #444;
  }
}
#${ID} h2 {
  margin: 0 96px 4px 0;
  font: 600 16px/1.4 system-ui, sans-serif;
  color: var(--problems-accent);
}
#${ID} p {
  margin: 0 96px 8px 0;
}
#${ID} pre {
  margin: 0;
  padding: 8px 12px;
  overflow-x: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color: var(--problems-text);
  background: var(--problems-code);
  border: 1px solid var(--problems-border);
  border-radius: 4px;
}
#${ID} button {
  position: absolute;
  top: 12px;
  right: 16px;
  padding: 4px 12px;
  font: 14px/1.4 system-ui, sans-serif;
  color: var(--problems-text);
  background: var(--problems-code);
  border: 1px solid var(--problems-border);
  border-radius: 4px;
  cursor: pointer;
}
#${ID} button:focus-visible {
  outline: 2px solid var(--problems-accent);
  outline-offset: 2px;
}
`;

/** An element with `text` as its text, never as markup. */
function element(tag, text) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * The panel's two moves: `show(report, { lastGood })` puts one report (the save's `reason` and
 * the terminal's `problems` lines) in place of any other, `clear()` takes it away.
 */
export function problemsPanel() {
  let shown;
  const clear = () => {
    shown?.remove();
    shown = undefined;
    removeEventListener("keydown", onEscape, true);
  };
  const onEscape = (event) => {
    if (event.key === "Escape") clear();
  };

  const show = ({ reason, problems }, { lastGood }) => {
    clear();
    if (!document.getElementById(`${ID}-style`)) {
      const style = element("style", STYLE);
      style.id = `${ID}-style`;
      document.head.append(style);
    }
    const panel = element("section");
    panel.id = ID;
    // An alert: a screen reader reads it out as it appears, without moving the focus.
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", `${ID}-title`);
    const title = element("h2", "npm run dev: the last save of the spec failed");
    title.id = `${ID}-title`;
    const where = lastGood
      ? "the page shows the last good version until a save builds again."
      : "the page shows the spec once a save builds.";
    const dismiss = element("button", "Dismiss");
    dismiss.type = "button";
    dismiss.title = "Hide these problems until the next failed save (Esc)";
    dismiss.addEventListener("click", clear);
    panel.append(
      title,
      element("p", `${reason}: failed; ${where}`),
      element("pre", problems.join("\n")),
      dismiss,
    );
    document.body.append(panel);
    addEventListener("keydown", onEscape, true);
    shown = panel;
  };
  return { show, clear };
}
