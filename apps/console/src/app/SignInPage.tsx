import { useState } from 'react';
import { useSession } from '../api/session.tsx';
import { FormError } from '../components/form/FormError.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { TextInput } from '../ui/Field.tsx';

/** Token sign-in (when the BFF runs in token mode and there is no session yet). */
export function SignInPage() {
  const t = useT();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="signin" id="main">
      <h1>{t('app.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          signIn(token.trim())
            .catch((err: unknown) => setError(err))
            .finally(() => setBusy(false));
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
