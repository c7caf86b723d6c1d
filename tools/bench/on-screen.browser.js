// @ts-nocheck -- runs in the page (Playwright's evaluate); the project's types are Node's, not the DOM's.
/**
 * Resolves whether `text` is on screen once a frame has been painted with it, checking each
 * frame until `timeoutMs` has passed (0: the next frame only). On screen: in a text node that
 * is inside the viewport and is what a click at that point would hit, so that text under
 * another element, or off screen, does not count. Each check runs after its frame's paint, when
 * the layout is clean, so that checking never makes the page lay out again mid-render.
 * Self-contained: Playwright sends the function's source, nothing it refers to.
 */
export function whenOnScreen({ text, timeoutMs }) {
  const shown = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue.includes(text)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === node.parentElement || hit.contains(node) || node.parentElement.contains(hit))) {
          return true;
        }
      }
    }
    return false;
  };
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    // A task queued from a frame's callback runs after that frame is painted.
    const afterPaint = () =>
      setTimeout(() => {
        if (shown()) resolve(true);
        else if (performance.now() >= deadline) resolve(false);
        else requestAnimationFrame(afterPaint);
      });
    requestAnimationFrame(afterPaint);
  });
}
