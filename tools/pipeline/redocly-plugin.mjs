// @ts-check
/**
 * Lint rules of this project that Redocly's configurable rules cannot express. Loaded by
 * redocly.yaml, so both the pipeline and `redocly lint` run them.
 */
import { enumProse } from "./enum-prose.mjs";

/**
 * Every schema property describes itself. Checked on the property as written: for a `$ref`
 * property, the referenced schema's description says what the type is, not what the field means.
 */
function propertyDescription() {
  return {
    SchemaProperties: {
      /** @param {Record<string, any>} properties @param {any} ctx */
      enter(properties, { report, location }) {
        for (const [name, property] of Object.entries(properties)) {
          const description = property?.description;
          if (typeof description !== "string" || description.trim() === "") {
            report({
              message: `property \`${name}\` needs a description of its own`,
              location: location.child([name]).key(),
            });
          }
        }
      },
    },
  };
}

export default function versoriIssuesPlugin() {
  return {
    id: "issues",
    rules: { oas3: { "property-description": propertyDescription, "enum-prose": enumProse } },
  };
}
