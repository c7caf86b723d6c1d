// For a command that reads the spec with Redocly's library and runs through tsx (`npm run dev`, by
// way of tools/pipeline/preload.mjs): it loads the library before tsx registers its module hooks,
// through which its ~300 files would load about twice as slowly.
import "./compile-cache.mjs";
await import("@redocly/openapi-core");
