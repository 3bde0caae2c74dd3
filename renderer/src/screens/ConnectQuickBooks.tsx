import { useEffect, useId, useState, type CSSProperties, type FormEvent } from 'react';
import type { Company, Environment, EventPayload, IntuitApp } from '../../../preload/contract';
import { api, errorMessage } from '../api';
import { Banner } from '../components/Banner';

type Progress = EventPayload<'connectProgress'>;

const ENVIRONMENTS: { value: Environment; label: string; hint: string }[] = [
  { value: 'production', label: 'QuickBooks Online (production)', hint: 'Your Intuit app’s production keys. Intuit refuses loopback redirect URIs for them: enter your relay page.' },
  { value: 'sandbox', label: 'Intuit sandbox', hint: 'Your Intuit app’s development keys; register http://127.0.0.1 as a redirect URI.' },
  { value: 'local', label: 'Local stand-in', hint: 'The ledgerbridge-sandbox servers on this computer; paste the discovery URL it printed.' },
];

const field: CSSProperties = { display: 'grid', gap: 4, marginBottom: 14, textAlign: 'left' };
const input: CSSProperties = { font: 'inherit', padding: '7px 10px', border: '1px solid var(--line)', borderRadius: 6 };
const card: CSSProperties = {
  background: 'var(--card)', border: '1px solid var(--line)', borderRadius: 10, padding: 24, maxWidth: 560, margin: '0 auto 24px',
};

/** The "Connect QuickBooks" form: Intuit app keys once per environment, then the browser sign-in. */
export function ConnectQuickBooks({
  initialEnvironment = 'production',
  onConnected,
  onClose,
}: {
  initialEnvironment?: Environment;
  onConnected: (company: Company) => void;
  onClose: () => void;
}) {
  const [environment, setEnvironment] = useState<Environment>(initialEnvironment);
  const [apps, setApps] = useState<IntuitApp[]>([]);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [discoveryUrl, setDiscoveryUrl] = useState('');
  const [relayUrl, setRelayUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const id = useId();

  useEffect(() => {
    api().listIntuitApps({}).then(setApps, () => setApps([]));
  }, []);

  const saved = apps.find((a) => a.environment === environment);
  useEffect(() => {
    setClientId(saved?.clientId ?? '');
    setDiscoveryUrl(saved?.discoveryUrl ?? '');
    setRelayUrl(saved?.relayUrl ?? '');
    setClientSecret('');
  }, [saved?.clientId, saved?.discoveryUrl, saved?.relayUrl, environment]);

  useEffect(() => api().on('connectProgress', setProgress), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const company = await api().connectQuickBooks({
        environment,
        ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        ...(environment === 'local' && discoveryUrl.trim() ? { discoveryUrl: discoveryUrl.trim() } : {}),
        ...(environment !== 'local' && relayUrl.trim() ? { relayUrl: relayUrl.trim() } : {}),
      });
      setClientSecret('');
      onConnected(company);
    } catch (e) {
      const field = (e as { field?: unknown }).field;
      setError({ message: errorMessage(e), ...(typeof field === 'string' ? { field } : {}) });
    } finally {
      setBusy(false);
    }
  }

  const hint = ENVIRONMENTS.find((e) => e.value === environment)!.hint;
  const waiting = busy && progress?.phase === 'waiting_for_browser';

  return (
    <section style={card} aria-labelledby="connect-title" data-testid="connect-form">
      <h2 id="connect-title">Connect QuickBooks</h2>
      {error && (
        <Banner kind="error" onDismiss={() => setError(null)}>
          {error.message}
        </Banner>
      )}
      {busy && progress && (
        <Banner kind="info">
          {progress.phase === 'discovering' && 'Contacting Intuit…'}
          {progress.phase === 'waiting_for_browser' && (
            <>
              {progress.browserOpened ? 'Approve the connection in your browser.' : 'Open this link in your browser to approve the connection: '}{' '}
              {progress.authorizeUrl && (
                <a href={progress.authorizeUrl} target="_blank" rel="noreferrer noopener" data-testid="authorize-link">
                  {progress.browserOpened ? 'Open it again' : 'sign in to Intuit'}
                </a>
              )}
            </>
          )}
          {progress.phase === 'exchanging' && 'Finishing the connection…'}
        </Banner>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <div style={field}>
          <label htmlFor={`${id}-env`}>Environment</label>
          <select id={`${id}-env`} style={input} value={environment} disabled={busy} onChange={(e) => setEnvironment(e.target.value as Environment)} name="environment">
            {ENVIRONMENTS.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
          <small className="muted">{hint}</small>
        </div>
        <div style={field}>
          <label htmlFor={`${id}-client`}>Client id</label>
          <input id={`${id}-client`} style={input} name="clientId" value={clientId} disabled={busy} onChange={(e) => setClientId(e.target.value)} autoComplete="off" required aria-invalid={error?.field === 'clientId'} />
        </div>
        <div style={field}>
          <label htmlFor={`${id}-secret`}>Client secret</label>
          <input
            id={`${id}-secret`}
            style={input}
            name="clientSecret"
            type="password"
            value={clientSecret}
            disabled={busy}
            onChange={(e) => setClientSecret(e.target.value)}
            autoComplete="off"
            placeholder={saved?.hasSecret && saved.clientId === clientId.trim() ? 'Saved in the keychain — leave empty to keep it' : ''}
            aria-invalid={error?.field === 'clientSecret'}
          />
          <small className="muted">Kept in your operating system’s keychain, never in a file.</small>
        </div>
        {environment === 'local' ? (
          <div style={field}>
            <label htmlFor={`${id}-discovery`}>Discovery URL</label>
            <input id={`${id}-discovery`} style={input} name="discoveryUrl" value={discoveryUrl} disabled={busy} onChange={(e) => setDiscoveryUrl(e.target.value)} placeholder="http://127.0.0.1:PORT/.well-known/openid_sandbox_configuration" aria-invalid={error?.field === 'discoveryUrl'} />
          </div>
        ) : (
          <div style={field}>
            <label htmlFor={`${id}-relay`}>Relay URL {environment === 'sandbox' && <span className="muted">(optional)</span>}</label>
            <input id={`${id}-relay`} style={input} name="relayUrl" value={relayUrl} disabled={busy} onChange={(e) => setRelayUrl(e.target.value)} placeholder="https://example.com/oauth-relay.html" />
          </div>
        )}
        <div className="actions">
          {waiting ? (
            <button type="button" onClick={() => void api().cancelConnect({})}>
              Stop waiting
            </button>
          ) : (
            <button type="button" onClick={onClose} disabled={busy}>
              Close
            </button>
          )}
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </div>
      </form>
    </section>
  );
}
