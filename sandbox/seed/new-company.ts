/**
 * A brand-new US QuickBooks Online company, as Intuit hands it over after sign-up: company info,
 * preferences, the default chart of accounts, the US pseudo tax codes TAX/NON, the default payment
 * methods — and no customers, items or transactions. Used alone for `--seed empty` and as the
 * starting point of the seeded business's books.
 */
import type { QboEntityJson, SeedBooks } from './types';
import { localDate, qboTime } from './time';

/** A fixed sign-up instant so the empty company is deterministic too. */
export const DEFAULT_COMPANY_CREATED = new Date('2026-01-05T15:04:05Z');
export const DEFAULT_COMPANY_NAME = 'Sandbox Company_US_1';
export const COMPANY_TIME_ZONE = 'America/Chicago';

export const USD_REF = Object.freeze({ value: 'USD', name: 'United States Dollar' });

type Classification = 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense';

/** [Name, AccountType, AccountSubType] in the order QBO creates them (Ids follow this order). */
const DEFAULT_ACCOUNTS: ReadonlyArray<readonly [string, string, string]> = [
  ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
  ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
  ['Inventory Asset', 'Other Current Asset', 'Inventory'],
  ['Prepaid expenses', 'Other Current Asset', 'PrepaidExpenses'],
  ['Uncategorized Asset', 'Other Current Asset', 'OtherCurrentAssets'],
  ['Checking', 'Bank', 'Checking'],
  ['Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable'],
  ['Sales Tax Payable', 'Other Current Liability', 'SalesTaxPayable'],
  ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity'],
  ["Owner's Investment", 'Equity', 'OwnersEquity'],
  ["Owner's Pay & Personal Expenses", 'Equity', 'PartnerDistributions'],
  ['Retained Earnings', 'Equity', 'RetainedEarnings'],
  ['Sales of Product Income', 'Income', 'SalesOfProductIncome'],
  ['Services', 'Income', 'ServiceFeeIncome'],
  ['Shipping Income', 'Income', 'OtherPrimaryIncome'],
  ['Discounts given', 'Income', 'DiscountsRefundsGiven'],
  ['Uncategorized Income', 'Income', 'OtherPrimaryIncome'],
  ['Interest earned', 'Other Income', 'InterestEarned'],
  ['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
  ['Shipping', 'Cost of Goods Sold', 'ShippingFreightDeliveryCos'],
  ['Advertising & marketing', 'Expense', 'AdvertisingPromotional'],
  ['Bank fees & service charges', 'Expense', 'BankCharges'],
  ['Merchant account fees', 'Expense', 'BankCharges'],
  ['Contract labor', 'Expense', 'CostOfLabor'],
  ['Insurance', 'Expense', 'Insurance'],
  ['Interest paid', 'Expense', 'InterestPaid'],
  ['Legal & accounting services', 'Expense', 'LegalProfessionalFees'],
  ['Meals', 'Expense', 'EntertainmentMeals'],
  ['Office expenses', 'Expense', 'OfficeGeneralAdministrativeExpenses'],
  ['Rent', 'Expense', 'RentOrLeaseOfBuildings'],
  ['Repairs & maintenance', 'Expense', 'RepairMaintenance'],
  ['Supplies & materials', 'Expense', 'SuppliesMaterials'],
  ['Taxes & licenses', 'Expense', 'TaxesPaid'],
  ['Travel', 'Expense', 'Travel'],
  ['Utilities', 'Expense', 'Utilities'],
  ['Uncategorized Expense', 'Expense', 'OtherMiscellaneousServiceCost'],
  ['Reconciliation Discrepancies', 'Other Expense', 'OtherMiscellaneousExpense'],
];

const CLASSIFICATION: Record<string, Classification> = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Other Current Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Expense': 'Expense',
};

/** [Name, Type] of the payment methods every US company starts with. */
const DEFAULT_PAYMENT_METHODS: ReadonlyArray<readonly [string, string]> = [
  ['Cash', 'NON_CREDIT_CARD'],
  ['Check', 'NON_CREDIT_CARD'],
  ['Visa', 'CREDIT_CARD'],
  ['MasterCard', 'CREDIT_CARD'],
  ['Discover', 'CREDIT_CARD'],
  ['American Express', 'CREDIT_CARD'],
  ['Diners Club', 'CREDIT_CARD'],
];

export interface NewCompanyOptions {
  companyName?: string;
  /** Sign-up instant; default DEFAULT_COMPANY_CREATED. */
  now?: Date;
}

