import { useState } from 'react';
import type { Company } from '../../../preload/contract';
import { api, errorMessage } from '../api';
import { Banner } from '../components/Banner';
import type { Loadable } from '../hooks/useCall';
import { ConnectQuickBooks } from './ConnectQuickBooks';

const ENVIRONMENT_LABEL: Record<Company['environment'], string> = {
  production: 'QuickBooks Online',
  sandbox: 'Intuit sandbox',
  local: 'Local demo',
};

const CONNECTION_LABEL: Record<Company['connection'], string> = {
  connected: 'Connected',
  reconnect_needed: 'Reconnect needed',
  disconnected: 'Disconnected',
};

export function CompanyList({ companies, onChanged, onOpen }: { companies: Loadable<Company[]>; onChanged: () => void; onOpen: (realmId: string) => void }) {
  const [busy, setBusy] = useState<null | 'demo' | string>(null);
  const [error, setError] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<Company['environment'] | null>(null);

  async function run(kind: 'demo') {
    setBusy(kind);
    setError(null);
    try {
      const company = await api().openDemoCompany({});
      onChanged();
      onOpen(company.realmId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function disconnect(company: Company) {
    setBusy(company.realmId);
    setError(null);
    try {
      await api().disconnectCompany({ realmId: company.realmId });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const needReconnect = companies.state === 'ready' ? companies.value.filter((c) => c.connection === 'reconnect_needed') : [];

  const actions = (
    <div className="actions">
      <button className="primary" disabled={busy !== null || connecting !== null} onClick={() => setConnecting('production')}>
        Connect QuickBooks
      </button>
      <button disabled={busy !== null} onClick={() => void run('demo')}>
        {busy === 'demo' ? 'Opening…' : 'Open the demo company'}
      </button>
    </div>
  );

  return (
    <section className="companies" aria-labelledby="companies-title">
      <div className="section-head">
        <h1 id="companies-title">Companies</h1>
        {companies.state === 'ready' && companies.value.length > 0 && actions}
      </div>
      {error && <Banner kind="error" onDismiss={() => setError(null)}>{error}</Banner>}
      {needReconnect.map((c) => (
        <Banner kind="error" key={`reconnect-${c.realmId}`}>
          QuickBooks no longer accepts Ledgerbridge’s connection to {c.name}. Reconnect it to sync and post again; its
          local data is kept.{' '}
          <button className="link" onClick={() => setConnecting(c.environment)}>
            Reconnect
          </button>
        </Banner>
      ))}
      {connecting !== null && (
        <ConnectQuickBooks
          initialEnvironment={connecting}
          onConnected={() => {
            setConnecting(null);
            onChanged();
          }}
          onClose={() => setConnecting(null)}
        />
      )}
      {companies.state === 'loading' && <p className="muted">Loading companies…</p>}
      {companies.state === 'failed' && <Banner kind="error">{companies.message}</Banner>}
      {companies.state === 'ready' && companies.value.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          <h2>No companies yet</h2>
          <p>
            Connect a client’s QuickBooks Online company to compare its books with the store’s orders, order by
            order. Or open the demo company to see how review works with sample data.
          </p>
          {actions}
        </div>
      )}
      {companies.state === 'ready' && companies.value.length > 0 && (
        <table className="company-table">
          <thead>
            <tr>
              <th>Company</th>
              <th>Realm</th>
              <th>Environment</th>
              <th>Connection</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {companies.value.map((c) => (
              <tr key={c.realmId}>
                <td>
                  <button className="link strong" onClick={() => onOpen(c.realmId)}>
                    {c.name}
                  </button>
                </td>
                <td className="mono">{c.realmId}</td>
                <td>{ENVIRONMENT_LABEL[c.environment]}</td>
                <td className={`connection ${c.connection}`}>{CONNECTION_LABEL[c.connection]}</td>
                <td>
                  {c.connection === 'connected' ? (
                    <button className="link" disabled={busy !== null} onClick={() => void disconnect(c)}>
                      {busy === c.realmId ? 'Disconnecting…' : 'Disconnect'}
                    </button>
                  ) : (
                    <button className="link" disabled={connecting !== null} onClick={() => setConnecting(c.environment)}>
                      Reconnect
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
