import { formatMoney } from "./format.js";

/** An amount of money in minor units (cents) for a given ISO 4217 currency. */
export type Money = {
  readonly cents: number;
  readonly currency: string;
};

export type AccountKind = "asset" | "liability" | "income" | "expense";

export interface Account {
  id: string;
  name: string;
  kind: AccountKind;
}

export interface Transaction {
  id: string;
  date: string; // ISO date, e.g. "2026-10-02"
  from: string;
  to: string;
  amount: Money;
  memo?: string;
}

export class Ledger {
  private readonly accounts = new Map<string, Account>();
  private readonly transactions: Transaction[] = [];

  constructor(readonly currency: string = "EUR") {}

  addAccount(account: Account): void {
    if (this.accounts.has(account.id)) {
      throw new Error(`Account already exists: ${account.id}`);
    }
    this.accounts.set(account.id, account);
  }

  post(tx: Transaction): void {
    for (const id of [tx.from, tx.to]) {
      if (!this.accounts.has(id)) {
        throw new Error(`Unknown account "${id}" in transaction ${tx.id}`);
      }
    }
    if (tx.amount.currency !== this.currency) {
      throw new Error(`Currency mismatch: expected ${this.currency}, got ${tx.amount.currency}`);
    }
    if (!Number.isInteger(tx.amount.cents) || tx.amount.cents <= 0) {
      throw new Error(`Invalid amount in transaction ${tx.id}`);
    }
    this.transactions.push(tx);
  }

  balance(accountId: string): Money {
    let cents = 0;
    for (const tx of this.transactions) {
      if (tx.to === accountId) cents += tx.amount.cents;
      if (tx.from === accountId) cents -= tx.amount.cents;
    }
    return { cents, currency: this.currency };
  }

  entries(): readonly Transaction[] {
    return this.transactions;
  }
}

/** Sum of all postings into `accountId` during `month` ("YYYY-MM"). */
export function monthlyTotal(ledger: Ledger, accountId: string, month: string): Money {
  const cents = ledger
    .entries()
    .filter((tx) => tx.to === accountId && tx.date.startsWith(month))
    .reduce((sum, tx) => sum + tx.amount.cents, 0);
  return { cents, currency: ledger.currency };
}

/** Builds a ledger from a JSON file produced by the bank export. */
export async function loadLedger(path: string): Promise<Ledger> {
  const { readFile } = await import("node:fs/promises");
  const data = JSON.parse(await readFile(path, "utf8")) as {
    currency: string;
    accounts: Account[];
    transactions: Transaction[];
  };
  const ledger = new Ledger(data.currency);
  data.accounts.forEach((a) => ledger.addAccount(a));
  data.transactions.forEach((tx) => ledger.post(tx));
  console.log(`Loaded ${data.transactions.length} transactions from ${path}`);
  return ledger;
}

export function printBalances(ledger: Ledger, accountIds: string[]): void {
  for (const id of accountIds) {
    console.log(`${id.padEnd(12)} ${formatMoney(ledger.balance(id))}`);
  }
}