function metaData(ms: number): { CreateTime: string; LastUpdatedTime: string } {
  const t = qboTime(ms);
  return { CreateTime: t, LastUpdatedTime: t };
}

function accounts(ms: number): QboEntityJson[] {
  return DEFAULT_ACCOUNTS.map(([name, type, subType], i) => ({
    Name: name,
    SubAccount: false,
    FullyQualifiedName: name,
    Active: true,
    Classification: CLASSIFICATION[type] as Classification,
    AccountType: type,
    AccountSubType: subType,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: { ...USD_REF },
    domain: 'QBO',
    sparse: false,
    Id: String(i + 1),
    SyncToken: '0',
    MetaData: metaData(ms),
  }));
}

function paymentMethods(ms: number): QboEntityJson[] {
  return DEFAULT_PAYMENT_METHODS.map(([name, type], i) => ({
    Name: name,
    Active: true,
    Type: type,
    domain: 'QBO',
    sparse: false,
    Id: String(i + 1),
    SyncToken: '0',
    MetaData: metaData(ms),
  }));
}

/** US companies expose the pseudo codes TAX and NON (no SyncToken, as Intuit serves them). */
function taxCodes(ms: number): QboEntityJson[] {
  return [
    { TaxGroup: false, Name: 'TAX', Taxable: true, Description: 'TAX', Id: 'TAX', MetaData: metaData(ms) },
    { TaxGroup: false, Name: 'NON', Taxable: false, Description: 'NON', Id: 'NON', MetaData: metaData(ms) },
  ];
}

function companyAddress(): Record<string, string> {
  return { Id: '1', Line1: '2100 E Cesar Chavez St', City: 'Austin', CountrySubDivisionCode: 'TX', PostalCode: '78702', Country: 'US' };
}

function companyInfo(name: string, ms: number): Record<string, unknown> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    CompanyName: name,
    LegalName: name,
    CompanyAddr: companyAddress(),
    CustomerCommunicationAddr: companyAddress(),
    LegalAddr: companyAddress(),
    CustomerCommunicationEmailAddr: { Address: `books@${slug || 'company'}.example.com` },
    PrimaryPhone: {},
    CompanyStartDate: localDate(ms, COMPANY_TIME_ZONE),
    FiscalYearStartMonth: 'January',
    Country: 'US',
    Email: { Address: `books@${slug || 'company'}.example.com` },
    WebAddr: {},
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Retail Trade' },
      { Name: 'IndustryCode', Value: '454110' },
      { Name: 'CompanyType', Value: 'LLC' },
      { Name: 'SubscriptionStatus', Value: 'TRIAL' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'AccountantFeature', Value: 'false' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
      { Name: 'QBOIndustryType', Value: 'Retail' },
      { Name: 'ItemCategoriesFeature', Value: 'true' },
      { Name: 'AssignedTime', Value: qboTime(ms) },
    ],
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
    MetaData: metaData(ms),
  };
}

function salesCustomFields(names: readonly [string?, string?, string?]): unknown[] {
  return [
    {
      CustomField: [3, 2, 1].map((n) => ({
        Name: `SalesFormsPrefs.UseSalesCustom${n}`,
        Type: 'BooleanType',
        BooleanValue: names[n - 1] !== undefined,
      })),
    },
    {
      CustomField: [1, 2, 3]
        .filter((n) => names[n - 1] !== undefined)
        .map((n) => ({ Name: `SalesFormsPrefs.SalesCustomName${n}`, Type: 'StringType', StringValue: names[n - 1] })),
    },
  ];
}

