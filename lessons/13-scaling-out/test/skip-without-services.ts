// For the run of lesson 11's API tests on PostgreSQL + Redis: those files
// are lesson 11's, unchanged, so they cannot skip themselves. Without the
// servers (outside CI), every test in them is reported as skipped.
import { beforeEach } from 'vitest';
import { servicesUp } from './services.ts';

beforeEach((context) => {
  if (!servicesUp) context.skip();
});
