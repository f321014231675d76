// The reports screen's react-query keys.
export const reportKeys = {
  all: ["reports"] as const,
  list: ["reports", "list"] as const,
  one: (id: string) => ["reports", "one", id] as const,
};
