// An expense's approval steps from each status, as the facade's workflow has them (organize/
// steps.rs): asking the facade row by row would be a call per expense for four fixed rules. The
// step itself is still the facade's `stepRecord`, which refuses one it does not allow.
import type { Step } from "../../lib/ipc";

const STEPS: Record<string, Step[]> = {
  pending: [
    { to: "approved", label: "Approve", effect: "records you as approver, now" },
    { to: "rejected", label: "Reject", effect: "records you as the one who rejected it, now" },
  ],
  approved: [{ to: "paid", label: "Mark paid", effect: "records today as the payment date" }],
  rejected: [{ to: "pending", label: "Reopen", effect: "clears the approval" }],
};

/** The steps an expense in `status` may take (none once paid). A row with no status is pending. */
export function expenseSteps(status: string | null | undefined): Step[] {
  return STEPS[status || "pending"] ?? [];
}

/** Every step, once (each leads to a status of its own). */
export const EXPENSE_STEPS: Step[] = Object.values(STEPS).flat();

/** The order expenses' statuses are counted in, and their words. */
export const STATUSES = [
  { id: "pending", label: "Pending", note: "Waiting for approval" },
  { id: "approved", label: "Approved", note: "Committed, not paid yet" },
  { id: "paid", label: "Paid", note: "Committed and paid" },
  { id: "rejected", label: "Rejected", note: "Not counted" },
] as const;

export type ExpenseStatus = (typeof STATUSES)[number]["id"];
