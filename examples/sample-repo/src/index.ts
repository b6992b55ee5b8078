export { formatCents, formatMoney, parseAmount } from "./format.js";
export {
  type Account,
  type AccountKind,
  Ledger,
  loadLedger,
  type Money,
  monthlyTotal,
  printBalances,
  type Transaction,
} from "./ledger.js";
