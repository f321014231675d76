// The desk's react-query keys, in one place so a use or an undo can refresh the log.
export const deskKeys = {
  log: ["desk", "log"] as const,
};
