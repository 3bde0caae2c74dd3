import { useState } from 'react';
import type { OrderDetailView } from '../../../preload/review-views';
import { Breakable } from '../components/Breakable';
import { formatDate, formatInstant, formatMoney } from '../format';
import type { Decision } from './CompanyScreen';
import { docLabel, QboDocument } from './QboDocument';
import { StatusBadge } from './StatusBadge';

type Decide = (decision: Decision) => void;

const METHOD_LABEL: Record<string, string> = {
  stamp: 'Ledgerbridge stamp',
  manual: 'linked by hand',
  confirmed: 'confirmed match',
  docnumber: 'same document number',
  fuzzy: 'automatic match',
};

// The verdict names documents as of the last reconcile; a sync since may have removed one.
const NOT_IN_MIRROR = 'Not in the local copy of QuickBooks any more: sync to see what changed.';

type Link = OrderDetailView['result']['docs'][number];

/** A linked document with how it was linked, laid out line by line when the mirror holds it. */
function LinkedDoc({ link, doc, busy, onDecide }: { link: Link; doc: OrderDetailView['qbo'][number] | undefined; busy: boolean; onDecide: Decide }) {
  const labels = (
    <>
      {' '}
      <span className="muted">({link.role}, {METHOD_LABEL[link.method] ?? link.method})</span>
      {/* A document gone from the mirror cannot be unlinked (decisions check it exists): the next sync settles it. */}
      {link.role === 'sale' && doc && (
        <button className="link" disabled={busy} onClick={() => onDecide({ kind: 'reject', docKey: link.key })}>
          Unlink
        </button>
      )}
    </>
  );
  if (doc) return <QboDocument doc={doc}>{labels}</QboDocument>;
  return (
    <p className="doc-head">
      <span className="doc-name">{docLabel(link.key)}</span>
      {labels}
      <br />
      <span className="muted">{NOT_IN_MIRROR}</span>
    </p>
  );
}

