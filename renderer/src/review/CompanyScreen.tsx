import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallRequest, Company } from '../../../preload/contract';
import type { OrderDetailView, OrderListPage, ReconciliationStatus, ReviewSummary } from '../../../preload/review-views';
import { api, errorMessage } from '../api';
import { Banner } from '../components/Banner';
import { formatInstant, parseMoneyInput } from '../format';
import { OrderDetail } from './OrderDetail';
import { ListFilters, NO_FILTERS, type ListFilterValues } from './ListFilters';
import { OrderTable, type Sort } from './OrderTable';
import { SummaryTiles } from './SummaryTiles';

const PAGE_SIZE = 50;

export type Decision = CallRequest<'decideOrder'>['decision'];
type SyncResult = Awaited<ReturnType<ReturnType<typeof api>['syncCompany']>>;

/** The currency most of the company's amounts are in (amount filters are typed in it). */
function mainCurrency(summary: ReviewSummary | null): string {
  const seen = new Map<string, number>();
  for (const s of summary?.statuses ?? []) for (const a of s.amounts) seen.set(a.currency, (seen.get(a.currency) ?? 0) + s.count);
  return [...seen].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
}

/** One company's review: what disagrees, order by order, read from the local mirror. */
export function CompanyScreen({ company, onBack }: { company: Company; onBack: () => void }) {
  const realmId = company.realmId;
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  const currency = mainCurrency(summary);
  const [page, setPage] = useState<OrderListPage | null>(null);
  const [status, setStatus] = useState<ReconciliationStatus | null>(null);
  const [filters, setFilters] = useState<ListFilterValues>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'date', descending: true });
  const [pageNo, setPageNo] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<OrderDetailView | null>(null);
  const [busy, setBusy] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState<string | null>(null);
  const [lastSync, setLastSync] = useState<SyncResult | null>(null);
  // Progress is shown for the sync this screen started; events of other pulls (the demo's first
  // pull, the background schedule) may still arrive and must not leave a stale "Syncing…".
  const syncRunning = useRef(false);

  useEffect(
    () =>
      api().on('syncProgress', (e) => {
        if (e.realmId === realmId && syncRunning.current) setSyncing(`${e.source === 'qbo' ? 'QuickBooks' : e.source} · ${e.entity}: ${e.done}${e.total !== null ? ` of ${e.total}` : ''}`);
      }),
    [realmId],
  );

  async function syncNow() {
    setBusy(true);
    setError(null);
    setSyncing('Starting…');
    syncRunning.current = true;
    try {
      const result = await api().syncCompany({ realmId });
      setLastSync(result);
      setSummary(result.summary);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      syncRunning.current = false;
      setSyncing(null);
      setBusy(false);
    }
  }

  // Each keystroke in the search box asks again; only the newest answer may fill the list.
  const listRequest = useRef(0);
  const loadList = useCallback(async () => {
    const { text, from, to } = filters;
    // Amounts are minor units of one currency, so they ask for orders in that currency only.
    const minTotal = parseMoneyInput(filters.minTotal, currency);
    const maxTotal = parseMoneyInput(filters.maxTotal, currency);
    const amounts = { ...(Number.isInteger(minTotal) ? { minTotal: minTotal! } : {}), ...(Number.isInteger(maxTotal) ? { maxTotal: maxTotal! } : {}) };
    const query = {
      realmId, page: pageNo, pageSize: PAGE_SIZE, sort: sort.key, descending: sort.descending,
      ...(status ? { status: [status] } : {}), ...(text.trim() ? { text: text.trim() } : {}),
      ...(from ? { from } : {}), ...(to ? { to } : {}), ...amounts, ...(Object.keys(amounts).length > 0 ? { currency } : {}),
    };
    const asked = ++listRequest.current;
    const answer = await api().listReviewOrders(query);
    if (asked === listRequest.current) setPage(answer);
  }, [realmId, pageNo, status, filters, sort, currency]);

  const reconcile = useCallback(async () => {
    setBusy(true);
    setReconciling(true);
    setError(null);
    try {
      // A new summary reloads the list (the effect below).
      setSummary(await api().reconcileCompany({ realmId }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setReconciling(false);
    }
  }, [realmId]);

  // On opening: the last stored verdicts at once (offline review), then a reconcile from the mirror
  // brings them up to date — seconds for a large company the first time after the app starts.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const stored = await api().getReviewSummary({ realmId });
        if (live && stored.computedAt) setSummary(stored);
      } catch {
        // Nothing stored to show yet: the reconcile below says what went wrong, if anything.
      }
      if (live) await reconcile();
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [realmId]);

  useEffect(() => {
    if (summary) loadList().catch((e: unknown) => setError(errorMessage(e)));
  }, [summary, loadList]);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    let live = true;
    api()
      .getOrderDetail({ realmId, orderKey: selected })
      .then((d) => live && setDetail(d), (e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [realmId, selected]);

  async function decide(decision: Decision) {
    if (!selected) return;
    setBusy(true);
    setError(null);
    try {
      await api().decideOrder({ realmId, orderKey: selected, decision });
      setSummary(await api().getReviewSummary({ realmId }));
      setDetail(await api().getOrderDetail({ realmId, orderKey: selected }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="company-screen" aria-labelledby="company-title">
      <div className="section-head">
        <div>
          <button className="link back" onClick={onBack}>
            ← Companies
          </button>
          <h1 id="company-title">{company.name}</h1>
          <p className="muted small">
            Realm {realmId}
            {summary?.computedAt && ` · reconciled ${formatInstant(summary.computedAt)}`}
            {reconciling && summary && ' · bringing it up to date…'}
            {summary && ` · ${summary.qboSide.orphans} orphan document${summary.qboSide.orphans === 1 ? '' : 's'} in QuickBooks`}
          </p>
        </div>
        <div className="actions">
          <button className="primary" onClick={() => void syncNow()} disabled={busy}>
            {syncing !== null ? 'Syncing…' : 'Sync now'}
          </button>
          <button onClick={() => void reconcile()} disabled={busy}>
            Reconcile again
          </button>
        </div>
      </div>
      {syncing !== null && (
        <Banner kind="info">
          <span role="status">Syncing — {syncing}</span>
        </Banner>
      )}
      {syncing === null && lastSync && (
        <Banner kind={lastSync.qbo.status === 'synced' && lastSync.stores.every((s) => s.status === 'synced') ? 'info' : 'error'} onDismiss={() => setLastSync(null)}>
          <span data-testid="sync-result">
            QuickBooks: {lastSync.qbo.status === 'synced' ? `${lastSync.qbo.mode} pull, ${lastSync.qbo.requests} requests in ${lastSync.qbo.seconds.toFixed(1)} s` : lastSync.qbo.error}
            {lastSync.stores.map((s) => (
              <span key={s.name}>
                {' · '}
                {s.name}: {s.status === 'synced' ? `${s.added} new, ${s.updated} changed` : s.error}
                {s.warnings.map((w) => ` (${w})`)}
              </span>
            ))}
          </span>
        </Banner>
      )}
      {error && (
        <Banner kind="error" onDismiss={() => setError(null)}>
          {error}
        </Banner>
      )}
      {summary && (
        <SummaryTiles
          summary={summary}
          selected={status}
          onSelect={(s) => {
            setStatus(s);
            setPageNo(0);
          }}
        />
      )}
      <ListFilters
        value={filters}
        currency={currency}
        onChange={(next) => {
          setFilters(next);
          setPageNo(0);
        }}
      />
      <div className={`review-body${detail ? ' with-detail' : ''}`}>
        {page ? <OrderTable
            page={page}
            selectedKey={selected}
            sort={sort}
            onSelect={setSelected}
            onPage={setPageNo}
            onSort={(next) => {
              setSort(next);
              setPageNo(0);
            }}
          /> : <p className="muted">Reconciling…</p>}
        {detail && <OrderDetail key={detail.result.key} detail={detail} busy={busy} onDecide={(d) => void decide(d)} />}
      </div>
    </section>
  );
}
