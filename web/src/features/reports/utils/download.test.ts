import { describe, expect, it } from "vitest";

import { fileNameFromDisposition, formatBytes } from "./download";

describe("fileNameFromDisposition", () => {
  it("prefers the UTF-8 filename* and decodes it", () => {
    expect(
      fileNameFromDisposition(`attachment; filename="Caf_-report-2026-11-01-to-2026-11-30.pdf"; filename*=UTF-8''Caf%C3%A9-report-2026-11-01-to-2026-11-30.pdf`),
    ).toBe("Café-report-2026-11-01-to-2026-11-30.pdf");
  });

  it("takes the plain filename, quoted or not", () => {
    expect(fileNameFromDisposition(`attachment; filename="dublin hotel.csv"`)).toBe("dublin hotel.csv");
    expect(fileNameFromDisposition("attachment; filename=report.csv")).toBe("report.csv");
  });

  it("gives nothing for no header, no name, or a path", () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition("attachment")).toBeNull();
    expect(fileNameFromDisposition(`attachment; filename="../etc/passwd"`)).toBeNull();
  });
});

describe("formatBytes", () => {
  it("uses the largest unit that keeps the number small", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(12_800)).toBe("13 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});
