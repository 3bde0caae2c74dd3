/**
 * The one handler table. Its type is derived from the contract, so a call added to
 * `preload/contract.ts` without a handler here fails to compile, and each handler receives a
 * request already parsed by that call's schema.
 */
import type { CallName, CallResponse, ParsedRequest } from '../../preload/contract';
import type { AppContext } from '../app/context';
import { companiesView, companyView } from '../companies/companies-view';
import { connectionAppError } from '../connect/app-errors';
import { reviewHandlers } from './review-handlers';

export type Handler<K extends CallName> = (request: ParsedRequest<K>, ctx: AppContext) => Promise<CallResponse<K>>;
export type HandlerTable = { [K in CallName]: Handler<K> };

export const handlers: HandlerTable = {
  async getAppInfo(_request, ctx) {
    return { name: 'Ledgerbridge', version: ctx.version, mode: ctx.mode, dataDir: ctx.dataDir };
  },

  async listCompanies(_request, ctx) {
    return companiesView(ctx.settings.read()).companies;
  },

  async listStores(request, ctx) {
    const { stores } = companiesView(ctx.settings.read());
    return request.realmId === undefined ? stores : stores.filter((s) => s.realmId === request.realmId);
  },

  async connectQuickBooks(request, ctx) {
    try {
      const company = await ctx.connections.connect({ ...request, openBrowser: true }, (progress) => ctx.events.emit('connectProgress', progress));
      return companyView(company);
    } catch (error) {
      throw connectionAppError(error);
    }
  },

  async cancelConnect(_request, ctx) {
    return { cancelled: ctx.connections.cancelConnect() };
  },

  async disconnectCompany(request, ctx) {
    try {
      return companyView(await ctx.connections.disconnect(request.realmId));
    } catch (error) {
      throw connectionAppError(error);
    }
  },

  async listIntuitApps(_request, ctx) {
    const apps = ctx.connections.apps.list();
    return Promise.all(
      apps.map(async (app) => ({
        environment: app.environment,
        clientId: app.clientId,
        ...(app.discoveryUrl === undefined ? {} : { discoveryUrl: app.discoveryUrl }),
        ...(app.relayUrl === undefined ? {} : { relayUrl: app.relayUrl }),
        hasSecret: await ctx.connections.apps.hasSecret(app),
      })),
    );
  },

  async openDemoCompany(_request, ctx) {
    const { company } = await ctx.demo.open(ctx);
    return companyView(company);
  },

  ...reviewHandlers,
};
