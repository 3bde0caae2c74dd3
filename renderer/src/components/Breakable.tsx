import { Fragment } from 'react';

/**
 * Text that may wrap after the punctuation of emails, dates and paths (`@`, `.`, `-`, `/`, `_`)
 * instead of at any letter: in a narrow column "levi.rivera2@" / "example.org" reads, where
 * "levi.ri" / "vera2@ex" does not. Never inside an amount: "33.00" stays whole.
 */
export function Breakable({ text }: { text: string | number | null }) {
  if (text === null) return <>—</>;
  const parts = String(text).split(/(?<=[@/_]|[.-](?!\d))/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