function preferences(name: string, accountsList: QboEntityJson[], ms: number): Record<string, unknown> {
  const idOf = (n: string): string => accountsList.find((a) => a.Name === n)?.Id ?? '';
  return {
    EmailMessagesPrefs: {
      InvoiceMessage: {
        Subject: `Invoice from ${name}`,
        Message: `Dear [Name],\n\nHere's your invoice! We appreciate your prompt payment.\n\nThanks for your business!\n${name}`,
      },
      EstimateMessage: {
        Subject: `Estimate from ${name}`,
        Message: `Dear [Name],\n\nPlease review the estimate below. Feel free to contact us if you have any questions.\nWe look forward to working with you.\n\nHave a great day!\n${name}`,
      },
      SalesReceiptMessage: {
        Subject: `Sales Receipt from ${name}`,
        Message: `Dear [Name],\n\nPlease review the sales receipt below.\nWe appreciate it very much.\n\nThanks for your business!\n${name}`,
      },
      StatementMessage: {
        Subject: `Statement from ${name}`,
        Message: `Dear [Name],\n\nYour statement is attached. Please remit payment at your earliest convenience.\n\nHave a great day!\n${name}`,
      },
    },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityWithPriceAndRate: true,
      QuantityOnHand: true,
    },
    ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
    AccountingInfoPrefs: {
      FirstMonthOfFiscalYear: 'January',
      UseAccountNumbers: false,
      TaxYearMonth: 'January',
      ClassTrackingPerTxn: false,
      ClassTrackingPerTxnLine: false,
      TrackDepartments: false,
      CustomerTerminology: 'Customers',
    },
    SalesFormsPrefs: {
      CustomField: salesCustomFields([]),
      CustomTxnNumbers: false,
      AllowDeposit: false,
      AllowDiscount: false,
      DefaultDiscountAccount: idOf('Discounts given'),
      AllowEstimates: true,
      AllowServiceDate: false,
      AllowShipping: false,
      AutoApplyCredit: true,
      AutoApplyPayments: true,
      EmailCopyToCompany: false,
      ETransactionEnabledStatus: 'NotApplicable',
      ETransactionAttachPDF: false,
      ETransactionPaymentEnabled: false,
      IPNSupportEnabled: false,
      UsingPriceLevels: false,
      UsingProgressInvoicing: false,
      DefaultCustomerMessage: 'Thank you for your business and have a great day!',
    },
    VendorAndPurchasesPrefs: {
      TrackingByCustomer: false,
      BillableExpenseTracking: false,
      POCustomField: [
        {
          CustomField: [3, 2, 1].map((n) => ({
            Name: `PurchasePrefs.UsePurchaseCustom${n}`,
            Type: 'BooleanType',
            BooleanValue: false,
          })),
        },
      ],
    },
    TimeTrackingPrefs: {
      UseServices: true,
      BillCustomers: false,
      ShowBillRateToAll: false,
      WorkWeekStartDate: 'Monday',
      MarkTimeEntriesBillable: false,
    },
    TaxPrefs: { UsingSalesTax: false, PartnerTaxEnabled: true },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
    OtherPrefs: {
      NameValue: [
        { Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business and have a great day!' },
        { Name: 'DTXCopyMemo', Value: 'false' },
        { Name: 'UncategorizedAssetAccountId', Value: idOf('Uncategorized Asset') },
        { Name: 'UncategorizedIncomeAccountId', Value: idOf('Uncategorized Income') },
        { Name: 'UncategorizedExpenseAccountId', Value: idOf('Uncategorized Expense') },
        { Name: 'SFCEnabled', Value: 'true' },
        { Name: 'DataPartner', Value: 'false' },
        { Name: 'Vendor1099Enabled', Value: 'false' },
        { Name: 'TimeTrackingFeatureEnabled', Value: 'true' },
        { Name: 'FDPEnabled', Value: 'false' },
        { Name: 'ProjectsEnabled', Value: 'true' },
        { Name: 'DateFormat', Value: 'Month Date Year separated by a slash' },
        { Name: 'DateFormatMnemonic', Value: 'MMDDYYYY_SEP_SLASH' },
        { Name: 'NumberFormat', Value: 'US Number Format' },
        { Name: 'NumberFormatMnemonic', Value: 'US_NB' },
        { Name: 'WarnDuplicateCheckNumber', Value: 'true' },
        { Name: 'WarnDuplicateBillNumber', Value: 'false' },
        { Name: 'SignoutInactiveMinutes', Value: '60' },
        { Name: 'AccountingInfoPrefs.ShowAccountNumbers', Value: 'false' },
      ],
    },
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
    MetaData: metaData(ms),
  };
}

export function newCompanyBooks(realmId: string, opts: NewCompanyOptions = {}): SeedBooks {
  const ms = (opts.now ?? DEFAULT_COMPANY_CREATED).getTime();
  const name = opts.companyName ?? DEFAULT_COMPANY_NAME;
  const accountList = accounts(ms);
  return {
    realmId,
    CompanyInfo: companyInfo(name, ms),
    Preferences: preferences(name, accountList, ms),
    Account: accountList,
    TaxCode: taxCodes(ms),
    TaxRate: [],
    PaymentMethod: paymentMethods(ms),
    Customer: [],
    Item: [],
    Invoice: [],
    SalesReceipt: [],
    Payment: [],
    CreditMemo: [],
    RefundReceipt: [],
    timeZone: COMPANY_TIME_ZONE,
  };
}
