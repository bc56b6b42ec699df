// Checked by test/register-types.test.ts with its own tsc run: the
// augmentation below would otherwise apply to every lesson in the workspace.
import express from 'express';
import { requireApproved, requireUser } from '@forum-lessons/middleware';

interface ForumUser {
  id: number;
  email: string;
  status: 'pending' | 'approved';
  role: 'member' | 'admin';
}

declare module '@forum-lessons/middleware' {
  interface Register {
    user: ForumUser;
  }
}

const users = new Map<number, ForumUser>();
const app = express();

app.get(
  '/me',
  requireUser({ loadUser: (id) => users.get(Number(id)) }),
  requireApproved(),
  (req, res) => {
    const user = req.user!;
    const email: string = user.email;
    const id: number = user.id;
    // @ts-expect-error: status is narrowed to the app's union
    const unknownStatus: typeof user.status = 'banned';
    res.json({ email, id, unknownStatus });
  },
);

// @ts-expect-error: loadUser must return the registered user type
requireUser({ loadUser: () => ({ id: 'x', status: 'approved', role: 'admin' }) });
