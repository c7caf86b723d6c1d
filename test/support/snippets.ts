/**
 * README's ```ts blocks and the files of examples/, type-checked with the TypeScript API against
 * the package's sources (tsconfig.json's paths), each problem reported where to edit it:
 * `README.md:<line>:<col>` for a block, at the README line of the offending code, and
 * `examples/<file>:<line>:<col>` for an example.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface Snippet {
  /** The README line (1-based) of the snippet's first line of code: the one after its fence. */
  firstLine: number;
  code: string;
}

/** The ```ts blocks of a Markdown document, with where each starts. */
export function tsBlocksOf(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  let open: { firstLine: number; lines: string[]; info: string } | undefined;
  for (const [index, line] of markdown.split("\n").entries()) {
    if (open === undefined && line.startsWith("```")) {
      open = { firstLine: index + 2, lines: [], info: line.slice(3).trim() };
    } else if (open !== undefined && line === "```") {
      if (open.info === "ts") snippets.push({ firstLine: open.firstLine, code: open.lines.join("\n") });
      open = undefined;
    } else if (open !== undefined) {
      open.lines.push(line);
    }
  }
  return snippets;
}

/**
 * What a snippet takes for granted, as the text around it does: a client `issues` it does not
 * create, and `createIssuesClient` when it calls it without importing it. Each is one line.
 */
function preambleOf(code: string): string[] {
  const lines: string[] = [];
  if (/\bcreateIssuesClient\(/.test(code) && !/import\s*\{[^}]*\bcreateIssuesClient\b/.test(code)) {
    lines.push('import { createIssuesClient } from "versori-issues-api";');
  }
  if (!/\bconst issues\b/.test(code)) {
    lines.push(
      'import type { IssuesClient } from "versori-issues-api";',
      "declare const issues: IssuesClient;",
    );
  }
  lines.push("export {};");
  return lines;
}

interface Source {
  /** Where the compiler reads it: inside the repository, so that paths and node_modules resolve. */
  path: string;
  text: string;
  /** How a problem at a line (1-based) of `text` is named. */
  place(line: number, col: number): string;
}

/** A document or an example file: its name relative to the root, and its text. */
export interface Text {
  name: string;
  text: string;
}

/** The type errors of README's snippets and of the examples, one line each: `where TSnnnn message`. */
export function snippetProblems(root: string, readme: Text, examples: Text[]): string[] {
  const snippets: Source[] = tsBlocksOf(readme.text).map(({ firstLine, code }, i) => {
    const preamble = preambleOf(code);
    return {
      path: join(root, `.readme-snippets/snippet-${i}.ts`),
      text: `${preamble.join("\n")}\n${code}\n`,
      place: (line, col) => `${readme.name}:${firstLine + line - 1 - preamble.length}:${col}`,
    };
  });
  const files: Source[] = examples.map(({ name, text }) => ({
    path: join(root, name),
    text,
    place: (line, col) => `${name}:${line}:${col}`,
  }));
  return typeErrors(root, [...snippets, ...files]);
}

/** Every .ts file of examples/, as it is on disk. */
export const exampleFiles = (root: string): Text[] =>
  readdirSync(join(root, "examples"))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => ({ name: `examples/${name}`, text: readFileSync(join(root, "examples", name), "utf8") }));

function typeErrors(root: string, sources: Source[]): string[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const byPath = new Map(sources.map((source) => [source.path, source]));
  const host = ts.createCompilerHost({ ...options, noEmit: true, incremental: false });
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language, ...rest) => {
    const source = byPath.get(path);
    return source ? ts.createSourceFile(path, source.text, language) : getSourceFile(path, language, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => byPath.has(path) || fileExists(path);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => byPath.get(path)?.text ?? readFile(path);

  const program = ts.createProgram({
    rootNames: [...byPath.keys()],
    options: { ...options, noEmit: true },
    host,
  });
  const problems: string[] = [];
  for (const source of sources) {
    const file = program.getSourceFile(source.path);
    for (const diagnostic of ts.getPreEmitDiagnostics(program, file)) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      if (diagnostic.file === undefined || diagnostic.start === undefined) {
        problems.push(`${source.place(1, 1)} TS${diagnostic.code} ${message}`);
        continue;
      }
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const where =
        diagnostic.file.fileName === source.path
          ? source.place(line + 1, character + 1)
          : `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}`;
      problems.push(`${where} TS${diagnostic.code} ${message}`);
    }
  }
  return problems;
}
