// The views for someone who cannot read posts yet: nobody logged in (log in
// or create an account), or an account an admin has not approved.
import { api, type User } from './api.js';
import { announce, field, h, onSubmit, showProblem, valueOf } from './dom.js';
import type { View } from './view.js';

// #region sign-in
/** Log in, or create an account. `signedIn` gets the user the API answered. */
export function signInView(signedIn: (user: User, message: string) => void): View {
  // aria-labelledby names each form after its heading, which also gives it
  // the `form` role: a screen reader can list and jump to both forms.
  const login = h(
    'form',
    { class: 'card', 'aria-labelledby': 'login-heading' },
    h('h2', { id: 'login-heading' }, 'Log in'),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email' }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Log in'),
  );
  onSubmit(login, async () => {
    const user = await api.login({ email: valueOf(login, 'email'), password: valueOf(login, 'password') });
    signedIn(user, `You are logged in as ${user.username}.`);
  });

  const register = h(
    'form',
    { class: 'card', 'aria-labelledby': 'register-heading' },
    h('h2', { id: 'register-heading' }, 'Create an account'),
    field({ label: 'Username', name: 'username', autocomplete: 'username', hint: '3 to 30 letters, digits or underscores.' }),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email' }),
    field({
      label: 'Password',
      name: 'password',
      type: 'password',
      autocomplete: 'new-password',
      hint: 'At least 8 characters. A few unrelated words make a strong password.',
    }),
    h('button', { type: 'submit' }, 'Create account'),
  );
  onSubmit(register, async () => {
    const account = { username: valueOf(register, 'username'), email: valueOf(register, 'email'), password: valueOf(register, 'password') };
    await api.register(account);
    // Registering does not log in (the API answers the new account, and no
    // session): the page logs in with the same email and password.
    const user = await api.login({ email: account.email, password: account.password });
    signedIn(user, `Your account ${user.username} was created and you are logged in.`);
  });

  return {
    title: 'Welcome',
    element: h(
      'section',
      { class: 'view' },
      h('h1', {}, 'Welcome to the forum'),
      h('p', { class: 'lead' }, 'Log in to read and write posts. New here? Create an account; an admin approves new members.'),
      h('div', { class: 'columns' }, login, register),
    ),
  };
}
// #endregion sign-in

// #region waiting
/**
 * A logged-in account that is still pending: the API answers 403 to every
 * posts request, so the page explains why instead of showing an error.
 * `checkAgain` asks the API for the account's status.
 */
export function waitingView(user: User, checkAgain: () => Promise<User>): View {
  const button = h('button', { type: 'button' }, 'Check again');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const fresh = await checkAgain();
      if (fresh.status === 'pending') announce('Your account is still waiting for approval.');
    } catch (error) {
      showProblem(error);
    } finally {
      button.disabled = false;
    }
  });
  return {
    title: 'Waiting for approval',
    element: h(
      'section',
      { class: 'view card narrow' },
      h('h1', {}, 'Waiting for approval'),
      h('p', {}, 'Thank you for joining, ', h('strong', {}, user.username), '. An admin has to approve your account before you can read and write posts.'),
      h('p', {}, 'Once an admin has approved it, check again or reload the page.'),
      button,
    ),
  };
}
// #endregion waiting
