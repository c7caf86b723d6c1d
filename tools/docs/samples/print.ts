/** The line a TypeScript sample ends with: what a person would print of the result. */
import type { SampleResult } from "./sample-request.ts";

/** `console.log(…)` of `variable`, which holds the success body; `response` when there is none. */
export function printLine(result: SampleResult, variable: string): string {
  switch (result.kind) {
    case "none":
      return "console.log(response.status);";
    case "array":
      return `console.log(\`\${${variable}.length} ${result.noun}\`);`;
    case "object": {
      const printed = result.fields.length === 0 ? [variable] : result.fields.map((f) => `${variable}.${f}`);
      return `console.log(${printed.join(", ")});`;
    }
  }
}
