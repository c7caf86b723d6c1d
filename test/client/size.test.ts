/** The client entry's size budget, as consumers ship it: bundled, minified and gzipped. */
import { expect, it } from "vitest";
import { entrySize, SIZE_BUDGET } from "../../tools/package/entry-size.ts";

it(`the client entry, openapi-fetch included, stays within ${SIZE_BUDGET} bytes gzipped`, async () => {
  const { client, openapiFetch } = await entrySize();
  // openapi-fetch alone is most of it; the check also proves the measurement bundles it.
  expect(openapiFetch).toBeGreaterThan(2000);
  expect(client).toBeGreaterThan(openapiFetch);
  expect(client).toBeLessThanOrEqual(SIZE_BUDGET);
});
