import { useEffect } from 'react';
import { api } from './api';
import { useCall } from './hooks/useCall';
import { CompanyList } from './screens/CompanyList';

export function App() {
  const [info] = useCall(() => api().getAppInfo({}));
  const [companies, reloadCompanies] = useCall(() => api().listCompanies({}));

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
        <CompanyList companies={companies} onChanged={reloadCompanies} />
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
