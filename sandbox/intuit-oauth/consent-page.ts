/** The visible consent page: "Connect <app> to <company>" with Connect / Cancel. */
import { escapeHtml } from '../common/http';
import { OAUTH_PATHS } from './paths';
import type { Company } from './store';

export function consentPage(input: { appName: string; companies: Company[]; pendingId: string; scope: string }): string {
  const [first] = input.companies;
  const single = input.companies.length === 1 && first;
  const target = single ? escapeHtml(first.name) : 'your company';
  const companyField = single
    ? `<input type="hidden" name="realmId" value="${escapeHtml(first.realmId)}">`
    : `<fieldset><legend>Company</legend>${input.companies
        .map(
          (c, i) =>
            `<label><input type="radio" name="realmId" value="${escapeHtml(c.realmId)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(c.name)}</label>`,
        )
        .join('<br>')}</fieldset>`;
  const scopes = input.scope
    .split(' ')
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Connect ${escapeHtml(input.appName)} to ${target}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
.sandbox{background:#fff4d6;border:1px solid #e0b84c;padding:.5rem .75rem;border-radius:4px;font-size:.9rem}
button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem;border-radius:4px;cursor:pointer}
button[value=connect]{background:#2ca01c;color:#fff;border:1px solid #2ca01c}
button[value=cancel]{background:#fff;border:1px solid #888}
</style>
</head>
<body>
<p class="sandbox">Ledgerbridge local sandbox — stand-in for Intuit's consent screen.</p>
<h1>Connect ${escapeHtml(input.appName)} to ${target}</h1>
<p>${escapeHtml(input.appName)} is asking for access to:</p>
<ul>${scopes}</ul>
<form method="post" action="${OAUTH_PATHS.consent}">
<input type="hidden" name="request" value="${escapeHtml(input.pendingId)}">
${companyField}
<p>
<button type="submit" name="decision" value="connect" id="connect">Connect</button>
<button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
</p>
</form>
</body>
</html>
`;
}

export function errorPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}
