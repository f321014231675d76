import { useCallback, useEffect, useRef, useState } from "react";

import { createQrDecoder } from "../utils/qr-decoder";

// The camera, opened on request (rear camera where there is one), read a few times a second until a QR code is
// found, and always closed again: when a code is found, when the user stops, and when the page goes away.

export type ScannerState = { status: "idle" } | { status: "starting" } | { status: "scanning" } | { status: "failed"; message: string };

const SCAN_EVERY_MS = 200;

/** Why the camera did not open, in words for the person at the desk. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Camera access was denied. Allow the camera for this site in the browser's settings, or type the code.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No camera was found on this device. Type the code instead.";
    case "NotReadableError":
    case "AbortError":
      return "The camera is in use by another app or could not start. Close the other app and try again, or type the code.";
    default:
      return "The camera could not be opened. Type the code instead.";
  }
}

export function useQrScanner(onDecode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScannerState>({ status: "idle" });
  // Each start() is one session; release() ends it, so late answers of an older session are dropped.
  const session = useRef<{ generation: number; stream: MediaStream | null; timer: ReturnType<typeof setTimeout> | undefined }>({
    generation: 0,
    stream: null,
    timer: undefined,
  });
  const latestOnDecode = useRef(onDecode);
  useEffect(() => {
    latestOnDecode.current = onDecode;
  });

  const release = useCallback(() => {
    const current = session.current;
    current.generation++;
    clearTimeout(current.timer);
    for (const track of current.stream?.getTracks() ?? []) track.stop();
    current.stream = null;
    if (videoRef.current !== null) videoRef.current.srcObject = null;
  }, []);

  const stop = useCallback(() => {
    release();
    setState({ status: "idle" });
  }, [release]);

  const start = useCallback(async () => {
    release();
    const current = session.current;
    const generation = current.generation;
    const live = () => current.generation === generation;
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    if (mediaDevices === undefined || typeof mediaDevices.getUserMedia !== "function") {
      setState({ status: "failed", message: "This browser cannot open a camera on this page (it needs a secure https:// address). Type the code instead." });
      return;
    }
    setState({ status: "starting" });
    try {
      // The browser may ask the person first: this waits for their answer.
      const stream = await mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      if (!live()) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      current.stream = stream;
      const video = videoRef.current;
      if (video === null) throw new Error("no video element");
      video.srcObject = stream;
      await video.play();
      const decode = await createQrDecoder(); // loads jsQR on first use where the browser has no detector
      if (!live()) return;
      setState({ status: "scanning" });
      const tick = async () => {
        const text = video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA ? await decode(video).catch(() => null) : null;
        if (!live()) return;
        if (text !== null && text !== "") {
          stop();
          latestOnDecode.current(text);
          return;
        }
        current.timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
      };
      void tick();
    } catch (error) {
      if (!live()) return;
      release();
      setState({ status: "failed", message: cameraErrorMessage(error) });
    }
  }, [release, stop]);

  useEffect(() => release, [release]);

  return { videoRef, state, start, stop };
}
