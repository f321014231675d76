import { writeFileSync } from "node:fs";
import type { Page } from "playwright-core";

// A video file for Chromium's fake camera (--use-file-for-fake-video-capture): a still picture of a PNG, as
// Y4M (raw YUV 4:2:0), the format Chromium reads without any codec. The picture is decoded by the browser itself.

const WIDTH = 640;
const HEIGHT = 480;

/** Grey levels (0–255) of `png` drawn centred at `size`×`size` on a white 640×480 frame. */
async function greyFrame(page: Page, png: Buffer, size: number): Promise<number[]> {
  return page.evaluate(
    async ({ base64, width, height, side }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext("2d");
      if (context === null) throw new Error("no 2d context");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, width, height);
      context.imageSmoothingEnabled = false;
      context.drawImage(bitmap, (width - side) / 2, (height - side) / 2, side, side);
      const rgba = context.getImageData(0, 0, width, height).data;
      const grey: number[] = [];
      for (let i = 0; i < rgba.length; i += 4) grey.push(Math.round(0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0)));
      return grey;
    },
    { base64: png.toString("base64"), width: WIDTH, height: HEIGHT, side: size },
  );
}

/** Writes a few seconds of the PNG as a Y4M video to `path`. */
export async function writeFakeCameraVideo(page: Page, png: Buffer, path: string): Promise<void> {
  const luma = Buffer.from(await greyFrame(page, png, 360));
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // U and V planes: no colour
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 20 }, () => frame)]));
}
