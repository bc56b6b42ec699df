// The proof of every exercise: its check fails on the lesson as it is and
// passes, with no type error, once the reference solution is applied. All of
// it runs in temporary copies of the lessons, in one vitest run
// (scripts/lib/exercises.ts, proveExercises); the lesson folders are never
// touched. A check that passes on the starter, or a solution that fails its
// check, fails here and so fails the matrix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { listExercises, proveExercises, type Proof } from '../lib/exercises.ts';
import { listLessons, repoRoot } from '../lib/lessons.ts';

const exercises = listExercises();
const proofs = new Map<string, Proof>();

beforeAll(() => {
  for (const proof of proveExercises(exercises, { maxWorkers: 2 })) proofs.set(proof.exercise.id, proof);
}, 900_000);

test('every lesson page with exercises has them as checked exercises, each linked to its command', () => {
  for (const lesson of listLessons()) {
    let page: string;
    try {
      page = readFileSync(join(repoRoot, 'docs', 'lessons', `${lesson.slug}.md`), 'utf8');
    } catch {
      continue;
    }
    const section = /^## Exercises\n([\s\S]*?)(?=^## )/m.exec(page)?.[1] ?? '';
    const headings = [...section.matchAll(/^### (\d+)\. /gm)].map((match) => Number(match[1]));
    const ours = exercises.filter((exercise) => exercise.lesson.slug === lesson.slug);
    expect(ours.map((exercise) => exercise.number), `docs/exercises/${lesson.slug}/ against the page's headings`).toEqual(headings);
    for (const exercise of ours) {
      expect(section, `${exercise.id}: the page names its command`).toContain(`Check it: \`pnpm exercise ${exercise.id}\``);
      expect(section, `${exercise.id}: the page shows its solution`).toContain(`@/exercises/${lesson.slug}/${exercise.name}/solution/`);
    }
  }
});

test('every exercise has a check and a solution of at least one file', () => {
  expect(exercises.length).toBeGreaterThan(0);
  for (const exercise of exercises) {
    expect(readFileSync(join(exercise.dir, 'check.ts'), 'utf8'), exercise.id).toContain('expectation(');
    expect(exercise.files.length, `${exercise.id}: solution/ holds the lesson files it changes`).toBeGreaterThan(0);
  }
});

test.for(exercises.map((exercise) => [`${exercise.id} ${exercise.title}`, exercise.id] as const))(
  '%s: the check fails on the lesson as it is',
  ([, id]) => {
    const { starter } = proofs.get(id)!;
    expect(starter, 'the check did not run on the starter').toBeDefined();
    expect(starter!.passed, 'the check passes before the exercise is done').toBe(false);
    // Failing because it could not even load proves nothing.
    expect(starter!.error, starter!.error).toBeUndefined();
    for (const expectation of starter!.expectations.filter((e) => !e.passed)) {
      expect(expectation.hint, `${expectation.name}: a failing expectation shows its hint`).toBeTruthy();
    }
  },
);

test.for(exercises.map((exercise) => [`${exercise.id} ${exercise.title}`, exercise.id] as const))(
  '%s: the check passes with the reference solution, which typechecks',
  ([, id]) => {
    const { solution, typeErrors } = proofs.get(id)!;
    const failures = solution?.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.message}`) ?? [];
    expect(solution?.error, solution?.error).toBeUndefined();
    expect(failures).toEqual([]);
    expect(solution?.passed).toBe(true);
    expect(typeErrors).toEqual([]);
  },
);
