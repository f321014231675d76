// A coupon's picture is checked here before the upload: the server takes JPEG, PNG or WebP up to 5 MiB.

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a chosen file cannot be the coupon's picture, or undefined when it can. */
export function imageProblem(file: File): string | undefined {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return "Choose a JPEG, PNG or WebP image.";
  if (file.size > MAX_IMAGE_BYTES) return `The image is ${formatMegabytes(file.size)}; the largest allowed is 5 MB.`;
  return undefined;
}
