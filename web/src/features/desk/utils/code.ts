// Redemption codes as the server reads them (src/redemptions/code.cpp, ported exactly): twelve Crockford base32
// symbols, the last a check symbol in GF(32), so a typo is caught here before a request (and a rate-limited
// attempt) is spent on it.

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_SYMBOLS = 12;
const DATA_SYMBOLS = CODE_SYMBOLS - 1;
const GROUP_SIZE = 4;
const MAX_TYPED_LENGTH = 64;
const FIELD_TOP = 0x20; // x^5: a product that reaches it is reduced
const FIELD_MODULUS = 0b100101; // x^5 + x^2 + 1, primitive over GF(2)
const ALPHA = 2; // the element x

/** a·b in GF(32), as gf_mul on the server. */
function gfMul(a: number, b: number): number {
  let product = 0;
  for (; b !== 0; b >>= 1) {
    if ((b & 1) !== 0) product ^= a;
    a <<= 1;
    if ((a & FIELD_TOP) !== 0) a ^= FIELD_MODULUS;
  }
  return product;
}

/** Data symbol i weighs α^(i+1); the check symbol weighs 1. */
const WEIGHTS: readonly number[] = (() => {
  const weights: number[] = [];
  let power = 1;
  for (let i = 0; i < DATA_SYMBOLS; i++) {
    power = gfMul(power, ALPHA);
    weights.push(power);
  }
  return weights;
})();

/** The value of one typed character (Crockford: either case, O→0, I and L→1), or undefined. U is not a symbol. */
function symbolValue(char: string): number | undefined {
  if (char.length !== 1 || char.charCodeAt(0) > 0x7f) return undefined; // the server reads ASCII bytes only
  const upper = char.toUpperCase();
  if (upper === "O") return 0;
  if (upper === "I" || upper === "L") return 1;
  const value = CODE_ALPHABET.indexOf(upper);
  return value >= 0 ? value : undefined;
}

function checkValue(data: readonly number[]): number {
  let sum = 0;
  data.forEach((value, i) => {
    sum ^= gfMul(value, WEIGHTS[i] ?? 0);
  });
  return sum;
}

/** The check symbol for eleven data symbols (used to make codes in tests). */
export function checkSymbol(data: string): string {
  const values = Array.from(data, (char) => symbolValue(char));
  if (values.length !== DATA_SYMBOLS || values.some((value) => value === undefined)) {
    throw new Error("checkSymbol needs 11 code symbols");
  }
  return CODE_ALPHABET.charAt(checkValue(values as number[]));
}

/** The symbols in what a person typed, canonical and in order; every other character is dropped. */
export function codeSymbols(typed: string): string {
  let symbols = "";
  for (const char of typed) {
    const value = symbolValue(char);
    if (value !== undefined) symbols += CODE_ALPHABET.charAt(value);
  }
  return symbols;
}

function group(symbols: string): string {
  return symbols.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g"))?.join("-") ?? "";
}

/** What the field shows as you type: at most 12 symbols in groups of four, "7KQ2-M9XD-4T1Z". */
export function formatCodeInput(typed: string): string {
  return group(codeSymbols(typed).slice(0, CODE_SYMBOLS));
}

/**
 * The canonical code, or null when the server would refuse it: spaces and hyphens are ignored, any other
 * character that is not a symbol, a wrong length or a wrong check symbol makes it invalid (parse_code).
 */
export function parseCode(typed: string): string | null {
  if (typed.length > MAX_TYPED_LENGTH) return null;
  const values: number[] = [];
  for (const char of typed) {
    if (char === " " || char === "-") continue;
    const value = symbolValue(char);
    if (value === undefined || values.length === CODE_SYMBOLS) return null;
    values.push(value);
  }
  if (values.length !== CODE_SYMBOLS) return null;
  if (checkValue(values.slice(0, DATA_SYMBOLS)) !== values[DATA_SYMBOLS]) return null;
  return group(values.map((value) => CODE_ALPHABET.charAt(value)).join(""));
}

/** The code inside a scanned QR: a grouped code anywhere in the text, else the text's own symbols. */
export function codeFromScan(text: string): string {
  const grouped = /[0-9A-Z]{4}[- ]?[0-9A-Z]{4}[- ]?[0-9A-Z]{4}/i.exec(text);
  return formatCodeInput(grouped?.[0] ?? text);
}

/** Where the caret belongs in `formatted` so that `symbolsBefore` symbols stay to its left. */
export function caretAfterSymbols(formatted: string, symbolsBefore: number): number {
  if (symbolsBefore <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (formatted[i] !== "-") seen++;
    if (seen === symbolsBefore) return i + 1;
  }
  return formatted.length;
}
