import type { Money } from "./ledger.js";

const SYMBOLS: Record<string, string> = { EUR: "€", USD: "$", GBP: "£" };

/** Formats minor units as a plain decimal string: 123456 -> "1,234.56". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  const frac = String(abs % 100).padStart(2, "0");
  return `${sign}${whole}.${frac}`;
}

/** Formats money with its currency symbol (or code when unknown). */
export function formatMoney(money: Money): string {
  const symbol = SYMBOLS[money.currency];
  if (!symbol) return `${formatCents(money.cents)} ${money.currency}`;
  const sign = money.cents < 0 ? "-" : "";
  return `${sign}${symbol}${formatCents(Math.abs(money.cents))}`;
}

/** Parses a user-entered amount like "12.5" or "1,200.00" into cents. */
export function parseAmount(text: string): number {
  const cleaned = text.replace(/[,\s]/g, "");
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) {
    throw new Error(`Not a valid amount: "${text}"`);
  }
  return Math.round(Number.parseFloat(cleaned) * 100);
}
