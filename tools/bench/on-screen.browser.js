// @ts-nocheck -- runs in the page (Playwright's evaluate); the project's types are Node's, not the DOM's.
/**
 * Whether `text` is on screen: in a text node that is inside the viewport and is what a click at
 * that point would hit, so that text under another element, or off screen, does not count.
 */
export function textOnScreen(text) {
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
      if (hit && (hit === node.parentElement || hit.contains(node) || node.parentElement.contains(hit)))
        return true;
    }
  }
  return false;
}
