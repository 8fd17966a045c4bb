// The steps an event can take from where it is (the facade's rules: draft → published →
// completed, draft or published → cancelled, published → draft while nothing is sold;
// cancelled and completed are final), with the words for each.

export type Step = {
  to: string;
  /** The button. */
  label: string;
  /** The confirmation's question. */
  title: string;
  /** The confirmation's button. */
  confirm: string;
  /** What the page says once it is done. */
  done: string;
  tone: "primary" | "danger" | "plain";
};

const STEPS: Record<string, Omit<Step, "to">> = {
  published: {
    label: "Publish",
    title: "Publish this event?",
    confirm: "Publish",
    done: "Published: it is on sale. It goes up with the next sync.",
    tone: "primary",
  },
  completed: {
    label: "Mark completed",
    title: "Mark this event completed?",
    confirm: "Mark completed",
    done: "Marked completed. It goes up with the next sync.",
    tone: "plain",
  },
  draft: {
    label: "Back to draft",
    title: "Put this event back to draft?",
    confirm: "Back to draft",
    done: "Back to draft: not on sale. It goes up with the next sync.",
    tone: "plain",
  },
  cancelled: {
    label: "Cancel event",
    title: "Cancel this event?",
    confirm: "Cancel event",
    done: "Cancelled. Doors refuse its tickets once they have synced.",
    tone: "danger",
  },
};

/** Where an event can go now; `sold` counts tickets active or used. */
export function stepsFrom(status: string, sold: number): Step[] {
  const to =
    status === "draft"
      ? ["published", "cancelled"]
      : status === "published"
        ? ["completed", ...(sold === 0 ? ["draft"] : []), "cancelled"]
        : [];
  return to.flatMap((t) => {
    const step = STEPS[t];
    return step ? [{ to: t, ...step }] : [];
  });
}
