import { useState } from 'react';
import { useSession } from '../api/session.tsx';
import { FormError } from '../components/form/FormError.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { TextInput } from '../ui/Field.tsx';

/**
 * Sign-in (no session yet, or it ended: then it says so). Rendered in place of the page, so the
 * URL stays and signing in shows that page. Embedded mode also offers the sandbox's example users.
 */
export function SignInPage() {
  const t = useT();
  const { session, expired, signIn, switchUser } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = (p: Promise<void>) => {
    setBusy(true);
    setError(null);
    p.catch((err: unknown) => setError(err)).finally(() => setBusy(false));
  };
  return (
    <main className="signin" id="main">
      <h1>{t('app.title')}</h1>
      {expired ? <p role="alert">{t('shell.sessionExpired')}</p> : null}
      {session.sandboxUsers?.length ? (
        <ul className="signin-users" aria-label={t('shell.sandboxUsers')}>
          {session.sandboxUsers.map((u) => (
            <li key={u.username}>
              <Button disabled={busy} onClick={() => run(switchUser(u.username))}>
                {t('shell.signInAs', { user: u.username })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run(signIn(token.trim()));
        }}
      >
        <TextInput
          label={t('shell.token')}
          hint={t('shell.signInHint')}
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <FormError error={error} />
        <Button type="submit" variant="primary" loading={busy}>
          {t('shell.signIn')}
        </Button>
      </form>
    </main>
  );
}
