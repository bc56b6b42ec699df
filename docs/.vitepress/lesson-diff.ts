// "What changed since the previous lesson", computed at build time from the
// two lesson folders so the page cannot drift from the code. Writes markdown:
// a list of added, removed and changed files, then a ```diff block per
// changed text file. See docs/contributing.md for the syntax and the rules.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { lessonsDir } from './lessons.ts';

/** Folders and files that are produced by running a lesson, not written by its author. */
const ignoredNames = new Set(['node_modules', '.vitest', '.turbo', 'coverage', 'dist']);
const ignoredFile = /\.(db|sqlite|sqlite3)(-shm|-wal|-journal)?$|\.log$/;

export interface LessonDiff {
  from: string;
  to: string;
  added: string[];
  removed: string[];
  /** Changed files, each with its unified diff (empty for binary files). */
  changed: { file: string; patch: string }[];
}

function listFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (ignoredNames.has(name) || ignoredFile.test(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, path)).isDirectory()) files.push(...listFiles(root, path));
    else files.push(path);
  }
  return files;
}

function lessonFolder(root: string, name: string): string {
  const folder = join(root, name);
  if (!/^\d{2}-[\w-]+$/.test(name) || !existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`lesson-diff: lessons/${name} does not exist`);
  }
  return folder;
}

/**
 * Every lesson renames itself: its folder name appears in package.json and
 * vitest.config.ts, and package.json carries its own description and title.
 * Those lines change in every lesson and teach nothing, so the old file is
 * rewritten with the new lesson's identity before comparing. Only the
 * differences that remain are shown.
 */
function withNewIdentity(file: string, oldText: string, newText: string, from: string, to: string): string {
  let text = oldText.split(from).join(to);
  if (file === 'package.json') {
    for (const key of ['name', 'description', 'title']) {
      const line = new RegExp(`^(\\s*)"${key}":.*$`, 'm');
      const replacement = line.exec(newText);
      if (replacement && line.test(text)) text = text.replace(line, () => replacement[0]);
    }
  }
  return text;
}

function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8000).includes(0);
}

/** Region markers are docs plumbing, not lesson code: they are left out of diffs. */
const regionMarker = /^\s*(\/\/|#|<!--|\/\*)\s*#?(end)?region\b/i;

interface Lines {
  text: string;
  /** 1-based line number in the real file of each kept line. */
  numbers: number[];
}

function withoutRegionMarkers(text: string): Lines {
  const kept: string[] = [];
  const numbers: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (regionMarker.test(line)) return;
    kept.push(line);
    numbers.push(index + 1);
  });
  return { text: kept.join('\n'), numbers };
}

/** The real-file range `start,count` covered by `count` kept lines from kept line `start`. */
function range(lines: Lines, start: number, count: number): string {
  if (count === 0) return `${lines.numbers[start - 1] ?? start},0`;
  const first = lines.numbers[start - 1] ?? start;
  const last = lines.numbers[start + count - 2] ?? first;
  return `${first},${last - first + 1}`;
}

function unifiedDiff(file: string, from: string, to: string, oldText: string, newText: string): string | undefined {
  const before = withoutRegionMarkers(oldText);
  const after = withoutRegionMarkers(newText);
  if (before.text === after.text) return undefined;
  const patch = structuredPatch(`${from}/${file}`, `${to}/${file}`, before.text, after.text, '', '', { context: 3 });
  const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    lines.push(
      `@@ -${range(before, hunk.oldStart, hunk.oldLines)} +${range(after, hunk.newStart, hunk.newLines)} @@`,
      ...hunk.lines,
    );
  }
  return lines.filter((line) => line !== '\\ No newline at end of file').join('\n');
}

/** Compares lessons/<from> with lessons/<to>. Throws when either folder is missing. */
export function diffLessons(from: string, to: string, root = lessonsDir): LessonDiff {
  const fromDir = lessonFolder(root, from);
  const toDir = lessonFolder(root, to);
  const oldFiles = listFiles(fromDir);
  const newFiles = listFiles(toDir);
  const result: LessonDiff = { from, to, added: [], removed: [], changed: [] };

  for (const file of newFiles) if (!oldFiles.includes(file)) result.added.push(file);
  for (const file of oldFiles) if (!newFiles.includes(file)) result.removed.push(file);
  for (const file of newFiles.filter((name) => oldFiles.includes(name))) {
    const oldBuffer = readFileSync(join(fromDir, file));
    const newBuffer = readFileSync(join(toDir, file));
    if (oldBuffer.equals(newBuffer)) continue;
    if (isBinary(oldBuffer) || isBinary(newBuffer)) {
      result.changed.push({ file, patch: '' });
      continue;
    }
    const newText = newBuffer.toString('utf8');
    const oldText = withNewIdentity(file, oldBuffer.toString('utf8'), newText, from, to);
    const patch = unifiedDiff(file, from, to, oldText, newText);
    if (patch !== undefined) result.changed.push({ file, patch });
  }
  return result;
}

/** A code fence longer than any run of backticks in `content`. */
function fence(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fileList(files: string[]): string {
  return files.map((file) => `\`${file}\``).join(', ');
}

/** The markdown a `<!-- lesson-diff FROM TO -->` line expands to. */
export function lessonDiffMarkdown(from: string, to: string, root = lessonsDir): string {
  const diff = diffLessons(from, to, root);
  const out: string[] = [];
  const summary: string[] = [];
  if (diff.added.length) summary.push(`- **Added:** ${fileList(diff.added)}`);
  if (diff.removed.length) summary.push(`- **Removed:** ${fileList(diff.removed)}`);
  if (diff.changed.length) summary.push(`- **Changed:** ${fileList(diff.changed.map((c) => c.file))}`);
  if (summary.length === 0) summary.push(`- No files differ between \`${from}\` and \`${to}\`.`);
  out.push(`Compared with \`lessons/${from}\`:`, '', ...summary, '');

  for (const { file, patch } of diff.changed) {
    out.push(`**\`${file}\`**`, '');
    if (!patch) {
      out.push('Binary file changed.', '');
      continue;
    }
    const marks = fence(patch);
    out.push(`${marks}diff`, patch, marks, '');
  }
  return out.join('\n');
}
