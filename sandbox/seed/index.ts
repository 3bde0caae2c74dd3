export * from './types';
export { newCompanyBooks, COMPANY_TIME_ZONE, DEFAULT_COMPANY_CREATED, DEFAULT_COMPANY_NAME, type NewCompanyOptions } from './new-company';
export { generateBusiness, demoBusiness, emptyBusiness, DEMO_NOW, DEFAULT_REALM_ID } from './business';
export { stampFor, docNumberFor } from './qbo-docs';
export { SCENARIOS, SCENARIO_KINDS, type ScenarioKind } from './scenarios';
export { mulberry32, type Prng } from './prng';