/** One order, both sides side by side, what differs and why it was matched. */
export function OrderDetail({ detail, busy, onDecide }: { detail: OrderDetailView; busy: boolean; onDecide: Decide }) {
  const { result, store } = detail;
  const [reason, setReason] = useState('');
  const saleDoc = result.docs.find((d) => d.role === 'sale');
  const diffs = result.diffs;
  return (
    <aside className="order-detail" aria-label={`Order ${result.number}`}>
      <div className="detail-head">
        <h2>
          Order <span className="mono">{result.number}</span>
        </h2>
        <StatusBadge status={result.status} />
      </div>
      <p className="explanation-block">{result.explanation}</p>

      {result.match && (
        <section>
          <h3>Match</h3>
          <p>
            {METHOD_LABEL[result.match.method] ?? result.match.method}
            {result.match.score !== null && ` · score ${Math.round(result.match.score * 100)}%`}
          </p>
          {result.match.reasons.length > 0 && (
            <ul className="reasons">
              {result.match.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {result.suggestion && (
        <section className="suggestion">
          <h3>Suggested: {docLabel(result.suggestion.docKey)}</h3>
          <p className="muted">Score {Math.round(result.suggestion.score * 100)}%</p>
          <ul className="reasons">
            {result.suggestion.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {detail.suggested ? (
            <>
              <QboDocument doc={detail.suggested} />
              <div className="actions left">
                <button className="primary" disabled={busy} onClick={() => onDecide({ kind: 'confirm', docKey: result.suggestion!.docKey })}>
                  Confirm match
                </button>
                <button disabled={busy} onClick={() => onDecide({ kind: 'reject', docKey: result.suggestion!.docKey })}>
                  Not this order
                </button>
              </div>
            </>
          ) : (
            <p className="muted">{NOT_IN_MIRROR}</p>
          )}
        </section>
      )}

      {diffs.length > 0 && (
        <section>
          <h3>Differences</h3>
          <table className="diff-table">
            <thead>
              <tr>
                <th>Field</th>
                <th>Store</th>
                <th>QuickBooks</th>
                <th>Rule</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={`${d.field}:${d.detail}`} className={d.accepted ? 'accepted' : d.differs ? 'differs' : 'tolerated'}>
                  <td>
                    {d.field}
                    {d.detail && <span className="muted"> · {d.detail}</span>}
                  </td>
                  <td className="mono value">
                    <Breakable text={d.store} />
                  </td>
                  <td className="mono value">
                    <Breakable text={d.qbo} />
                  </td>
                  <td className="muted rule">{d.rule}</td>
                  <td>
                    {d.accepted ? (
                      <span className="muted">accepted</span>
                    ) : d.differs && saleDoc ? (
                      <button className="link" disabled={busy} onClick={() => onDecide({ kind: 'accept', docKey: saleDoc.key, field: d.detail ? `${d.field}:${d.detail}` : d.field })}>
                        Keep QuickBooks
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {detail.proposal && detail.proposal.kind !== 'none' && (
        <section className="proposal" aria-label="Proposal">
          <h3>Proposal</h3>
          <p>{detail.proposal.summary}</p>
          {detail.proposal.missing.length > 0 && (
            <ul className="missing">
              {detail.proposal.missing.map((m) => (
                <li key={m.setting}>
                  Set <span className="mono">{m.setting}</span>: {m.why}
                </li>
              ))}
            </ul>
          )}
          {detail.proposal.writes.length > 0 && (
            <ol className="writes">
              {detail.proposal.writes.map((w) => (
                <li key={w.step}>
                  <details>
                    <summary>
                      {w.operation} {w.entity} <span className="muted">· {w.why}</span>
                    </summary>
                    <pre>{JSON.stringify(w.payload, null, 2)}</pre>
                  </details>
                </li>
              ))}
            </ol>
          )}
          <p className="muted small">Nothing is sent to QuickBooks from this view.</p>
        </section>
      )}

      <section aria-label="QuickBooks">
        <h3>QuickBooks</h3>
        {result.docs.length === 0 ? (
          <p className="muted">No linked document.</p>
        ) : (
          result.docs.map((d) => <LinkedDoc key={d.key} link={d} doc={detail.qbo.find((q) => q.key === d.key)} busy={busy} onDecide={onDecide} />)
        )}
      </section>

      {store && (
        <section>
          <h3>Store</h3>
          <p className="muted">
            {formatInstant(store.createdAt)} · {store.customer.name ?? 'guest'}
            {store.customer.email && ` · ${store.customer.email}`} · {store.financialStatus.replace('_', ' ')}
            {store.cancelledAt && ` · cancelled ${formatDate(store.cancelledAt)}`}
          </p>
          <table className="lines-table">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Item</th>
                <th className="num">Qty</th>
                <th className="num">Price</th>
                <th className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {store.lines.map((l, i) => (
                <tr key={i}>
                  <td className="mono">{l.sku ?? '—'}</td>
                  <td>{l.title}</td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">{formatMoney(l.unitPrice, store.currency)}</td>
                  <td className="num">{formatMoney(l.total, store.currency)}</td>
                </tr>
              ))}
              {store.shippingLines.map((s, i) => (
                <tr key={`s${i}`}>
                  <td />
                  <td>Shipping{s.title ? ` · ${s.title}` : ''}</td>
                  <td />
                  <td />
                  <td className="num">{formatMoney(s.amount, store.currency)}</td>
                </tr>
              ))}
              {store.discounts.map((d, i) => (
                <tr key={`d${i}`}>
                  <td />
                  <td>Discount{d.code ? ` · ${d.code}` : ''}</td>
                  <td />
                  <td />
                  <td className="num">−{formatMoney(d.amount, store.currency)}</td>
                </tr>
              ))}
              <tr>
                <td />
                <td>Tax</td>
                <td />
                <td />
                <td className="num">{formatMoney(store.totalTax, store.currency)}</td>
              </tr>
              <tr className="total-row">
                <td />
                <td>Total</td>
                <td />
                <td />
                <td className="num">{formatMoney(store.total, store.currency)}</td>
              </tr>
              {store.refunds.map((r, i) => (
                <tr key={`r${i}`} className="refund-row">
                  <td />
                  <td>Refund{r.createdAt ? ` · ${formatDate(r.createdAt)}` : ''}</td>
                  <td />
                  <td />
                  <td className="num">−{formatMoney(r.amount, store.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section>
        <h3>Decision</h3>
        {result.status === 'ignored' ? (
          <p>
            Ignored: {result.ignoredReason}{' '}
            <button className="link" disabled={busy} onClick={() => onDecide({ kind: 'unignore' })}>
              Stop ignoring
            </button>
          </p>
        ) : (
          <form
            className="ignore-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) onDecide({ kind: 'ignore', reason });
            }}
          >
            <input aria-label="Reason to ignore" placeholder="Reason, e.g. test order" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" disabled={busy || reason.trim() === ''}>
              Ignore order
            </button>
          </form>
        )}
      </section>
    </aside>
  );
}
