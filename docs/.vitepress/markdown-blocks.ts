// Markdown that is generated at build time from the repository, written in a
// page as one HTML-comment line on its own (so GitHub's preview of the page
// stays readable):
//
//   <!-- lesson-diff 01-hello-express 02-middleware -->   what changed between two lessons
//   <!-- lesson-list -->                                   a table of every lesson
//   <!-- package-list -->                                  a table of every shared package
//   <!-- page-list decisions -->                           links to every page in docs/decisions/
//
// The line is replaced by ordinary markdown before rendering, so generated
// links go through VitePress's dead-link check like hand-written ones. Inside
// a code fence the line is left alone (that is how contributing.md shows it).
import type { MarkdownRenderer } from 'vitepress';
import { lessonDiffMarkdown } from './lesson-diff.ts';
import { listLessons, listPackages, listPages } from './lessons.ts';

type BlockRule = Parameters<MarkdownRenderer['block']['ruler']['before']>[2];

const directive = /^<!--\s*(lesson-diff|lesson-list|package-list|page-list)((?:\s+[\w.-]+)*)\s*-->\s*$/;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function lessonList(): string {
  const lessons = listLessons();
  if (lessons.length === 0) return '_No lessons yet._\n';
  const rows = lessons.map((lesson) => {
    const name = `${lesson.number} · ${lesson.title}`;
    const label = lesson.link ? `[${name}](${lesson.link}.md)` : `${name} (page not written yet)`;
    return `| ${label} | \`lessons/${lesson.folder}\` | ${cell(lesson.description)} |`;
  });
  return ['| Lesson | Folder | What you will learn |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

function packageList(): string {
  const packages = listPackages();
  const folders = new Set(packages.map((pkg) => pkg.folder));
  const rows = packages.map((pkg) => {
    const label = pkg.link ? `[\`${pkg.name}\`](${pkg.link}.md)` : `\`${pkg.name}\` (page not written yet)`;
    return `| ${label} | \`packages/${pkg.folder}\` | ${cell(pkg.description)} |`;
  });
  // A page about something that is not (yet) a folder still gets listed.
  for (const page of listPages('packages')) {
    if (!folders.has(page.link.split('/').pop()!)) rows.push(`| [${page.title}](${page.link}.md) | | ${cell(page.description)} |`);
  }
  if (rows.length === 0) return '_No shared packages yet._\n';
  return ['| Package | Folder | Purpose |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

function pageList(section: string): string {
  const pages = listPages(section);
  if (pages.length === 0) return `_No pages in docs/${section}/ yet._\n`;
  return pages.map((page) => `- [${page.title}](${page.link}.md)${page.description ? `: ${page.description}` : ''}`).join('\n') + '\n';
}

function expand(name: string, args: string[]): string {
  const expect = (count: number, usage: string) => {
    if (args.length !== count) throw new Error(`${name} takes ${count} argument(s): <!-- ${name}${usage} -->`);
  };
  switch (name) {
    case 'lesson-diff':
      expect(2, ' 01-hello-express 02-middleware');
      return lessonDiffMarkdown(args[0]!, args[1]!);
    case 'lesson-list':
      expect(0, '');
      return lessonList();
    case 'package-list':
      expect(0, '');
      return packageList();
    default:
      expect(1, ' decisions');
      return pageList(args[0]!);
  }
}

/** markdown-it plugin: expands the directive lines described at the top of this file. */
export function generatedBlocks(md: MarkdownRenderer): void {
  const rule: BlockRule = (state, startLine, _endLine, silent) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    const line = state.src.slice(start, state.eMarks[startLine]);
    const match = directive.exec(line);
    if (!match) return false;
    if (silent) return true;

    const name = match[1]!;
    const args = match[2]!.trim().split(/\s+/).filter(Boolean);
    let markdown: string;
    try {
      markdown = expand(name, args);
    } catch (error) {
      const page = (state.env as { relativePath?: string }).relativePath;
      throw new Error(`${(error as Error).message} (in docs/${page ?? '?'}, line ${startLine + 1})`);
    }
    state.line = startLine + 1;
    // Parse the generated markdown straight into this page's token stream.
    state.md.block.parse(markdown, state.md, state.env, state.tokens);
    return true;
  };
  md.block.ruler.before('html_block', 'generated_blocks', rule, { alt: ['paragraph', 'reference', 'blockquote'] });
}
