import { describe, expect, it } from "vitest";

import { CODE_ALPHABET, caretAfterSymbols, checkSymbol, codeFromScan, formatCodeInput, parseCode } from "./code";

// Codes the server accepts: the two its own unit tests pin (src/redemptions/code_test.cpp), codes computed with an
// independent port of its algorithm, and codes the server generated when a traveller claimed a coupon.
const serverFixtures = ["7KQ2-M9XD-4T1Z", "10H1-K0M1-N0P7"];
const computed = ["ABCD-EFGH-JKM7", "0000-0000-0000", "ZZZZ-ZZZZ-ZZZK", "HC20-26DE-SK01"];
const issuedByServer = ["9E3D-8CXW-BJ40", "N487-ENN9-MAAZ", "F535-JR6W-8Q1G", "4CEA-YMMD-82T5", "932P-9JJZ-MYHF", "KT6S-8WGA-M1R1"];
const valid = [...serverFixtures, ...computed, ...issuedByServer];

describe("parseCode", () => {
  it.each(valid)("accepts %s", (code) => {
    expect(parseCode(code)).toBe(code);
  });

  it("reads codes the way the server does: case, spaces and hyphens ignored, O→0, I and L→1", () => {
    expect(parseCode("7kq2 m9xd 4t1z")).toBe("7KQ2-M9XD-4T1Z");
    expect(parseCode("7KQ2M9XD4T1Z")).toBe("7KQ2-M9XD-4T1Z");
    expect(parseCode("IOHI-KOMI-NOP7")).toBe("10H1-K0M1-N0P7");
    expect(parseCode("lohl-komi-nop7")).toBe("10H1-K0M1-N0P7");
  });

  it("refuses a wrong length, a character outside the alphabet, U, and over-long input", () => {
    expect(parseCode("7KQ2-M9XD-4T1")).toBeNull();
    expect(parseCode("7KQ2-M9XD-4T1Z0")).toBeNull();
    expect(parseCode("7KQ2-M9XD-4TUZ")).toBeNull();
    expect(parseCode("7KQ2_M9XD_4T1Z")).toBeNull();
    expect(parseCode("7KQ2-M9XD-4T1ı")).toBeNull();
    expect(parseCode(`7KQ2-M9XD-4T1Z${" ".repeat(60)}`)).toBeNull();
  });

  it("catches every single mistyped symbol", () => {
    for (const code of valid) {
      const symbols = code.replace(/-/g, "");
      for (let position = 0; position < symbols.length; position++) {
        for (const replacement of CODE_ALPHABET) {
          if (replacement === symbols[position]) continue;
          const typo = symbols.slice(0, position) + replacement + symbols.slice(position + 1);
          expect(parseCode(typo), typo).toBeNull();
        }
      }
    }
  });

  it("catches every swap of two different neighbours", () => {
    for (const code of valid) {
      const symbols = code.replace(/-/g, "");
      for (let position = 0; position + 1 < symbols.length; position++) {
        const a = symbols.charAt(position);
        const b = symbols.charAt(position + 1);
        if (a === b) continue;
        const swapped = symbols.slice(0, position) + b + a + symbols.slice(position + 2);
        expect(parseCode(swapped), swapped).toBeNull();
      }
    }
  });
});

describe("checkSymbol", () => {
  it("is the symbol the server appends", () => {
    expect(checkSymbol("7KQ2M9XD4T1")).toBe("Z");
    expect(checkSymbol("10H1K0M1N0P")).toBe("7");
  });
});

describe("formatCodeInput", () => {
  it("groups symbols in fours as you type, without a trailing dash", () => {
    expect(formatCodeInput("7kq2")).toBe("7KQ2");
    expect(formatCodeInput("7kq2m")).toBe("7KQ2-M");
    expect(formatCodeInput("7KQ2M9XD4T1Z")).toBe("7KQ2-M9XD-4T1Z");
  });

  it("maps I, L and O, drops U, punctuation and anything past twelve symbols", () => {
    expect(formatCodeInput("i l o")).toBe("110");
    expect(formatCodeInput("7KQ2 / M9XD u 4T1Z 99")).toBe("7KQ2-M9XD-4T1Z");
  });
});

describe("codeFromScan", () => {
  it("finds a code in a scanned text", () => {
    expect(codeFromScan("7KQ2-M9XD-4T1Z")).toBe("7KQ2-M9XD-4T1Z");
    expect(codeFromScan("HOTELCOUPON:7kq2m9xd4t1z")).toBe("7KQ2-M9XD-4T1Z");
  });
});

describe("caretAfterSymbols", () => {
  it("puts the caret after the same number of symbols, skipping dashes", () => {
    expect(caretAfterSymbols("7KQ2-M9XD", 0)).toBe(0);
    expect(caretAfterSymbols("7KQ2-M9XD", 4)).toBe(4);
    expect(caretAfterSymbols("7KQ2-M9XD", 5)).toBe(6);
    expect(caretAfterSymbols("7KQ2-M9XD", 20)).toBe(9);
  });
});
