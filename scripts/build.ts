/** `npm run build:dist` (and npm's `prepare`): the package in dist/; see tools/package/build.ts. */
import { runMain } from "../tools/lib/command.ts";
import { buildPackage } from "../tools/package/build.ts";

runMain(() => buildPackage((line) => console.log(line)));
