import { Button } from "@/components/ui";

import { useQrScanner } from "../hooks/use-qr-scanner";

// "Scan QR": the rear camera in a frame until a code is read; the button stops it again.

export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { videoRef, state, start, stop } = useQrScanner(onCode);
  const open = state.status === "starting" || state.status === "scanning";

  return (
    <div className="desk-scanner">
      <Button
        variant="secondary"
        className="desk-scan-button"
        aria-expanded={open}
        aria-controls="desk-camera"
        onClick={() => (open ? stop() : void start())}
      >
        {open ? "Stop camera" : "Scan QR"}
      </Button>
      <div id="desk-camera" className="desk-camera" hidden={!open}>
        <video ref={videoRef} className="desk-video" muted playsInline aria-hidden="true" />
        <span className="desk-camera-aim" aria-hidden="true" />
      </div>
      {open && (
        <p className="muted desk-camera-hint" role="status">
          {state.status === "starting" ? "Opening the camera…" : "Point the camera at the QR code on the guest's phone."}
        </p>
      )}
      {state.status === "failed" && (
        <p className="banner banner-warning desk-camera-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
