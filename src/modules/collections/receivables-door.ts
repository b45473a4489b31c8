// What collections reads of receivables — only the receivables module's door: what each customer owes
// as at a date (balance, overdue, days overdue) and what a customer paid in a period.
export { customerPositions, collectedBetween, collectedInWindows, type CustomerPosition as Position } from '../receivables/service.ts';
