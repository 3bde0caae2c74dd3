import type { ReactNode } from 'react';

export function Banner({ kind, children, onDismiss }: { kind: 'error' | 'info'; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`banner ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span>{children}</span>
      {onDismiss && (
        <button className="link" onClick={onDismiss} aria-label="Dismiss">
          Dismiss
        </button>
      )}
    </div>
  );
}
