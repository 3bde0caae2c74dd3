import { useEffect, useState } from 'react';
import { api } from './api';
import { useCall } from './hooks/useCall';
import { CompanyScreen } from './review/CompanyScreen';
import { CompanyList } from './screens/CompanyList';

export function App() {
  const [info] = useCall(() => api().getAppInfo({}));
  const [companies, reloadCompanies] = useCall(() => api().listCompanies({}));

  const [openRealm, setOpenRealm] = useState<string | null>(null);
  const open = companies.state === 'ready' ? companies.value.find((c) => c.realmId === openRealm) : undefined;

  useEffect(() => api().on('companiesChanged', reloadCompanies), [reloadCompanies]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">⇄</span>
          <span className="brand-name">Ledgerbridge</span>
        </div>
        <span className="header-note">Store orders ⇄ QuickBooks Online</span>
      </header>
      <main className="app-main">
        {open ? (
          <CompanyScreen company={open} onBack={() => setOpenRealm(null)} />
        ) : (
          <CompanyList companies={companies} onChanged={reloadCompanies} onOpen={setOpenRealm} />
        )}
      </main>
      <footer className="app-footer">
        {info.state === 'ready' && (
          <>
            <span>Version {info.value.version}</span>
            <span>{info.value.mode === 'browser' ? 'Browser mode' : 'Desktop app'}</span>
            <span title="Settings and company files live here">Data folder: {info.value.dataDir}</span>
          </>
        )}
      </footer>
    </div>
  );
}
