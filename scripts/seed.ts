// `pnpm seed N`: empties lesson N's default database and fills it with the
// same small forum every time, for that lesson's schema. Prints the accounts
// and their passwords.
//
//   pnpm seed 9                                 reset and fill lessons/09-…/forum.db
//   pnpm seed 9 --keep                          add what is missing, keep the rest
//   pnpm seed 9 --database /tmp/x.db --force    another file (refused without --force)
//   DATABASE_URL=postgres://… pnpm seed 13      the lesson's PostgreSQL, for a lesson that has
//                                               a PostgreSQL schema (lesson 13 on)
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listLessons, matchLessons, repoRoot } from './lib/lessons.ts';
import { defaultDatabase, hasPostgresSchema, SeedRefusal, seedLesson } from './lib/seed.ts';

// `pnpm seed 9 | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const usage = 'Usage: pnpm seed <lesson number> [--keep] [--database PATH --force]';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      keep: { type: 'boolean', default: false },
      database: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const [lesson] = matchLessons(listLessons(), positionals[0]!);
if (!lesson || !/^\d+$/.test(positionals[0]!)) {
  console.error(`No lesson numbered "${positionals[0]}". Run \`pnpm lessons\` for the list.\n${usage}`);
  process.exit(2);
}

const show = (path: string) => (relative(repoRoot, path).startsWith('..') ? path : relative(repoRoot, path));

// The lesson's own setting: with DATABASE_URL set, a lesson that has a
// PostgreSQL schema keeps its data there, so that is what `pnpm seed` fills.
// Earlier lessons never read it.
const databaseUrl = hasPostgresSchema(lesson) ? process.env.DATABASE_URL : undefined;

try {
  if (databaseUrl !== undefined && values.database !== undefined) {
    throw new SeedRefusal(
      `Refusing to seed ${values.database}: DATABASE_URL is set, so lesson ${lesson.slug.slice(0, 2)} keeps its data in PostgreSQL, not in a SQLite file. Unset DATABASE_URL to seed a SQLite file.`,
    );
  }
  const fallback = await defaultDatabase(lesson);
  if (values.database !== undefined && fallback !== undefined && resolve(values.database) !== fallback && !values.force) {
    throw new SeedRefusal(
      `Refusing to seed ${values.database}: it is not lesson ${lesson.slug.slice(0, 2)}'s default database (${show(fallback)}), and seeding empties it first. Add --force if you mean it.`,
    );
  }
  const result = await seedLesson(lesson, { keep: values.keep, databasePath: values.database, databaseUrl });
  const number = lesson.slug.slice(0, 2);
  const seeded = result.engine === 'postgres' ? `PostgreSQL at ${result.database}` : show(result.database);
  console.log(`Seeded ${seeded} for lesson ${number} (${lesson.title})${values.keep ? ', keeping what it held' : ''}.`);
  console.log(`Tables: ${result.tables.join(', ')}\n`);
  const rows = result.accounts.map((account) => [
    account.username,
    account.email,
    account.loginable ? account.password : '(this lesson has no passwords)',
    account.status === undefined ? '-' : `${account.status} ${account.role}`,
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length), 8));
  const line = (row: string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  console.log(line(['username', 'email', 'password', 'status and role']));
  for (const row of rows) console.log(line(row));
  if (result.posts > 0) console.log(`\n${result.posts} posts with ${result.replies} replies.`);
  if (result.engine === 'postgres' && !values.keep) {
    // SQLite's seed empties the sessions table; PostgreSQL holds no sessions.
    console.log('Sessions are not in PostgreSQL, so the seed logged nobody out: log out in any browser that was logged in before.');
  }
  if (result.accounts[0]!.loginable) {
    const ada = result.accounts.find((account) => account.username === 'ada')!;
    const start = result.engine === 'postgres' ? ` with the same DATABASE_URL (pnpm dev ${Number(number)})` : ` (pnpm dev ${Number(number)})`;
    console.log(`\nStart the lesson${start} and log in, e.g.:`);
    console.log(
      `  curl -i -c cookies.txt -H 'Content-Type: application/json' -d '{"email":"${ada.email}","password":"${ada.password}"}' http://localhost:3000/api/v1/auth/login`,
    );
  }
} catch (error) {
  if (error instanceof SeedRefusal) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
