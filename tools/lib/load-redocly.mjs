// For commands that read the spec with Redocly's library (`node --import ./tools/lib/load-redocly.mjs
// --import tsx scripts/<name>.ts`): it loads the library before tsx registers its module hooks,
// through which its ~300 files would load about twice as slowly.
import "./compile-cache.mjs";
await import("@redocly/openapi-core");
