// Docs never paste code: they import it from the tested source files. That
// only works if a wrong path or region name stops the build. VitePress 1.6
// throws a bare ENOENT for a missing snippet file, shows the WHOLE file when a
// region is missing, and leaves a missing `@include` in the page as an HTML
// comment. This plugin turns all three into build errors that say what to fix.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';
import { repoRoot } from './lessons.ts';

type RenderRule = NonNullable<MarkdownRenderer['renderer']['rules']['fence']>;
type Token = Parameters<RenderRule>[0][number];

interface PageEnv {
  relativePath?: string;
}

// The comment styles VitePress's snippet plugin accepts as region markers
// (`findRegion` in vitepress/dist/node), so "found here" means "found there".
const regionMarkers = [
  /^\/\/ ?#?((?:end)?region) ([\w*-]+)$/, // JavaScript, TypeScript
  /^\/\* ?#((?:end)?region) ([\w*-]+) ?\*\/$/, // CSS
  /^#pragma ((?:end)?region) ([\w*-]+)$/,
  /^<!-- #?((?:end)?region) ([\w*-]+) -->$/, // HTML, markdown
  /^#((?:End )Region) ([\w*-]+)$/,
  /^::#((?:end)region) ([\w*-]+)$/,
  /^# ?((?:end)?region) ([\w*-]+)$/, // YAML, shell, Python
];

function isMarker(line: string, regexp: RegExp, name: string, end: boolean): boolean {
  const [full, tag, found] = regexp.exec(line.trim()) ?? [];
  if (!full || !tag || found !== name) return false;
  return end ? /^[Ee]nd ?[rR]egion$/.test(tag) : /^[rR]egion$/.test(tag);
}

/** Why `region` cannot be cut out of `lines`, or undefined when it can. */
export function regionProblem(lines: string[], region: string): string | undefined {
  for (const regexp of regionMarkers) {
    const start = lines.findIndex((line) => isMarker(line, regexp, region, false));
    if (start === -1) continue;
    const end = lines.findIndex((line, index) => index > start && isMarker(line, regexp, region, true));
    return end === -1 ? `region "${region}" is opened but never closed (add "#endregion ${region}")` : undefined;
  }
  return `region "${region}" not found (expected a "// #region ${region}" ... "// #endregion ${region}" pair)`;
}

function where(env: PageEnv): string {
  return env.relativePath ? ` (used in docs/${env.relativePath})` : '';
}

function show(file: string): string {
  return relative(repoRoot, file) || file;
}

/** Throws unless `file` exists and, when `region` is given, contains that region. */
export function checkSnippet(file: string, region: string, env: PageEnv): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new Error(`Code snippet file not found: ${show(file)}${where(env)}`);
  }
  if (!region) return;
  const problem = regionProblem(readFileSync(file, 'utf8').split(/\r?\n/), region);
  if (problem) throw new Error(`Code snippet ${problem} in ${show(file)}${where(env)}`);
}

const leftoverInclude = /<!--\s*@include:\s*(.*?)\s*-->/;

/** markdown-it plugin: make snippet and include mistakes fail the build. */
export function strictSnippets(md: MarkdownRenderer): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env: PageEnv, self) => {
    const token = tokens[idx] as Token & { src?: [string, string] };
    if (token.src) checkSnippet(token.src[0], token.src[1], env);
    return fence(tokens, idx, options, env, self);
  };

  // VitePress replaces every include it can read before markdown-it runs; an
  // include comment that reaches the renderer is one whose file is missing.
  for (const rule of ['html_block', 'html_inline'] as const) {
    const original = md.renderer.rules[rule]!;
    md.renderer.rules[rule] = (tokens, idx, options, env: PageEnv, self) => {
      const missing = leftoverInclude.exec(tokens[idx]!.content);
      if (missing) throw new Error(`Included file not found: ${missing[1]}${where(env)}`);
      return original(tokens, idx, options, env, self);
    };
  }
}
