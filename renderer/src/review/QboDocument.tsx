import { Fragment, type ReactNode } from 'react';
import type { QboDocView, QboLineView } from '../../../preload/review-views';
import { MoneyError, parseDecimal } from '../../../preload/money';
import { formatDate, formatMoney } from '../format';

/** "SalesReceipt:120" as a bookkeeper reads it: "Sales Receipt 120". */
export function docLabel(key: string): string {
  const [type, id] = key.split(':');
  return `${(type ?? '').replace(/([a-z])([A-Z])/g, '$1 $2')} ${id ?? ''}`;
}

/** QBO may keep more decimals than the currency has; those are shown as QBO sent them rather than rounded. */
function unitPrice(text: string | null, currency: string): string {
  if (text === null) return '';
  try {
    return formatMoney(parseDecimal(text, currency), currency);
  } catch (error) {
    if (error instanceof MoneyError) return text;
    throw error;
  }
}

function LineRow({ line, currency }: { line: QboLineView; currency: string }) {
  // A discount line has no item; its description ("Discount code SAVE5") usually says what it is.
  const name = line.kind === 'discount' ? (/discount/i.test(line.description ?? '') ? line.description! : 'Discount') : (line.item ?? line.description ?? '—');
  // The description often repeats the item's name; it is worth showing only when it says more.
  const note = line.description && line.description !== name ? line.description : null;
  return (
    <tr>
      <td>
        {name}
        {note && <span className="muted"> · {note}</span>}
      </td>
      <td className="num">{line.qty ?? ''}</td>
      <td className="num">{unitPrice(line.unitPrice, currency)}</td>
      {/* QBO keeps a discount's amount positive and subtracts it; the sign shows that, as the store table does. */}
      <td className="num">{line.kind === 'discount' ? `−${formatMoney(line.amount, currency)}` : formatMoney(line.amount, currency)}</td>
    </tr>
  );
}

/**
 * One QBO document laid out like the store order below it, so the two compare line by line.
 * `children` go at the end of the header line (the link's labels and actions).
 */
export function QboDocument({ doc, children }: { doc: QboDocView; children?: ReactNode }) {
  const money = (minor: number) => formatMoney(minor, doc.currency);
  const facts: Array<[className: string, text: string]> = [];
  if (doc.docNumber) facts.push(['muted', doc.docNumber.startsWith('#') ? doc.docNumber : `#${doc.docNumber}`]);
  const customer = doc.customer ?? (doc.customerId === null ? 'no customer' : `customer ${doc.customerId} (not in the local copy)`);
  facts.push(['muted', formatDate(doc.txnDate)], ['muted', customer]);
  if (doc.voided) facts.push(['flag void', 'voided']);
  else if (doc.balance !== null && doc.balance !== 0) facts.push(['flag open', `balance ${money(doc.balance)} open`]);
  return (
    <div className="qbo-doc" role="group" aria-label={docLabel(doc.key)}>
      {/* Each fact stays whole ("Hazel Torres", not "Hazel" / "Torres"); the line breaks between them. */}
      <p className="doc-head">
        <span className="doc-name fact">{docLabel(doc.key)}</span>
        {facts.map(([className, text]) => (
          <Fragment key={text}>
            <span className="muted"> · </span>
            <span className={`fact ${className}`}>{text}</span>
          </Fragment>
        ))}
        {children && <span className="fact">{children}</span>}
      </p>
      <table className="lines-table">
        {doc.type !== 'Payment' && (
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
        )}
        <tbody>
          {doc.lines.map((l, i) => (
            <LineRow key={i} line={l} currency={doc.currency} />
          ))}
          {doc.type === 'Payment' ? (
            <tr>
              <td colSpan={4}>Applied to {doc.appliedTo.length > 0 ? doc.appliedTo.map(docLabel).join(', ') : 'no document (unapplied)'}</td>
            </tr>
          ) : (
            <tr>
              <td colSpan={3}>Tax</td>
              <td className="num">{money(doc.totalTax)}</td>
            </tr>
          )}
          <tr className="total-row">
            <td colSpan={3}>Total</td>
            <td className="num">{money(doc.total)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
