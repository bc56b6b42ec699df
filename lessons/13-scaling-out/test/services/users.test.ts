import { expect, test } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.ts';
import { createUsersService } from '../../src/services/users.ts';
import { memoryRepositories } from '../fakes.ts';

async function makeUsers(count: number) {
  const { users } = memoryRepositories();
  for (let i = 1; i <= count; i++) {
    await users.create({ username: `user${i}`, email: `user${i}@example.com`, passwordHash: 'x', status: 'pending', role: 'member', createdAt: 'now' });
  }
  return createUsersService({ users });
}

test('list() pages the users of one status in id order, with the total of that status', async () => {
  const users = await makeUsers(5);
  await users.approve(2);

  expect(await users.list({ status: 'pending', limit: 2, offset: 1 })).toEqual({
    users: [expect.objectContaining({ id: 3 }), expect.objectContaining({ id: 4 })],
    total: 4,
    limit: 2,
    offset: 1,
  });
  expect((await users.list({ limit: 20, offset: 0 })).total).toBe(5);
});

test('approve() approves once and answers the same when asked again', async () => {
  const users = await makeUsers(1);

  const first = await users.approve(1);

  expect(first).toMatchObject({ id: 1, status: 'approved', role: 'member' });
  expect(await users.approve(1)).toEqual(first);
});

test('get() and approve() of a user who does not exist throw a NotFoundError', async () => {
  const users = await makeUsers(1);

  await expect(users.get(2)).rejects.toThrow(new NotFoundError('User not found'));
  await expect(users.approve(2)).rejects.toThrow(new NotFoundError('User not found'));
});
