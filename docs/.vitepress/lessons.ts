// What the site knows about the repository, read from the file system every
// time the config loads: lessons from lessons/*/package.json (through the
// same finder `pnpm dev` and the README table use), shared packages
// from packages/*/package.json, and the docs pages that exist. Nothing here is
// a hand-written list, so a new lesson or page shows up without editing config.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listLessons as findLessons } from '../../scripts/lib/lessons.ts';

/** docs/ (the VitePress source directory). */
export const docsDir = fileURLToPath(new URL('..', import.meta.url));
/** The repository root, one level above docs/. */
export const repoRoot = join(docsDir, '..');
export const lessonsDir = join(repoRoot, 'lessons');
export const packagesDir = join(repoRoot, 'packages');

export interface Lesson {
  /** Folder name, e.g. `01-hello-express`. */
  folder: string;
  /** The two-digit prefix, e.g. `01`. */
  number: string;
  /** `lesson.title` from the lesson's package.json. */
  title: string;
  description: string;
  /** Site path of the lesson page (`/lessons/01-hello-express`), or undefined when the page is not written yet. */
  link: string | undefined;
}

export interface SharedPackage {
  folder: string;
  /** npm name, e.g. `@forum-lessons/session-store`. */
  name: string;
  description: string;
  link: string | undefined;
}

export interface DocPage {
  /** Site path without extension, e.g. `/decisions/001-typescript-with-tsx`. */
  link: string;
  /** The page's first `# ` heading (or frontmatter `title`). */
  title: string;
  /** Frontmatter `description`, or the first sentence of the first paragraph. */
  description: string;
}

interface PackageJson {
  name?: string;
  description?: string;
}

function readJson(file: string): PackageJson {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (error) {
    throw new Error(`Could not read ${file}: ${(error as Error).message}`);
  }
}

function folders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'package.json')))
    .sort();
}

function pageLink(section: string, name: string): string | undefined {
  return existsSync(join(docsDir, section, `${name}.md`)) ? `/${section}/${name}` : undefined;
}

/** Every lesson folder, in number order, as scripts/lib/lessons.ts (the one lesson finder) reads them. */
export function listLessons(): Lesson[] {
  return findLessons(repoRoot).map((lesson) => ({
    folder: lesson.slug,
    number: lesson.slug.slice(0, 2),
    title: lesson.title,
    description: lesson.summary,
    link: pageLink('lessons', lesson.slug),
  }));
}

/** Every folder under packages/ that has a package.json. */
export function listPackages(): SharedPackage[] {
  return folders(packagesDir).map((folder) => {
    const pkg = readJson(join(packagesDir, folder, 'package.json'));
    return {
      folder,
      name: pkg.name ?? folder,
      description: pkg.description ?? '',
      link: pageLink('packages', folder),
    };
  });
}

/** The markdown pages in one docs folder (`packages`, `decisions`, ...), index.md excluded, sorted by file name. */
export function listPages(section: string): DocPage[] {
  const dir = join(docsDir, section);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'index.md')
    .sort()
    .map((name) => {
      const base = name.slice(0, -'.md'.length);
      return { link: `/${section}/${base}`, ...describePage(readFileSync(join(dir, name), 'utf8'), base) };
    });
}

function describePage(source: string, fallbackTitle: string): { title: string; description: string } {
  let body = source;
  let title: string | undefined;
  let description: string | undefined;
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (frontmatter) {
    body = source.slice(frontmatter[0].length);
    title = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(frontmatter[1]!)?.[1];
    description = /^description:\s*['"]?(.+?)['"]?\s*$/m.exec(frontmatter[1]!)?.[1];
  }
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body);
  title ??= heading?.[1] ?? fallbackTitle;
  if (description === undefined) {
    const afterHeading = heading ? body.slice(heading.index + heading[0].length) : body;
    const paragraph = afterHeading
      .split(/\r?\n\s*\r?\n/)
      .map((block) => block.trim())
      .find((block) => /^[A-Za-z`*_[]/.test(block));
    description = paragraph ? firstSentence(paragraph.replace(/\s+/g, ' ')) : '';
  }
  // Links are dropped: a relative link means something else on the page that lists this one.
  return { title: stripMarkdown(title), description: description.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') };
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function stripMarkdown(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '');
}
