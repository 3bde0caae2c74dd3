/**
 * What the user's browser does with an authorize URL, over plain HTTP: load Intuit's page (the
 * stand-in), press Connect or Cancel on the consent page, follow the redirect to wherever it
 * points (our loopback listener). Used where a test does not need a real browser engine.
 */
export interface Landing {
  status: number;
  url: string;
  body: string;
}

async function follow(url: string, init?: RequestInit): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

/** `realmId`: the company to pick when the consent page offers several (default: the first). */
export async function approveInBrowser(authorizeUrl: string, decision: 'connect' | 'cancel' = 'connect', pick?: string): Promise<Landing> {
  let res = await follow(authorizeUrl);
  if (res.status === 200) {
    const html = await res.text();
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
    const realmId = pick ?? /name="realmId" value="([^"]+)"/.exec(html)?.[1];
    if (!request) throw new Error(`no consent form on ${authorizeUrl}: ${html.slice(0, 200)}`);
    const form = new URLSearchParams({ request, decision, ...(realmId ? { realmId } : {}) });
    res = await follow(new URL('/connect/oauth2/consent', authorizeUrl).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
  const landing = await follow(location);
  return { status: landing.status, url: location, body: await landing.text() };
}
